// snn-synapse-on-spikes: a dense synapse reads its neuron's spikes and filters its output.
#include "passes/Passes.h"
#include "passes/TimeUtils.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNSYNAPSEONSPIKES
#include "passes/Passes.h.inc"

namespace {

/// The dense synapses that read `neuron`'s traces through a [T, N, C] → [T·N, C]
/// collapse, or nothing if any other op reads them.
SmallVector<DenseOp> denseReaders(LIFSeqOp neuron) {
  SmallVector<DenseOp> readers;
  for (Operation *user : neuron->getUsers()) {
    auto collapse = dyn_cast<tensor::CollapseShapeOp>(user);
    if (!collapse || collapse.getSrcType().getRank() != 3 ||
        collapse.getReassociationIndices() != timeIntoBatchGroups(3))
      return {};
    for (OpOperand &use : collapse->getUses()) {
      auto dense = dyn_cast<DenseOp>(use.getOwner());
      if (!dense || use.getOperandNumber() != 0)
        return {};
      readers.push_back(dense);
    }
  }
  return readers;
}

struct SynapseOnSpikesPass : impl::SNNSynapseOnSpikesBase<SynapseOnSpikesPass> {
  void runOnOperation() override {
    SmallVector<LIFSeqOp> neurons;
    getOperation().walk([&](LIFSeqOp op) {
      if (op.getOutput() == NeuronOutput::psp)
        neurons.push_back(op);
    });
    for (LIFSeqOp neuron : neurons)
      rewrite(neuron);
  }

  /// dense(collapse(a)) with a = 𝓕(o) the neuron's traces becomes
  /// collapse(psp.seq(expand(dense(collapse(o))))): the synapse is linear and the same
  /// at every step, so W·𝓕(o) = 𝓕(W·o), and o holds only 0 and 1.
  void rewrite(LIFSeqOp neuron) {
    SmallVector<DenseOp> readers = denseReaders(neuron);
    if (readers.empty())
      return;
    OpBuilder b(neuron);
    b.setInsertionPointAfter(neuron);
    Location loc = neuron.getLoc();
    auto spiking = cast<LIFSeqOp>(b.clone(*neuron));
    spiking.setOutput(NeuronOutput::spikes);
    auto timedType = cast<RankedTensorType>(neuron.getType());
    Value spikeRows = tensor::CollapseShapeOp::create(b, loc, spiking.getResult(),
                                                      timeIntoBatchGroups(3));
    for (DenseOp dense : readers) {
      b.setInsertionPoint(dense);
      auto rowsType = dense.getType();
      auto product = DenseOp::create(b, dense.getLoc(), rowsType, spikeRows, dense.getWeight(),
                                     /*spike_input=*/true);
      SmallVector<int64_t> shape{timedType.getDimSize(0), timedType.getDimSize(1),
                                 rowsType.getDimSize(1)};
      auto outTimed = RankedTensorType::get(shape, rowsType.getElementType());
      Value timed = tensor::ExpandShapeOp::create(b, loc, outTimed, product.getResult(),
                                                  timeIntoBatchGroups(3));
      Value filtered = PSPSeqOp::create(b, loc, timed, neuron.getTauSAttr());
      Value rows = tensor::CollapseShapeOp::create(b, loc, rowsType, filtered,
                                                   timeIntoBatchGroups(3));
      Operation *collapse = dense.getInput().getDefiningOp();
      dense.getResult().replaceAllUsesWith(rows);
      dense.erase();
      if (collapse->use_empty())
        collapse->erase();
      ++numSynapses;
    }
    neuron.erase();
  }
};

} // namespace
} // namespace mlir::snn
