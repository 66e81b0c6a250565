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
} // namespace mlir::snn

#endif // SNN_DIALECT_SNNOPS_H
