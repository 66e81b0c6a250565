// Shared helpers of the ANN builders: tensor creation, broadcasting and linalg.generic.
#include "frontend/ONNX/ANNSupport.h"
#include "frontend/ONNX/ANNBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

namespace mlir::snn::ann {

RankedTensorType f32TensorType(Value v, StringRef what, std::string &why) {
  auto type = v ? dyn_cast<RankedTensorType>(v.getType()) : RankedTensorType();
  if (!type || !type.getElementType().isF32()) {
    why = (what + " must be a ranked float32 tensor").str();
    return {};
  }
  return type;
}

Value f32Constant(OpBuilder &b, Location loc, double value) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(value));
}

Value negativeInfinity(OpBuilder &b, Location loc) {
  APFloat inf = APFloat::getInf(APFloat::IEEEsingle(), /*Negative=*/true);
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(b.getF32Type(), inf));
}

Value emptyTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes) {
  return tensor::EmptyOp::create(b, loc, sizes, b.getF32Type());
}

Value filledTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes, double value) {
  Value empty = emptyTensor(b, loc, sizes);
  return linalg::FillOp::create(b, loc, f32Constant(b, loc, value), empty).getResult(0);
}

SmallVector<OpFoldResult> mixedSizes(OpBuilder &b, Location loc, Value v) {
  return tensor::getMixedSizes(b, loc, v);
}

SmallVector<int64_t> staticSizes(ArrayRef<OpFoldResult> sizes) {
  SmallVector<int64_t> shape;
  for (OpFoldResult s : sizes)
    shape.push_back(getConstantIntValue(s).value_or(ShapedType::kDynamic));
  return shape;
}

GenericOperand broadcastOperand(OpBuilder &b, Location loc, Value v, unsigned numLoops,
                                ArrayRef<unsigned> loopOfDim, ArrayRef<bool> broadcast) {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<AffineExpr> results;
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  SmallVector<int64_t> collapsedShape;
  for (unsigned i = 0; i < type.getRank(); ++i) {
    pending.push_back(i);
    if (broadcast[i])
      continue;
    groups.push_back(pending);
    pending.clear();
    results.push_back(b.getAffineDimExpr(loopOfDim[i]));
    collapsedShape.push_back(type.getDimSize(i));
  }
  if (!pending.empty() && !groups.empty())
    groups.back().append(pending.begin(), pending.end());
  if (collapsedShape.size() != static_cast<size_t>(type.getRank())) {
    auto collapsedType = RankedTensorType::get(collapsedShape, type.getElementType());
    v = tensor::CollapseShapeOp::create(b, loc, collapsedType, v, groups);
  }
  return {v, AffineMap::get(numLoops, 0, results, b.getContext())};
}

FailureOr<SmallVector<OpFoldResult>> broadcastSizes(OpBuilder &b, Location loc, ValueRange operands,
                                                    std::string &why) {
  int64_t rank = 0;
  for (Value v : operands)
    rank = std::max(rank, cast<RankedTensorType>(v.getType()).getRank());
  SmallVector<OpFoldResult> sizes(rank, b.getIndexAttr(1));
  for (int64_t d = 0; d < rank; ++d) {
    std::optional<int64_t> fixed;
    Value dynamicFrom;
    int64_t dynamicDim = 0;
    for (Value v : operands) {
      auto type = cast<RankedTensorType>(v.getType());
      int64_t i = d - (rank - type.getRank());
      if (i < 0)
        continue;
      int64_t size = type.getDimSize(i);
      if (ShapedType::isDynamic(size)) {
        if (!dynamicFrom) {
          dynamicFrom = v;
          dynamicDim = i;
        }
        continue;
      }
      if (size == 1)
        continue;
      if (fixed && *fixed != size) {
        why = "operand shapes are not broadcast-compatible (" + std::to_string(*fixed) + " vs " +
              std::to_string(size) + " in dimension " + std::to_string(d) + ")";
        return failure();
      }
      fixed = size;
    }
    if (fixed)
      sizes[d] = b.getIndexAttr(*fixed);
    else if (dynamicFrom)
      sizes[d] = tensor::DimOp::create(b, loc, dynamicFrom, dynamicDim).getResult();
  }
  return sizes;
}

Value broadcastElementwise(OpBuilder &b, Location loc, ValueRange operands,
                           ArrayRef<OpFoldResult> sizes, ScalarBody body) {
  unsigned rank = sizes.size();
  SmallVector<int64_t> resultShape = staticSizes(sizes);
  SmallVector<GenericOperand> inputs;
  for (Value v : operands) {
    auto type = cast<RankedTensorType>(v.getType());
    unsigned offset = rank - type.getRank();
    SmallVector<unsigned> loops;
    SmallVector<bool> bcast;
    for (unsigned i = 0; i < type.getRank(); ++i) {
      loops.push_back(offset + i);
      bcast.push_back(type.getDimSize(i) == 1 && resultShape[offset + i] != 1);
    }
    inputs.push_back(broadcastOperand(b, loc, v, rank, loops, bcast));
  }
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  return buildGeneric(b, loc, inputs, emptyTensor(b, loc, sizes), b.getMultiDimIdentityMap(rank),
                      iterators, body);
}

