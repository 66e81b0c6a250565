// What the ANN op patterns share: result replacement and input checks.
#include "frontend/ONNX/ANNPatternSupport.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;

namespace snn::onnx {

LogicalResult ANNPattern::rewriteNode(NodeOp op, ValueRange operands,
                                      ConversionPatternRewriter &rewriter) const {
  // A producer may have cast its result to a less static inferred type (an unranked
  // Reshape result, say); its consumers compute with the precise type.
  SmallVector<Value> refined;
  for (Value v : operands) {
    while (auto cast = v.getDefiningOp<tensor::CastOp>()) {
      if (!isa<RankedTensorType>(cast.getSource().getType()))
        break;
      v = cast.getSource();
    }
    refined.push_back(v);
  }
  return fn(op, refined, rewriter);
}

LogicalResult replace(NodeOp op, ConversionPatternRewriter &rewriter, ArrayRef<Value> values) {
  SmallVector<Value> results;
  for (auto [value, result] : llvm::zip(values, op->getResults())) {
    Type want = result.getType();
    if (value.getType() == want) {
      results.push_back(value);
      continue;
    }
    if (!tensor::CastOp::areCastCompatible(value.getType(), want)) {
      std::string got, expected;
      llvm::raw_string_ostream(got) << value.getType();
      llvm::raw_string_ostream(expected) << want;
      return unsupported(op,
                         "computed type " + got + " does not match the inferred type " + expected);
    }
    results.push_back(tensor::CastOp::create(rewriter, op.getLoc(), want, value));
  }
  rewriter.replaceOp(op, results);
  return success();
}

LogicalResult finish(NodeOp op, ConversionPatternRewriter &rewriter, FailureOr<Value> value,
                     const std::string &why) {
  if (failed(value))
    return unsupported(op, why);
  return replace(op, rewriter, {*value});
}

LogicalResult checkArity(NodeOp op, ValueRange operands, unsigned minInputs, unsigned maxInputs,
                         unsigned maxOutputs) {
  if (operands.size() < minInputs || operands.size() > maxInputs ||
      llvm::any_of(operands.take_front(minInputs), isAbsent)) {
    std::string range = std::to_string(minInputs);
    if (maxInputs != minInputs)
      range += " to " + std::to_string(maxInputs);
    return unsupported(op, "expects " + range + " inputs, got " + Twine(operands.size()));
  }
  if (op->getNumResults() < 1 || op->getNumResults() > maxOutputs) {
    std::string range =
        maxOutputs == 1 ? "one output" : "1 to " + std::to_string(maxOutputs) + " outputs";
    return unsupported(op, "expects " + range + ", got " + Twine(op->getNumResults()));
  }
  return success();
}

Value optionalInput(ValueRange operands, unsigned index) {
  return index < operands.size() && !isAbsent(operands[index]) ? operands[index] : Value();
}

std::optional<SmallVector<int64_t>> getConstantInts(Value value) {
  DenseElementsAttr attr = getConstant(value);
  if (!attr || !attr.getElementType().isInteger())
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &v : attr.getValues<APInt>())
    values.push_back(v.getSExtValue());
  return values;
}

std::optional<SmallVector<OpFoldResult>> getShapeElements(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() > 1 || !type.hasStaticShape() || !type.getElementType().isInteger(64))
    return std::nullopt;
  if (std::optional<SmallVector<int64_t>> values = getConstantInts(value)) {
    SmallVector<OpFoldResult> elements;
    for (int64_t v : *values)
      elements.push_back(IntegerAttr::get(type.getElementType(), v));
    return elements;
  }
  Operation *def = value.getDefiningOp();
  if (auto fromElements = dyn_cast_or_null<tensor::FromElementsOp>(def)) {
    SmallVector<OpFoldResult> elements;
    for (Value v : fromElements.getElements()) {
      if (std::optional<int64_t> c = getConstantIntValue(v))
        elements.push_back(IntegerAttr::get(type.getElementType(), *c));
      else
        elements.push_back(v);
    }
    return elements;
  }
  // A scalar viewed as [1] (Unsqueeze) or back keeps its one element.
  if (auto expand = dyn_cast_or_null<tensor::ExpandShapeOp>(def))
    return getShapeElements(expand.getSrc());
  if (auto collapse = dyn_cast_or_null<tensor::CollapseShapeOp>(def))
    return getShapeElements(collapse.getSrc());
  return std::nullopt;
}

std::optional<int64_t> getDimOf(OpFoldResult element, Value of) {
  auto value = dyn_cast<Value>(element);
  auto cast = value ? value.getDefiningOp<arith::IndexCastOp>() : arith::IndexCastOp();
  auto dim = cast ? cast.getIn().getDefiningOp<tensor::DimOp>() : tensor::DimOp();
  if (!dim || dim.getSource() != of)
    return std::nullopt;
  return dim.getConstantIndex();
}

} // namespace snn::onnx
