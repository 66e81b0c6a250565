// ANN builders for BatchNormalization (inference), LayerNormalization, Softmax/LogSoftmax
// and reductions.
#include "frontend/ONNX/ANNBuilders.h"
#include "frontend/ONNX/ANNSupport.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::snn::ann {

FailureOr<Value> batchNorm(OpBuilder &b, Location loc, Value x, Value scale, Value bias, Value mean,
                           Value var, double epsilon, std::string &why) {
  RankedTensorType xType = f32TensorType(x, "the input", why);
  if (!xType)
    return failure();
  if (xType.getRank() < 2) {
    why = "the input must have a channel dimension (rank >= 2)";
    return failure();
  }
  int64_t channels = xType.getDimSize(1);
  unsigned rank = xType.getRank();
  AffineMap channelMap = AffineMap::get(rank, 0, {b.getAffineDimExpr(1)}, b.getContext());
  Value operands[] = {scale, bias, mean, var};
  StringRef names[] = {"scale", "B", "mean", "var"};
  for (auto [v, what] : llvm::zip(operands, names)) {
    RankedTensorType type = f32TensorType(v, what, why);
    if (!type)
      return failure();
    if (type.getRank() != 1 || type.getDimSize(0) != channels) {
      why = ("'" + what + "' must have shape [" + Twine(channels) + "]").str();
      return failure();
    }
  }
  // The per-channel factor scale / sqrt(var + eps) is computed once per channel, so each
  // element costs (x - mean) · factor + B: no square root or division per element, and
  // x - mean first as ONNX does, which keeps precision when x is close to a large mean.
  AffineMap vector = b.getMultiDimIdentityMap(1);
  Value factor = buildGeneric(
      b, loc, {{scale, vector}, {var, vector}}, emptyTensor(b, loc, {b.getIndexAttr(channels)}),
      vector, {utils::IteratorType::parallel},
      [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
        Value variance = arith::AddFOp::create(nb, nloc, args[1], f32Constant(nb, nloc, epsilon));
        Value stddev = math::SqrtOp::create(nb, nloc, variance);
        return arith::DivFOp::create(nb, nloc, args[0], stddev);
      });
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  return buildGeneric(b, loc,
                      {{x, identity}, {mean, channelMap}, {factor, channelMap}, {bias, channelMap}},
                      emptyTensor(b, loc, mixedSizes(b, loc, x)), identity, iterators,
                      [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                        Value centered = arith::SubFOp::create(nb, nloc, args[0], args[1]);
                        Value scaled = arith::MulFOp::create(nb, nloc, centered, args[2]);
                        return arith::AddFOp::create(nb, nloc, scaled, args[3]);
                      });
}

namespace {
/// Reduces `x` over `reduced` dimensions with `combine`, starting from `init`.
Value reduceDims(OpBuilder &b, Location loc, Value x, ArrayRef<bool> reduced, Value init,
                 function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  auto type = cast<RankedTensorType>(x.getType());
  unsigned rank = type.getRank();
  SmallVector<OpFoldResult> all = mixedSizes(b, loc, x), kept;
  SmallVector<AffineExpr> keptExprs;
  SmallVector<utils::IteratorType> iterators;
  for (unsigned i = 0; i < rank; ++i) {
    iterators.push_back(reduced[i] ? utils::IteratorType::reduction
                                   : utils::IteratorType::parallel);
    if (!reduced[i]) {
      kept.push_back(all[i]);
      keptExprs.push_back(b.getAffineDimExpr(i));
    }
  }
  Value acc = linalg::FillOp::create(b, loc, init, emptyTensor(b, loc, kept)).getResult(0);
  AffineMap keptMap = AffineMap::get(rank, 0, keptExprs, b.getContext());
  return buildGeneric(b, loc, {{x, b.getMultiDimIdentityMap(rank)}}, acc, keptMap, iterators,
                      [&](OpBuilder &nb, Location nloc, ValueRange args) {
                        return combine(nb, nloc, args[0], args[1]);
                      });
}

/// `v` (the kept dimensions of a reduction) with the reduced dimensions back as units,
/// each grouped with a kept neighbour.
Value expandReduced(OpBuilder &b, Location loc, Value v, ArrayRef<bool> reduced,
                    ArrayRef<int64_t> fullShape) {
  SmallVector<int64_t> shape;
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  for (auto [d, isReduced] : llvm::enumerate(reduced)) {
    shape.push_back(isReduced ? 1 : fullShape[d]);
    pending.push_back(d);
    if (!isReduced) {
      groups.push_back(pending);
      pending.clear();
    }
  }
  if (!pending.empty() && !groups.empty())
    groups.back().append(pending.begin(), pending.end());
  auto type = RankedTensorType::get(shape, cast<RankedTensorType>(v.getType()).getElementType());
  return tensor::ExpandShapeOp::create(b, loc, type, v, groups);
}
} // namespace

