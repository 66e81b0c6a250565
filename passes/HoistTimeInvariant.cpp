// snn-hoist-time-invariant: a synapse on the PSP of a held input runs once, not T times.
#include "passes/Passes.h"
#include "passes/TimeUtils.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNHOISTTIMEINVARIANT
#include "passes/Passes.h.inc"

namespace {

bool foldsTimeIntoBatch(tensor::CollapseShapeOp collapse) {
  return collapse.getReassociationIndices() ==
         timeIntoBatchGroups(collapse.getSrcType().getRank());
}

/// `type` with dimension 0 replaced by dimension 0 of `like`.
RankedTensorType withBatchOf(RankedTensorType type, Value like) {
  SmallVector<int64_t> shape(type.getShape());
  shape[0] = cast<RankedTensorType>(like.getType()).getDimSize(0);
  return RankedTensorType::get(shape, type.getElementType());
}

/// `rows` ([T·N, ...]) as [T, N, ...]: the source of the collapse that made it, or a
/// new expand_shape.
Value unfoldTime(OpBuilder &b, Location loc, Value rows, int64_t steps, Value batchLike) {
  if (auto collapse = rows.getDefiningOp<tensor::CollapseShapeOp>())
    if (foldsTimeIntoBatch(collapse) && collapse.getSrcType().getDimSize(0) == steps)
      return collapse.getSrc();
  auto rowsType = cast<RankedTensorType>(rows.getType());
  SmallVector<int64_t> shape{steps};
  shape.push_back(cast<RankedTensorType>(batchLike.getType()).getDimSize(0));
  llvm::append_range(shape, rowsType.getShape().drop_front());
  auto timed = RankedTensorType::get(shape, rowsType.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, timed, rows, timeIntoBatchGroups(timed.getRank()));
}

struct HoistTimeInvariantPass : impl::SNNHoistTimeInvariantBase<HoistTimeInvariantPass> {
  void runOnOperation() override {
    SmallVector<RepeatOp> repeats;
    getOperation().walk([&](RepeatOp op) { repeats.push_back(op); });
    for (RepeatOp repeat : repeats) {
      hoist(repeat);
      eraseIfUnused(repeat);
    }
  }

  /// Erases the repeat and the filters and reshapes after it that have no reader left.
  static void eraseIfUnused(RepeatOp repeat) {
    for (Operation *user : llvm::make_early_inc_range(repeat->getUsers())) {
      for (Operation *next : llvm::make_early_inc_range(user->getUsers()))
        if (isa<tensor::CollapseShapeOp>(next) && next->use_empty())
          next->erase();
      if (isa<PSPSeqOp, tensor::CollapseShapeOp>(user) && user->use_empty())
        user->erase();
    }
    if (repeat->use_empty())
      repeat->erase();
  }

  /// Rewrites the synapses that read collapse(repeat(x)) or collapse(psp.seq(repeat(x))),
  /// and the weight gradients taken against the latter.
  void hoist(RepeatOp repeat) {
    Value held = repeat.getInput();
    for (Operation *user : llvm::make_early_inc_range(repeat->getUsers())) {
      if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(user))
        hoistReaders(collapse, held, /*psp=*/nullptr);
      else if (auto psp = dyn_cast<PSPSeqOp>(user))
        for (Operation *pspUser : llvm::make_early_inc_range(psp->getUsers()))
          if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(pspUser))
            hoistReaders(collapse, held, psp);
    }
  }

  void hoistReaders(tensor::CollapseShapeOp collapse, Value held, PSPSeqOp psp) {
    if (!foldsTimeIntoBatch(collapse))
      return;
    int64_t steps = collapse.getSrcType().getDimSize(0);
    for (OpOperand &use : llvm::make_early_inc_range(collapse->getUses())) {
      Operation *op = use.getOwner();
      if (isa<DenseOp, Conv2DOp>(op) && use.getOperandNumber() == 0)
        hoistSynapse(op, held, psp, steps);
      else if (psp && isa<DenseGradWeightOp, Conv2DGradWeightOp>(op) &&
               use.getOperandNumber() == 1)
        hoistWeightGradient(op, held, psp, steps);
    }
  }

  /// synapse(collapse(psp.seq(repeat(x)))) → collapse(psp.seq(repeat(synapse(x)))), and
  /// likewise without the filter: the synapse is linear and the same at every step, so
  /// it commutes with the filter and with the repetition.
  void hoistSynapse(Operation *synapse, Value held, PSPSeqOp psp, int64_t steps) {
    OpBuilder b(synapse);
    Location loc = synapse->getLoc();
    auto rowsType = cast<RankedTensorType>(synapse->getResult(0).getType());
    Operation *once = b.clone(*synapse);
    once->setOperand(0, held);
    once->getResult(0).setType(withBatchOf(rowsType, held));
    auto onceType = cast<RankedTensorType>(once->getResult(0).getType());
    SmallVector<int64_t> timedShape{steps};
    llvm::append_range(timedShape, onceType.getShape());
    auto timedType = RankedTensorType::get(timedShape, onceType.getElementType());
    Value timed = RepeatOp::create(b, loc, timedType, once->getResult(0));
    if (psp)
      timed = PSPSeqOp::create(b, loc, timed, psp.getTauSAttr());
    Value rows = tensor::CollapseShapeOp::create(b, loc, rowsType, timed,
                                                 timeIntoBatchGroups(timedType.getRank()));
    synapse->getResult(0).replaceAllUsesWith(rows);
    synapse->erase();
    ++numSynapses;
  }

  /// gradWeight(δ, collapse(psp.seq(repeat(x)))) = gradWeight(Σ_t c_t δ_t, x): the
  /// gradient is bilinear and the PSP of a held input is c_t · x.
  void hoistWeightGradient(Operation *gradient, Value held, PSPSeqOp psp, int64_t steps) {
    OpBuilder b(gradient);
    Location loc = gradient->getLoc();
    Value delta = unfoldTime(b, loc, gradient->getOperand(0), steps, held);
    auto timed = cast<RankedTensorType>(delta.getType());
    auto summedType = RankedTensorType::get(timed.getShape().drop_front(), timed.getElementType());
    Value summed = PSPHeldGradOp::create(b, loc, summedType, delta, psp.getTauSAttr());
    Value rows = gradient->getOperand(0);
    gradient->setOperand(0, summed);
    gradient->setOperand(1, held);
    if (auto collapse = rows.getDefiningOp<tensor::CollapseShapeOp>())
      if (collapse->use_empty())
        collapse->erase();
    ++numGradients;
  }
};

} // namespace
} // namespace mlir::snn
