// Lowering of the TSSL-BP training ops (saved-state neurons, losses, gradients) to linalg.
#include "codegen/Common/TrainingLowering.h"
#include "codegen/Common/ConvLowering.h"
#include "codegen/Common/NeuronLowering.h"
#include "codegen/Common/NeuronMath.h"
#include "codegen/Common/SequenceLowering.h"
#include "dialect/SNN/SNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::snn {

namespace {

using utils::IteratorType;
constexpr IteratorType kPar = IteratorType::parallel, kRed = IteratorType::reduction;

Value generic(OpBuilder &b, Location loc, Type resultType, ValueRange ins, Value init,
              ArrayRef<AffineMap> maps, ArrayRef<IteratorType> iterators,
              function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  return linalg::GenericOp::create(
             b, loc, TypeRange{resultType}, ins, ValueRange{init}, maps, iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, body(nb, l, args));
             })
      .getResult(0);
}

/// A 0-d f32 tensor holding zero, the accumulator of a full reduction.
Value scalarZero(OpBuilder &b, Location loc) {
  Value empty = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{}, b.getF32Type());
  return linalg::FillOp::create(b, loc, f32(b, loc, 0.0f), empty).getResult(0);
}

struct LIFSeqSaveLowering : OpConversionPattern<LIFSeqSaveOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(LIFSeqSaveOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    NeuronConstants c = constantsOf(op);
    SmallVector<Value> results = buildSequenceLoop(
        rewriter, op.getLoc(), adaptor.getInput(), /*numState=*/2, /*numOutputs=*/5,
        /*reverse=*/false,
        [&](OpBuilder &b, Location l, ValueRange in, ValueRange state, ValueRange out) {
          return buildLIFUpdate(b, l, in[0], state[0], state[1], out[0], c, out.drop_front());
        });
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// TSSL-BP §4.1, backwards in time with the two recurrences G and X as loop state.
struct LIFSeqGradLowering : OpConversionPattern<LIFSeqGradOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(LIFSeqGradOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    NeuronConstants c = constantsOf(op);
    SmallVector<Value> inputs{adaptor.getGrad(), adaptor.getPotential(), adaptor.getIncrement(),
                              adaptor.getSpikes(), adaptor.getTrace()};
    Value delta = buildSequenceLoop(
        rewriter, op.getLoc(), inputs, /*numState=*/2, /*numOutputs=*/1, /*reverse=*/true,
        [&](OpBuilder &b, Location l, ValueRange in, ValueRange state, ValueRange out) {
          auto type = cast<RankedTensorType>(in[0].getType());
          int64_t rank = type.getRank();
          SmallVector<AffineMap> maps(5 + 3, b.getMultiDimIdentityMap(rank));
          SmallVector<Value> outs{state[0], state[1], out[0]};
          auto update = linalg::GenericOp::create(
              b, l, TypeRange(ValueRange(outs)), in, outs, maps,
              SmallVector<IteratorType>(rank, kPar),
              [&](OpBuilder &nb, Location nl, ValueRange args) {
                TSSLBPStepValues step = buildTSSLBPStep(nb, nl, /*grad=*/args[0],
                                                        /*nextG=*/args[5], /*nextX=*/args[6],
                                                        /*u=*/args[1], /*du=*/args[2],
                                                        /*spike=*/args[3], /*trace=*/args[4], c);
                linalg::YieldOp::create(nb, nl, ValueRange{step.G, step.X, step.delta});
              });
          return SmallVector<Value>(update.getResults());
        })[0];
    rewriter.replaceOp(op, delta);
    return success();
  }
};

