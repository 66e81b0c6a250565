// convert-snn-to-linalg: time-explicit snn ops → linalg/tensor/scf on tensors.
#include "codegen/Common/ConvLowering.h"
#include "codegen/Common/DropoutLowering.h"
#include "codegen/Common/DynamicsLowering.h"
#include "codegen/Common/NeuronLowering.h"
#include "codegen/Common/SequenceLowering.h"
#include "codegen/Common/TrainingLowering.h"
#include "codegen/Common/Passes.h"
#include "dialect/SNN/SNNOps.h"

#include "mlir/Transforms/DialectConversion.h"

namespace mlir::snn {
#define GEN_PASS_DEF_CONVERTSNNTOLINALG
#include "codegen/Common/Passes.h.inc"

namespace {

/// Sizes, offsets and strides of time slice `t` of a [T, ...] tensor.
struct TimeSlice {
  SmallVector<OpFoldResult> offsets, sizes, strides;
  TimeSlice(OpBuilder &b, Location loc, Value seq, Value t) {
    auto type = cast<RankedTensorType>(seq.getType());
    offsets.assign(type.getRank(), b.getIndexAttr(0));
    offsets[0] = t;
    sizes = tensor::getMixedSizes(b, loc, seq);
    sizes[0] = b.getIndexAttr(1);
    strides.assign(type.getRank(), b.getIndexAttr(1));
  }
  Value insert(OpBuilder &b, Location loc, Value slice, Value seq) {
    return tensor::InsertSliceOp::create(b, loc, slice, seq, offsets, sizes, strides);
  }
};

struct PSPSeqLowering : OpConversionPattern<PSPSeqOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(PSPSeqOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    float tauS = op.getTauSAttr().getValueAsDouble();
    Value result = buildSequenceLoop(
        rewriter, op.getLoc(), adaptor.getInput(), /*numState=*/1, /*numOutputs=*/1,
        /*reverse=*/false,
        [&](OpBuilder &b, Location l, ValueRange in, ValueRange state, ValueRange out) {
          return buildPSPUpdate(b, l, in[0], state[0], tauS, out[0]);
        })[0];
    rewriter.replaceOp(op, result);
    return success();
  }
};


struct LIFSeqLowering : OpConversionPattern<LIFSeqOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(LIFSeqOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    NeuronConstants c = constantsOf(op);
    Value result = buildSequenceLoop(
        rewriter, op.getLoc(), adaptor.getInput(), /*numState=*/2, /*numOutputs=*/1,
        /*reverse=*/false,
        [&](OpBuilder &b, Location l, ValueRange in, ValueRange state, ValueRange out) {
          return buildLIFUpdate(b, l, in[0], state[0], state[1], out[0], c);
        })[0];
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct PSPStepLowering : OpConversionPattern<PSPStepOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(PSPStepOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    SmallVector<Value> next = buildPSPUpdate(rewriter, op.getLoc(), adaptor.getInput(),
                                             adaptor.getTrace(),
                                             op.getTauSAttr().getValueAsDouble());
    rewriter.replaceOp(op, next[0]);
    return success();
  }
};

struct LIFStepLowering : OpConversionPattern<LIFStepOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(LIFStepOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value emitDest = emptyLike(rewriter, loc, cast<RankedTensorType>(op.getResult().getType()),
                               adaptor.getInput());
    SmallVector<Value> next =
        buildLIFUpdate(rewriter, loc, adaptor.getInput(), adaptor.getMembrane(),
                       adaptor.getTrace(), emitDest, constantsOf(op));
    rewriter.replaceOp(op, ValueRange{next[2], next[0], next[1]});
    return success();
  }
};

struct DenseLowering : OpConversionPattern<DenseOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(DenseOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value init = zerosLike(rewriter, loc, op.getType(), adaptor.getInput());
    // The weight is [M, K]; transposed once per call to [K, M] so that the innermost
    // loop runs over m, contiguous in both the weight and the output row: an AXPY per
    // (n, k) that LLVM vectorises without reassociating the sum (bit-stable results).
    auto wType = cast<RankedTensorType>(adaptor.getWeight().getType());
    auto wtType = RankedTensorType::get({wType.getDimSize(1), wType.getDimSize(0)},
                                        wType.getElementType());
    Value wtInit = tensor::EmptyOp::create(rewriter, loc, wtType, ValueRange{});
    Value wt = linalg::TransposeOp::create(rewriter, loc, adaptor.getWeight(), wtInit,
                                           ArrayRef<int64_t>{1, 0})
                   .getResult()[0];
    // out[n, m] += in[n, k] * wt[k, m]
    Value product = buildMatmul(rewriter, loc, adaptor.getInput(), wt, init);
    // For the CPU backend's event-driven kernel (snn-cpu-vectorize-contractions).
    if (op.getSpikeInput())
      product.getDefiningOp()->setAttr(kSpikeInputAttrName, rewriter.getUnitAttr());
    rewriter.replaceOp(op, product);
    return success();
  }
};

