// Helpers shared by the passes that make time explicit.
#include "passes/TimeUtils.h"

namespace mlir::snn {

int64_t graphLevelTimeSteps(func::FuncOp func) {
  auto steps = func->getAttrOfType<IntegerAttr>(SNNDialect::kTimeStepsAttr);
  if (!steps || func->hasAttr(SNNDialect::kScheduleAttr) || func.isExternal())
    return 0;
  return steps.getInt();
}

Value networkInput(func::FuncOp func) {
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    if (!func.getArgAttr(i, SNNDialect::kParameterAttr))
      return func.getArgument(i);
  return {};
}

SmallVector<ReassociationIndices> timeIntoBatchGroups(int64_t timedRank) {
  SmallVector<ReassociationIndices> groups{{0, 1}};
  for (int64_t d = 2; d < timedRank; ++d)
    groups.push_back({d});
  return groups;
}

RankedTensorType withLeadingDim(RankedTensorType type, int64_t steps) {
  SmallVector<int64_t> shape{steps};
  llvm::append_range(shape, type.getShape());
  return RankedTensorType::get(shape, type.getElementType());
}

LogicalResult verifyGraphOutput(func::FuncOp func) {
  if (!func.getBody().hasOneBlock())
    return func.emitError("a model function must have a single block");
  auto results = func.getResultTypes();
  auto out = results.size() == 1 ? dyn_cast<RankedTensorType>(results[0]) : nullptr;
  if (!out || out.getRank() != 2)
    return func.emitError("a model must return one [N, classes] value per step, got ")
           << func.getFunctionType();
  if (!networkInput(func))
    return func.emitError("a model needs an input argument that is not a parameter");
  return success();
}

LogicalResult checkSequenceLength(CurrentOp op, int64_t steps) {
  if (op.getSequenceLength() != steps)
    return op.emitError() << "the input sequence has " << op.getSequenceLength()
                          << " steps but the model runs " << steps;
  return success();
}

} // namespace mlir::snn