/// g = a − onehot·ŷ[t]; L = ½ Σ g².
struct KernelLossLowering : OpConversionPattern<KernelLossOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(KernelLossOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto outType = cast<RankedTensorType>(adaptor.getOutput().getType());
    int64_t steps = outType.getDimSize(0);
    SmallVector<float> desired =
        KernelLossOp::desiredTrace(steps, op.getTauSAttr().getValueAsDouble());
    auto desiredType = RankedTensorType::get({steps}, rewriter.getF32Type());
    Value yhat = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(desiredType, ArrayRef<float>(desired)));
    AffineExpr t, n, cl;
    bindDims(ctx, t, n, cl);
    SmallVector<AffineMap> maps{AffineMap::get(3, 0, {t, n, cl}, ctx),
                                AffineMap::get(3, 0, {n, cl}, ctx),
                                AffineMap::get(3, 0, {t}, ctx),
                                AffineMap::get(3, 0, {t, n, cl}, ctx)};
    Value grad = generic(rewriter, loc, outType, {adaptor.getOutput(), adaptor.getTarget(), yhat},
                         emptyLike(rewriter, loc, outType, adaptor.getOutput()), maps,
                         {kPar, kPar, kPar}, [](OpBuilder &b, Location l, ValueRange a) {
                           return buildKernelLossGrad(b, l, a[0], a[1], a[2]);
                         });
    SmallVector<AffineMap> sumMaps{AffineMap::get(3, 0, {t, n, cl}, ctx),
                                   AffineMap::get(3, 0, {}, ctx)};
    Value loss = generic(rewriter, loc, op.getLoss().getType(), {grad}, scalarZero(rewriter, loc),
                         sumMaps, {kRed, kRed, kRed}, [](OpBuilder &b, Location l, ValueRange a) {
                           return buildSquaredErrorAccumulate(b, l, a[1], a[0], 0.5f);
                         });
    rewriter.replaceOp(op, {loss, grad});
    return success();
  }
};

/// e = clamp((Σ_t a − q)/T) one-sided; g_t = e; L = (T/2) Σ e².
struct CountLossLowering : OpConversionPattern<CountLossOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(CountLossOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto outType = cast<RankedTensorType>(adaptor.getOutput().getType());
    auto targetType = cast<RankedTensorType>(adaptor.getTarget().getType());
    float steps = float(outType.getDimSize(0));
    float desired = op.getDesiredAttr().getValueAsDouble();
    float undesired = op.getUndesiredAttr().getValueAsDouble();
    AffineExpr t, n, cl;
    bindDims(ctx, t, n, cl);
    // (n, c, t) loop order for the sum over time.
    Value init = zerosLike(rewriter, loc, targetType, adaptor.getTarget());
    Value sum = generic(rewriter, loc, targetType, {adaptor.getOutput()}, init,
                        {AffineMap::get(3, 0, {cl, t, n}, ctx), AffineMap::get(3, 0, {t, n}, ctx)},
                        {kPar, kPar, kRed}, [](OpBuilder &b, Location l, ValueRange a) {
                          return arith::AddFOp::create(b, l, a[1], a[0]).getResult();
                        });
    AffineMap id2 = rewriter.getMultiDimIdentityMap(2);
    Value err = generic(
        rewriter, loc, targetType, {sum, adaptor.getTarget()},
        emptyLike(rewriter, loc, targetType, adaptor.getTarget()), {id2, id2, id2},
        {kPar, kPar}, [&](OpBuilder &b, Location l, ValueRange a) {
          return buildCountLossError(b, l, a[0], a[1], desired, undesired, steps);
        });
    Value grad = generic(rewriter, loc, outType, {err},
                         emptyLike(rewriter, loc, outType, adaptor.getOutput()),
                         {AffineMap::get(3, 0, {n, cl}, ctx), AffineMap::get(3, 0, {t, n, cl}, ctx)},
                         {kPar, kPar, kPar},
                         [](OpBuilder &, Location, ValueRange a) { return a[0]; });
    Value loss = generic(rewriter, loc, op.getLoss().getType(), {err}, scalarZero(rewriter, loc),
                         {id2, AffineMap::get(2, 0, {}, ctx)}, {kRed, kRed},
                         [&](OpBuilder &b, Location l, ValueRange a) {
                           return buildSquaredErrorAccumulate(b, l, a[1], a[0], steps / 2);
                         });
    rewriter.replaceOp(op, {loss, grad});
    return success();
  }
};

