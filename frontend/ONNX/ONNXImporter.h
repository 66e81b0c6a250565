// Public API of the ONNX importer: an ONNX model (bytes or file) to a verified module.
#ifndef SNN_FRONTEND_ONNX_ONNXIMPORTER_H
#define SNN_FRONTEND_ONNX_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace snn::onnx {

struct ImportOptions {
  /// Turn an ordinary ANN into an SNN (Relu → snn.lif, MaxPool → sum pooling,
  /// BatchNormalization folded into the preceding Conv/Gemm, snn.psp on the input).
  bool convertANN = false;
  /// Time steps of the imported SNN; 0 = the model's `snn.time_steps` (default 5).
  int64_t timeSteps = 0;
  /// Neuron parameters given to the snn.lif ops that --convert-ann creates.
  float tauM = 5.0f, tauS = 3.0f, threshold = 1.0f;
  /// Refuse a graph with more than one input that is not an initializer: snnc
  /// feeds a model one tensor of samples (and takes every other argument of
  /// @forward for a weight). The conformance runner feeds several inputs.
  bool singleInput = false;
};

struct ImportResult {
  mlir::OwningOpRef<mlir::ModuleOp> module; // null on failure
  /// Well-formed, but uses an op/attribute/dtype/feature outside the supported set.
  bool unsupported = false;
  /// One line: node name, op type, reason.
  std::string error;
};

/// Imports a binary ModelProto. Never crashes on any bytes.
ImportResult importModelBytes(mlir::MLIRContext &ctx, llvm::StringRef bytes,
                              const ImportOptions &options);

/// Imports a model file by extension: `.onnx` binary, `.onnxtxt`/`.textproto` protobuf
/// text format, `.json` protobuf JSON.
ImportResult importModelFile(mlir::MLIRContext &ctx, llvm::StringRef path,
                             const ImportOptions &options);

/// Stops after the faithful import into the `onnx` dialect (before
/// convert-onnx-to-snn): for tests and for inspecting what the patterns see.
ImportResult importModelFileFaithful(mlir::MLIRContext &ctx, llvm::StringRef path);

/// True when `path` names a model the importer reads (by extension).
bool isONNXModelPath(llvm::StringRef path);

/// Registers the `onnx` dialect and the `convert-onnx-to-snn` pass (for snn-opt).
void registerONNXDialectAndPasses(mlir::DialectRegistry &registry);

} // namespace snn::onnx

#endif // SNN_FRONTEND_ONNX_ONNXIMPORTER_H
