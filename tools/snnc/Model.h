// Loading a model (layer string or .mlir), and compiling it through the staged pipeline.
#ifndef SNN_TOOLS_SNNC_MODEL_H
#define SNN_TOOLS_SNNC_MODEL_H

#include "codegen/Backend.h"
#include "codegen/CPU/CpuCompiler.h"
#include "passes/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Pass/PassManager.h"

#include <memory>
#include "runtime/ModelABI.h"

#include <string>
#include <vector>

namespace snn::driver {

struct ModelOptions {
  /// Overrides of the model's neuron parameters / time steps; <= 0 keeps the model's.
  long long timeSteps = 0;
  double tauM = 5.0, tauS = 3.0, threshold = 1.0;
  unsigned long long seed = 0;
  mlir::snn::Schedule schedule = mlir::snn::Schedule::LayerByLayer;
  long long unroll = 0;
  /// Layer schedule: dense synapses after a dense layer read its spikes
  /// (snn-synapse-on-spikes). Off by default: see docs/performance.md.
  bool spikeSynapses = false;
  /// Layer strings: the data is a sequence whose last dimension is time (N-MNIST).
  bool sequenceInput = false;
  /// ONNX models without snn nodes: import as an SNN (--convert-ann).
  bool convertANN = false;
  /// Training (snn-derive-training): "kernel" or "count", and the count loss targets.
  std::string loss = "kernel";
  double desired = 15.0, undesired = 3.0;
  /// `--target` of run, eval and train: "cpu", or "cuda[:sm_XX]".
  std::string target = "cpu";
  /// NIR models: the discretisation (0 / "" = the file's metadata, else the defaults).
  double nirDt = 0;
  std::string nirIntegrator, nirReset;
};

/// What a MODEL argument names, by its spelling (files by extension).
enum class ModelKind { LayerString, MLIR, ONNX, NIR };
ModelKind modelKind(const std::string &model);

/// An MLIR context with every dialect, extension and translation the pipeline needs.
std::unique_ptr<mlir::MLIRContext> createContext();

/// `model` is a path ending in .mlir (graph-level snn), .onnx (or the ONNX test formats
/// .onnxtxt, .textproto, .json), .nir, or a layer string.
/// `inputShape` is the per-sample input shape (e.g. from the input .npy); empty means
/// Fashion-MNIST's 1x28x28. Returns null with a one-line `*error`.
mlir::OwningOpRef<mlir::ModuleOp> loadModel(mlir::MLIRContext &ctx, const std::string &model,
                                            const std::vector<int64_t> &inputShape,
                                            const ModelOptions &options, std::string *error);

/// The model function `forward` of a module, or null.
mlir::func::FuncOp modelFunction(mlir::ModuleOp module);

/// Per-sample input shape, number of classes and time steps of a graph-level model.
/// An ANN (an ONNX model without snn nodes, no `snn.time_steps`) has one step and
/// `classes` = the values per sample of its output.
struct ModelSignature {
  std::vector<int64_t> inputShape;
  int64_t classes = 0, timeSteps = 0;
  bool ann = false;
  /// ANN: the output per sample; the batch size fixed by the model (0 = any).
  std::vector<int64_t> outputShape;
  int64_t staticBatch = 0;
};
bool modelSignature(mlir::ModuleOp module, ModelSignature &out, std::string *error);

/// The values of the parameters in argument order (what `snn_forward` takes).
bool collectParameters(mlir::ModuleOp module, std::vector<std::vector<float>> &out,
                       std::string *error);

/// Runs on a graph-level module, in place: with `training`, first derives `train_step`
/// (snn-derive-training); then, unless `stage` is empty, `backend`'s pipeline to
/// `stage` with the schedule of `options` and the target options of `target`.
bool lowerTo(mlir::ModuleOp module, const mlir::snn::Backend &backend, llvm::StringRef stage,
             const ModelOptions &options, mlir::snn::BackendOptions target, std::string *error,
             bool training = false);

/// Runs the passes `build` adds on `module`, in place; the first error MLIR
/// reports becomes the one-line `*error` (backends other than the CPU use this).
bool runPasses(mlir::ModuleOp module, llvm::function_ref<void(mlir::PassManager &)> build,
               std::string *error);

/// Parameter names (the snn.parameter symbols) and shapes in argument order.
bool parameterInfo(mlir::ModuleOp module, std::vector<std::string> &names,
                   std::vector<std::vector<int64_t>> &shapes, std::string *error);

/// Replaces the values of the module's snn.parameter ops (argument order).
void setParameters(mlir::ModuleOp module, const std::vector<std::vector<float>> &values);

/// A JIT-compiled model and its parameters, ready to run batches.
struct CompiledModel {
  ModelSignature signature;
  std::vector<std::vector<float>> params;
  std::unique_ptr<mlir::snn::CpuJit> jit;
  /// Set where the compiled entry point takes device buffers (--target cuda): the
  /// same ABI over host buffers, which copies them to and from the device.
  snn_forward_fn hostForward = nullptr;
  /// Runs `batch` samples (rows of `input`) on `threads` threads; fills `output`
  /// [batch, classes, T].
  void run(const float *input, int64_t batch, float *output, int threads) const;
};
/// Compiles `module` into code the host runs on host buffers: the CPU target's, or
/// `hostBackend`'s (with `descriptor`) where that target's code runs on the host too.
std::unique_ptr<CompiledModel> compileForCPU(mlir::ModuleOp module, const ModelOptions &options,
                                             std::string *error, bool training = false,
                                             const mlir::snn::Backend *hostBackend = nullptr,
                                             llvm::StringRef descriptor = {});
/// Compiles for `options.target` (cpu, cuda[:sm_XX], or cuda:host, the GPU kernels
/// emulated on the CPU).
std::unique_ptr<CompiledModel> compileModel(mlir::ModuleOp module, const ModelOptions &options,
                                            std::string *error, bool training = false);

} // namespace snn::driver

#endif // SNN_TOOLS_SNNC_MODEL_H
