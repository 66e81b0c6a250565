// Registration of the `snn` dialect and verification of its function-level attributes.
#include "dialect/SNN/SNNDialect.h"
#include "dialect/SNN/SNNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::snn;

#include "dialect/SNN/SNNOpsDialect.cpp.inc"
#include "dialect/SNN/SNNEnums.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "dialect/SNN/SNNAttrs.cpp.inc"

void SNNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialect/SNN/SNNOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialect/SNN/SNNAttrs.cpp.inc"
      >();
}

namespace {
/// The most time steps a model may declare (as `snnc --time-steps` allows):
/// every schedule keeps per-step state or traces, so an absurd T (2^62 from a
/// hostile file) is refused here, not met by std::length_error in a pass.
constexpr int64_t kMaxTimeSteps = 100000;
} // namespace

LogicalResult SNNDialect::verifyOperationAttribute(Operation *op,
                                                   NamedAttribute attr) {
  if (attr.getName() == kTimeStepsAttr) {
    auto steps = dyn_cast<IntegerAttr>(attr.getValue());
    if (!steps || !steps.getType().isInteger(64))
      return op->emitError() << "'" << kTimeStepsAttr
                             << "' must be a 64-bit integer";
    if (steps.getInt() < 1 || steps.getInt() > kMaxTimeSteps)
      return op->emitError() << "'" << kTimeStepsAttr << "' must be in [1, "
                             << kMaxTimeSteps << "], got " << steps.getInt();
    return success();
  }
  if (attr.getName() == kScheduleAttr) {
    auto schedule = dyn_cast<StringAttr>(attr.getValue());
    if (!schedule ||
        (schedule.getValue() != "step" && schedule.getValue() != "layer"))
      return op->emitError() << "'" << kScheduleAttr
                             << "' must be \"step\" or \"layer\"";
    return success();
  }
  return op->emitError() << "unknown snn attribute '" << attr.getName().getValue() << "'";
}

LogicalResult SNNDialect::verifyRegionArgAttribute(Operation *op,
                                                   unsigned regionIndex,
                                                   unsigned argIndex,
                                                   NamedAttribute attr) {
  if (attr.getName() != kParameterAttr)
    return op->emitError() << "unknown snn argument attribute '"
                           << attr.getName().getValue() << "'";
  auto ref = dyn_cast<FlatSymbolRefAttr>(attr.getValue());
  if (!ref)
    return op->emitError() << "'" << kParameterAttr << "' of argument #"
                           << argIndex << " must be a symbol reference";
  auto module = op->getParentOfType<ModuleOp>();
  if (!module)
    return success();
  auto param = module.lookupSymbol<ParameterOp>(ref);
  if (!param)
    return op->emitError() << "argument #" << argIndex
                           << " refers to unknown parameter " << ref;
  // Bufferized code takes the parameter as a memref of the same shape; after lowering
  // to LLVM the argument is a pointer and there is nothing left to compare.
  Type argType = op->getRegion(regionIndex).getArgument(argIndex).getType();
  auto argShaped = dyn_cast<ShapedType>(argType);
  auto paramType = cast<ShapedType>(param.getValue().getType());
  if (!argShaped) {
    if (argType.getDialect().getNamespace() == "llvm")
      return success();
    return op->emitError() << "argument #" << argIndex << " tagged with " << ref
                           << " must be a tensor or memref, got " << argType;
  }
  if (argShaped.getShape() != paramType.getShape() ||
      argShaped.getElementType() != paramType.getElementType())
    return op->emitError() << "argument #" << argIndex << " has type "
                           << argType << " but parameter " << ref << " is "
                           << param.getValue().getType();
  return success();
}
