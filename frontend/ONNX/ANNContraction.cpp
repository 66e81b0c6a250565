// ANN builders for the contractions: MatMul, Gemm and 2-D Conv (with groups and bias).
#include "frontend/ONNX/ANNBuilders.h"
#include "frontend/ONNX/ANNSupport.h"
#include "dialect/SNN/SNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::snn::ann {

namespace {
/// Merges the unit dimension `dim` of `v` into a neighbour (or away, for rank 1).
Value dropUnitDim(OpBuilder &b, Location loc, Value v, unsigned dim) {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape.erase(shape.begin() + dim);
  SmallVector<ReassociationIndices> groups;
  for (unsigned i = 0; i < type.getRank(); ++i) {
    if (i == dim)
      continue;
    groups.push_back({i});
  }
  if (!groups.empty()) {
    if (dim == 0)
      groups.front().insert(groups.front().begin(), 0);
    else
      groups[dim - 1].push_back(dim);
  }
  auto result = RankedTensorType::get(shape, type.getElementType());
  return tensor::CollapseShapeOp::create(b, loc, result, v, groups);
}

/// Views a rank-1 tensor as a row [1, K] (front) or a column [K, 1].
Value unitMatrix(OpBuilder &b, Location loc, Value v, bool asRow) {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> shape{type.getDimSize(0)};
  shape.insert(asRow ? shape.begin() : shape.end(), 1);
  auto result = RankedTensorType::get(shape, type.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, result, v, {ReassociationIndices{0, 1}});
}

/// The body of every contraction: out + a · b (the form snn-cpu-vectorize-contractions
/// recognises after bufferization).
Value multiplyAccumulate(OpBuilder &b, Location loc, ValueRange args) {
  Value product = arith::MulFOp::create(b, loc, args[0], args[1]);
  return arith::AddFOp::create(b, loc, args[2], product);
}

bool sameOrDynamic(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}
} // namespace