namespace {
FailureOr<Value> softmaxImpl(OpBuilder &b, Location loc, Value x, int64_t axis, bool coerce2D,
                             bool log, std::string &why) {
  RankedTensorType type = f32TensorType(x, "the input", why);
  if (!type)
    return failure();
  int64_t rank = type.getRank();
  if (axis < -rank || axis >= std::max<int64_t>(rank, 1)) {
    why = "axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank);
    return failure();
  }
  if (axis < 0)
    axis += rank;
  if (rank == 0) {
    why = "the input must have rank >= 1";
    return failure();
  }
  // Opset < 13 normalises over the flattened trailing block [axis, rank).
  SmallVector<bool> reduced(rank, false);
  for (int64_t i = axis; i < (coerce2D ? rank : axis + 1); ++i)
    reduced[i] = true;
  SmallVector<AffineExpr> keptExprs;
  for (int64_t i = 0; i < rank; ++i)
    if (!reduced[i])
      keptExprs.push_back(b.getAffineDimExpr(i));
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  AffineMap keptMap = AffineMap::get(rank, 0, keptExprs, b.getContext());
  SmallVector<utils::IteratorType> parallel(rank, utils::IteratorType::parallel);
  SmallVector<OpFoldResult> sizes = mixedSizes(b, loc, x);

  // Subtracting the maximum keeps exp from overflowing; the result is unchanged.
  Value max = reduceDims(b, loc, x, reduced, negativeInfinity(b, loc),
                         [](OpBuilder &nb, Location nloc, Value in, Value acc) -> Value {
                           return arith::MaximumFOp::create(nb, nloc, in, acc);
                         });
  // LogSoftmax needs x - max itself; Softmax only its exponential.
  Value shifted = x, shiftBy = max;
  if (log) {
    shifted =
        buildGeneric(b, loc, {{x, identity}, {max, keptMap}}, emptyTensor(b, loc, sizes), identity,
                     parallel, [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                       return arith::SubFOp::create(nb, nloc, args[0], args[1]);
                     });
    shiftBy = Value();
  }
  SmallVector<GenericOperand> expInputs{{shifted, identity}};
  if (shiftBy)
    expInputs.push_back({shiftBy, keptMap});
  Value exps = buildGeneric(b, loc, expInputs, emptyTensor(b, loc, sizes), identity, parallel,
                            [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                              Value v = args[0];
                              if (shiftBy)
                                v = arith::SubFOp::create(nb, nloc, v, args[1]);
                              return math::ExpOp::create(nb, nloc, v);
                            });
  Value sum = reduceDims(b, loc, exps, reduced, f32Constant(b, loc, 0.0),
                         [](OpBuilder &nb, Location nloc, Value in, Value acc) -> Value {
                           return arith::AddFOp::create(nb, nloc, in, acc);
                         });
  if (log)
    return buildGeneric(b, loc, {{shifted, identity}, {sum, keptMap}}, emptyTensor(b, loc, sizes),
                        identity, parallel,
                        [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                          Value logSum = math::LogOp::create(nb, nloc, args[1]);
                          return arith::SubFOp::create(nb, nloc, args[0], logSum);
                        });
  return buildGeneric(b, loc, {{exps, identity}, {sum, keptMap}}, emptyTensor(b, loc, sizes),
                      identity, parallel,
                      [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                        return arith::DivFOp::create(nb, nloc, args[0], args[1]);
                      });
}
} // namespace

