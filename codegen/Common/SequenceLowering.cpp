// scf.for over the time dimension of [T, ...] tensors, shared by the sequence lowerings.
#include "codegen/Common/SequenceLowering.h"
#include "codegen/Common/NeuronLowering.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::snn {

SmallVector<Value> buildSequenceLoop(OpBuilder &b, Location loc, ValueRange inputs,
                                     unsigned numState, unsigned numOutputs, bool reverse,
                                     SequenceBody body) {
  Value seq = inputs[0];
  auto type = cast<RankedTensorType>(seq.getType());
  auto sliceType = RankedTensorType::get(type.getShape().drop_front(), type.getElementType());
  // The state has the per-step shape; its dynamic sizes come from dims 1.. of the input.
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 1; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, seq, d));
  Value zero = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0.0f));
  SmallVector<Value> inits;
  for (unsigned i = 0; i < numState; ++i) {
    Value empty = tensor::EmptyOp::create(b, loc, sliceType, dynamicSizes);
    inits.push_back(linalg::FillOp::create(b, loc, zero, empty).getResult(0));
  }
  for (unsigned i = 0; i < numOutputs; ++i)
    inits.push_back(emptyLike(b, loc, type, seq));

  int64_t steps = type.getDimSize(0);
  Value lb = arith::ConstantIndexOp::create(b, loc, 0);
  Value ub = arith::ConstantIndexOp::create(b, loc, steps);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  auto loop = scf::ForOp::create(
      b, loc, lb, ub, one, inits, [&](OpBuilder &nb, Location l, Value iv, ValueRange iter) {
        Value t = iv;
        if (reverse) {
          Value last = arith::ConstantIndexOp::create(nb, l, steps - 1);
          t = arith::SubIOp::create(nb, l, last, iv);
        }
        SmallVector<OpFoldResult> offsets(type.getRank(), nb.getIndexAttr(0));
        offsets[0] = t;
        SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(nb, l, seq);
        sizes[0] = nb.getIndexAttr(1);
        SmallVector<OpFoldResult> strides(type.getRank(), nb.getIndexAttr(1));
        auto slice = [&](Value v) -> Value {
          return tensor::ExtractSliceOp::create(nb, l, sliceType, v, offsets, sizes, strides);
        };
        SmallVector<Value> inSlices, outSlices;
        for (Value in : inputs)
          inSlices.push_back(slice(in));
        ValueRange stacked = iter.drop_front(numState);
        for (Value out : stacked)
          outSlices.push_back(slice(out));
        SmallVector<Value> next = body(nb, l, inSlices, iter.take_front(numState), outSlices);
        for (unsigned i = 0; i < numOutputs; ++i)
          next[numState + i] = tensor::InsertSliceOp::create(nb, l, next[numState + i],
                                                             stacked[i], offsets, sizes, strides);
        scf::YieldOp::create(nb, l, next);
      });
  return SmallVector<Value>(loop.getResults().drop_front(numState));
}

} // namespace mlir::snn
