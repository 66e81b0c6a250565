// snn.dropout.seq → one linalg.generic that hashes (seed, sample, stream, draw index).
#include "codegen/Common/DropoutLowering.h"
#include "codegen/Common/NeuronLowering.h"
#include "dialect/SNN/SNNOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::snn {
namespace {

// The constants of the mask hash documented on snn.dropout.seq.
constexpr uint64_t kSampleStride = 0x9E3779B97F4A7C15ull;
constexpr uint64_t kStreamStride = 0xD1B54A32D192ED03ull;
constexpr uint64_t kDrawStride = 0xAEF17502108EF2D9ull;

Value i64(OpBuilder &b, Location loc, uint64_t v) {
  return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(int64_t(v)));
}

/// SplitMix64's finaliser: spreads every input bit over the whole word.
Value mix(OpBuilder &b, Location loc, Value x) {
  auto xorShift = [&](Value v, uint64_t s) {
    return arith::XOrIOp::create(b, loc, v, arith::ShRUIOp::create(b, loc, v, i64(b, loc, s)));
  };
  x = xorShift(x, 30);
  x = arith::MulIOp::create(b, loc, x, i64(b, loc, 0xBF58476D1CE4E5B9ull));
  x = xorShift(x, 27);
  x = arith::MulIOp::create(b, loc, x, i64(b, loc, 0x94D049BB133111EBull));
  return xorShift(x, 31);
}

struct DropoutSeqLowering : OpConversionPattern<DropoutSeqOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(DropoutSeqOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    int64_t rank = type.getRank();
    // Dimensions after [T, N] that select the draw; conv maps [T, N, C, H, W] share one
    // draw along the columns.
    int64_t drawDims = rank == 5 ? 2 : rank - 2;
    SmallVector<int64_t> drawSizes;
    for (int64_t d = 2; d < 2 + drawDims; ++d) {
      if (type.isDynamicDim(d))
        return rewriter.notifyMatchFailure(op, "dropout needs static feature dimensions");
      drawSizes.push_back(type.getDimSize(d));
    }
    float rate = op.getRateAttr().getValueAsDouble();
    float keepScale = 1.0f / (1.0f - rate);
    uint64_t streamTerm = uint64_t(op.getStream()) * kStreamStride;
    Value seed = adaptor.getSeed();

    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
    auto identity = rewriter.getMultiDimIdentityMap(rank);
    Value init = emptyLike(rewriter, loc, type, adaptor.getInput());
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{adaptor.getInput()}, ValueRange{init},
        ArrayRef<AffineMap>{identity, identity}, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          auto index = [&](int64_t d) {
            Value i = linalg::IndexOp::create(b, l, d);
            return arith::IndexCastOp::create(b, l, b.getI64Type(), i).getResult();
          };
          // Row-major index of the draw within the sample.
          Value draw = i64(b, l, 0);
          for (int64_t k = 0; k < drawDims; ++k) {
            draw = arith::MulIOp::create(b, l, draw, i64(b, l, drawSizes[k]));
            draw = arith::AddIOp::create(b, l, draw, index(2 + k));
          }
          Value key = arith::AddIOp::create(
              b, l, seed, arith::MulIOp::create(b, l, index(1), i64(b, l, kSampleStride)));
          key = arith::AddIOp::create(b, l, key, i64(b, l, streamTerm));
          key = arith::AddIOp::create(
              b, l, key, arith::MulIOp::create(b, l, draw, i64(b, l, kDrawStride)));
          // The top 24 bits as a uniform float in [0, 1): exact in f32.
          Value bits = arith::ShRUIOp::create(b, l, mix(b, l, key), i64(b, l, 40));
          Value uniform = arith::MulFOp::create(
              b, l, arith::UIToFPOp::create(b, l, b.getF32Type(), bits),
              f32(b, l, 1.0f / 16777216.0f));
          Value keep = arith::CmpFOp::create(
              b, l, arith::CmpFPredicate::OGE, uniform,
              f32(b, l, rate));
          Value scaled = arith::MulFOp::create(
              b, l, args[0], f32(b, l, keepScale));
          Value zero = f32(b, l, 0.0f);
          linalg::YieldOp::create(b, l, arith::SelectOp::create(b, l, keep, scaled, zero)
                                            .getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

void populateDropoutLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<DropoutSeqLowering>(patterns.getContext());
}

} // namespace mlir::snn
