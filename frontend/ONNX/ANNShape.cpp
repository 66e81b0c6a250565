// ANN builders for the shape operators: Flatten, Reshape, Pad, Transpose, Concat.
#include "frontend/ONNX/ANNBuilders.h"
#include "frontend/ONNX/ANNSupport.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"

namespace mlir::snn::ann {

namespace {
int64_t product(ArrayRef<int64_t> dims) {
  int64_t p = 1;
  for (int64_t d : dims)
    p *= d;
  return p;
}

/// Row-major reshape of a static tensor through its 1-D view: both steps are views
/// (collapse_shape / expand_shape), so bufferization copies nothing.
Value reshapeStatic(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> target) {
  auto type = cast<RankedTensorType>(x.getType());
  if (type.getShape() == target)
    return x;
  auto targetType = RankedTensorType::get(target, type.getElementType());
  // One collapse or one expand where the dimensions group; otherwise through 1-D.
  if (targetType.getRank() < type.getRank()) {
    if (auto groups = getReassociationIndicesForReshape(type, targetType))
      return tensor::CollapseShapeOp::create(b, loc, targetType, x, *groups);
  } else if (targetType.getRank() > type.getRank()) {
    if (auto groups = getReassociationIndicesForReshape(targetType, type))
      return tensor::ExpandShapeOp::create(b, loc, targetType, x, *groups);
  }
  auto flatType = RankedTensorType::get({type.getNumElements()}, type.getElementType());
  Value flat = x;
  if (type.getRank() > 1)
    flat = tensor::CollapseShapeOp::create(
        b, loc, flatType, x, {llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()))});
  else if (type.getRank() == 0)
    flat = tensor::ExpandShapeOp::create(b, loc, flatType, x, ArrayRef<ReassociationIndices>{});
  if (target.size() == 1)
    return flat;
  if (target.empty())
    return tensor::CollapseShapeOp::create(b, loc, targetType, flat,
                                           ArrayRef<ReassociationIndices>{});
  return tensor::ExpandShapeOp::create(
      b, loc, targetType, flat,
      {llvm::to_vector(llvm::seq<int64_t>(0, static_cast<int64_t>(target.size())))});
}

/// One reassociation group holding dimensions [from, to).
ReassociationIndices range(int64_t from, int64_t to) {
  return llvm::to_vector(llvm::seq<int64_t>(from, to));
}
} // namespace

FailureOr<Value> flatten(OpBuilder &b, Location loc, Value x, int64_t axis, std::string &why) {
  RankedTensorType type = f32TensorType(x, "the input", why);
  if (!type)
    return failure();
  int64_t rank = type.getRank();
  if (axis < -rank || axis > rank) {
    why = "axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank);
    return failure();
  }
  if (axis < 0)
    axis += rank;
  if (type.hasStaticShape() && (axis == 0 || axis == rank)) {
    ArrayRef<int64_t> shape = type.getShape();
    return reshapeStatic(b, loc, x,
                         {product(shape.take_front(axis)), product(shape.drop_front(axis))});
  }
  if (axis == 0 || axis == rank) {
    why = "Flatten with axis 0 or rank needs a static input shape";
    return failure();
  }
  // Static sizes multiply into the result type; a dynamic size makes its group dynamic.
  auto groupSize = [&](int64_t from, int64_t to) {
    for (int64_t d = from; d < to; ++d)
      if (type.isDynamicDim(d))
        return ShapedType::kDynamic;
    return product(type.getShape().slice(from, to - from));
  };
  auto result =
      RankedTensorType::get({groupSize(0, axis), groupSize(axis, rank)}, type.getElementType());
  return tensor::CollapseShapeOp::create(b, loc, result, x, {range(0, axis), range(axis, rank)})
      .getResult();
}

