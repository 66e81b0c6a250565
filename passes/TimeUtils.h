// Helpers shared by the passes that make time explicit.
#ifndef SNN_PASSES_TIMEUTILS_H
#define SNN_PASSES_TIMEUTILS_H

#include "dialect/SNN/SNNOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::snn {

/// The number of time steps of a graph-level model function, or 0 when `func` is not
/// one (no `snn.time_steps`) or time is already explicit (`snn.schedule` set).
int64_t graphLevelTimeSteps(func::FuncOp func);

/// The first argument that is not a model parameter: the per-step network input.
Value networkInput(func::FuncOp func);

/// The reassociation groups of a [T, N, ...] ↔ [T·N, ...] reshape of a rank
/// `timedRank` tensor: {0, 1}, then one group per remaining dimension.
SmallVector<ReassociationIndices> timeIntoBatchGroups(int64_t timedRank);

/// `shape` with `steps` prepended.
RankedTensorType withLeadingDim(RankedTensorType type, int64_t steps);

/// Checks the single `[N, C]` output that becomes the `[N, C, T]` traces.
LogicalResult verifyGraphOutput(func::FuncOp func);

/// Rewrites a graph-level function into the layer-by-layer schedule (see the
/// snn-schedule-layer-by-layer pass); returns the number of ops batched over T·N rows,
/// 0 for a function that is not graph level, failure after emitting an error.
FailureOr<int64_t> scheduleLayerByLayer(func::FuncOp func);

/// A sequence input must have exactly `steps` steps.
LogicalResult checkSequenceLength(CurrentOp op, int64_t steps);

} // namespace mlir::snn

#endif // SNN_PASSES_TIMEUTILS_H