Value buildGeneric(OpBuilder &b, Location loc, ArrayRef<GenericOperand> inputs, Value init,
                   AffineMap initMap, ArrayRef<utils::IteratorType> iterators,
                   function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  SmallVector<Value> values;
  SmallVector<AffineMap> maps;
  for (const GenericOperand &in : inputs) {
    values.push_back(in.value);
    maps.push_back(in.map);
  }
  maps.push_back(initMap);
  auto generic =
      linalg::GenericOp::create(b, loc, TypeRange{init.getType()}, values, ValueRange{init}, maps,
                                iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
                                  linalg::YieldOp::create(nb, nloc, body(nb, nloc, args));
                                });
  return generic.getResult(0);
}

Value pad2D(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> low, ArrayRef<int64_t> high,
            Value padValue) {
  if (llvm::all_of(low, [](int64_t p) { return p == 0; }) &&
      llvm::all_of(high, [](int64_t p) { return p == 0; }))
    return x;
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape(type.getShape());
  SmallVector<OpFoldResult> lows(2, b.getIndexAttr(0)), highs(2, b.getIndexAttr(0));
  for (unsigned i = 0; i < 2; ++i) {
    shape[2 + i] += low[i] + high[i];
    lows.push_back(b.getIndexAttr(low[i]));
    highs.push_back(b.getIndexAttr(high[i]));
  }
  auto padded = RankedTensorType::get(shape, type.getElementType());
  return tensor::PadOp::create(b, loc, padded, x, lows, highs, padValue);
}

Value expandTrailing(OpBuilder &b, Location loc, Value v, unsigned trailing) {
  if (trailing == 0)
    return v;
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> shape{type.getDimSize(0)};
  ReassociationIndices group{0};
  for (unsigned i = 0; i < trailing; ++i) {
    shape.push_back(1);
    group.push_back(i + 1);
  }
  auto expanded = RankedTensorType::get(shape, type.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, expanded, v, {group});
}

FailureOr<ResolvedWindow> resolveWindow(const Window2D &win, ArrayRef<int64_t> inputHW,
                                        std::string &why) {
  ResolvedWindow r;
  for (unsigned i = 0; i < 2; ++i) {
    int64_t size = inputHW[i], k = win.kernel[i], s = win.strides[i], d = win.dilations[i];
    if (ShapedType::isDynamic(size)) {
      why = "spatial dimensions must be static";
      return failure();
    }
    if (k < 1 || s < 1 || d < 1) {
      why = "kernel, strides and dilations must be positive";
      return failure();
    }
    int64_t effective = (k - 1) * d + 1;
    r.extraEnd[i] = 0;
    switch (win.autoPad) {
    case AutoPad::NotSet: {
      r.padBegin[i] = win.pads[i];
      r.padEnd[i] = win.pads[i + 2];
      if (r.padBegin[i] < 0 || r.padEnd[i] < 0) {
        why = "pads must be non-negative";
        return failure();
      }
      int64_t span = size + r.padBegin[i] + r.padEnd[i] - effective;
      if (span < 0)
        break;
      r.out[i] = (win.ceilMode ? (span + s - 1) / s : span / s) + 1;
      // A window may not start in the end padding (ceil_mode's rule in ONNX and ORT).
      if (win.ceilMode && (r.out[i] - 1) * s >= size + r.padBegin[i])
        --r.out[i];
      r.extraEnd[i] = std::max<int64_t>(0, (r.out[i] - 1) * s + effective -
                                               (size + r.padBegin[i] + r.padEnd[i]));
      break;
    }
    case AutoPad::Valid:
      r.padBegin[i] = r.padEnd[i] = 0;
      r.out[i] = size >= effective ? (size - effective) / s + 1 : 0;
      break;
    case AutoPad::SameUpper:
    case AutoPad::SameLower: {
      r.out[i] = (size + s - 1) / s;
      int64_t total = std::max<int64_t>(0, (r.out[i] - 1) * s + effective - size);
      r.padBegin[i] = win.autoPad == AutoPad::SameUpper ? total / 2 : total - total / 2;
      r.padEnd[i] = total - r.padBegin[i];
      break;
    }
    }
    if (size + r.padBegin[i] + r.padEnd[i] < effective) {
      why = "the window (" + std::to_string(effective) + ") is larger than the padded input (" +
            std::to_string(size + r.padBegin[i] + r.padEnd[i]) + ")";
      return failure();
    }
  }
  return r;
}

} // namespace mlir::snn::ann
