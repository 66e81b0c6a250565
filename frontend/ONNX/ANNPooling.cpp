// ANN builders for 2-D pooling: MaxPool, AveragePool and GlobalAveragePool.
#include "frontend/ONNX/ANNBuilders.h"
#include "frontend/ONNX/ANNSupport.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::snn::ann {

namespace {
RankedTensorType poolInput(Value x, std::string &why) {
  RankedTensorType type = f32TensorType(x, "X", why);
  if (type && type.getRank() != 4) {
    why = "only 2-D pooling (4-D X) is supported";
    return {};
  }
  return type;
}

/// Pads `x` by `pad` (the window's padding plus ceil_mode's extra end) and runs a named
/// pooling op with an [OH, OW] output initialised to `initValue`.
template <typename PoolOp>
Value pool(OpBuilder &b, Location loc, Value x, const Window2D &win, const ResolvedWindow &r,
           Value padValue) {
  Value padded = pad2D(b, loc, x, {r.padBegin[0], r.padBegin[1]},
                       {r.padEnd[0] + r.extraEnd[0], r.padEnd[1] + r.extraEnd[1]}, padValue);
  SmallVector<OpFoldResult> sizes{tensor::getMixedSize(b, loc, x, 0),
                                  tensor::getMixedSize(b, loc, x, 1), b.getIndexAttr(r.out[0]),
                                  b.getIndexAttr(r.out[1])};
  Value init = emptyTensor(b, loc, sizes);
  init = linalg::FillOp::create(b, loc, padValue, init).getResult(0);
  Value window =
      emptyTensor(b, loc, {b.getIndexAttr(win.kernel[0]), b.getIndexAttr(win.kernel[1])});
  return PoolOp::create(b, loc, TypeRange{init.getType()}, ValueRange{padded, window},
                        ValueRange{init}, b.getI64TensorAttr(win.strides),
                        b.getI64TensorAttr(win.dilations))
      .getResult(0);
}

bool checkKernel(const Window2D &win, std::string &why) {
  if (win.kernel.size() != 2) {
    why = "kernel_shape must have 2 entries";
    return false;
  }
  return true;
}
} // namespace

FailureOr<Value> maxPool2D(OpBuilder &b, Location loc, Value x, const Window2D &win,
                           std::string &why) {
  RankedTensorType type = poolInput(x, why);
  if (!type || !checkKernel(win, why))
    return failure();
  FailureOr<ResolvedWindow> r = resolveWindow(win, {type.getDimSize(2), type.getDimSize(3)}, why);
  if (failed(r))
    return failure();
  // Padding with -inf makes padded taps lose every comparison, as ONNX ignores them.
  return pool<linalg::PoolingNchwMaxOp>(b, loc, x, win, *r, negativeInfinity(b, loc));
}

FailureOr<Value> averagePool2D(OpBuilder &b, Location loc, Value x, const Window2D &win,
                               bool countIncludePad, std::string &why) {
  RankedTensorType type = poolInput(x, why);
  if (!type || !checkKernel(win, why))
    return failure();
  if (win.dilations[0] != 1 || win.dilations[1] != 1) {
    why = "AveragePool has no dilations before opset 19";
    return failure();
  }
  int64_t inputHW[2] = {type.getDimSize(2), type.getDimSize(3)};
  FailureOr<ResolvedWindow> r = resolveWindow(win, inputHW, why);
  if (failed(r))
    return failure();
  Value sum = pool<linalg::PoolingNchwSumOp>(b, loc, x, win, *r, f32Constant(b, loc, 0.0));

  // Divisor per output position: the taps inside the input, or inside input + explicit
  // padding with count_include_pad (ceil_mode's extra end never counts).
  SmallVector<int64_t> counts[2];
  for (unsigned i = 0; i < 2; ++i) {
    int64_t lo = countIncludePad ? -r->padBegin[i] : 0;
    int64_t hi = inputHW[i] + (countIncludePad ? r->padEnd[i] : 0);
    for (int64_t o = 0; o < r->out[i]; ++o) {
      int64_t start = o * win.strides[i] - r->padBegin[i];
      int64_t first = std::max(start, lo), last = std::min(start + win.kernel[i], hi);
      counts[i].push_back(std::max<int64_t>(last - first, 1));
    }
  }
  SmallVector<float> divisors;
  for (int64_t ch : counts[0])
    for (int64_t cw : counts[1])
      divisors.push_back(static_cast<float>(ch * cw));
  SmallVector<OpFoldResult> sizes = mixedSizes(b, loc, sum);
  SmallVector<utils::IteratorType> parallel(4, utils::IteratorType::parallel);
  AffineMap identity = b.getMultiDimIdentityMap(4);
  if (llvm::all_equal(divisors)) {
    float divisor = divisors.front();
    return buildGeneric(b, loc, {{sum, identity}}, emptyTensor(b, loc, sizes), identity, parallel,
                        [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                          return arith::DivFOp::create(nb, nloc, args[0],
                                                       f32Constant(nb, nloc, divisor));
                        });
  }
  auto divisorType = RankedTensorType::get({r->out[0], r->out[1]}, b.getF32Type());
  Value divisorTensor = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(divisorType, ArrayRef<float>(divisors)));
  AffineMap spatial =
      AffineMap::get(4, 0, {b.getAffineDimExpr(2), b.getAffineDimExpr(3)}, b.getContext());
  return buildGeneric(b, loc, {{sum, identity}, {divisorTensor, spatial}},
                      emptyTensor(b, loc, sizes), identity, parallel,
                      [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                        return arith::DivFOp::create(nb, nloc, args[0], args[1]);
                      });
}

FailureOr<Value> globalAveragePool(OpBuilder &b, Location loc, Value x, std::string &why) {
  RankedTensorType type = poolInput(x, why);
  if (!type)
    return failure();
  Window2D win;
  win.kernel = {type.getDimSize(2), type.getDimSize(3)};
  if (ShapedType::isDynamic(win.kernel[0]) || ShapedType::isDynamic(win.kernel[1])) {
    why = "spatial dimensions must be static";
    return failure();
  }
  return averagePool2D(b, loc, x, win, /*countIncludePad=*/false, why);
}

} // namespace mlir::snn::ann
