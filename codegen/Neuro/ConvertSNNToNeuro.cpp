// convert-snn-to-neuro: a graph-level snn forward function becomes a neuro.program in spike form.
#include "codegen/Neuro/Passes.h"

#include "dialect/SNN/SNNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace mlir::neuro {
#define GEN_PASS_DEF_CONVERTSNNTONEURO
#include "codegen/Neuro/Passes.h.inc"
} // namespace mlir::neuro

using namespace mlir;
using namespace mlir::neuro;

namespace {

/// What an snn value carries while the chain is walked: the neuro event stream
/// it comes from, the PSP filter applied to it, and pooling/reshapes pending on it.
struct Stream {
  Value events;                 // neuro spikes (input or a population)
  float tauS = 1.0f;            // filter the next projection moves into its neuron
  std::vector<int64_t> shape;   // [C, H, W] or [N] of `events`
  int64_t pool = 1;             // pending k×k sum pooling (1: none)
  float poolScale = 1.0f;
  std::vector<int64_t> viewShape; // shape as the next op sees it (after pool/reshape)
};

std::vector<int64_t> perSample(Type type) {
  auto ranked = cast<RankedTensorType>(type);
  return std::vector<int64_t>(ranked.getShape().begin() + 1, ranked.getShape().end());
}

int64_t product(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

struct ConvertSNNToNeuroPass
    : public mlir::neuro::impl::ConvertSNNToNeuroBase<ConvertSNNToNeuroPass> {
  using ConvertSNNToNeuroBase::ConvertSNNToNeuroBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    func::FuncOp forward;
    for (auto f : module.getOps<func::FuncOp>())
      if (f->hasAttr(snn::SNNDialect::kTimeStepsAttr) && !forward)
        forward = f;
    if (!forward) {
      module.emitError("no graph-level snn forward function (with snn.time_steps) to map");
      return signalPassFailure();
    }
    if (failed(convert(module, forward)))
      return signalPassFailure();
    // The program replaces the function (and takes its name); the weights now
    // live in the projections.
    forward.erase();
    for (auto parameter : llvm::make_early_inc_range(module.getOps<snn::ParameterOp>()))
      parameter.erase();
  }

  /// The weights behind a forward argument tagged snn.parameter.
  FailureOr<ElementsAttr> weightsOf(ModuleOp module, func::FuncOp forward, Value v,
                                    Operation *user) {
    auto arg = dyn_cast<BlockArgument>(v);
    if (!arg) {
      user->emitOpError("neuromorphic mapping needs weights that are model parameters");
      return failure();
    }
    auto symbol = forward.getArgAttrOfType<FlatSymbolRefAttr>(
        arg.getArgNumber(), snn::SNNDialect::kParameterAttr);
    auto parameter =
        symbol ? module.lookupSymbol<snn::ParameterOp>(symbol.getValue()) : nullptr;
    if (!parameter) {
      user->emitOpError("weight argument has no snn.parameter value");
      return failure();
    }
    return parameter.getValue();
  }

  LogicalResult convert(ModuleOp module, func::FuncOp forward) {
    OpBuilder b(module.getContext());
    b.setInsertionPointToEnd(module.getBody());
    Location loc = forward.getLoc();
    auto program = b.create<ProgramOp>(
        loc, b.getStringAttr(forward.getSymName().str() + "_neuro"), b.getStringAttr(target),
        b.getI64IntegerAttr(
            forward->getAttrOfType<IntegerAttr>(snn::SNNDialect::kTimeStepsAttr).getInt()),
        IntegerAttr(), IntegerAttr(), DenseI64ArrayAttr());
    program.removeMeshAttr();
    Block *body = new Block();
    program.getBody().push_back(body);
    b.setInsertionPointToEnd(body);

    llvm::DenseMap<Value, Stream> streams;
    // Projections waiting for their neuron: snn synapse result -> (neuro current, tau_s).
    llvm::DenseMap<Value, std::pair<Value, float>> currents;
    int layers = 0;
    bool haveInput = false;
    auto fail = [&](Operation *op, const Twine &why) {
      op->emitOpError() << why;
      program.erase();
      return failure();
    };

    for (Operation &op : forward.getBody().front()) {
      if (auto psp = dyn_cast<snn::PSPOp>(op)) {
        if (haveInput || !isa<BlockArgument>(psp.getInput()))
          return fail(&op, "only the model input may be PSP-filtered on a neuromorphic target");
        std::vector<int64_t> shape = perSample(psp.getInput().getType());
        if (shape.empty() || shape.size() > 3 ||
            llvm::any_of(shape, [](int64_t d) { return d < 1; }))
          return fail(&op, "input must be a static [F] or [C, H, W] per sample");
        auto input = b.create<InputOp>(loc, SpikesType::get(b.getContext(), shape),
                                       InputModeAttr());
        haveInput = true;
        streams[psp.getResult()] =
            Stream{input.getResult(), psp.getTauS().convertToFloat(), shape, 1, 1.0f, shape};
        continue;
      }
      if (auto pool = dyn_cast<snn::SumPoolOp>(op)) {
        auto it = streams.find(pool.getInput());
        if (it == streams.end() || it->second.pool != 1 ||
            it->second.viewShape != it->second.shape || it->second.shape.size() != 3)
          return fail(&op, "sum pooling must follow a neuron with [C, H, W] outputs");
        ArrayRef<int64_t> k = pool.getKernel();
        if (k.size() != 2 || k[0] != k[1])
          return fail(&op, "only square pooling windows are supported on a neuromorphic target");
        Stream s = it->second;
        s.pool = k[0];
        s.poolScale = pool.getScale().convertToFloat();
        s.viewShape = perSample(pool.getResult().getType());
        streams[pool.getResult()] = s;
        continue;
      }
      if (isa<snn::FlattenOp, snn::ReshapeOp, snn::DropoutOp>(op)) {
        auto it = streams.find(op.getOperand(0));
        if (it == streams.end())
          return fail(&op, "must follow a neuron or the input");
        Stream s = it->second;
        s.viewShape = perSample(op.getResult(0).getType());
        streams[op.getResult(0)] = s;
        continue;
      }
      if (auto bias = dyn_cast<snn::BiasOp>(op)) {
        // The cores integrate weighted spikes only; a zero bias (an exported default) is
        // a no-op, any other would need a constant current they cannot inject.
        auto it = currents.find(bias.getInput());
        if (it == currents.end())
          return fail(&op, "a bias must directly follow a dense or conv synapse");
        FailureOr<ElementsAttr> values = weightsOf(module, forward, bias.getBias(), &op);
        if (failed(values)) {
          program.erase();
          return failure();
        }
        if (!llvm::all_of(values->getValues<float>(), [](float v) { return v == 0.0f; }))
          return fail(&op, "a non-zero bias is not supported on a neuromorphic target (the "
                           "cores have no constant input current)");
        currents[bias.getResult()] = it->second;
        continue;
      }
      if (auto synapse = dyn_cast<snn::SynapseOpInterface>(op)) {
        auto it = streams.find(synapse.getInput());
        if (it == streams.end())
          return fail(&op, "synapse input must be the filtered input or a neuron's output");
        FailureOr<ElementsAttr> w = weightsOf(module, forward, synapse.getWeight(), &op);
        if (failed(w)) {
          program.erase();
          return failure();
        }
        FailureOr<Value> current = isa<snn::DenseOp>(op)
                                       ? convertDense(b, loc, it->second, *w, op)
                                       : convertConv(b, loc, it->second, *w, op);
        if (failed(current)) {
          program.erase();
          return failure();
        }
        currents[op.getResult(0)] = {*current, it->second.tauS};
        continue;
      }
      if (auto lif = dyn_cast<snn::LIFOp>(op)) {
        auto it = currents.find(lif.getInput());
        if (it == currents.end())
          return fail(&op, "neuron input must be a synapse's output");
        auto currentType = cast<CurrentType>(it->second.first.getType());
        std::vector<int64_t> shape(currentType.getShape().begin(),
                                   currentType.getShape().end());
        auto neuron = b.create<LIFOp>(
            loc, SpikesType::get(b.getContext(), shape), it->second.first,
            b.getStringAttr("layer" + std::to_string(++layers)),
            lif.getTauMAttr(), b.getF32FloatAttr(it->second.second), lif.getThresholdAttr());
        float ownTau = lif.getOutput() == snn::NeuronOutput::psp
                           ? lif.getTauS().convertToFloat()
                           : 1.0f;
        streams[lif.getResult()] = Stream{neuron.getResult(), ownTau, shape, 1, 1.0f, shape};
        continue;
      }
      if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        if (ret.getNumOperands() != 1)
          return fail(&op, "the model must return one output");
        auto it = streams.find(ret.getOperand(0));
        // The host reads a population's spikes: pooling or reshaping after the
        // last neuron would be dropped silently.
        if (it == streams.end() || !ret.getOperand(0).getDefiningOp<snn::LIFOp>())
          return fail(&op, "the model output must be a neuron's output");
        b.create<OutputOp>(loc, it->second.events, b.getF32FloatAttr(it->second.tauS));
        continue;
      }
      return fail(&op, "is not supported on a neuromorphic target (supported: psp on the "
                       "input, dense and conv synapses, zero biases, lif, sum pooling, flatten, "
                       "reshape, dropout)");
    }
    if (!haveInput)
      return fail(forward, "the model input must go through snn.psp");
    return success();
  }