FailureOr<Value> reshape(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> shape,
                         bool allowZero, std::string &why) {
  // Any element type: Unsqueeze/Squeeze reshape int64 shapes too.
  auto type = dyn_cast<RankedTensorType>(x.getType());
  if (!type) {
    why = "data must be a ranked tensor";
    return failure();
  }
  if (llvm::is_contained(type.getShape(), 0)) {
    why = "empty tensors are not supported";
    return failure();
  }
  SmallVector<int64_t> target(shape);
  int64_t inferred = -1;
  for (auto [i, size] : llvm::enumerate(target)) {
    if (size == -1) {
      if (inferred >= 0) {
        why = "the shape has more than one -1 entry";
        return failure();
      }
      inferred = i;
    } else if (size == 0 && !allowZero) {
      if (static_cast<int64_t>(i) >= type.getRank()) {
        why = "shape entry " + std::to_string(i) + " copies a dimension the input lacks";
        return failure();
      }
      size = type.getDimSize(i);
    } else if (size == 0) {
      why = "empty tensors (a 0 entry with allowzero=1) are not supported";
      return failure();
    } else if (size < -1) {
      why = "shape entry " + std::to_string(size) + " is invalid";
      return failure();
    }
  }
  // Only the batch dimension may be dynamic, and only when it is copied unchanged.
  bool batchDynamic = type.getRank() > 0 && type.isDynamicDim(0);
  for (int64_t d = 1; d < type.getRank(); ++d)
    if (type.isDynamicDim(d)) {
      why = "only the first input dimension may be dynamic";
      return failure();
    }
  // A leading -1 (x.view(-1, F)) keeps the batch when the other entries hold exactly the
  // per-sample elements; this is checked below with the 0-copy case.
  if (batchDynamic && inferred == 0) {
    target[0] = ShapedType::kDynamic;
    inferred = -1;
  }
  if (batchDynamic && (target.empty() || !ShapedType::isDynamic(target[0]))) {
    why = "a dynamic first dimension must be kept by a 0 or leading -1 entry";
    return failure();
  }
  int64_t from = batchDynamic ? 1 : 0;
  int64_t total = product(type.getShape().drop_front(from));
  int64_t known = product(ArrayRef<int64_t>(target).drop_front(from));
  if (inferred >= from) {
    known = -known;
    if (known == 0 || total % known != 0) {
      why = "the shape cannot be inferred: " + std::to_string(total) +
            " elements do not divide into it";
      return failure();
    }
    target[inferred] = total / known;
    known = total;
  }
  if (known != total) {
    why =
        "the shape has " + std::to_string(known) + " elements, the input " + std::to_string(total);
    return failure();
  }
  if (!batchDynamic)
    return reshapeStatic(b, loc, x, target);

  // [?, a, b, ...] -> [?, a*b*...] -> [?, t1, t2, ...]: the batch stays a group of its own.
  int64_t rank = type.getRank(), targetRank = target.size();
  if (rank < 2 && targetRank != rank) {
    why = "a 1-D input with a dynamic size cannot be reshaped";
    return failure();
  }
  Value v = x;
  if (rank > 2)
    v = tensor::CollapseShapeOp::create(
        b, loc, RankedTensorType::get({ShapedType::kDynamic, total}, type.getElementType()), x,
        {range(0, 1), range(1, rank)});
  if (targetRank > 2)
    v = tensor::ExpandShapeOp::create(b, loc, RankedTensorType::get(target, type.getElementType()),
                                      v, {range(0, 1), range(1, targetRank)});
  else if (targetRank == 1) {
    why = "a dynamic batch cannot be merged with other dimensions";
    return failure();
  }
  return v;
}