Value multiplyAdd(OpBuilder &b, Location l, ValueRange a) {
  Value prod = arith::MulFOp::create(b, l, a[0], a[1]);
  return arith::AddFOp::create(b, l, a[2], prod);
}

/// dL/dx[r, k] = Σ_m δ[r, m] W[m, k]: a plain matrix product, k contiguous.
struct DenseGradInputLowering : OpConversionPattern<DenseGradInputOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(DenseGradInputOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value init = zerosLike(rewriter, op.getLoc(), op.getType(), adaptor.getGrad());
    rewriter.replaceOp(op, buildMatmul(rewriter, op.getLoc(), adaptor.getGrad(),
                                       adaptor.getWeight(), init));
    return success();
  }
};

/// dL/dW[m, k] = Σ_r δ[r, m] x[r, k], loop order (m, r, k): one weight row stays in cache.
struct DenseGradWeightLowering : OpConversionPattern<DenseGradWeightOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(DenseGradWeightOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    MLIRContext *ctx = op.getContext();
    AffineExpr m, r, k;
    bindDims(ctx, m, r, k);
    Value empty = tensor::EmptyOp::create(rewriter, op.getLoc(), op.getType(), ValueRange{});
    Value init =
        linalg::FillOp::create(rewriter, op.getLoc(), f32(rewriter, op.getLoc(), 0.0f), empty)
            .getResult(0);
    rewriter.replaceOp(
        op, generic(rewriter, op.getLoc(), op.getType(), {adaptor.getGrad(), adaptor.getInput()},
                    init,
                    {AffineMap::get(3, 0, {r, m}, ctx), AffineMap::get(3, 0, {r, k}, ctx),
                     AffineMap::get(3, 0, {m, k}, ctx)},
                    {kPar, kRed, kPar}, multiplyAdd));
    return success();
  }
};

/// dL/db[c] = Σ δ[r, c, ...] over every dimension but 1. Loop order (c, r, ...): the
/// channel is the one parallel loop, outermost, and the innermost loop runs over
/// contiguous elements of a row.
struct BiasGradLowering : OpConversionPattern<BiasGradOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(BiasGradOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    int64_t rank = cast<RankedTensorType>(adaptor.getGrad().getType()).getRank();
    Value empty = tensor::EmptyOp::create(rewriter, loc, op.getType(), ValueRange{});
    Value init = linalg::FillOp::create(rewriter, loc, f32(rewriter, loc, 0.0f), empty)
                     .getResult(0);
    // Loop d0 is the channel (gradient dimension 1), d1 the row (dimension 0).
    SmallVector<AffineExpr> gradDims{getAffineDimExpr(1, ctx), getAffineDimExpr(0, ctx)};
    for (int64_t d = 2; d < rank; ++d)
      gradDims.push_back(getAffineDimExpr(d, ctx));
    SmallVector<IteratorType> iterators(rank, kRed);
    iterators[0] = kPar;
    rewriter.replaceOp(
        op, generic(rewriter, loc, op.getType(), {adaptor.getGrad()}, init,
                    {AffineMap::get(rank, 0, gradDims, ctx),
                     AffineMap::get(rank, 0, {getAffineDimExpr(0, ctx)}, ctx)},
                    iterators, [](OpBuilder &b, Location l, ValueRange a) {
                      return arith::AddFOp::create(b, l, a[1], a[0]).getResult();
                    }));
    return success();
  }
};

