// convert-onnx-to-snn patterns for the standard ANN ops, keyed on (op type, opset range).
#include "frontend/ONNX/ANNBuilders.h"
#include "frontend/ONNX/ANNPatternSupport.h"
#include "frontend/ONNX/ANNSupport.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
namespace ann = mlir::snn::ann;

namespace snn::onnx {

namespace {

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

template <ann::BinaryKind kind>
LogicalResult rewriteBinary(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {})) || failed(checkArity(op, operands, 2, 2)))
    return failure();
  std::string why;
  return finish(op, rewriter,
                ann::binary(rewriter, op.getLoc(), kind, operands[0], operands[1], why), why);
}

template <ann::UnaryKind kind>
LogicalResult rewriteUnary(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {})) || failed(checkArity(op, operands, 1, 1)))
    return failure();
  std::string why;
  return finish(op, rewriter, ann::unary(rewriter, op.getLoc(), kind, operands[0], why), why);
}

LogicalResult rewriteIdentity(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {})) || failed(checkArity(op, operands, 1, 1)))
    return failure();
  if (!isa<RankedTensorType>(operands[0].getType()))
    return unsupported(op, "only tensor inputs are supported");
  return replace(op, rewriter, {operands[0]});
}

/// Dropout at inference is the identity; its optional mask is all ones.
LogicalResult rewriteDropout(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  bool ratioIsInput = op.getVersion() >= 12;
  if (failed(checkAttributes(op, ratioIsInput ? ArrayRef<StringRef>{"seed"}
                                              : ArrayRef<StringRef>{"ratio", "seed"})) ||
      failed(checkArity(op, operands, 1, ratioIsInput ? 3 : 1, 2)))
    return failure();
  if (Value training = optionalInput(operands, 2)) {
    DenseElementsAttr mode = getConstant(training);
    if (!mode || mode.getNumElements() != 1)
      return unsupported(op, "training_mode must be a constant");
    if (mode.getElementType().isInteger(1) ? mode.getSplatValue<bool>()
                                           : !mode.getSplatValue<APInt>().isZero())
      return unsupported(op, "training_mode = true (random dropout) is not supported");
  }
  Value x = operands[0];
  if (!isa<RankedTensorType>(x.getType()))
    return unsupported(op, "only tensor inputs are supported");
  SmallVector<Value> results{x};
  if (op->getNumResults() == 2) {
    auto maskType = dyn_cast<RankedTensorType>(op->getResult(1).getType());
    if (!maskType || !maskType.hasStaticShape() || !maskType.getElementType().isInteger(1))
      return unsupported(op, "the mask output needs a static bool type");
    results.push_back(arith::ConstantOp::create(
        rewriter, op.getLoc(), DenseElementsAttr::get(maskType, rewriter.getBoolAttr(true))));
  }
  return replace(op, rewriter, results);
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

LogicalResult rewriteMatMul(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {})) || failed(checkArity(op, operands, 2, 2)))
    return failure();
  std::string why;
  return finish(op, rewriter, ann::matMul(rewriter, op.getLoc(), operands[0], operands[1], why),
                why);
}

LogicalResult rewriteGemm(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {"alpha", "beta", "transA", "transB"})) ||
      failed(checkArity(op, operands, 2, 3)))
    return failure();
  ann::GemmParams p;
  p.alpha = getFloat(op, "alpha", 1.0f);
  p.beta = getFloat(op, "beta", 1.0f);
  p.transA = getInt(op, "transA", 0) != 0;
  p.transB = getInt(op, "transB", 0) != 0;
  std::string why;
  return finish(op, rewriter,
                ann::gemm(rewriter, op.getLoc(), operands[0], operands[1],
                          optionalInput(operands, 2), p, why),
                why);
}

