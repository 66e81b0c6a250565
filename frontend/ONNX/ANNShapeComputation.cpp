// Shape computations on small integer tensors (Shape, Gather, Unsqueeze, Squeeze), as
// exporters emit them around Reshape; folded to constants whenever the values are known.
#include "frontend/ONNX/ANNBuilders.h"
#include "frontend/ONNX/ANNPatternSupport.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace snn::onnx {

namespace {

Value int64Constant(OpBuilder &b, Location loc, ArrayRef<int64_t> shape, ArrayRef<int64_t> values) {
  auto type = RankedTensorType::get(shape, b.getI64Type());
  return arith::ConstantOp::create(b, loc, DenseElementsAttr::get(type, values));
}

/// Shape: a constant where the dimensions are static, else tensor.dim per dimension.
LogicalResult rewriteShape(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  bool hasSlice = op.getVersion() >= 15;
  if (failed(checkAttributes(op, hasSlice ? ArrayRef<StringRef>{"start", "end"}
                                          : ArrayRef<StringRef>{})) ||
      failed(checkArity(op, operands, 1, 1)))
    return failure();
  auto type = dyn_cast<RankedTensorType>(operands[0].getType());
  if (!type)
    return unsupported(op, "the input must be a ranked tensor");
  int64_t rank = type.getRank();
  auto clampIndex = [&](int64_t i) { return std::clamp<int64_t>(i < 0 ? i + rank : i, 0, rank); };
  int64_t start = clampIndex(getInt(op, "start", 0));
  int64_t end = clampIndex(getInt(op, "end", rank));
  end = std::max(start, end);
  Location loc = op.getLoc();
  ArrayRef<int64_t> dims = type.getShape().slice(start, end - start);
  if (!ShapedType::isDynamicShape(dims))
    return replace(op, rewriter, {int64Constant(rewriter, loc, {end - start}, dims)});
  // Static sizes stay constants so that shape arithmetic downstream can fold them.
  SmallVector<Value> elements;
  for (int64_t d = start; d < end; ++d) {
    if (!type.isDynamicDim(d)) {
      elements.push_back(
          arith::ConstantOp::create(rewriter, loc, rewriter.getI64IntegerAttr(type.getDimSize(d))));
      continue;
    }
    Value dim = tensor::DimOp::create(rewriter, loc, operands[0], d);
    elements.push_back(arith::IndexCastOp::create(rewriter, loc, rewriter.getI64Type(), dim));
  }
  auto result = RankedTensorType::get({end - start}, rewriter.getI64Type());
  return replace(op, rewriter, {tensor::FromElementsOp::create(rewriter, loc, result, elements)});
}

/// Gather on a 1-D integer tensor (a shape) with constant indices.
LogicalResult rewriteGather(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {"axis"})) || failed(checkArity(op, operands, 2, 2)))
    return failure();
  auto type = dyn_cast<RankedTensorType>(operands[0].getType());
  auto indicesType = dyn_cast<RankedTensorType>(operands[1].getType());
  std::optional<SmallVector<int64_t>> indices = getConstantInts(operands[1]);
  int64_t axis = getInt(op, "axis", 0);
  if (!type || type.getRank() != 1 || !type.getElementType().isInteger(64) ||
      !type.hasStaticShape() || !indicesType || indicesType.getRank() > 1 || !indices ||
      (axis != 0 && axis != -1))
    return unsupported(op, "only gathering constant indices from a 1-D int64 tensor (a shape) "
                           "is supported");
  int64_t size = type.getDimSize(0);
  for (int64_t &i : *indices) {
    if (i < -size || i >= size)
      return unsupported(op, "index " + Twine(i) + " is out of range for size " + Twine(size));
    i = i < 0 ? i + size : i;
  }
  Location loc = op.getLoc();
  ArrayRef<int64_t> shape = indicesType.getShape();
  if (std::optional<SmallVector<int64_t>> data = getConstantInts(operands[0])) {
    SmallVector<int64_t> values;
    for (int64_t i : *indices)
      values.push_back((*data)[i]);
    return replace(op, rewriter, {int64Constant(rewriter, loc, shape, values)});
  }
  // Elements of a traced shape are picked directly (no tensor.extract), so that the
  // Reshape consuming them still sees where each comes from.
  std::optional<SmallVector<OpFoldResult>> known = getShapeElements(operands[0]);
  SmallVector<Value> elements;
  for (int64_t i : *indices) {
    if (known && isa<Value>((*known)[i])) {
      elements.push_back(cast<Value>((*known)[i]));
    } else if (known) {
      elements.push_back(arith::ConstantOp::create(
          rewriter, loc, cast<IntegerAttr>(cast<Attribute>((*known)[i]))));
    } else {
      Value index = arith::ConstantIndexOp::create(rewriter, loc, i);
      elements.push_back(tensor::ExtractOp::create(rewriter, loc, operands[0], index));
    }
  }
  auto result = RankedTensorType::get(shape, type.getElementType());
  return replace(op, rewriter, {tensor::FromElementsOp::create(rewriter, loc, result, elements)});
}