FailureOr<Value> softmax(OpBuilder &b, Location loc, Value x, int64_t axis, bool coerce2D,
                         std::string &why) {
  return softmaxImpl(b, loc, x, axis, coerce2D, /*log=*/false, why);
}

FailureOr<Value> logSoftmax(OpBuilder &b, Location loc, Value x, int64_t axis, bool coerce2D,
                            std::string &why) {
  return softmaxImpl(b, loc, x, axis, coerce2D, /*log=*/true, why);
}

FailureOr<Value> reduce(OpBuilder &b, Location loc, ReduceKind kind, Value x,
                        ArrayRef<int64_t> axes, bool keepDims, std::string &why) {
  RankedTensorType type = f32TensorType(x, "data", why);
  if (!type)
    return failure();
  int64_t rank = type.getRank();
  SmallVector<bool> reduced(rank, axes.empty());
  for (int64_t a : axes) {
    int64_t axis = a < 0 ? a + rank : a;
    if (axis < 0 || axis >= rank || reduced[axis]) {
      why = "axis " + std::to_string(a) + " is out of range or repeated";
      return failure();
    }
    reduced[axis] = true;
  }
  int64_t count = 1;
  for (int64_t d = 0; d < rank; ++d) {
    if (!reduced[d])
      continue;
    if (type.isDynamicDim(d)) {
      why = "reduced dimensions must be static";
      return failure();
    }
    count *= type.getDimSize(d);
  }
  Value init;
  switch (kind) {
  case ReduceKind::Sum:
  case ReduceKind::Mean:
    init = f32Constant(b, loc, 0.0);
    break;
  case ReduceKind::Max:
    init = negativeInfinity(b, loc);
    break;
  case ReduceKind::Min:
    init = arith::ConstantOp::create(
        b, loc, b.getFloatAttr(b.getF32Type(), APFloat::getInf(APFloat::IEEEsingle())));
    break;
  }
  Value result = reduceDims(b, loc, x, reduced, init,
                            [&](OpBuilder &nb, Location nloc, Value in, Value acc) -> Value {
                              switch (kind) {
                              case ReduceKind::Max:
                                return arith::MaximumFOp::create(nb, nloc, in, acc);
                              case ReduceKind::Min:
                                return arith::MinimumFOp::create(nb, nloc, in, acc);
                              default:
                                return arith::AddFOp::create(nb, nloc, in, acc);
                              }
                            });
  if (kind == ReduceKind::Mean) {
    unsigned keptRank = cast<RankedTensorType>(result.getType()).getRank();
    AffineMap identity = b.getMultiDimIdentityMap(keptRank);
    result = buildGeneric(
        b, loc, {{result, identity}}, emptyTensor(b, loc, mixedSizes(b, loc, result)), identity,
        SmallVector<utils::IteratorType>(keptRank, utils::IteratorType::parallel),
        [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
          return arith::DivFOp::create(nb, nloc, args[0], f32Constant(nb, nloc, double(count)));
        });
  }
  if (!keepDims)
    return result;
  return expandReduced(b, loc, result, reduced, type.getShape());
}

