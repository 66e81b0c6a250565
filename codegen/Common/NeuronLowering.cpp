// Elementwise linalg bodies of the neuron updates (TSSL-BP §1), in the reference's order.
#include "codegen/Common/NeuronLowering.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::snn {

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
        Value next = buildPSPStep(nb, nloc, args[1], args[0], c);
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
        LIFStepValues step = buildLIFStep(nb, nloc, args[0], args[1], args[2], c);
        SmallVector<Value> yields{step.membrane, step.trace,
                                  c.emitSpikes ? step.spike : step.trace};
        if (!savedDests.empty())
          yields.append({step.u, step.du, step.spike, step.trace});
        linalg::YieldOp::create(nb, nloc, yields);
      });
  return SmallVector<Value>(op.getResults());
}

} // namespace mlir::snn
