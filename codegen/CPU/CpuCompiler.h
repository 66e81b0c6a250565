// JIT and ahead-of-time compilation of LLVM-dialect model modules for the host CPU.
#ifndef SNN_CODEGEN_CPU_CPUCOMPILER_H
#define SNN_CODEGEN_CPU_CPUCOMPILER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <utility>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace mlir {
class ExecutionEngine;
}
namespace llvm {
class Error;
class Module;
class TargetMachine;
} // namespace llvm

namespace mlir::snn {

/// The C ABI of a compiled model (see `snn-emit-c-entry`): input `[batch, ...]`,
/// the parameters in argument order, output `[batch, classes, T]`.
using ForwardFn = void (*)(const float *input, int64_t batch, const float *const *params,
                           float *output);

/// Registers the LLVM IR translations of the dialects the CPU pipeline produces.
void registerCPUTranslations(DialectRegistry &registry);

/// A model compiled in memory through MLIR's ExecutionEngine at -O2 for the host CPU.
class CpuJit {
public:
  /// `module` must be in the LLVM dialect (after `buildLinalgToLLVMPipeline`, or the
  /// host side of another target). `symbols` are functions the code calls that the
  /// caller provides (the CUDA runtime's mgpu* functions), bound before the module's
  /// global constructors run.
  static std::unique_ptr<CpuJit>
  create(ModuleOp module, StringRef entry, std::string *error,
         ArrayRef<std::pair<std::string, void *>> symbols = {});
  ~CpuJit();
  ForwardFn forward() const { return fn; }
  /// Address of another symbol of the compiled module (e.g. "snn_train_step"), or null.
  void *lookup(StringRef name) const;

private:
  CpuJit() = default;
  // ExecutionEngineOptions::transformer is a function_ref, and the transformer
  // references the target machine: both must outlive the engine, which may
  // compile lazily. Declared before `engine`, so destroyed after it.
  std::unique_ptr<llvm::TargetMachine> targetMachine;
  std::function<llvm::Error(llvm::Module *)> transformer;
  std::unique_ptr<ExecutionEngine> engine;
  ForwardFn fn = nullptr;
};

/// LLVM IR text of `module`, optimised at -O2 for the host CPU.
bool emitLLVMIR(ModuleOp module, llvm::raw_ostream &os, std::string *error);
// The file outputs below are written atomically (runtime/AtomicFile.h): on any
// failure, `path` keeps its previous contents and `*error` is one line.

/// A relocatable object file (position independent) for the host CPU.
bool emitObjectFile(ModuleOp module, StringRef path, std::string *error);
/// A shared object exporting the model's C entry point (links the object with `cc`).
/// It gets the SONAME `soname`, or none when empty.
bool emitSharedObject(ModuleOp module, StringRef path, StringRef soname, std::string *error);

} // namespace mlir::snn

#endif // SNN_CODEGEN_CPU_CPUCOMPILER_H
