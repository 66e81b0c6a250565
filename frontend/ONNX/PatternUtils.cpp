// NodePattern matching on (op type, domain, opset range) and the helpers patterns share.
#include "frontend/ONNX/ONNXPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

namespace snn::onnx {

NodePattern::NodePattern(MLIRContext *ctx, StringRef opType, int64_t minVersion,
                         int64_t maxVersion, StringRef domain, PatternBenefit benefit)
    : OpConversionPattern<NodeOp>(ctx, benefit), opType(opType.str()), domain(domain.str()),
      minVersion(minVersion), maxVersion(maxVersion) {}

LogicalResult NodePattern::matchAndRewrite(NodeOp op, OpAdaptor adaptor,
                                           ConversionPatternRewriter &rewriter) const {
  if (op.getOpType() != opType || op.getDomain() != domain)
    return failure();
  int64_t version = op.getVersion();
  if (version < minVersion || version > maxVersion)
    return rewriter.notifyMatchFailure(op, "opset version outside the pattern's range");
  return rewriteNode(op, adaptor.getInputs(), rewriter);
}

std::string describe(NodeOp op) {
  std::string type = op.getDomain().empty()
                         ? op.getOpType().str()
                         : (op.getDomain() + "." + op.getOpType()).str();
  return "node '" + op.getNodeName().str() + "' (" + type + ")";
}

LogicalResult unsupported(NodeOp op, const Twine &reason) {
  op.emitError() << describe(op) << ": " << reason;
  return failure();
}

LogicalResult checkAttributes(NodeOp op, ArrayRef<StringRef> known) {
  for (NamedAttribute attr : op.getNodeAttrs())
    if (!llvm::is_contained(known, attr.getName().getValue()))
      return unsupported(op, "unsupported attribute '" + attr.getName().getValue() + "'");
  return success();
}

bool hasAttr(NodeOp op, StringRef name) { return static_cast<bool>(op.getNodeAttrs().get(name)); }

int64_t getInt(NodeOp op, StringRef name, int64_t defaultValue) {
  auto attr = dyn_cast_or_null<IntegerAttr>(op.getNodeAttrs().get(name));
  return attr ? attr.getInt() : defaultValue;
}

float getFloat(NodeOp op, StringRef name, float defaultValue) {
  Attribute attr = op.getNodeAttrs().get(name);
  if (auto f = dyn_cast_or_null<FloatAttr>(attr))
    return static_cast<float>(f.getValueAsDouble());
  if (auto i = dyn_cast_or_null<IntegerAttr>(attr))
    return static_cast<float>(i.getInt());
  return defaultValue;
}

std::string getString(NodeOp op, StringRef name, StringRef defaultValue) {
  auto attr = dyn_cast_or_null<StringAttr>(op.getNodeAttrs().get(name));
  return (attr ? attr.getValue() : defaultValue).str();
}

SmallVector<int64_t> getInts(NodeOp op, StringRef name, ArrayRef<int64_t> defaultValue) {
  if (auto attr = dyn_cast_or_null<DenseI64ArrayAttr>(op.getNodeAttrs().get(name)))
    return SmallVector<int64_t>(attr.asArrayRef());
  return SmallVector<int64_t>(defaultValue);
}

SmallVector<float> getFloats(NodeOp op, StringRef name) {
  if (auto attr = dyn_cast_or_null<DenseF32ArrayAttr>(op.getNodeAttrs().get(name)))
    return SmallVector<float>(attr.asArrayRef());
  return {};
}

bool isAbsent(Value value) { return !value || isa<NoneType>(value.getType()); }

DenseElementsAttr getConstant(Value value) {
  if (!value)
    return {};
  if (auto c = value.getDefiningOp<arith::ConstantOp>())
    return dyn_cast<DenseElementsAttr>(c.getValue());
  if (auto c = value.getDefiningOp<ConstantOp>())
    return dyn_cast<DenseElementsAttr>(c.getValue());
  return {};
}

RankedTensorType resultType(NodeOp op, unsigned index) {
  if (index >= op->getNumResults())
    return {};
  return dyn_cast<RankedTensorType>(op->getResult(index).getType());
}

} // namespace snn::onnx