FailureOr<SmallVector<Value, 3>> layerNorm(OpBuilder &b, Location loc, Value x, Value scale,
                                           Value bias, int64_t axis, double epsilon,
                                           std::string &why) {
  RankedTensorType type = f32TensorType(x, "X", why);
  if (!type || !f32TensorType(scale, "Scale", why) || (bias && !f32TensorType(bias, "B", why)))
    return failure();
  int64_t rank = type.getRank();
  if (axis < -rank || axis >= rank) {
    why = "axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank);
    return failure();
  }
  if (axis < 0)
    axis += rank;
  SmallVector<bool> reduced(rank, false);
  int64_t count = 1;
  for (int64_t d = axis; d < rank; ++d) {
    if (type.isDynamicDim(d)) {
      why = "the normalised dimensions must be static";
      return failure();
    }
    reduced[d] = true;
    count *= type.getDimSize(d);
  }
  SmallVector<AffineExpr> keptExprs;
  for (int64_t d = 0; d < axis; ++d)
    keptExprs.push_back(b.getAffineDimExpr(d));
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  AffineMap keptMap = AffineMap::get(rank, 0, keptExprs, b.getContext());
  SmallVector<utils::IteratorType> parallel(rank, utils::IteratorType::parallel);
  SmallVector<OpFoldResult> sizes = mixedSizes(b, loc, x);
  Value n = f32Constant(b, loc, double(count));
  auto sum = [&](OpBuilder &nb, Location nloc, Value in, Value acc) -> Value {
    return arith::AddFOp::create(nb, nloc, in, acc);
  };
  auto scaleKept = [&](Value v, function_ref<Value(OpBuilder &, Location, Value)> f) {
    unsigned keptRank = cast<RankedTensorType>(v.getType()).getRank();
    AffineMap id = b.getMultiDimIdentityMap(keptRank);
    return buildGeneric(
        b, loc, {{v, id}}, emptyTensor(b, loc, mixedSizes(b, loc, v)), id,
        SmallVector<utils::IteratorType>(keptRank, utils::IteratorType::parallel),
        [&](OpBuilder &nb, Location nloc, ValueRange args) { return f(nb, nloc, args[0]); });
  };
  // As ONNX's reference: mean, x - mean, mean of its square, 1 / sqrt(variance + eps).
  Value mean = scaleKept(reduceDims(b, loc, x, reduced, f32Constant(b, loc, 0.0), sum),
                         [&](OpBuilder &nb, Location nloc, Value v) -> Value {
                           return arith::DivFOp::create(nb, nloc, v, n);
                         });
  Value centered =
      buildGeneric(b, loc, {{x, identity}, {mean, keptMap}}, emptyTensor(b, loc, sizes), identity,
                   parallel, [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                     return arith::SubFOp::create(nb, nloc, args[0], args[1]);
                   });
  Value squares =
      buildGeneric(b, loc, {{centered, identity}}, emptyTensor(b, loc, sizes), identity, parallel,
                   [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                     return arith::MulFOp::create(nb, nloc, args[0], args[0]);
                   });
  Value invStdDev =
      scaleKept(reduceDims(b, loc, squares, reduced, f32Constant(b, loc, 0.0), sum),
                [&](OpBuilder &nb, Location nloc, Value v) -> Value {
                  Value variance = arith::DivFOp::create(nb, nloc, v, n);
                  variance =
                      arith::AddFOp::create(nb, nloc, variance, f32Constant(nb, nloc, epsilon));
                  Value stddev = math::SqrtOp::create(nb, nloc, variance);
                  return arith::DivFOp::create(nb, nloc, f32Constant(nb, nloc, 1.0), stddev);
                });
  Value normalized =
      buildGeneric(b, loc, {{centered, identity}, {invStdDev, keptMap}}, emptyTensor(b, loc, sizes),
                   identity, parallel, [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                     return arith::MulFOp::create(nb, nloc, args[0], args[1]);
                   });
  // Scale and B broadcast unidirectionally (numpy, right-aligned) to X.
  SmallVector<Value> operands{normalized, scale};
  if (bias)
    operands.push_back(bias);
  FailureOr<SmallVector<OpFoldResult>> outSizes = broadcastSizes(b, loc, operands, why);
  if (failed(outSizes))
    return failure();
  if (staticSizes(*outSizes) != SmallVector<int64_t>(type.getShape())) {
    why = "Scale and B must broadcast to X";
    return failure();
  }
  Value y = broadcastElementwise(b, loc, operands, sizes,
                                 [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                                   Value v = arith::MulFOp::create(nb, nloc, args[0], args[1]);
                                   return bias ? arith::AddFOp::create(nb, nloc, v, args[2]) : v;
                                 });
  return SmallVector<Value, 3>{y, expandReduced(b, loc, mean, reduced, type.getShape()),
                               expandReduced(b, loc, invStdDev, reduced, type.getShape())};
}

} // namespace mlir::snn::ann
