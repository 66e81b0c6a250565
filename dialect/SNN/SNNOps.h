// Operation classes of the `snn` dialect.
#ifndef SNN_DIALECT_SNNOPS_H
#define SNN_DIALECT_SNNOPS_H

#include "dialect/SNN/SNNDialect.h"
#include "dialect/SNN/SNNInterfaces.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "dialect/SNN/SNNOps.h.inc"

namespace mlir::snn {
/// Product of the per-sample (non-leading) dimensions of `type`, or dynamic when one of
/// them is (the element count flatten/reshape must keep).
int64_t perSampleElements(RankedTensorType type);

/// The PSP filter over a sequence known at compile time, in the float32 operations of
/// the generated code: y_t = αs·y_{t−1} + x_t/τs, y_{−1} = 0, with αs and 1/τs
/// computed in double and rounded once.
SmallVector<float> pspFilterValues(ArrayRef<float> x, double tauS);
} // namespace mlir::snn

#endif // SNN_DIALECT_SNNOPS_H