/// Σ_t c_t · δ[t] with c_t, the PSP filter's response to a unit input held since step
/// 0, folded into a constant (T is static). Time is the outer loop so the inner loops
/// run over contiguous rows.
struct PSPHeldGradLowering : OpConversionPattern<PSPHeldGradOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(PSPHeldGradOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto gType = cast<RankedTensorType>(adaptor.getGrad().getType());
    RankedTensorType outType = op.getType();
    int64_t steps = gType.getDimSize(0), rank = gType.getRank();
    // The filter's response to a unit input held since step 0, as psp.seq computes it.
    SmallVector<float> response =
        pspFilterValues(SmallVector<float>(steps, 1.0f), op.getTauSAttr().getValueAsDouble());
    auto responseType = RankedTensorType::get({steps}, rewriter.getF32Type());
    Value weights = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(responseType, ArrayRef<float>(response)));
    SmallVector<int64_t> sourceDims;
    for (int64_t d = 1; d < rank; ++d)
      sourceDims.push_back(d);
    Value init = linalg::FillOp::create(
                     rewriter, loc, f32(rewriter, loc, 0.0f),
                     emptyFromDims(rewriter, loc, outType, adaptor.getGrad(), sourceDims))
                     .getResult(0);
    MLIRContext *ctx = op.getContext();
    SmallVector<AffineExpr> rest;
    for (int64_t d = 1; d < rank; ++d)
      rest.push_back(getAffineDimExpr(d, ctx));
    SmallVector<IteratorType> iterators(rank, kPar);
    iterators[0] = kRed;
    Value sum = generic(rewriter, loc, outType, {adaptor.getGrad(), weights}, init,
                        {rewriter.getMultiDimIdentityMap(rank),
                         AffineMap::get(rank, 0, {getAffineDimExpr(0, ctx)}, ctx),
                         AffineMap::get(rank, 0, rest, ctx)},
                        iterators, multiplyAdd);
    rewriter.replaceOp(op, sum);
    return success();
  }
};

/// A strided convolution's gradient δ [N, F, OH, OW] spread onto the unit-stride grid:
/// δ[oh, ow] moves to (oh·sh, ow·sw), zeros elsewhere, and zero rows/columns are added
/// at the bottom/right for input rows the windows never reached. The unit-stride
/// gradient formulas then hold unchanged: a strided convolution is the unit-stride one
/// sampled every s-th output.
Value spreadStridedGrad(OpBuilder &b, Location loc, Value grad, ArrayRef<int64_t> strides,
                        ArrayRef<int64_t> pads, int64_t kh, int64_t kw,
                        RankedTensorType inputType) {
  auto gType = cast<RankedTensorType>(grad.getType());
  if (strides[0] == 1 && strides[1] == 1)
    return grad;
  // The unit-stride output size over the padded input.
  int64_t fullH = inputType.getDimSize(2) + pads[0] + pads[2] - kh + 1;
  int64_t fullW = inputType.getDimSize(3) + pads[1] + pads[3] - kw + 1;
  auto spreadType = RankedTensorType::get(
      {gType.getDimSize(0), gType.getDimSize(1), fullH, fullW}, gType.getElementType());
  Value zeros = zerosLike(b, loc, spreadType, grad);
  SmallVector<OpFoldResult> offsets(4, b.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, grad);
  SmallVector<OpFoldResult> steps{b.getIndexAttr(1), b.getIndexAttr(1),
                                  b.getIndexAttr(strides[0]), b.getIndexAttr(strides[1])};
  return tensor::InsertSliceOp::create(b, loc, grad, zeros, offsets, sizes, steps);
}

