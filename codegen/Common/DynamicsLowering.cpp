// Lowering of the imported-model ops (snn.dynamics.step/.seq, snn.add) to linalg on tensors.
#include "codegen/Common/DynamicsLowering.h"
#include "codegen/Common/ConvLowering.h"
#include "codegen/Common/NeuronLowering.h"
#include "codegen/Common/SequenceLowering.h"
#include "dialect/SNN/SNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::snn {
namespace {

/// The parameters of one snn.dynamics form, in the order the update reads them.
struct DynamicsParams {
  ElementsAttr decay, gain, drive, synapseDecay, synapseGain, threshold, vReset;
  bool subtractReset;
  template <typename OpTy>
  static DynamicsParams of(OpTy op) {
    return {op.getDecayAttr(),        op.getGainAttr(),      op.getDriveAttr(),
            op.getSynapseDecayAttr(), op.getSynapseGainAttr(), op.getThresholdAttr(),
            op.getVResetAttr(),       op.getSubtractReset()};
  }
};

/// recurrentᵀ, the [n, n] weight laid out for the product below.
Value transposeRecurrent(OpBuilder &b, Location loc, Value recurrent) {
  if (!recurrent)
    return recurrent;
  auto wType = cast<RankedTensorType>(recurrent.getType());
  Value wtInit = tensor::EmptyOp::create(b, loc, wType, ValueRange{});
  return linalg::TransposeOp::create(b, loc, recurrent, wtInit, ArrayRef<int64_t>{1, 0})
      .getResult()[0];
}

/// c = input + previous · recurrentᵀ (the neuron's own output of the last step).
Value recurrentInput(OpBuilder &b, Location loc, Value input, Value previous,
                     Value recurrentT) {
  return recurrentT ? buildMatmul(b, loc, previous, recurrentT, input) : input;
}

/// One step, elementwise over [N, ...]: returns {next membrane, next current, emitted
/// (written over `previous`, the carried copy), emitted (written into `emitDest`)}.
/// The parameters (per-sample arrays) are broadcast over the batch dimension.
SmallVector<Value> buildDynamicsUpdate(OpBuilder &b, Location loc, const DynamicsParams &p,
                                       Value input, Value membrane, Value current,
                                       Value previous, Value recurrentT, Value emitDest) {
  Value c = recurrentInput(b, loc, input, previous, recurrentT);
  auto type = cast<RankedTensorType>(input.getType());
  int64_t rank = type.getRank();
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  SmallVector<AffineExpr> perSample;
  for (int64_t d = 1; d < rank; ++d)
    perSample.push_back(b.getAffineDimExpr(d));
  AffineMap broadcast = AffineMap::get(rank, 0, perSample, b.getContext());

  SmallVector<Value> ins{c};
  SmallVector<AffineMap> maps{identity};
  auto addParam = [&](ElementsAttr attr) {
    ins.push_back(arith::ConstantOp::create(b, loc, cast<TypedAttr>(attr)));
    maps.push_back(broadcast);
  };
  bool synapse = bool(p.synapseDecay), fires = bool(p.threshold);
  addParam(p.decay);
  addParam(p.gain);
  addParam(p.drive);
  if (synapse) {
    addParam(p.synapseDecay);
    addParam(p.synapseGain);
  }
  if (fires) {
    addParam(p.threshold);
    if (!p.subtractReset)
      addParam(p.vReset);
  }
  SmallVector<Value> outs{membrane, current, previous, emitDest};
  maps.append(outs.size(), identity);
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  auto op = linalg::GenericOp::create(
      b, loc, TypeRange(ValueRange(outs)), ins, outs, maps, iterators,
      [&](OpBuilder &nb, Location l, ValueRange args) {
        unsigned i = 0;
        Value x = args[i++], decay = args[i++], gain = args[i++], drive = args[i++];
        Value v = args[ins.size()], cur = args[ins.size() + 1];
        auto mul = [&](Value a, Value c2) { return arith::MulFOp::create(nb, l, a, c2); };
        auto add = [&](Value a, Value c2) { return arith::AddFOp::create(nb, l, a, c2); };
        Value nextCurrent = x;
        if (synapse) {
          Value sd = args[i++], sg = args[i++];
          nextCurrent = add(mul(sd, cur), mul(sg, x));
        }
        Value u = add(add(mul(decay, v), mul(gain, nextCurrent)), drive);
        Value nextMembrane = u, emitted = u;
        if (fires) {
          Value th = args[i++];
          Value spike = arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OGT, u, th);
          Value one = arith::ConstantOp::create(nb, l, nb.getF32FloatAttr(1.0f));
          Value zero = arith::ConstantOp::create(nb, l, nb.getF32FloatAttr(0.0f));
          Value reset = p.subtractReset ? arith::SubFOp::create(nb, l, u, th).getResult()
                                        : args[i++];
          nextMembrane = arith::SelectOp::create(nb, l, spike, reset, u);
          emitted = arith::SelectOp::create(nb, l, spike, one, zero);
        }
        linalg::YieldOp::create(nb, l, ValueRange{nextMembrane, nextCurrent, emitted, emitted});
      });
  return SmallVector<Value>(op.getResults());
}

struct DynamicsStepLowering : OpConversionPattern<DynamicsStepOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(DynamicsStepOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value emitDest = emptyLike(rewriter, loc, op.getResult().getType(), adaptor.getInput());
    SmallVector<Value> next = buildDynamicsUpdate(
        rewriter, loc, DynamicsParams::of(op), adaptor.getInput(), adaptor.getMembrane(),
        adaptor.getCurrent(), adaptor.getPrevious(),
        transposeRecurrent(rewriter, loc, adaptor.getRecurrent()), emitDest);
    // The emitted value is also the next `previous` state: the copy written over the
    // carried state, so that a time loop yields a value derived from its own argument.
    rewriter.replaceOp(op, ValueRange{next[2], next[0], next[1]});
    return success();
  }
};

struct DynamicsSeqLowering : OpConversionPattern<DynamicsSeqOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(DynamicsSeqOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    DynamicsParams params = DynamicsParams::of(op);
    // Transposed once, outside the loop over time.
    Value recurrentT = transposeRecurrent(rewriter, op.getLoc(), adaptor.getRecurrent());
    // State: the membrane, the synaptic current and the last emitted value.
    Value result = buildSequenceLoop(
        rewriter, op.getLoc(), adaptor.getInput(), /*numState=*/3, /*numOutputs=*/1,
        /*reverse=*/false,
        [&](OpBuilder &b, Location l, ValueRange in, ValueRange state, ValueRange out) {
          SmallVector<Value> next = buildDynamicsUpdate(b, l, params, in[0], state[0], state[1],
                                                        state[2], recurrentT, out[0]);
          return SmallVector<Value>{next[0], next[1], next[2], next[3]};
        })[0];
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct AddLowering : OpConversionPattern<AddOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(AddOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    int64_t rank = type.getRank();
    Value init = emptyLike(rewriter, loc, type, adaptor.getLhs());
    auto sum = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{adaptor.getLhs(), adaptor.getRhs()},
        ValueRange{init}, SmallVector<AffineMap>(3, rewriter.getMultiDimIdentityMap(rank)),
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &nb, Location l, ValueRange args) {
          linalg::YieldOp::create(nb, l, ValueRange{arith::AddFOp::create(nb, l, args[0], args[1])});
        });
    rewriter.replaceOp(op, sum.getResult(0));
    return success();
  }
};

} // namespace

void populateDynamicsLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<DynamicsStepLowering, DynamicsSeqLowering, AddLowering>(patterns.getContext());
}

} // namespace mlir::snn
