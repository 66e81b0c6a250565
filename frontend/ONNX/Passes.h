// Declarations and registration of the ONNX frontend passes.
#ifndef SNN_FRONTEND_ONNX_PASSES_H
#define SNN_FRONTEND_ONNX_PASSES_H

#include "dialect/SNN/SNNDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace snn::onnx {

#define GEN_PASS_DECL
#include "frontend/ONNX/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "frontend/ONNX/Passes.h.inc"

} // namespace snn::onnx

#endif // SNN_FRONTEND_ONNX_PASSES_H
