# lit configuration that runs every GoogleTest binary in build/unittests.
import os
import lit.formats

config.name = "SNNC-Unit"
config.suffixes = []
config.test_source_root = os.path.join(config.snn_obj_root, "unittests")
config.test_exec_root = config.test_source_root
config.test_format = lit.formats.GoogleTest(".", "tests")
config.environment["SNN_SOURCE_DIR"] = config.snn_src_root
# Sanitized builds (SNN_SANITIZE): leaks of LLVM's process-lifetime singletons
# are not errors, nor is use-after-poison in memory of LLVM's bump allocator
# shared with the uninstrumented libMLIR (see ../lit.cfg.py); everything else
# ASan/UBSan finds fails the test.
for name, default in (("ASAN_OPTIONS", "detect_leaks=0:exitcode=99:allow_user_poisoning=0"),
                      ("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1:exitcode=98")):
    config.environment[name] = os.environ.get(name, default)