struct Conv2DLowering : OpConversionPattern<Conv2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    // Per row: im2col, then one matrix product with the [F, C·KH·KW] weight.
    rewriter.replaceOp(op, buildConvForward(rewriter, op.getLoc(), adaptor.getInput(),
                                            adaptor.getWeight(), op.getStrides(), op.getPads(),
                                            op.getType()));
    return success();
  }
};

/// y[n, c, ...] = x[n, c, ...] + b[c]: the bias broadcast along every dimension but 1.
struct BiasLowering : OpConversionPattern<BiasOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(BiasOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap channel = AffineMap::get(rank, 0, {rewriter.getAffineDimExpr(1)}, op.getContext());
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{adaptor.getInput(), adaptor.getBias()},
        ValueRange{emptyLike(rewriter, loc, type, adaptor.getInput())},
        SmallVector<AffineMap>{id, channel, id},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [](OpBuilder &b, Location l, ValueRange args) {
          linalg::YieldOp::create(b, l, arith::AddFOp::create(b, l, args[0], args[1]).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct SumPoolLowering : OpConversionPattern<SumPoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(SumPoolOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ArrayRef<int64_t> k = op.getKernel();
    Value init = zerosLike(rewriter, loc, op.getType(), adaptor.getInput());
    Value window = tensor::EmptyOp::create(rewriter, loc, k, rewriter.getF32Type());
    auto pool = linalg::PoolingNchwSumOp::create(
        rewriter, loc, TypeRange{op.getType()}, ValueRange{adaptor.getInput(), window},
        ValueRange{init}, rewriter.getI64TensorAttr(k), rewriter.getI64TensorAttr({1, 1}));
    Value sum = pool.getResult(0);
    float scale = op.getScaleAttr().getValueAsDouble();
    if (scale != 1.0f) {
      int64_t rank = op.getType().getRank();
      auto generic = linalg::GenericOp::create(
          rewriter, loc, TypeRange{op.getType()}, ValueRange{},
          ValueRange{sum}, SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(rank)},
          SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
          [&](OpBuilder &b, Location l, ValueRange args) {
            linalg::YieldOp::create(
                b, l, arith::MulFOp::create(b, l, args[0], f32(b, l, scale)).getResult());
          });
      sum = generic.getResult(0);
    }
    rewriter.replaceOp(op, sum);
    return success();
  }
};

/// Flatten and reshape are row-major: collapse everything after the batch, then expand.
Value reshapeRowMajor(OpBuilder &b, Location loc, Value input, RankedTensorType resultType) {
  auto inType = cast<RankedTensorType>(input.getType());
  Value flat = input;
  if (inType.getRank() > 2) {
    SmallVector<ReassociationIndices> groups{{0}, {}};
    for (int64_t d = 1; d < inType.getRank(); ++d)
      groups[1].push_back(d);
    flat = tensor::CollapseShapeOp::create(b, loc, input, groups);
  }
  if (resultType.getRank() <= 2)
    return flat;
  SmallVector<ReassociationIndices> groups{{0}, {}};
  for (int64_t d = 1; d < resultType.getRank(); ++d)
    groups[1].push_back(d);
  return tensor::ExpandShapeOp::create(b, loc, resultType, flat, groups);
}

template <typename OpTy>
struct ReshapeLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, reshapeRowMajor(rewriter, op.getLoc(), adaptor.getInput(),
                                           op.getType()));
    return success();
  }
};

struct RepeatLowering : OpConversionPattern<RepeatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(RepeatOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    // Result dim d + 1 is input dim d; the new time dimension is static.
    SmallVector<int64_t> sourceDims{-1};
    for (int64_t d = 0; d + 1 < type.getRank(); ++d)
      sourceDims.push_back(d);
    Value init = emptyFromDims(rewriter, loc, type, adaptor.getInput(), sourceDims);
    auto bcast = linalg::BroadcastOp::create(rewriter, loc, adaptor.getInput(), init,
                                             ArrayRef<int64_t>{0});
    rewriter.replaceOp(op, bcast.getResults());
    return success();
  }
};