  /// Dense synapse; a pending pooling is folded by giving every pixel of a
  /// pooling window the pooled input's weight times the pooling scale.
  FailureOr<Value> convertDense(OpBuilder &b, Location loc, const Stream &s,
                                ElementsAttr w, Operation &op) {
    auto wType = w.getShapedType();
    int64_t out = wType.getDimSize(0), in = wType.getDimSize(1);
    if (in != product(s.viewShape)) {
      op.emitOpError("weight columns do not match the input size");
      return failure();
    }
    int64_t sources = product(s.shape);
    std::vector<float> folded(static_cast<size_t>(out * sources), 0.0f);
    std::vector<float> values(w.getValues<float>().begin(), w.getValues<float>().end());
    float factor = s.poolScale / s.tauS;
    if (s.pool == 1) {
      for (size_t i = 0; i < values.size(); ++i)
        folded[i] = values[i] * factor;
    } else {
      int64_t C = s.shape[0], H = s.shape[1], W = s.shape[2], k = s.pool;
      int64_t PH = H / k, PW = W / k;
      for (int64_t m = 0; m < out; ++m)
        for (int64_t c = 0; c < C; ++c)
          for (int64_t y = 0; y < PH * k; ++y)
            for (int64_t x = 0; x < PW * k; ++x)
              folded[m * sources + (c * H + y) * W + x] =
                  values[m * in + (c * PH + y / k) * PW + x / k] * factor;
    }
    auto type = RankedTensorType::get({out, sources}, b.getF32Type());
    auto attr = DenseElementsAttr::get(type, ArrayRef<float>(folded));
    return b
        .create<DenseOp>(loc, CurrentType::get(b.getContext(), {out}), s.events, attr,
                         b.getI64IntegerAttr(0), UnitAttr())
        .getResult();
  }

