# lit configuration for snnc's FileCheck and end-to-end tests.
import os
import lit.formats
from lit.llvm import llvm_config

config.name = "SNNC"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["unit", "lit.cfg.py", "lit.site.cfg.py", "CMakeLists.txt", "Inputs", "reference", "runtime"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.snn_obj_root, "test")

# Toolchain pitfall 5: the LLVM 22 tools must win over Debian's default LLVM 14 ones.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.snn_tools_dir, append_path=True)
llvm_config.use_default_substitutions()

config.substitutions.append(("%snn_src", config.snn_src_root))
config.substitutions.append(("%snn_lib", config.snn_lib_dir))
config.substitutions.append(("%host_cc", config.host_cc))
config.substitutions.append(("%python", "/usr/bin/python3"))

if os.path.exists("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"):
    config.available_features.add("fashion-mnist")
# Sanitized builds: tests that cap virtual memory (ulimit -v) cannot run under
# ASan, which reserves terabytes of address space for its shadow memory.
if config.snn_sanitize.upper() in ("ON", "1", "TRUE", "YES"):
    config.available_features.add("asan")
    # allow_user_poisoning=0: LLVM's bump allocator, inlined into the project's
    # instrumented code, poisons a fresh slab that the uninstrumented libMLIR
    # then hands out without unpoisoning, so reading an attribute MLIR stored
    # there is reported as use-after-poison (a false report; real heap and stack
    # errors are still caught).
    config.environment["ASAN_OPTIONS"] = os.environ.get(
        "ASAN_OPTIONS", "detect_leaks=0:abort_on_error=0:exitcode=99:allow_user_poisoning=0")
    config.environment["UBSAN_OPTIONS"] = os.environ.get(
        "UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1:exitcode=98")
if os.path.exists("/dev/nvidia0") or os.path.exists("/dev/nvidiactl"):
    config.available_features.add("cuda-gpu")
# PTX checks: the CUDA toolkit's assembler where it happens to be installed (snnc
# itself needs no toolkit); tests marked REQUIRES: ptxas skip elsewhere.
import shutil
ptxas = shutil.which("ptxas") or ("/usr/local/cuda/bin/ptxas" if os.access("/usr/local/cuda/bin/ptxas", os.X_OK) else None)
if ptxas:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))

# Toolchain pitfall 5, guarded: the tools lit finds first must be LLVM 22's.
llvm_config.with_system_environment(["HOME", "TMPDIR"])

# Data-parallel training tests: snnc built with MPI and a launcher to start it.
# Open MPI refuses to run as root unless told; the tests' processes are local.
if config.snn_mpi.upper() in ("TRUE", "ON", "1") and os.access(config.mpiexec, os.X_OK):
    config.available_features.add("mpi")
    config.substitutions.append(("%mpirun", config.mpiexec + " --oversubscribe"))
    for name in ("OMPI_ALLOW_RUN_AS_ROOT", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"):
        config.environment[name] = "1"