FailureOr<Value> matMul(OpBuilder &b, Location loc, Value a, Value bMat, std::string &why) {
  RankedTensorType aType = f32TensorType(a, "A", why), bType = f32TensorType(bMat, "B", why);
  if (!aType || !bType)
    return failure();
  if (aType.getRank() == 0 || bType.getRank() == 0) {
    why = "MatMul operands must have rank >= 1";
    return failure();
  }
  bool aVector = aType.getRank() == 1, bVector = bType.getRank() == 1;
  if (aVector)
    a = unitMatrix(b, loc, a, /*asRow=*/true);
  if (bVector)
    bMat = unitMatrix(b, loc, bMat, /*asRow=*/false);
  aType = cast<RankedTensorType>(a.getType());
  bType = cast<RankedTensorType>(bMat.getType());
  int64_t ra = aType.getRank(), rb = bType.getRank();
  int64_t k = aType.getDimSize(ra - 1);
  if (!sameOrDynamic(k, bType.getDimSize(rb - 2))) {
    why = "inner dimensions differ (" + std::to_string(k) + " vs " +
          std::to_string(bType.getDimSize(rb - 2)) + ")";
    return failure();
  }
  // Batch dimensions broadcast like numpy's; the loops are (batch..., i, j, k).
  int64_t batch = std::max(ra, rb) - 2;
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < batch; ++d) {
    int64_t ia = d - (batch - (ra - 2)), ib = d - (batch - (rb - 2));
    int64_t sa = ia >= 0 ? aType.getDimSize(ia) : 1, sb = ib >= 0 ? bType.getDimSize(ib) : 1;
    if (!ShapedType::isDynamic(sa) && !ShapedType::isDynamic(sb) && sa != 1 && sb != 1 &&
        sa != sb) {
      why = "batch dimensions are not broadcast-compatible (" + std::to_string(sa) + " vs " +
            std::to_string(sb) + ")";
      return failure();
    }
    if (!ShapedType::isDynamic(sa) && sa != 1)
      sizes.push_back(b.getIndexAttr(sa));
    else if (!ShapedType::isDynamic(sb) && sb != 1)
      sizes.push_back(b.getIndexAttr(sb));
    else if (ShapedType::isDynamic(sa))
      sizes.push_back(tensor::DimOp::create(b, loc, a, ia).getResult());
    else if (ShapedType::isDynamic(sb))
      sizes.push_back(tensor::DimOp::create(b, loc, bMat, ib).getResult());
    else
      sizes.push_back(b.getIndexAttr(1));
  }
  SmallVector<int64_t> batchShape = staticSizes(sizes);
  sizes.push_back(tensor::getMixedSize(b, loc, a, ra - 2));
  sizes.push_back(tensor::getMixedSize(b, loc, bMat, rb - 1));
  unsigned numLoops = batch + 3, i = batch, j = batch + 1, red = batch + 2;

  auto operand = [&](Value v, RankedTensorType type, unsigned rowLoop, unsigned colLoop) {
    int64_t rank = type.getRank();
    SmallVector<unsigned> loops;
    SmallVector<bool> bcast;
    for (int64_t d = 0; d < rank - 2; ++d) {
      int64_t loop = d + (batch - (rank - 2));
      loops.push_back(loop);
      bcast.push_back(type.getDimSize(d) == 1 && batchShape[loop] != 1);
    }
    loops.append({rowLoop, colLoop});
    bcast.append({false, false});
    return broadcastOperand(b, loc, v, numLoops, loops, bcast);
  };
  SmallVector<GenericOperand> inputs{operand(a, aType, i, red), operand(bMat, bType, red, j)};
  SmallVector<utils::IteratorType> iterators(numLoops - 1, utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  SmallVector<AffineExpr> outExprs;
  for (unsigned d = 0; d < batch + 2; ++d)
    outExprs.push_back(b.getAffineDimExpr(d));
  Value result = buildGeneric(b, loc, inputs, filledTensor(b, loc, sizes, 0.0),
                              AffineMap::get(numLoops, 0, outExprs, b.getContext()), iterators,
                              multiplyAccumulate);
  if (bVector)
    result = dropUnitDim(b, loc, result, batch + 1);
  if (aVector)
    result = dropUnitDim(b, loc, result, batch);
  return result;
}