/// The axes of Unsqueeze/Squeeze: an attribute before opset 13, a constant input after.
FailureOr<SmallVector<int64_t>> readAxes(NodeOp op, ValueRange operands, bool required) {
  if (op.getVersion() < 13) {
    if (failed(checkAttributes(op, {"axes"})) || failed(checkArity(op, operands, 1, 1)))
      return failure();
    if (required && !hasAttr(op, "axes"))
      return unsupported(op, "the axes attribute is required");
    return getInts(op, "axes");
  }
  if (failed(checkAttributes(op, {})) || failed(checkArity(op, operands, 1, 2)))
    return failure();
  Value axes = optionalInput(operands, 1);
  if (!axes) {
    if (required)
      return unsupported(op, "the axes input is required");
    return SmallVector<int64_t>();
  }
  std::optional<SmallVector<int64_t>> values = getConstantInts(axes);
  if (!values)
    return unsupported(op, "the axes input must be a constant");
  return *values;
}

/// Groups the dimensions of the higher-rank type around the lower-rank one's: each unit
/// dimension `isUnit[d]` joins the group of the next kept dimension (the last, at the end).
SmallVector<ReassociationIndices> unitGroups(ArrayRef<bool> isUnit) {
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  for (auto [d, unit] : llvm::enumerate(isUnit)) {
    pending.push_back(d);
    if (!unit) {
      groups.push_back(pending);
      pending.clear();
    }
  }
  if (!pending.empty() && !groups.empty())
    groups.back().append(pending.begin(), pending.end());
  return groups;
}

/// Unsqueeze/Squeeze with axes computed at run time: both only insert or drop unit
/// dimensions, which moves no element, so the node's static inferred type decides.
std::optional<LogicalResult> reshapeToInferred(NodeOp op, ValueRange operands,
                                               ConversionPatternRewriter &rewriter) {
  Value axes = optionalInput(operands, 1);
  RankedTensorType result = resultType(op);
  if (op.getVersion() < 13 || !axes || getConstantInts(axes) || !result ||
      !result.hasStaticShape() || failed(checkAttributes(op, {})))
    return std::nullopt;
  std::string why;
  return finish(op, rewriter,
                mlir::snn::ann::reshape(rewriter, op.getLoc(), operands[0], result.getShape(),
                                        /*allowZero=*/true, why),
                why);
}

LogicalResult rewriteUnsqueeze(NodeOp op, ValueRange operands,
                               ConversionPatternRewriter &rewriter) {
  if (std::optional<LogicalResult> done = reshapeToInferred(op, operands, rewriter))
    return *done;
  FailureOr<SmallVector<int64_t>> axes = readAxes(op, operands, /*required=*/true);
  if (failed(axes))
    return failure();
  auto type = dyn_cast<RankedTensorType>(operands[0].getType());
  if (!type)
    return unsupported(op, "the input must be a ranked tensor");
  int64_t rank = type.getRank() + axes->size();
  SmallVector<bool> isUnit(rank, false);
  for (int64_t a : *axes) {
    int64_t axis = a < 0 ? a + rank : a;
    if (axis < 0 || axis >= rank || isUnit[axis])
      return unsupported(op, "axis " + Twine(a) + " is out of range or repeated");
    isUnit[axis] = true;
  }
  SmallVector<int64_t> shape;
  for (int64_t d = 0, src = 0; d < rank; ++d)
    shape.push_back(isUnit[d] ? 1 : type.getDimSize(src++));
  auto result = RankedTensorType::get(shape, type.getElementType());
  if (DenseElementsAttr value = getConstant(operands[0]))
    return replace(op, rewriter,
                   {arith::ConstantOp::create(rewriter, op.getLoc(), value.reshape(result))});
  return replace(op, rewriter,
                 {tensor::ExpandShapeOp::create(rewriter, op.getLoc(), result, operands[0],
                                                unitGroups(isUnit))});
}

LogicalResult rewriteSqueeze(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (std::optional<LogicalResult> done = reshapeToInferred(op, operands, rewriter))
    return *done;
  FailureOr<SmallVector<int64_t>> axes = readAxes(op, operands, /*required=*/false);
  if (failed(axes))
    return failure();
  auto type = dyn_cast<RankedTensorType>(operands[0].getType());
  if (!type)
    return unsupported(op, "the input must be a ranked tensor");
  int64_t rank = type.getRank();
  SmallVector<bool> isUnit(rank, false);
  if (axes->empty()) {
    // No axes: every static unit dimension.
    for (int64_t d = 0; d < rank; ++d)
      isUnit[d] = type.getDimSize(d) == 1;
  }
  for (int64_t a : *axes) {
    int64_t axis = a < 0 ? a + rank : a;
    if (axis < 0 || axis >= rank || type.getDimSize(axis) != 1)
      return unsupported(op, "axis " + Twine(a) + " is out of range or not of size 1");
    isUnit[axis] = true;
  }
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d)
    if (!isUnit[d])
      shape.push_back(type.getDimSize(d));
  auto result = RankedTensorType::get(shape, type.getElementType());
  if (DenseElementsAttr value = getConstant(operands[0]))
    return replace(op, rewriter,
                   {arith::ConstantOp::create(rewriter, op.getLoc(), value.reshape(result))});
  return replace(op, rewriter,
                 {tensor::CollapseShapeOp::create(rewriter, op.getLoc(), result, operands[0],
                                                  unitGroups(isUnit))});
}

} // namespace

void populateANNShapeComputationPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  for (auto [opType, fn] : {std::pair<StringRef, RewriteFn>{"Shape", rewriteShape},
                            {"Gather", rewriteGather},
                            {"Unsqueeze", rewriteUnsqueeze},
                            {"Squeeze", rewriteSqueeze}})
    patterns.add<ANNPattern>(ctx, opType, kMinOpset, kMaxOpset, fn);
}

} // namespace snn::onnx