FailureOr<Value> padConstant(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> pads,
                             double value, std::string &why) {
  RankedTensorType type = f32TensorType(x, "data", why);
  if (!type)
    return failure();
  int64_t rank = type.getRank();
  if (static_cast<int64_t>(pads.size()) != 2 * rank) {
    why = "pads must have " + std::to_string(2 * rank) + " entries";
    return failure();
  }
  if (llvm::any_of(pads, [](int64_t p) { return p < 0; })) {
    why = "negative pads (cropping) are not supported";
    return failure();
  }
  SmallVector<OpFoldResult> lows, highs;
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    lows.push_back(b.getIndexAttr(pads[d]));
    highs.push_back(b.getIndexAttr(pads[d + rank]));
    int64_t size = type.getDimSize(d);
    shape.push_back(ShapedType::isDynamic(size) ? size : size + pads[d] + pads[d + rank]);
  }
  return tensor::PadOp::create(b, loc, RankedTensorType::get(shape, type.getElementType()), x, lows,
                               highs, f32Constant(b, loc, value))
      .getResult();
}

FailureOr<Value> transpose(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> perm,
                           std::string &why) {
  RankedTensorType type = f32TensorType(x, "data", why);
  if (!type)
    return failure();
  int64_t rank = type.getRank();
  SmallVector<int64_t> permutation(perm);
  if (permutation.empty())
    permutation = llvm::to_vector(llvm::reverse(llvm::seq<int64_t>(0, rank)));
  SmallVector<bool> seen(rank, false);
  bool valid = static_cast<int64_t>(permutation.size()) == rank;
  for (int64_t p : permutation) {
    valid = valid && p >= 0 && p < rank && !seen[p];
    if (valid)
      seen[p] = true;
  }
  if (!valid) {
    why = "perm is not a permutation of the " + std::to_string(rank) + " dimensions";
    return failure();
  }
  if (llvm::equal(permutation, llvm::seq<int64_t>(0, rank)))
    return x;
  SmallVector<OpFoldResult> in = mixedSizes(b, loc, x), out;
  for (int64_t p : permutation)
    out.push_back(in[p]);
  return linalg::TransposeOp::create(b, loc, x, emptyTensor(b, loc, out), permutation)
      .getResult()[0];
}

FailureOr<Value> concat(OpBuilder &b, Location loc, ValueRange inputs, int64_t axis,
                        std::string &why) {
  if (inputs.empty()) {
    why = "Concat needs at least one input";
    return failure();
  }
  // Any element type: besides f32 data, exporters concatenate int64 shapes.
  auto first = dyn_cast<RankedTensorType>(inputs[0].getType());
  if (!first) {
    why = "inputs must be ranked tensors";
    return failure();
  }
  int64_t rank = first.getRank();
  if (axis < -rank || axis >= rank) {
    why = "axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank);
    return failure();
  }
  if (axis < 0)
    axis += rank;
  int64_t total = 0;
  for (Value v : inputs) {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    if (!type || type.getElementType() != first.getElementType() || type.getRank() != rank) {
      why = "inputs must be ranked tensors of one element type and rank";
      return failure();
    }
    for (int64_t d = 0; d < rank; ++d) {
      int64_t a = type.getDimSize(d), c = first.getDimSize(d);
      if (d == axis ? ShapedType::isDynamic(a)
                    : (!ShapedType::isDynamic(a) && !ShapedType::isDynamic(c) && a != c)) {
        why = d == axis ? "sizes along the axis must be static"
                        : "inputs differ in dimension " + std::to_string(d);
        return failure();
      }
    }
    total += type.getDimSize(axis);
  }
  if (inputs.size() == 1)
    return inputs[0];
  SmallVector<OpFoldResult> sizes = mixedSizes(b, loc, inputs[0]);
  sizes[axis] = b.getIndexAttr(total);
  // Each input is written into its slice of one destination tensor.
  Value result = tensor::EmptyOp::create(b, loc, sizes, first.getElementType());
  int64_t offset = 0;
  for (Value v : inputs) {
    SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0)), strides(rank, b.getIndexAttr(1));
    offsets[axis] = b.getIndexAttr(offset);
    result =
        tensor::InsertSliceOp::create(b, loc, v, result, offsets, mixedSizes(b, loc, v), strides);
    offset += cast<RankedTensorType>(v.getType()).getDimSize(axis);
  }
  return result;
}

} // namespace mlir::snn::ann
