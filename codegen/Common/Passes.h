// Lowerings of the `snn` dialect shared by every backend.
#ifndef SNN_CODEGEN_COMMON_PASSES_H
#define SNN_CODEGEN_COMMON_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace mlir::snn {

#define GEN_PASS_DECL
#include "codegen/Common/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "codegen/Common/Passes.h.inc"

} // namespace mlir::snn

#endif // SNN_CODEGEN_COMMON_PASSES_H