/// Reads the window attributes shared by Conv and the pooling ops. A 1-D window (X of
/// rank 3) is read as the 2-D window 1×k over an [N, C, 1, W] view of X.
FailureOr<ann::Window2D> readWindow(NodeOp op, Value x) {
  auto type = dyn_cast<RankedTensorType>(x.getType());
  int64_t spatial = type ? type.getRank() - 2 : 2;
  if (spatial != 1 && spatial != 2)
    return unsupported(op, "only 1-D and 2-D windows are supported");
  ann::Window2D win;
  std::string autoPad = getString(op, "auto_pad", "NOTSET");
  if (autoPad == "NOTSET")
    win.autoPad = ann::AutoPad::NotSet;
  else if (autoPad == "SAME_UPPER")
    win.autoPad = ann::AutoPad::SameUpper;
  else if (autoPad == "SAME_LOWER")
    win.autoPad = ann::AutoPad::SameLower;
  else if (autoPad == "VALID")
    win.autoPad = ann::AutoPad::Valid;
  else
    return unsupported(op, "unknown auto_pad '" + autoPad + "'");
  // Absent attributes keep the 2-D defaults; a 1-D list gains the unit height in front.
  auto read = [&](StringRef name, size_t perSide, auto &into) -> LogicalResult {
    if (!hasAttr(op, name))
      return success();
    SmallVector<int64_t> values = getInts(op, name);
    if (values.size() != perSide * spatial)
      return unsupported(op, "'" + name + "' must have " + Twine(perSide * spatial) +
                                 " entries for a " + Twine(spatial) + "-D input");
    if (spatial == 1)
      values = perSide == 1 ? SmallVector<int64_t>{1, values[0]}
                            : SmallVector<int64_t>{0, values[0], 0, values[1]};
    into.assign(values.begin(), values.end());
    return success();
  };
  win.kernel = {1, 1};
  if (failed(read("kernel_shape", 1, win.kernel)) || failed(read("strides", 1, win.strides)) ||
      failed(read("dilations", 1, win.dilations)) || failed(read("pads", 2, win.pads)))
    return failure();
  if (!hasAttr(op, "kernel_shape"))
    win.kernel.clear();
  if (hasAttr(op, "pads") && win.autoPad != ann::AutoPad::NotSet)
    return unsupported(op, "pads and auto_pad are both set");
  win.ceilMode = getInt(op, "ceil_mode", 0) != 0;
  return win;
}

/// [N, C, W] viewed as [N, C, 1, W] (a 1-D window's input or weight); 4-D stays as is.
Value liftTo2D(OpBuilder &b, Location loc, Value v) {
  auto type = cast<RankedTensorType>(v.getType());
  if (type.getRank() != 3)
    return v;
  auto lifted = RankedTensorType::get(
      {type.getDimSize(0), type.getDimSize(1), 1, type.getDimSize(2)}, type.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, lifted, v, {{0}, {1}, {2, 3}});
}

/// Undoes liftTo2D on a result when the node's input `x` was 1-D.
FailureOr<Value> lowerFrom2D(OpBuilder &b, Location loc, FailureOr<Value> result, Value x) {
  if (failed(result) || cast<RankedTensorType>(x.getType()).getRank() != 3)
    return result;
  auto type = cast<RankedTensorType>(result->getType());
  auto lowered = RankedTensorType::get({type.getDimSize(0), type.getDimSize(1), type.getDimSize(3)},
                                       type.getElementType());
  return tensor::CollapseShapeOp::create(b, loc, lowered, *result, {{0}, {1}, {2, 3}}).getResult();
}

/// Checks X is a ranked f32 tensor before its rank picks the window's dimensionality.
LogicalResult checkWindowInput(NodeOp op, Value x) {
  std::string why;
  if (!mlir::snn::ann::f32TensorType(x, "X", why))
    return unsupported(op, why);
  return success();
}

LogicalResult rewriteConv(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(
          op, {"auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"})) ||
      failed(checkArity(op, operands, 2, 3)) || failed(checkWindowInput(op, operands[0])))
    return failure();
  FailureOr<ann::Window2D> win = readWindow(op, operands[0]);
  if (failed(win))
    return failure();
  Location loc = op.getLoc();
  Value x = operands[0], w = operands[1];
  if (cast<RankedTensorType>(x.getType()).getRank() == 3) {
    auto wType = dyn_cast<RankedTensorType>(w.getType());
    if (!wType || wType.getRank() != 3)
      return unsupported(op, "W must be 3-D for a 1-D convolution");
    x = liftTo2D(rewriter, loc, x);
    w = liftTo2D(rewriter, loc, w);
  }
  std::string why;
  FailureOr<Value> y = ann::conv2D(rewriter, loc, x, w, optionalInput(operands, 2), *win,
                                   getInt(op, "group", 1), why);
  return finish(op, rewriter, lowerFrom2D(rewriter, loc, y, operands[0]), why);
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

