// A checked ModelProto (shapes inferred) into the `onnx` import dialect.
#ifndef SNN_FRONTEND_ONNX_GRAPHIMPORTER_H
#define SNN_FRONTEND_ONNX_GRAPHIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <onnx/onnx_pb.h>

#include <string>

namespace snn::onnx {

/// Builds `module { func.func @forward(inputs...) -> (outputs...) }` of onnx.node /
/// onnx.constant ops, a faithful image of the graph: graph inputs that are not
/// initializers are the arguments in order, the results are the graph outputs in
/// order, static dimensions stay static and symbolic ones become `?`. The module
/// carries the metadata_props. Null with a one-line `error` (and `unsupported` set
/// when the model is well-formed but out of scope).
mlir::OwningOpRef<mlir::ModuleOp> importGraph(mlir::MLIRContext &ctx,
                                              const ::onnx::ModelProto &model,
                                              std::string &error, bool &unsupported);

} // namespace snn::onnx

#endif // SNN_FRONTEND_ONNX_GRAPHIMPORTER_H