/// dL/dx: the forward convolution of δ, padded by k − 1 − p, with the kernel flipped in
/// space and its channel axes swapped (a transposed convolution; strided convolutions
/// first spread δ onto the unit-stride grid).
struct Conv2DGradInputLowering : OpConversionPattern<Conv2DGradInputOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(Conv2DGradInputOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto wType = cast<RankedTensorType>(adaptor.getWeight().getType());
    int64_t F = wType.getDimSize(0), C = wType.getDimSize(1), kh = wType.getDimSize(2),
            kw = wType.getDimSize(3);
    ArrayRef<int64_t> pads = op.getPads();
    if (pads[0] > kh - 1 || pads[2] > kh - 1 || pads[1] > kw - 1 || pads[3] > kw - 1)
      return rewriter.notifyMatchFailure(op, "padding wider than the kernel");
    // The weight with input and output channels swapped and both spatial axes flipped.
    auto flippedType = RankedTensorType::get({C, F, kh, kw}, wType.getElementType());
    AffineExpr c, f, i, j;
    bindDims(ctx, c, f, i, j);
    Value flipped = generic(
        rewriter, loc, flippedType, {adaptor.getWeight()},
        tensor::EmptyOp::create(rewriter, loc, flippedType, ValueRange{}),
        {AffineMap::get(4, 0, {f, c, getAffineConstantExpr(kh - 1, ctx) - i,
                               getAffineConstantExpr(kw - 1, ctx) - j}, ctx),
         rewriter.getMultiDimIdentityMap(4)},
        {kPar, kPar, kPar, kPar}, [](OpBuilder &, Location, ValueRange a) { return a[0]; });
    // dL/dx is the correlation of δ, padded by k − 1 − p, with that kernel.
    SmallVector<int64_t> gradPads{kh - 1 - pads[0], kw - 1 - pads[1], kh - 1 - pads[2],
                                  kw - 1 - pads[3]};
    Value grad = spreadStridedGrad(rewriter, loc, adaptor.getGrad(), op.getStrides(), pads, kh,
                                   kw, op.getType());
    rewriter.replaceOp(op, buildConvForward(rewriter, loc, grad, flipped,
                                            ArrayRef<int64_t>{1, 1}, gradPads, op.getType()));
    return success();
  }
};

/// dL/dW[f, c, i, j] = Σ_{n, oh, ow} δ[n, f, oh, ow] x_pad[n, c, oh·sh + i, ow·sw + j].
struct Conv2DGradWeightLowering : OpConversionPattern<Conv2DGradWeightOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(Conv2DGradWeightOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    RankedTensorType wType = op.getType();
    Value grad = spreadStridedGrad(rewriter, op.getLoc(), adaptor.getGrad(), op.getStrides(),
                                   op.getPads(), wType.getDimSize(2), wType.getDimSize(3),
                                   cast<RankedTensorType>(adaptor.getInput().getType()));
    rewriter.replaceOp(op, buildConvWeightGrad(rewriter, op.getLoc(), grad,
                                               adaptor.getInput(), op.getPads(), op.getType()));
    return success();
  }
};

/// dL/dx[n, c, h, w] = scale · δ[n, c, h/k, w/k] inside the pooled area, 0 outside.
struct SumPoolGradLowering : OpConversionPattern<SumPoolGradOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(SumPoolGradOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    ArrayRef<int64_t> k = op.getKernel();
    auto gType = cast<RankedTensorType>(adaptor.getGrad().getType());
    auto outType = op.getType();
    SmallVector<int64_t> covered(outType.getShape());
    covered[2] = gType.getDimSize(2) * k[0];
    covered[3] = gType.getDimSize(3) * k[1];
    auto coveredType = RankedTensorType::get(covered, outType.getElementType());
    AffineExpr n, c, h, w;
    bindDims(ctx, n, c, h, w);
    float scale = op.getScaleAttr().getValueAsDouble();
    Value spread = generic(
        rewriter, loc, coveredType, {adaptor.getGrad()},
        emptyLike(rewriter, loc, coveredType, adaptor.getGrad()),
        {AffineMap::get(4, 0, {n, c, h.floorDiv(k[0]), w.floorDiv(k[1])}, ctx),
         rewriter.getMultiDimIdentityMap(4)},
        {kPar, kPar, kPar, kPar}, [&](OpBuilder &b, Location l, ValueRange a) {
          return arith::MulFOp::create(b, l, a[0], f32(b, l, scale)).getResult();
        });
    rewriter.replaceOp(op, padSpatial(rewriter, loc, spread, 0, 0,
                                      outType.getDimSize(2) - covered[2],
                                      outType.getDimSize(3) - covered[3]));
    return success();
  }
};

} // namespace

void populateTrainingLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<LIFSeqSaveLowering, LIFSeqGradLowering, KernelLossLowering, CountLossLowering,
               DenseGradInputLowering, DenseGradWeightLowering, Conv2DGradInputLowering,
               Conv2DGradWeightLowering, SumPoolGradLowering, PSPHeldGradLowering,
               BiasGradLowering>(patterns.getContext());
}

} // namespace mlir::snn