FailureOr<Value> gemm(OpBuilder &b, Location loc, Value a, Value bMat, Value c, const GemmParams &p,
                      std::string &why) {
  RankedTensorType aType = f32TensorType(a, "A", why), bType = f32TensorType(bMat, "B", why);
  if (!aType || !bType)
    return failure();
  if (aType.getRank() != 2 || bType.getRank() != 2) {
    why = "A and B must be 2-D";
    return failure();
  }
  int64_t k = aType.getDimSize(p.transA ? 0 : 1), kb = bType.getDimSize(p.transB ? 1 : 0);
  if (!sameOrDynamic(k, kb)) {
    why = "inner dimensions differ (" + std::to_string(k) + " vs " + std::to_string(kb) + ")";
    return failure();
  }
  SmallVector<OpFoldResult> sizes{tensor::getMixedSize(b, loc, a, p.transA ? 1 : 0),
                                  tensor::getMixedSize(b, loc, bMat, p.transB ? 0 : 1)};
  // Loops (i, j, k). A transposed A is read through a permuted map; a transposed B
  // (PyTorch's Linear exports transB = 1) is copied to [K, N] once per call, so that the
  // product reads B contiguously along j, the form snn-cpu-vectorize-contractions turns
  // into register-blocked vector code (K·N copies against M·N·K multiply-adds).
  auto map = [&](unsigned d0, unsigned d1) {
    return AffineMap::get(3, 0, {b.getAffineDimExpr(d0), b.getAffineDimExpr(d1)}, b.getContext());
  };
  Value bKN = bMat;
  if (p.transB) {
    SmallVector<OpFoldResult> tSizes{tensor::getMixedSize(b, loc, bMat, 1),
                                     tensor::getMixedSize(b, loc, bMat, 0)};
    Value init = tensor::EmptyOp::create(b, loc, tSizes, bType.getElementType());
    bKN = linalg::TransposeOp::create(b, loc, bMat, init, ArrayRef<int64_t>{1, 0})
              .getResult()[0];
  }
  SmallVector<GenericOperand> inputs{{a, p.transA ? map(2, 0) : map(0, 2)},
                                     {bKN, map(2, 1)}};
  Value product = buildGeneric(b, loc, inputs, filledTensor(b, loc, sizes, 0.0), map(0, 1),
                               {utils::IteratorType::parallel, utils::IteratorType::parallel,
                                utils::IteratorType::reduction},
                               multiplyAccumulate);
  bool useC = c && p.beta != 0.0;
  if (useC) {
    RankedTensorType cType = f32TensorType(c, "C", why);
    if (!cType)
      return failure();
    SmallVector<int64_t> target = staticSizes(sizes);
    bool ok = cType.getRank() <= 2;
    for (int64_t d = 0; ok && d < cType.getRank(); ++d) {
      int64_t size = cType.getDimSize(d), want = target[d + 2 - cType.getRank()];
      ok = size == 1 || sameOrDynamic(size, want);
    }
    if (!ok) {
      why = "C is not unidirectionally broadcastable to [M, N]";
      return failure();
    }
  }
  if (p.alpha == 1.0 && !useC)
    return product;
  SmallVector<Value> operands{product};
  if (useC)
    operands.push_back(c);
  return broadcastElementwise(
      b, loc, operands, sizes, [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
        Value v = args[0];
        if (p.alpha != 1.0)
          v = arith::MulFOp::create(nb, nloc, f32Constant(nb, nloc, p.alpha), v);
        if (!useC)
          return v;
        Value cv = args[1];
        if (p.beta != 1.0)
          cv = arith::MulFOp::create(nb, nloc, f32Constant(nb, nloc, p.beta), cv);
        return arith::AddFOp::create(nb, nloc, v, cv);
      });
}