/// The window of a pooling node: a 1-D or 2-D input and an explicit kernel_shape.
FailureOr<ann::Window2D> readPoolWindow(NodeOp op, Value input) {
  if (failed(checkWindowInput(op, input)))
    return failure();
  FailureOr<ann::Window2D> win = readWindow(op, input);
  if (failed(win))
    return failure();
  if (win->kernel.empty()) {
    (void)unsupported(op, "kernel_shape is required");
    return failure();
  }
  return win;
}

LogicalResult rewriteMaxPool(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {"auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads",
                                  "storage_order", "strides"})) ||
      failed(checkArity(op, operands, 1, 1, 2)))
    return failure();
  if (op->getNumResults() == 2)
    return unsupported(op, "the Indices output is not supported");
  FailureOr<ann::Window2D> win = readPoolWindow(op, operands[0]);
  if (failed(win))
    return failure();
  std::string why;
  Location loc = op.getLoc();
  FailureOr<Value> y =
      ann::maxPool2D(rewriter, loc, liftTo2D(rewriter, loc, operands[0]), *win, why);
  return finish(op, rewriter, lowerFrom2D(rewriter, loc, y, operands[0]), why);
}

LogicalResult rewriteAveragePool(NodeOp op, ValueRange operands,
                                 ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(
          op, {"auto_pad", "ceil_mode", "count_include_pad", "kernel_shape", "pads", "strides"})) ||
      failed(checkArity(op, operands, 1, 1)))
    return failure();
  FailureOr<ann::Window2D> win = readPoolWindow(op, operands[0]);
  if (failed(win))
    return failure();
  std::string why;
  Location loc = op.getLoc();
  FailureOr<Value> y = ann::averagePool2D(rewriter, loc, liftTo2D(rewriter, loc, operands[0]), *win,
                                          getInt(op, "count_include_pad", 0) != 0, why);
  return finish(op, rewriter, lowerFrom2D(rewriter, loc, y, operands[0]), why);
}

LogicalResult rewriteGlobalAveragePool(NodeOp op, ValueRange operands,
                                       ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {})) || failed(checkArity(op, operands, 1, 1)))
    return failure();
  std::string why;
  return finish(op, rewriter, ann::globalAveragePool(rewriter, op.getLoc(), operands[0], why), why);
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

LogicalResult rewriteFlatten(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {"axis"})) || failed(checkArity(op, operands, 1, 1)))
    return failure();
  std::string why;
  return finish(op, rewriter,
                ann::flatten(rewriter, op.getLoc(), operands[0], getInt(op, "axis", 1), why), why);
}

/// The target of a Reshape from its traced shape elements: constants, and the input's own
/// batch size (Shape → Gather → Concat, as exporters write x.view(x.size(0), -1)), which
/// is a 0 (copy) entry.
FailureOr<SmallVector<int64_t>> shapeFromElements(Value input, Value shape, bool allowZero) {
  std::optional<SmallVector<OpFoldResult>> elements = getShapeElements(shape);
  if (!elements || cast<RankedTensorType>(shape.getType()).getRank() != 1)
    return failure();
  SmallVector<int64_t> target;
  for (auto [i, e] : llvm::enumerate(*elements)) {
    if (auto attr = dyn_cast<Attribute>(e)) {
      target.push_back(cast<IntegerAttr>(attr).getInt());
      continue;
    }
    std::optional<int64_t> dim = getDimOf(e, input);
    if (!dim || *dim != static_cast<int64_t>(i) || allowZero)
      return failure();
    target.push_back(0);
  }
  return target;
}

/// The target of a Reshape whose shape is computed at run time, from the node's inferred
/// type: a static type, or [?, static...] from [?, static...] with as many elements per
/// sample, which forces the batch to be kept (N·P = N'·P means N' = N).
FailureOr<SmallVector<int64_t>> shapeFromResultType(NodeOp op, Value input) {
  RankedTensorType result = resultType(op);
  auto inType = dyn_cast<RankedTensorType>(input.getType());
  if (!result || !inType)
    return failure();
  if (result.hasStaticShape())
    return SmallVector<int64_t>(result.getShape());
  auto perSample = [](RankedTensorType type) -> std::optional<int64_t> {
    if (type.getRank() < 1 || !type.isDynamicDim(0) ||
        ShapedType::isDynamicShape(type.getShape().drop_front()))
      return std::nullopt;
    int64_t p = 1;
    for (int64_t d : type.getShape().drop_front())
      p *= d;
    return p;
  };
  std::optional<int64_t> in = perSample(inType), out = perSample(result);
  if (!in || !out || *in != *out)
    return failure();
  SmallVector<int64_t> target{0};
  target.append(result.getShape().begin() + 1, result.getShape().end());
  return target;
}

