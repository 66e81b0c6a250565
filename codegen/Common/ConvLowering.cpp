// Convolutions as per-row im2col + matrix products (the form the CPU micro-kernels take).
#include "codegen/Common/ConvLowering.h"
#include "codegen/Common/NeuronLowering.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::snn {

namespace {

using utils::IteratorType;
constexpr IteratorType kPar = IteratorType::parallel, kRed = IteratorType::reduction;

RankedTensorType f32Tensor(OpBuilder &b, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, b.getF32Type());
}

Value zeros(OpBuilder &b, Location loc, RankedTensorType type) {
  Value empty = tensor::EmptyOp::create(b, loc, type, ValueRange{});
  return linalg::FillOp::create(b, loc, f32(b, loc, 0.0f), empty).getResult(0);
}

/// Row r of a [R, ...] tensor as a tensor of the remaining dimensions.
Value row(OpBuilder &b, Location loc, Value t, Value r) {
  auto type = cast<RankedTensorType>(t.getType());
  SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0)), strides(type.getRank(), b.getIndexAttr(1));
  offsets[0] = r;
  SmallVector<OpFoldResult> sizes{b.getIndexAttr(1)};
  for (int64_t d : type.getShape().drop_front())
    sizes.push_back(b.getIndexAttr(d));
  return tensor::ExtractSliceOp::create(b, loc, f32Tensor(b, type.getShape().drop_front()), t,
                                        offsets, sizes, strides);
}

/// A gather copy out[...] = x[map(...)] into a new tensor of `type` (an im2col layout).
Value gather(OpBuilder &b, Location loc, Value x, AffineMap map, RankedTensorType type) {
  return linalg::GenericOp::create(
             b, loc, TypeRange{type}, ValueRange{x},
             ValueRange{tensor::EmptyOp::create(b, loc, type, ValueRange{})},
             SmallVector<AffineMap>{map, b.getMultiDimIdentityMap(type.getRank())},
             SmallVector<IteratorType>(type.getRank(), kPar),
             [](OpBuilder &nb, Location l, ValueRange a) { linalg::YieldOp::create(nb, l, a[0]); })
      .getResult(0);
}

} // namespace

Value buildMatmul(OpBuilder &b, Location loc, Value a, Value bMat, Value c) {
  MLIRContext *ctx = b.getContext();
  AffineExpr i, p, j;
  bindDims(ctx, i, p, j);
  auto type = cast<RankedTensorType>(c.getType());
  return linalg::GenericOp::create(
             b, loc, TypeRange{type}, ValueRange{a, bMat}, ValueRange{c},
             SmallVector<AffineMap>{AffineMap::get(3, 0, {i, p}, ctx),
                                    AffineMap::get(3, 0, {p, j}, ctx),
                                    AffineMap::get(3, 0, {i, j}, ctx)},
             SmallVector<IteratorType>{kPar, kRed, kPar},
             [](OpBuilder &nb, Location l, ValueRange args) {
               Value prod = arith::MulFOp::create(nb, l, args[0], args[1]);
               linalg::YieldOp::create(nb, l,
                                       arith::AddFOp::create(nb, l, args[2], prod).getResult());
             })
      .getResult(0);
}

Value padSpatial(OpBuilder &b, Location loc, Value x, int64_t top, int64_t left, int64_t bottom,
                 int64_t right) {
  if (!top && !left && !bottom && !right)
    return x;
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape[2] += top + bottom;
  shape[3] += left + right;
  SmallVector<OpFoldResult> low{b.getIndexAttr(0), b.getIndexAttr(0), b.getIndexAttr(top),
                                b.getIndexAttr(left)};
  SmallVector<OpFoldResult> high{b.getIndexAttr(0), b.getIndexAttr(0), b.getIndexAttr(bottom),
                                 b.getIndexAttr(right)};
  return tensor::PadOp::create(b, loc, RankedTensorType::get(shape, type.getElementType()), x,
                               low, high, f32(b, loc, 0.0f));
}

