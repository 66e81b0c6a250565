// Public API of the ONNX exporter: a graph-level snn module written in the `snn` profile.
#ifndef SNN_FRONTEND_ONNX_ONNXEXPORTER_H
#define SNN_FRONTEND_ONNX_ONNXEXPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace snn::onnx {

/// Serialises the graph-level model function `@forward` of `module` (the form the
/// importer and the layer-string frontend produce, parameters as snn.parameter) as a
/// binary ONNX ModelProto in the `snn` profile of architecture.md §2: opsets default 13
/// and snn 1, `snn.time_steps` metadata, snn::PSP / snn::LIF nodes, Gemm (transB = 1),
/// Conv, AveragePool followed by Mul for scaled sum pooling, Flatten, Reshape and
/// Dropout, the weights as initializers named after their parameters. Returns false
/// with a one-line `*error` naming the op the profile cannot express.
bool exportModelBytes(mlir::ModuleOp module, std::string &bytes, std::string *error);

/// exportModelBytes written to `path`.
bool exportModelFile(mlir::ModuleOp module, llvm::StringRef path, std::string *error);

} // namespace snn::onnx

#endif // SNN_FRONTEND_ONNX_ONNXEXPORTER_H
