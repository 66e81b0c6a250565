// Turning initializer constants into snn.parameter arguments of @forward.
#ifndef SNN_FRONTEND_ONNX_PARAMETERS_H
#define SNN_FRONTEND_ONNX_PARAMETERS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace snn::onnx {

/// Each float32 initializer constant still used in `fn` becomes an `snn.parameter`
/// named after the initializer and a trailing argument tagged with it, so compiled
/// code takes weights at run time and training can update them. With
/// `synapseWeightsOnly` (spiking models) only the weights of snn synapses are
/// promoted. Removes the initializer markers from all constants.
void promoteParameters(mlir::ModuleOp module, mlir::func::FuncOp fn, bool synapseWeightsOnly);

} // namespace snn::onnx

#endif // SNN_FRONTEND_ONNX_PARAMETERS_H
