// Elementwise linalg bodies of the neuron updates (TSSL-BP §1), in the reference's order.
#include "codegen/Common/NeuronLowering.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::snn {

NeuronConstants NeuronConstants::get(float tauM, float tauS, float threshold,
                                     bool emitSpikes) {
  // Computed in double and rounded once, exactly like the reference oracle.
  return {float(1.0 - 1.0 / double(tauM)), float(1.0 - 1.0 / double(tauS)),
          float(1.0 / double(tauM)),       float(1.0 / double(tauS)),
          threshold,                       emitSpikes};
}

Value emptyLike(OpBuilder &b, Location loc, RankedTensorType type, Value like) {
  SmallVector<Value> dynamicSizes;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.isDynamicDim(i))
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, like, i));
  return tensor::EmptyOp::create(b, loc, type, dynamicSizes);
}

Value emptyFromDims(OpBuilder &b, Location loc, RankedTensorType type, Value source,
                    ArrayRef<int64_t> sourceDims) {
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, source, sourceDims[d]));
  return tensor::EmptyOp::create(b, loc, type, dynamicSizes);
}

Value zerosLike(OpBuilder &b, Location loc, RankedTensorType type, Value like) {
  Value zero = arith::ConstantOp::create(b, loc, b.getFloatAttr(type.getElementType(), 0.0));
  return linalg::FillOp::create(b, loc, zero, emptyLike(b, loc, type, like)).getResult(0);
}

namespace {
SmallVector<AffineMap> identityMaps(OpBuilder &b, int64_t rank, unsigned count) {
  return SmallVector<AffineMap>(count, b.getMultiDimIdentityMap(rank));
}
SmallVector<utils::IteratorType> parallel(int64_t rank) {
  return SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel);
}
} // namespace

Value f32(OpBuilder &b, Location loc, float v) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
}

SmallVector<Value> buildPSPUpdate(OpBuilder &b, Location loc, Value input, Value trace,
                                  float tauS, Value copyDest) {
  NeuronConstants c = NeuronConstants::get(1.0f, tauS, 1.0f, false);
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<Value> outs{trace};
  if (copyDest)
    outs.push_back(copyDest);
  auto op = linalg::GenericOp::create(
      b, loc, TypeRange(ValueRange(outs)), ValueRange{input}, outs,
      identityMaps(b, type.getRank(), 1 + outs.size()), parallel(type.getRank()),
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value decayed = arith::MulFOp::create(nb, nloc, f32(nb, nloc, c.alphaS), args[1]);
        Value added = arith::MulFOp::create(nb, nloc, f32(nb, nloc, c.invTauS), args[0]);
        Value next = arith::AddFOp::create(nb, nloc, decayed, added);
        SmallVector<Value> yields(outs.size(), next);
        linalg::YieldOp::create(nb, nloc, yields);
      });
  return SmallVector<Value>(op.getResults());
}

SmallVector<Value> buildLIFUpdate(OpBuilder &b, Location loc, Value current, Value membrane,
                                  Value trace, Value emitDest, const NeuronConstants &c,
                                  ValueRange savedDests) {
  auto type = cast<RankedTensorType>(current.getType());
  SmallVector<Value> outs{membrane, trace, emitDest};
  llvm::append_range(outs, savedDests);
  auto op = linalg::GenericOp::create(
      b, loc, TypeRange(ValueRange(outs)), ValueRange{current}, outs,
      identityMaps(b, type.getRank(), 1 + outs.size()), parallel(type.getRank()),
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value in = args[0], v = args[1], a = args[2];
        // du = I - v/τm ; u = v + du  (the spec's Δ_t and pre-reset potential)
        Value leak = arith::MulFOp::create(nb, nloc, v, f32(nb, nloc, c.invTauM));
        Value du = arith::SubFOp::create(nb, nloc, in, leak);
        Value u = arith::AddFOp::create(nb, nloc, v, du);
        // Strict '>': u == threshold does not fire.
        Value fires = arith::CmpFOp::create(nb, nloc, arith::CmpFPredicate::OGT, u,
                                            f32(nb, nloc, c.threshold));
        Value zero = f32(nb, nloc, 0.0f);
        Value spike = arith::SelectOp::create(nb, nloc, fires, f32(nb, nloc, 1.0f), zero);
        Value nextV = arith::SelectOp::create(nb, nloc, fires, zero, u);
        Value decayed = arith::MulFOp::create(nb, nloc, f32(nb, nloc, c.alphaS), a);
        Value added = arith::MulFOp::create(nb, nloc, f32(nb, nloc, c.invTauS), spike);
        Value nextA = arith::AddFOp::create(nb, nloc, decayed, added);
        SmallVector<Value> yields{nextV, nextA, c.emitSpikes ? spike : nextA};
        if (!savedDests.empty())
          yields.append({u, du, spike, nextA});
        linalg::YieldOp::create(nb, nloc, yields);
      });
  return SmallVector<Value>(op.getResults());
}

NeuronConstants constantsOf(Operation *op) {
  auto tauM = op->getAttrOfType<FloatAttr>("tau_m"), tauS = op->getAttrOfType<FloatAttr>("tau_s"),
       threshold = op->getAttrOfType<FloatAttr>("threshold");
  auto output = op->getAttrOfType<NeuronOutputAttr>("output");
  return NeuronConstants::get(tauM ? tauM.getValueAsDouble() : 5.0,
                              tauS ? tauS.getValueAsDouble() : 3.0,
                              threshold ? threshold.getValueAsDouble() : 1.0,
                              output && output.getValue() == NeuronOutput::spikes);
}

} // namespace mlir::snn