struct ToTracesLowering : OpConversionPattern<ToTracesOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ToTracesOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    SmallVector<int64_t> perm{1, 2, 0};
    Value init = emptyFromDims(rewriter, loc, type, adaptor.getInput(), perm);
    auto transpose = linalg::TransposeOp::create(rewriter, loc, adaptor.getInput(), init, perm);
    rewriter.replaceOp(op, transpose.getResults());
    return success();
  }
};

struct FromSequenceLowering : OpConversionPattern<FromSequenceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(FromSequenceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    // [N, d1, ..., T] → [T, N, d1, ...]
    SmallVector<int64_t> perm{type.getRank() - 1};
    for (int64_t d = 0; d + 1 < type.getRank(); ++d)
      perm.push_back(d);
    Value init = emptyFromDims(rewriter, loc, type, adaptor.getInput(), perm);
    auto transpose = linalg::TransposeOp::create(rewriter, loc, adaptor.getInput(), init, perm);
    rewriter.replaceOp(op, transpose.getResults());
    return success();
  }
};

/// snn.time_loop → scf.for carrying the neuron state and the stacked outputs.
struct TimeLoopLowering : OpConversionPattern<TimeLoopOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(TimeLoopOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    unsigned numOutputs = op.getNumStepOutputs();
    TimeYieldOp yield = op.getYield();
    // Stacked outputs take their dynamic (batch) sizes from the carried state or the
    // captured network input, which all share the batch dimension.
    SmallVector<Value> iterInits(adaptor.getInits());
    for (unsigned i = 0; i < numOutputs; ++i) {
      auto type = cast<RankedTensorType>(op.getResult(i).getType());
      SmallVector<Value> dynamicSizes;
      for (int64_t d = 1; d < type.getRank(); ++d)
        if (type.isDynamicDim(d)) {
          // With no carried state, the function's input (first argument) has the batch.
          Value batchOf = adaptor.getInits().empty()
                              ? Value(op->getParentOfType<func::FuncOp>().getArgument(0))
                              : adaptor.getInits()[0];
          dynamicSizes.push_back(tensor::DimOp::create(rewriter, loc, batchOf, 0));
        }
      iterInits.push_back(tensor::EmptyOp::create(rewriter, loc, type, dynamicSizes));
    }
    Value lb = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value ub = arith::ConstantIndexOp::create(rewriter, loc, op.getSteps());
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    auto loop = scf::ForOp::create(rewriter, loc, lb, ub, one, iterInits);
    Block *loopBody = loop.getBody();
    unsigned numCarried = adaptor.getInits().size();

    // Inline the step region: its arguments are (t, carried...).
    SmallVector<Value> stepArgs{loop.getInductionVar()};
    for (unsigned i = 0; i < numCarried; ++i)
      stepArgs.push_back(loopBody->getArgument(1 + i));
    if (!loopBody->empty())
      rewriter.eraseOp(&loopBody->back());
    rewriter.mergeBlocks(&op.getBody().front(), loopBody, stepArgs);

    rewriter.setInsertionPoint(yield);
    SmallVector<Value> next(yield.getCarried());
    for (auto [i, out] : llvm::enumerate(yield.getOutputs())) {
      Value stacked = loopBody->getArgument(1 + numCarried + i);
      TimeSlice slice(rewriter, loc, stacked, loop.getInductionVar());
      next.push_back(slice.insert(rewriter, loc, out, stacked));
    }
    rewriter.replaceOpWithNewOp<scf::YieldOp>(yield, next);

    SmallVector<Value> results(loop.getResults().drop_front(numCarried));
    llvm::append_range(results, loop.getResults().take_front(numCarried));
    rewriter.replaceOp(op, results);
    return success();
  }
};

struct ConvertSNNToLinalgPass : impl::ConvertSNNToLinalgBase<ConvertSNNToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addIllegalDialect<SNNDialect>();
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect, scf::SCFDialect,
                           arith::ArithDialect, math::MathDialect, func::FuncDialect>();
    RewritePatternSet patterns(ctx);
    patterns.add<PSPSeqLowering, LIFSeqLowering, PSPStepLowering, LIFStepLowering,
                 DenseLowering, Conv2DLowering, BiasLowering, SumPoolLowering, ReshapeLowering<FlattenOp>,
                 ReshapeLowering<ReshapeOp>, RepeatLowering, ToTracesLowering, FromSequenceLowering,
                 TimeLoopLowering>(ctx);
    populateTrainingLoweringPatterns(patterns);
    populateDropoutLoweringPatterns(patterns);
    populateDynamicsLoweringPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
} // namespace mlir::snn