LogicalResult rewriteReshape(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  bool hasAllowZero = op.getVersion() >= 14;
  if (failed(checkAttributes(op, hasAllowZero ? ArrayRef<StringRef>{"allowzero"}
                                              : ArrayRef<StringRef>{})) ||
      failed(checkArity(op, operands, 2, 2)))
    return failure();
  bool allowZero = hasAllowZero && getInt(op, "allowzero", 0) != 0;
  SmallVector<int64_t> target;
  if (FailureOr<SmallVector<int64_t>> traced =
          shapeFromElements(operands[0], operands[1], allowZero);
      succeeded(traced)) {
    target = *traced;
  } else if (FailureOr<SmallVector<int64_t>> inferred = shapeFromResultType(op, operands[0]);
             succeeded(inferred)) {
    target = *inferred;
    allowZero = false;
  } else {
    return unsupported(op, "the shape input must be a constant 1-D int64 tensor (or the "
                           "output shape known statically)");
  }
  std::string why;
  return finish(op, rewriter,
                ann::reshape(rewriter, op.getLoc(), operands[0], target, allowZero, why), why);
}

/// Pad from opset 11: pads (and the optional constant_value) are inputs; only the
/// constant mode with constant, non-negative pads is supported.
LogicalResult rewritePad(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {"mode"})) || failed(checkArity(op, operands, 2, 3)))
    return failure();
  std::string mode = getString(op, "mode", "constant");
  if (mode != "constant")
    return unsupported(op, "mode '" + mode + "' is not supported (only 'constant')");
  std::optional<SmallVector<int64_t>> pads = getConstantInts(operands[1]);
  if (!pads)
    return unsupported(op, "the pads input must be a constant");
  double value = 0.0;
  if (Value constantValue = optionalInput(operands, 2)) {
    DenseElementsAttr attr = getConstant(constantValue);
    if (!attr || attr.getNumElements() != 1 || !attr.getElementType().isF32())
      return unsupported(op, "constant_value must be a constant float32 scalar");
    value = (*attr.getValues<APFloat>().begin()).convertToDouble();
  }
  std::string why;
  return finish(op, rewriter,
                ann::padConstant(rewriter, op.getLoc(), operands[0], *pads, value, why), why);
}

LogicalResult rewriteTranspose(NodeOp op, ValueRange operands,
                               ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {"perm"})) || failed(checkArity(op, operands, 1, 1)))
    return failure();
  std::string why;
  return finish(op, rewriter,
                ann::transpose(rewriter, op.getLoc(), operands[0], getInts(op, "perm"), why), why);
}

LogicalResult rewriteConcat(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {"axis"})) ||
      failed(checkArity(op, operands, 1, std::max<unsigned>(operands.size(), 1))))
    return failure();
  if (!hasAttr(op, "axis"))
    return unsupported(op, "the axis attribute is required");
  // Shapes assembled from constants fold, and shapes with run-time elements stay a list
  // of scalars, so a following Reshape sees which entries are constant.
  SmallVector<OpFoldResult> elements;
  bool traced = true;
  for (Value v : operands) {
    std::optional<SmallVector<OpFoldResult>> e = getShapeElements(v);
    traced = traced && e && cast<RankedTensorType>(v.getType()).getRank() == 1;
    if (traced)
      elements.append(e->begin(), e->end());
  }
  if (traced) {
    Location loc = op.getLoc();
    auto type =
        RankedTensorType::get({static_cast<int64_t>(elements.size())}, rewriter.getI64Type());
    SmallVector<Value> values;
    for (OpFoldResult e : elements) {
      if (auto v = dyn_cast<Value>(e))
        values.push_back(v);
      else
        values.push_back(
            arith::ConstantOp::create(rewriter, loc, cast<IntegerAttr>(cast<Attribute>(e))));
    }
    if (llvm::all_of(elements, [](OpFoldResult e) { return isa<Attribute>(e); })) {
      SmallVector<int64_t> folded;
      for (OpFoldResult e : elements)
        folded.push_back(cast<IntegerAttr>(cast<Attribute>(e)).getInt());
      return replace(op, rewriter,
                     {arith::ConstantOp::create(rewriter, loc,
                                                DenseElementsAttr::get(type, ArrayRef(folded)))});
    }
    return replace(op, rewriter, {tensor::FromElementsOp::create(rewriter, loc, type, values)});
  }
  std::string why;
  return finish(op, rewriter,
                ann::concat(rewriter, op.getLoc(), operands, getInt(op, "axis", 0), why), why);
}