FailureOr<Value> conv2D(OpBuilder &b, Location loc, Value x, Value w, Value bias,
                        const Window2D &win, int64_t group, std::string &why) {
  RankedTensorType xType = f32TensorType(x, "X", why), wType = f32TensorType(w, "W", why);
  if (!xType || !wType)
    return failure();
  if (xType.getRank() != 4 || wType.getRank() != 4) {
    why = "only 2-D convolution (4-D X and W) is supported";
    return failure();
  }
  if (!wType.hasStaticShape() || ShapedType::isDynamic(xType.getDimSize(1))) {
    why = "W and the channels of X must have static sizes";
    return failure();
  }
  int64_t channels = xType.getDimSize(1), outChannels = wType.getDimSize(0);
  if (group < 1 || channels % group != 0 || outChannels % group != 0 ||
      wType.getDimSize(1) * group != channels) {
    why = "group " + std::to_string(group) + " does not divide the channels (X has " +
          std::to_string(channels) + ", W expects " + std::to_string(wType.getDimSize(1)) +
          " per group)";
    return failure();
  }
  Window2D window = win;
  if (window.kernel.empty())
    window.kernel = {wType.getDimSize(2), wType.getDimSize(3)};
  if (window.kernel[0] != wType.getDimSize(2) || window.kernel[1] != wType.getDimSize(3)) {
    why = "kernel_shape does not match W";
    return failure();
  }
  FailureOr<ResolvedWindow> r =
      resolveWindow(window, {xType.getDimSize(2), xType.getDimSize(3)}, why);
  if (failed(r))
    return failure();
  if (bias) {
    RankedTensorType biasType = f32TensorType(bias, "B", why);
    if (!biasType)
      return failure();
    if (biasType.getRank() != 1 || biasType.getDimSize(0) != outChannels) {
      why = "B must have shape [" + std::to_string(outChannels) + "]";
      return failure();
    }
  }
  AffineMap channel = AffineMap::get(4, 0, {b.getAffineDimExpr(1)}, b.getContext());
  // The common case (one group, no dilation) is the snn dialect's convolution, which the
  // CPU backend lowers to per-row im2col and register-blocked contraction kernels (26x
  // faster than linalg's named convolution, docs/onnx-ann-ops.md); the bias is added after it.
  bool dilated = llvm::any_of(window.dilations, [](int64_t d) { return d != 1; });
  if (group == 1 && !dilated && r->extraEnd[0] == 0 && r->extraEnd[1] == 0) {
    auto resultType = RankedTensorType::get(
        {xType.getDimSize(0), outChannels, r->out[0], r->out[1]}, xType.getElementType());
    Value y = mlir::snn::Conv2DOp::create(
        b, loc, resultType, x, w, b.getDenseI64ArrayAttr(window.strides),
        b.getDenseI64ArrayAttr({r->padBegin[0], r->padBegin[1], r->padEnd[0], r->padEnd[1]}));
    if (!bias)
      return y;
    SmallVector<OpFoldResult> ySizes = tensor::getMixedSizes(b, loc, y);
    return buildGeneric(
        b, loc, {{y, b.getMultiDimIdentityMap(4)}, {bias, channel}}, emptyTensor(b, loc, ySizes),
        b.getMultiDimIdentityMap(4),
        SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
        [](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
          return arith::AddFOp::create(nb, nloc, args[0], args[1]);
        });
  }
  Value padded = pad2D(b, loc, x, {r->padBegin[0], r->padBegin[1]}, {r->padEnd[0], r->padEnd[1]},
                       f32Constant(b, loc, 0.0));

  SmallVector<OpFoldResult> sizes{tensor::getMixedSize(b, loc, x, 0), b.getIndexAttr(outChannels),
                                  b.getIndexAttr(r->out[0]), b.getIndexAttr(r->out[1])};
  Value init;
  if (bias) {
    // The convolution accumulates onto its init, so the bias is broadcast into it.
    init = buildGeneric(b, loc, {{bias, channel}}, emptyTensor(b, loc, sizes),
                        b.getMultiDimIdentityMap(4),
                        SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
                        [](OpBuilder &, Location, ValueRange args) { return args[0]; });
  } else {
    init = filledTensor(b, loc, sizes, 0.0);
  }
  auto strides = b.getI64TensorAttr(window.strides);
  auto dilations = b.getI64TensorAttr(window.dilations);
  if (group == 1)
    return linalg::Conv2DNchwFchwOp::create(b, loc, TypeRange{init.getType()},
                                            ValueRange{padded, w}, ValueRange{init}, strides,
                                            dilations)
        .getResult(0);

  // Grouped (and depthwise) convolution: split the channels into [group, per-group].
  auto split = [&](Value v, unsigned dim, int64_t parts) {
    auto type = cast<RankedTensorType>(v.getType());
    SmallVector<int64_t> shape(type.getShape());
    shape[dim] /= parts;
    shape.insert(shape.begin() + dim, parts);
    SmallVector<ReassociationIndices> groups;
    for (unsigned d = 0, next = 0; d < type.getRank(); ++d) {
      if (d == dim) {
        groups.push_back({next, next + 1});
        next += 2;
      } else {
        groups.push_back({next++});
      }
    }
    auto result = RankedTensorType::get(shape, type.getElementType());
    return std::make_pair(Value(tensor::ExpandShapeOp::create(b, loc, result, v, groups)), groups);
  };
  Value groupedX = split(padded, 1, group).first;
  Value groupedW = split(w, 0, group).first;
  auto [groupedInit, outGroups] = split(init, 1, group);
  Value conv = linalg::Conv2DNgchwGfchwOp::create(b, loc, TypeRange{groupedInit.getType()},
                                                  ValueRange{groupedX, groupedW},
                                                  ValueRange{groupedInit}, strides, dilations)
                   .getResult(0);
  return tensor::CollapseShapeOp::create(b, loc, init.getType(), conv, outGroups).getResult();
}

} // namespace mlir::snn::ann
