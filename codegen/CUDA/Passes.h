// Passes and pipelines of the NVIDIA GPU backend.
#ifndef SNN_CODEGEN_CUDA_PASSES_H
#define SNN_CODEGEN_CUDA_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::snn {

#define GEN_PASS_DECL
#include "codegen/CUDA/Passes.h.inc"

struct CUDALoweringOptions {
  /// The GPU architecture the PTX is for (`--target cuda:sm_XX`).
  std::string chip = "sm_90";
  /// The PTX ISA version, as NVVM target features.
  std::string features = "+ptx80";
};

/// linalg on tensors → kernels in the GPU dialect: bufferize, the C entry points
/// (`snn_forward`, and `snn_train_step` with `training`) over device pointers, copies
/// and products as parallel loops, time loops inside kernels, one launch per parallel
/// loop, kernels outlined into one gpu.module (`--emit gpu`). With `onHost`
/// (`--target cuda:host`) the kernels are not outlined but inlined as loops over their
/// blocks and threads, to run on the CPU.
void buildLinalgToGPUPipeline(OpPassManager &pm, bool training, bool onHost = false);

/// Kernels → NVVM → PTX embedded in gpu.binary ops (`--emit ptx`).
void buildGPUToPTXPipeline(OpPassManager &pm, const CUDALoweringOptions &options);

/// Host functions → LLVM dialect: temporaries in GPU memory, kernel launches and
/// allocations as calls of the runtime's mgpu* functions, the PTX embedded and loaded
/// by a global constructor (`--emit llvm`).
void buildGPUHostToLLVMPipeline(OpPassManager &pm);

/// The host emulation's functions (kernels inlined as loops) → LLVM dialect, for the
/// CPU's JIT or shared objects (`--target cuda:host`, `--emit llvm|so`).
void buildEmulatedHostToLLVMPipeline(OpPassManager &pm);

/// Registers the CUDA passes and the `snn-lower-to-gpu` and `snn-gpu-to-ptx`
/// pipelines.
void registerSNNCodegenCUDA();

/// Adds the GPU and NVVM translations to LLVM IR and the NVVM target's serialisation
/// to PTX (LLVM's NVPTX back end; no CUDA toolkit needed).
void registerCUDATranslations(DialectRegistry &registry);

#define GEN_PASS_REGISTRATION
#include "codegen/CUDA/Passes.h.inc"

} // namespace mlir::snn

#endif // SNN_CODEGEN_CUDA_PASSES_H