  /// Convolution; a pending k×k pooling becomes a kernel and stride k times larger.
  FailureOr<Value> convertConv(OpBuilder &b, Location loc, const Stream &s,
                               ElementsAttr w, Operation &op) {
    auto conv = cast<snn::Conv2DOp>(op);
    if (s.viewShape.size() != 3 || s.viewShape != perSample(conv.getInput().getType())) {
      op.emitOpError("convolution input must be [C, H, W]");
      return failure();
    }
    auto wType = w.getShapedType();
    int64_t F = wType.getDimSize(0), C = wType.getDimSize(1), KH = wType.getDimSize(2),
            KW = wType.getDimSize(3), k = s.pool;
    if (k > 1 && (s.shape[1] % k || s.shape[2] % k)) {
      op.emitOpError("pooling over ")
          << s.shape[1] << "x" << s.shape[2] << " with window " << k
          << " drops rows; a neuromorphic target needs the pooled size to divide exactly";
      return failure();
    }
    std::vector<float> values(w.getValues<float>().begin(), w.getValues<float>().end());
    float factor = s.poolScale / s.tauS;
    std::vector<float> kernel(static_cast<size_t>(F * C * KH * k * KW * k));
    for (int64_t f = 0; f < F; ++f)
      for (int64_t c = 0; c < C; ++c)
        for (int64_t y = 0; y < KH * k; ++y)
          for (int64_t x = 0; x < KW * k; ++x)
            kernel[((f * C + c) * KH * k + y) * KW * k + x] =
                values[((f * C + c) * KH + y / k) * KW + x / k] * factor;
    std::vector<int64_t> strides = {conv.getStrides()[0] * k, conv.getStrides()[1] * k};
    std::vector<int64_t> pads;
    for (int64_t p : conv.getPads())
      pads.push_back(p * k);
    std::vector<int64_t> outShape = perSample(conv.getResult().getType());
    auto type = RankedTensorType::get({F, C, KH * k, KW * k}, b.getF32Type());
    auto attr = DenseElementsAttr::get(type, ArrayRef<float>(kernel));
    return b
        .create<ConvOp>(loc, CurrentType::get(b.getContext(), outShape), s.events, attr,
                        b.getDenseI64ArrayAttr(strides), b.getDenseI64ArrayAttr(pads),
                        b.getI64IntegerAttr(0), UnitAttr())
        .getResult();
  }
};

} // namespace
