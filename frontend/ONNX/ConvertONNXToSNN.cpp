// convert-onnx-to-snn: gives imported onnx.node ops their semantics (snn profile or ANN).
#include "frontend/ONNX/ModelLoader.h"
#include "frontend/ONNX/ONNXPatterns.h"
#include "frontend/ONNX/Parameters.h"
#include "frontend/ONNX/Passes.h"
#include "frontend/ONNX/SNNPatterns.h"

#include "dialect/SNN/SNNOps.h"

#include "mlir/IR/Diagnostics.h"

namespace snn::onnx {
#define GEN_PASS_DEF_CONVERTONNXTOSNN
#include "frontend/ONNX/Passes.h.inc"
} // namespace snn::onnx

using namespace mlir;

namespace snn::onnx {

namespace {

/// onnx.constant → arith.constant, remembering the initializer's name.
struct ConstantPattern : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ConstantOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto value = dyn_cast<DenseElementsAttr>(op.getValue());
    if (!value)
      return op.emitError("constant '") << op.getName() << "' is not a dense tensor";
    auto constant = arith::ConstantOp::create(rewriter, op.getLoc(), value);
    constant->setAttr(kInitializerAttr, op.getNameAttr());
    rewriter.replaceOp(op, constant);
    return success();
  }
};

/// A spiking model's tensors are batch-polymorphic: dimension 0 becomes dynamic on the
/// arguments and node results, which the snn patterns then produce.
void makeBatchDynamic(func::FuncOp fn) {
  auto dynamicBatch = [](Type type) -> Type {
    auto ranked = dyn_cast<RankedTensorType>(type);
    if (!ranked || ranked.getRank() == 0)
      return type;
    SmallVector<int64_t> shape(ranked.getShape());
    shape[0] = ShapedType::kDynamic;
    return RankedTensorType::get(shape, ranked.getElementType());
  };
  for (BlockArgument arg : fn.getArguments())
    arg.setType(dynamicBatch(arg.getType()));
  fn.walk([&](NodeOp node) {
    for (Value result : node->getResults())
      result.setType(dynamicBatch(result.getType()));
  });
  SmallVector<Type> results;
  for (Type type : fn.getResultTypes())
    results.push_back(dynamicBatch(type));
  fn.setType(FunctionType::get(fn.getContext(), fn.getBody().getArgumentTypes(), results));
}

/// The snn profile reads a Reshape's target from its inferred result type, so the
/// shape computation feeding it (PyTorch's Shape→Gather→Unsqueeze→Concat for
/// `x.view(x.size(0), -1)`) is dead once that operand is detached.
void detachReshapeTargets(func::FuncOp fn) {
  OpBuilder b(fn.getContext());
  fn.walk([&](NodeOp node) {
    if (node.getOpType() != "Reshape" || !node.getDomain().empty() ||
        node->getNumOperands() < 2 || node->getOperand(1).getDefiningOp<ConstantOp>())
      return;
    b.setInsertionPoint(node);
    node->setOperand(1, NoneOp::create(b, node.getLoc(), b.getNoneType()));
  });
  Block &body = fn.getBody().front();
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
    if (isa<NodeOp, ConstantOp, NoneOp>(op) && op.use_empty())
      op.erase();
}

/// The most steps a model may declare; the snn dialect's verifier has the same bound.
constexpr int64_t kMaxModelTimeSteps = 100000;

/// The model's `snn.time_steps` metadata (5 when absent), or failure.
FailureOr<int64_t> modelTimeSteps(ModuleOp module, int64_t override) {
  if (override > 0)
    return override;
  auto metadata = module->getAttrOfType<DictionaryAttr>(kMetadataAttr);
  auto value = metadata ? metadata.getAs<StringAttr>("snn.time_steps") : StringAttr();
  if (!value)
    return 5;
  int64_t steps = 0;
  // getAsInteger fails on overflow too: say "too large" rather than "not a number".
  StringRef text = value.getValue();
  bool digits = !text.empty() && llvm::all_of(text, llvm::isDigit);
  bool parsed = !text.getAsInteger(10, steps);
  if (!parsed || steps < 1 || steps > kMaxModelTimeSteps) {
    InFlightDiagnostic diag = module.emitError() << "metadata 'snn.time_steps' ";
    if (digits && (!parsed || steps > kMaxModelTimeSteps))
      diag << "is " << text.take_front(24) << (text.size() > 24 ? "..." : "")
           << ", more than the " << kMaxModelTimeSteps << " steps snnc allows";
    else
      diag << "must be an integer in [1, " << kMaxModelTimeSteps << "], got '"
           << text.take_front(64) << (text.size() > 64 ? "..." : "") << "'";
    return failure();
  }
  return steps;
}

