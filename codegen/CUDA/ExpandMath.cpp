// snn-cuda-expand-math: math functions in kernels as arithmetic, so PTX needs no libdevice.
#include "codegen/CUDA/Passes.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCUDAEXPANDMATH
#include "codegen/CUDA/Passes.h.inc"

namespace {

/// floor(x) in arithmetic: below 2^23 in magnitude a float32 truncates exactly
/// through i32, and the truncation is one too high for negative non-integers; from
/// 2^23 on (and for inf and NaN) x is its own floor.
struct FloorToArith : OpRewritePattern<math::FloorOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(math::FloorOp op, PatternRewriter &rewriter) const override {
    if (!op.getType().isF32())
      return failure();
    Location loc = op.getLoc();
    Value x = op.getOperand();
    Type i32 = rewriter.getI32Type();
    auto f32 = [&](float v) {
      return arith::ConstantOp::create(rewriter, loc, rewriter.getF32FloatAttr(v));
    };
    Value truncated = arith::SIToFPOp::create(
        rewriter, loc, op.getType(), arith::FPToSIOp::create(rewriter, loc, i32, x));
    Value tooHigh = arith::CmpFOp::create(rewriter, loc, arith::CmpFPredicate::OGT,
                                          truncated, x);
    Value floored = arith::SelectOp::create(
        rewriter, loc, tooHigh, arith::SubFOp::create(rewriter, loc, truncated, f32(1.0f)),
        truncated);
    Value magnitude = math::AbsFOp::create(rewriter, loc, x);
    Value small = arith::CmpFOp::create(rewriter, loc, arith::CmpFPredicate::OLT, magnitude,
                                        f32(8388608.0f));
    rewriter.replaceOpWithNewOp<arith::SelectOp>(op, small, floored, x);
    return success();
  }
};

/// |x| as the sign bit cleared (convert-gpu-to-nvvm would call libdevice).
struct AbsToArith : OpRewritePattern<math::AbsFOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(math::AbsFOp op, PatternRewriter &rewriter) const override {
    if (!op.getType().isF32())
      return failure();
    Location loc = op.getLoc();
    Type i32 = rewriter.getI32Type();
    Value bits = arith::BitcastOp::create(rewriter, loc, i32, op.getOperand());
    Value mask = arith::ConstantOp::create(rewriter, loc, rewriter.getI32IntegerAttr(0x7fffffff));
    rewriter.replaceOpWithNewOp<arith::BitcastOp>(
        op, op.getType(), arith::AndIOp::create(rewriter, loc, bits, mask));
    return success();
  }
};

struct ExpandMathPass : impl::SNNCUDAExpandMathBase<ExpandMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // Every function MLIR approximates: the generated code uses exp (the kernel
    // loss); any other that appears is expanded the same way.
    populateMathPolynomialApproximationPatterns(patterns, [](StringRef) { return true; });
    patterns.add<FloorToArith, AbsToArith>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    // Only fma may remain: convert-math-to-llvm makes it llvm.intr.fma, one PTX
    // instruction; any other math op would become a libdevice call.
    WalkResult left = getOperation()->walk([](Operation *op) {
      if (isa<math::MathDialect>(op->getDialect()) && !isa<math::FmaOp>(op)) {
        op->emitError("snn-cuda-expand-math: no arithmetic expansion for ")
            << op->getName() << " in a kernel";
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (left.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
} // namespace mlir::snn