Value buildConvForward(OpBuilder &b, Location loc, Value input, Value weight,
                       ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
                       RankedTensorType resultType) {
  MLIRContext *ctx = b.getContext();
  Value padded = padSpatial(b, loc, input, pads[0], pads[1], pads[2], pads[3]);
  auto wType = cast<RankedTensorType>(weight.getType());
  int64_t F = wType.getDimSize(0), C = wType.getDimSize(1), KH = wType.getDimSize(2),
          KW = wType.getDimSize(3), OH = resultType.getDimSize(2), OW = resultType.getDimSize(3);
  Value w2 = tensor::CollapseShapeOp::create(b, loc, weight,
                                             SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
  Value out = emptyLike(b, loc, resultType, input);
  Value rows = tensor::DimOp::create(b, loc, input, 0);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0), one = arith::ConstantIndexOp::create(b, loc, 1);
  auto loop = scf::ForOp::create(
      b, loc, zero, rows, one, ValueRange{out},
      [&](OpBuilder &nb, Location l, Value r, ValueRange iter) {
        Value x = row(nb, l, padded, r);
        // cols[c, kh, kw, oh, ow] = x[c, oh·sh + kh, ow·sw + kw]
        AffineExpr c, kh, kw, oh, ow;
        bindDims(ctx, c, kh, kw, oh, ow);
        Value cols = gather(
            nb, l, x, AffineMap::get(5, 0, {c, oh * strides[0] + kh, ow * strides[1] + kw}, ctx),
            f32Tensor(nb, {C, KH, KW, OH, OW}));
        Value cols2 = tensor::CollapseShapeOp::create(
            nb, l, cols, SmallVector<ReassociationIndices>{{0, 1, 2}, {3, 4}});
        Value y = buildMatmul(nb, l, w2, cols2, zeros(nb, l, f32Tensor(nb, {F, OH * OW})));
        Value y3 = tensor::ExpandShapeOp::create(nb, l, f32Tensor(nb, {F, OH, OW}), y,
                                                 SmallVector<ReassociationIndices>{{0}, {1, 2}});
        SmallVector<OpFoldResult> offsets(4, nb.getIndexAttr(0)), stridesOne(4, nb.getIndexAttr(1));
        offsets[0] = r;
        SmallVector<OpFoldResult> sizes{nb.getIndexAttr(1), nb.getIndexAttr(F), nb.getIndexAttr(OH),
                                        nb.getIndexAttr(OW)};
        Value next = tensor::InsertSliceOp::create(nb, l, y3, iter[0], offsets, sizes, stridesOne);
        scf::YieldOp::create(nb, l, next);
      });
  return loop.getResult(0);
}

Value buildConvWeightGrad(OpBuilder &b, Location loc, Value grad, Value input,
                          ArrayRef<int64_t> pads, RankedTensorType weightType) {
  MLIRContext *ctx = b.getContext();
  Value padded = padSpatial(b, loc, input, pads[0], pads[1], pads[2], pads[3]);
  auto gType = cast<RankedTensorType>(grad.getType());
  int64_t F = weightType.getDimSize(0), C = weightType.getDimSize(1),
          KH = weightType.getDimSize(2), KW = weightType.getDimSize(3),
          OH = gType.getDimSize(2), OW = gType.getDimSize(3);
  Value acc = zeros(b, loc, f32Tensor(b, {F, C * KH * KW}));
  Value rows = tensor::DimOp::create(b, loc, input, 0);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0), one = arith::ConstantIndexOp::create(b, loc, 1);
  auto loop = scf::ForOp::create(
      b, loc, zero, rows, one, ValueRange{acc},
      [&](OpBuilder &nb, Location l, Value r, ValueRange iter) {
        Value x = row(nb, l, padded, r);
        // colsT[oh, ow, c, kh, kw] = x[c, oh + kh, ow + kw]
        AffineExpr oh, ow, c, kh, kw;
        bindDims(ctx, oh, ow, c, kh, kw);
        Value cols = gather(nb, l, x, AffineMap::get(5, 0, {c, oh + kh, ow + kw}, ctx),
                            f32Tensor(nb, {OH, OW, C, KH, KW}));
        Value cols2 = tensor::CollapseShapeOp::create(
            nb, l, cols, SmallVector<ReassociationIndices>{{0, 1}, {2, 3, 4}});
        Value d = tensor::CollapseShapeOp::create(nb, l, row(nb, l, grad, r),
                                                  SmallVector<ReassociationIndices>{{0}, {1, 2}});
        scf::YieldOp::create(nb, l, buildMatmul(nb, l, d, cols2, iter[0]));
      });
  return tensor::ExpandShapeOp::create(b, loc, weightType, loop.getResult(0),
                                       SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
}

} // namespace mlir::snn