/// One line for the node no pattern lowered (located at `where`, else the first).
void reportUnconverted(func::FuncOp fn, bool spiking, std::optional<Location> where) {
  NodeOp first;
  fn.walk([&](NodeOp node) {
    if (!first || (where && node.getLoc() == *where && first.getLoc() != *where))
      first = node;
  });
  if (!first) {
    fn.emitError("conversion of the imported graph failed");
    return;
  }
  if (first.getDomain().empty() &&
      (first.getVersion() < kMinOpset || first.getVersion() > kMaxOpset)) {
    unsupported(first, "opset " + Twine(first.getVersion()) + " is outside the supported " +
                           Twine(kMinOpset) + ".." + Twine(kMaxOpset));
    return;
  }
  if (!isKnownOperator(first.getOpType(), first.getDomain(), first.getVersion()))
    unsupported(first, "unknown operator (no such op in opset " + Twine(first.getVersion()) +
                           " of its domain)");
  else
    unsupported(first, spiking ? "operator is not part of the snn profile"
                               : "unsupported operator");
}

struct ConvertONNXToSNNPass : impl::ConvertONNXToSNNBase<ConvertONNXToSNNPass> {
  using ConvertONNXToSNNBase::ConvertONNXToSNNBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    auto fn = module.lookupSymbol<func::FuncOp>("forward");
    if (!fn) {
      module.emitError("expected an imported graph as func.func @forward");
      return signalPassFailure();
    }
    bool snnModel = false;
    fn.walk([&](NodeOp node) { snnModel |= node.getDomain() == "snn"; });
    bool spiking = snnModel || convertANN;
    if (spiking) {
      makeBatchDynamic(fn);
      detachReshapeTargets(fn);
    }

    RewritePatternSet patterns(ctx);
    patterns.add<ConstantPattern>(ctx);
    if (spiking) {
      populateSNNProfilePatterns(patterns);
      if (!snnModel)
        populateConvertANNPatterns(patterns, ConvertANNOptions{tauM, tauS, threshold});
    } else {
      populateANNOpPatterns(patterns);
    }
    ConversionTarget target(*ctx);
    target.addLegalDialect<mlir::snn::SNNDialect, arith::ArithDialect, tensor::TensorDialect,
                           linalg::LinalgDialect, math::MathDialect, func::FuncDialect>();
    target.addIllegalOp<NodeOp, ConstantOp>();
    target.addLegalOp<NoneOp>();

    // A pattern's own reason wins over the driver's generic "failed to legalize".
    std::optional<Diagnostic> reason;
    LogicalResult converted = failure();
    {
      ScopedDiagnosticHandler capture(ctx, [&](Diagnostic &diag) {
        if (diag.getSeverity() != DiagnosticSeverity::Error)
          return failure();
        if (!reason)
          reason.emplace(std::move(diag));
        return success();
      });
      converted = applyFullConversion(fn, target, std::move(patterns));
    }
    if (failed(converted)) {
      if (reason && StringRef(reason->str()).starts_with("node '"))
        emitError(reason->getLocation()) << reason->str();
      else
        reportUnconverted(fn, spiking,
                          reason ? std::optional<Location>(reason->getLocation()) : std::nullopt);
      return signalPassFailure();
    }

    // Folding leaves the ops it replaced (a pool before its scale, a synapse before
    // its batch normalization) and their weights dead.
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(fn.getBody().front())))
      if (isOpTriviallyDead(&op))
        op.erase();
    if (convertANN && !snnModel)
      finishConvertedANN(fn, ConvertANNOptions{tauM, tauS, threshold});
    for (unsigned i = 0; i < fn.getNumArguments(); ++i)
      fn.removeArgAttr(i, "onnx.name");
    if (spiking) {
      FailureOr<int64_t> steps = modelTimeSteps(module, timeSteps);
      if (failed(steps))
        return signalPassFailure();
      fn->setAttr(mlir::snn::SNNDialect::kTimeStepsAttr,
                  Builder(ctx).getI64IntegerAttr(*steps));
    }
    promoteParameters(module, fn, /*synapseWeightsOnly=*/spiking);
    module->removeAttr(kMetadataAttr);
  }
};

} // namespace

} // namespace snn::onnx
