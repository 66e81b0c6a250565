// Running compiled models on an NVIDIA GPU (--target cuda): host code JIT-compiled, buffers moved around each call.
#ifndef SNN_TOOLS_SNNC_CUDAMODEL_H
#define SNN_TOOLS_SNNC_CUDAMODEL_H

#include "runtime/ModelABI.h"
#include "tools/snnc/Model.h"

namespace snn::driver {

/// Compiles `module` for the GPU `descriptor` names (sm_XX) and binds its host code to
/// the CUDA runtime. A GPU is required: without one this returns null with the
/// driver's one-line reason before anything is compiled.
std::unique_ptr<CompiledModel> compileForCUDA(mlir::ModuleOp module, const ModelOptions &options,
                                              const std::string &descriptor,
                                              std::string *error, bool training);

/// C-ABI functions over the model compiled last by compileForCUDA, taking host
/// buffers like the CPU's entry points: each call copies the parameters and inputs to
/// the device, runs the compiled code and copies the results back. A GPU failure ends
/// the process with one error line (the previous checkpoint stays). One model per
/// process, called from one thread.
snn_forward_fn cudaForwardOnHostBuffers();
snn_train_step_fn cudaTrainStepOnHostBuffers();

} // namespace snn::driver

#endif // SNN_TOOLS_SNNC_CUDAMODEL_H