//===----------------------------------------------------------------------===//
// Normalisation
//===----------------------------------------------------------------------===//

LogicalResult rewriteSoftmax(NodeOp op, ValueRange operands, ConversionPatternRewriter &rewriter) {
  if (failed(checkAttributes(op, {"axis"})) || failed(checkArity(op, operands, 1, 1)))
    return failure();
  // Opset 13 changed both the default axis (1 -> -1) and the meaning (coerced 2-D
  // block -> one axis).
  bool coerce2D = op.getVersion() < 13;
  std::string why;
  return finish(op, rewriter,
                ann::softmax(rewriter, op.getLoc(), operands[0],
                             getInt(op, "axis", coerce2D ? 1 : -1), coerce2D, why),
                why);
}

LogicalResult rewriteBatchNorm(NodeOp op, ValueRange operands,
                               ConversionPatternRewriter &rewriter) {
  // Opset 14 added training_mode (and 15 changed only its type constraints).
  bool hasTrainingMode = op.getVersion() >= 14;
  if (failed(checkAttributes(op, hasTrainingMode
                                     ? ArrayRef<StringRef>{"epsilon", "momentum", "training_mode"}
                                     : ArrayRef<StringRef>{"epsilon", "momentum"})) ||
      failed(checkArity(op, operands, 5, 5, 5)))
    return failure();
  if (getInt(op, "training_mode", 0) != 0)
    return unsupported(op, "training_mode = 1 is not supported (inference only)");
  if (op->getNumResults() != 1)
    return unsupported(op, "the running mean/variance outputs (training) are not supported");
  std::string why;
  return finish(op, rewriter,
                ann::batchNorm(rewriter, op.getLoc(), operands[0], operands[1], operands[2],
                               operands[3], operands[4], getFloat(op, "epsilon", 1e-5f), why),
                why);
}

} // namespace

void populateANNOpPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  // Attributes a version lacks are absent from its nodes and version-specific ones are
  // read by version, so one rewrite serves the whole supported range.
  auto add = [&](StringRef opType, RewriteFn fn) {
    patterns.add<ANNPattern>(ctx, opType, kMinOpset, kMaxOpset, fn);
  };
  add("Add", rewriteBinary<ann::BinaryKind::Add>);
  add("Sub", rewriteBinary<ann::BinaryKind::Sub>);
  add("Mul", rewriteBinary<ann::BinaryKind::Mul>);
  add("Div", rewriteBinary<ann::BinaryKind::Div>);
  add("Relu", rewriteUnary<ann::UnaryKind::Relu>);
  add("Sigmoid", rewriteUnary<ann::UnaryKind::Sigmoid>);
  add("Identity", rewriteIdentity);
  add("Dropout", rewriteDropout);
  add("MatMul", rewriteMatMul);
  add("Gemm", rewriteGemm);
  add("Conv", rewriteConv);
  add("MaxPool", rewriteMaxPool);
  add("AveragePool", rewriteAveragePool);
  add("GlobalAveragePool", rewriteGlobalAveragePool);
  add("Flatten", rewriteFlatten);
  add("Reshape", rewriteReshape);
  add("Pad", rewritePad);
  add("Transpose", rewriteTranspose);
  add("Concat", rewriteConcat);
  add("Softmax", rewriteSoftmax);
  add("BatchNormalization", rewriteBatchNorm);
  populateANNShapeComputationPatterns(patterns);
  populateANNMathPatterns(patterns);
}

} // namespace snn::onnx
