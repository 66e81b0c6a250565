// snn-neuro-quantize: float populations and projections become the target's integers, one scale per population.
#include "codegen/Neuro/Passes.h"
#include "codegen/Neuro/ProgramView.h"
#include "codegen/Neuro/TargetSupport.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <cmath>

namespace mlir::neuro {
#define GEN_PASS_DEF_NEUROQUANTIZE
#include "codegen/Neuro/Passes.h.inc"
} // namespace mlir::neuro

using namespace mlir;
using namespace mlir::neuro;
using snn::neuro::TargetDescription;
using snn::neuro::WeightEncoding;
using snn::core::DecayEncoding;

namespace {

int64_t roundHalfAway(double v) { return static_cast<int64_t>(std::llround(v)); }

std::string formatTau(double tau) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", tau);
  return text;
}

struct NeuroQuantizePass : public mlir::neuro::impl::NeuroQuantizeBase<NeuroQuantizePass> {
  using NeuroQuantizeBase::NeuroQuantizeBase;

  const TargetDescription *target = nullptr;
  std::vector<std::string> approximations;

  /// Refuses an inexact mapping unless --allow-approx; records it otherwise.
  LogicalResult inexact(Operation *op, const std::string &what) {
    if (!allowApprox) {
      op->emitError() << what << " on target '" << target->name
                      << "' (use --allow-approx to approximate and measure the cost)";
      return failure();
    }
    approximations.push_back(what);
    return success();
  }

  /// Encodes the decay factor alpha = 1 - 1/tau of a state.
  FailureOr<int64_t> encodeDecay(Operation *op, const std::string &layer, const char *state,
                                 double tau, uint8_t offset) {
    const auto &s = target->semantics;
    double alpha = 1.0 - 1.0 / tau;
    switch (s.decay) {
    case DecayEncoding::Multiplier: {
      double unity = std::ldexp(1.0, s.decayBits);
      int64_t d = roundHalfAway(unity * (1.0 - alpha)) - offset;
      return std::clamp<int64_t>(d, 0, static_cast<int64_t>(unity) - offset);
    }
    case DecayEncoding::Shift: {
      double exact = std::log2(tau);
      int64_t d = roundHalfAway(exact);
      if (std::ldexp(1.0, static_cast<int>(d)) != tau &&
          failed(inexact(op, layer + ": " + state + " decay tau " + formatTau(tau) +
                                 " is not a power of two, a bit-shift decay gives tau " +
                                 formatTau(std::ldexp(1.0, static_cast<int>(d))))))
        return failure();
      return std::clamp<int64_t>(d, 0, 62);
    }
    case DecayEncoding::None:
      if (tau != 1.0 && !std::isinf(tau) &&
          failed(inexact(op, layer + ": " + state + " decay tau " + formatTau(tau) +
                                 " cannot be represented (the core has no leak)")))
        return failure();
      return 0;
    }
    return 0;
  }

  void runOnOperation() override {
    ProgramOp program = getOperation();
    std::optional<PassContext> context = loadPassContext(program);
    if (!context)
      return signalPassFailure();
    target = &context->target;
    ProgramView *view = &context->view;
    if (view->rescale) {
      program.emitError("program is already quantised");
      return signalPassFailure();
    }
    if (!view->input.getMode()) {
      program.emitError("run snn-neuro-encode-input before snn-neuro-quantize");
      return signalPassFailure();
    }
    if (!(inputMax > 0) || !std::isfinite(inputMax)) {
      program.emitError("input-max must be positive");
      return signalPassFailure();
    }
    const auto &sem = target->semantics;
    OpBuilder b(program.getContext());

    // The input: 8-bit signed values for host modes, event counts for spikes.
    bool spikes = *view->input.getMode() == InputMode::spikes;
    int64_t inMin = spikes ? 0 : -127;
    int64_t inMaxInt = spikes ? target->maxInputEventsPerStep : 127;
    double inputScale = static_cast<double>(inMaxInt) / inputMax;
    b.setInsertionPointAfter(view->input);
    auto rescale = b.create<RescaleOp>(view->input.getLoc(), view->input.getType(),
                                       view->input.getResult(), b.getF64FloatAttr(inputScale),
                                       b.getI64IntegerAttr(inMin), b.getI64IntegerAttr(inMaxInt));
    view->input.getResult().replaceAllUsesExcept(rescale.getResult(), rescale);
    if (spikes && llvm::any_of(view->layers, [](const Layer &l) { return l.source < 0; }))
      approximations.push_back("input: spike counts in [0, " + std::to_string(inMaxInt) +
                               "]: negative input values become 0");

    int64_t wMax = (int64_t(1) << (target->weightBits - 1)) - 1;
    int64_t vMax = (int64_t(1) << (sem.voltage.bits - 1)) - 1;
    int64_t thresholdMax = ((int64_t(1) << target->thresholdMantissaBits) - 1)
                           << target->thresholdExponent;
    int64_t thresholdLimit = std::min(thresholdMax, vMax / 8);

    for (Layer &layer : view->layers) {
      auto lif = dyn_cast<LIFOp>(layer.neuron);
      if (!lif) {
        layer.neuron->emitOpError("is already quantised");
        return signalPassFailure();
      }
      Connectivity conn(layer.projection);
      double tauM = lif.getTauM().convertToFloat(), tauS = lif.getTauS().convertToFloat();
      double theta = lif.getThreshold().convertToFloat();
      std::vector<double> w = conn.weights();

      bool hostFed = layer.source < 0 && !spikes;
      bool hostBias = hostFed && *view->input.getMode() == InputMode::bias;
      if (!hostFed && (conn.isConv() ? !target->supportsConv : !target->supportsDense)) {
        layer.projection->emitError()
            << layer.name << ": " << (conn.isConv() ? "conv" : "dense")
            << " projections are not supported by target '" << target->name
            << "' (core.layer_kinds)";
        return signalPassFailure();
      }
      if (hostBias && sem.current.bits > 0) {
        // The host runs the current register itself and writes it as the bias
        // each step: the synaptic rise is kept, the bias encoding rounds it.
        approximations.push_back(layer.name + ": the host computes the input current and "
                                 "writes it as a per-step bias (" +
                                 std::to_string(sem.biasMantissaBits) + "-bit mantissa)");
      } else if (hostBias && tauS != 1.0) {
        // No current register to copy: a constant bias stands for the current's
        // steady state, the input's whole charge W·x.
        approximations.push_back(layer.name + ": the input enters as a constant bias, "
                                 "without the synaptic current's rise (tau_s " +
                                 formatTau(tauS) + ")");
        for (double &v : w)
          v *= tauS;
      } else if (!hostFed && sem.current.bits == 0 && tauS != 1.0) {
        if (failed(inexact(lif, layer.name + ": synaptic current (tau_s " + formatTau(tauS) +
                                    ") cannot be represented (the core has no current "
                                    "state); each spike's charge is delivered at once")))
          return signalPassFailure();
        for (double &v : w)
          v *= tauS;
      }
      if (sem.reset == snn::core::ResetRule::Subtract &&
          failed(inexact(lif, layer.name + ": the model resets to 0, the core subtracts "
                                           "the threshold")))
        return signalPassFailure();

      // TrueNorth-style cores: each neuron has one magnitude per axon type; with
      // one axon per sign this is a ternary weight {-s_i, 0, +s_i} per neuron.
      if (target->weightEncoding == WeightEncoding::AxonTypes && !hostFed) {
        if (conn.isConv()) {
          layer.projection->emitError() << layer.name << ": axon-type weights of target '"
                                        << target->name << "' need dense projections";
          return signalPassFailure();
        }
        if (failed(inexact(layer.projection,
                           layer.name + ": weights become ternary per neuron (" +
                               std::to_string(target->axonTypes) +
                               " axon types, one per sign)")))
          return signalPassFailure();
        ternarise(conn, w);
      }

      double maxAbs = 0;
      for (double v : w)
        maxAbs = std::max(maxAbs, std::fabs(v));
      if (maxAbs == 0)
        maxAbs = 1;
      double inScale = layer.source < 0 ? inputScale : 1.0;
      // Bounds for registers that wrap (a wrapped current turns a strongly driven
      // neuron silent): the largest row sum of |w| times the largest input gives
      // the accumulator per step and, through the filter's gain 1/(1-alpha) =
      // tau_s, the current's steady state.
      double rowMax = 0;
      for (int64_t t = 0; t < conn.numTargets(); ++t) {
        double row = 0;
        conn.forEachInput(t, [&](int64_t, int64_t i) { row += std::fabs(w[i]); });
        rowMax = std::max(rowMax, row);
      }
      double inMaxFloat = layer.source < 0 ? inputMax : double(sem.maxSpikesPerStep);
      double countMax = layer.source < 0 ? double(inMaxInt) : double(sem.maxSpikesPerStep);
      double gain = sem.current.bits > 0 ? tauS : 1.0;
      double curMax = sem.current.bits > 0 ? std::ldexp(1.0, sem.current.bits - 1) - 1 : 0;
      double accMax = std::ldexp(1.0, sem.accumulator.bits - 1) - 1;
      auto fits = [&](double s, int64_t e) {
        if (theta * s > static_cast<double>(thresholdLimit))
          return false;
        if (sem.current.bits > 0 && sem.current.overflow == snn::core::Overflow::Wrap &&
            s * rowMax * inMaxFloat * gain > curMax)
          return false;
        double step = std::ldexp(1.0, static_cast<int>(sem.inputShift + e)) * inScale;
        if (sem.accumulator.overflow == snn::core::Overflow::Wrap &&
            rowMax * s / step * countMax > accMax)
          return false;
        return true;
      };
      // The finest exponent whose scale keeps the threshold and wrapping registers in range.
      int64_t exponent = target->weightExponentMin;
      double scale = 0;
      for (int64_t e = target->weightExponentMax; e >= target->weightExponentMin; --e) {
        double s = wMax * std::ldexp(1.0, static_cast<int>(sem.inputShift + e)) * inScale /
                   maxAbs;
        if (fits(s, e) || e == target->weightExponentMin) {
          exponent = e;
          scale = s;
          break;
        }
      }
      if (theta * scale > static_cast<double>(thresholdMax)) {
        lif.emitError() << layer.name << ": threshold " << theta << " needs "
                        << theta * scale << " > " << thresholdMax
                        << " (threshold.mantissa_bits with threshold.exponent) at the smallest"
                        << " weight exponent of target '" << target->name << "'";
        return signalPassFailure();
      }
      double step = std::ldexp(1.0, static_cast<int>(sem.inputShift + exponent)) * inScale;
      std::vector<int16_t> ints(w.size());
      for (size_t i = 0; i < w.size(); ++i)
        ints[i] = static_cast<int16_t>(
            std::clamp<int64_t>(roundHalfAway(w[i] * scale / step), -wMax, wMax));

      double scaledTheta = theta * scale;
      int64_t unit = int64_t(1) << target->thresholdExponent;
      if (sem.compare == snn::core::SpikeCompare::GreaterEqual)
        scaledTheta += 1; // v > θ on integers is v >= θ + 1
      int64_t mantissa = std::clamp<int64_t>(roundHalfAway(scaledTheta / unit), 1,
                                             (int64_t(1) << target->thresholdMantissaBits) - 1);

      // Without a current state there is no current decay to encode.
      FailureOr<int64_t> du =
          sem.current.bits == 0
              ? FailureOr<int64_t>(0)
              : encodeDecay(lif, layer.name, "current", tauS, sem.currentDecayOffset);
      FailureOr<int64_t> dv = encodeDecay(lif, layer.name, "voltage", tauM,
                                          sem.voltageDecayOffset);
      if (failed(du) || failed(dv))
        return signalPassFailure();

      auto type = RankedTensorType::get(conn.weightShape(), b.getIntegerType(16));
      auto attr = DenseElementsAttr::get(type, ArrayRef<int16_t>(ints));
      layer.projection->setAttr("weights", attr);
      layer.projection->setAttr("weight_exp", b.getI64IntegerAttr(exponent));

      b.setInsertionPoint(lif);
      auto compartment = b.create<CompartmentOp>(
          lif.getLoc(), lif.getType(), lif.getInput(), lif.getNameAttr(),
          b.getI64IntegerAttr(*du), b.getI64IntegerAttr(*dv),
          b.getI64IntegerAttr(mantissa * unit), b.getF64FloatAttr(scale), IntegerAttr(),
          DenseI64ArrayAttr(), DenseI64ArrayAttr());
      // The builder turns null array attributes into empty arrays: these are
      // set by later passes.
      compartment.removeSlicesAttr();
      compartment.removeCoresAttr();
      lif.replaceAllUsesWith(compartment.getResult());
      lif.erase();
    }
    if (!approximations.empty()) {
      SmallVector<Attribute> notes;
      for (const std::string &a : approximations)
        notes.push_back(b.getStringAttr(a));
      program->setAttr("neuro.approximations", b.getArrayAttr(notes));
    }
  }

  /// Ternary weights per target neuron (threshold 0.7·mean|w|, magnitude the
  /// mean of the kept weights), the usual rule for ternary networks.
  static void ternarise(const Connectivity &conn, std::vector<double> &w) {
    for (int64_t t = 0; t < conn.numTargets(); ++t) {
      std::vector<int64_t> idx;
      double sum = 0;
      conn.forEachInput(t, [&](int64_t, int64_t i) {
        idx.push_back(i);
        sum += std::fabs(w[i]);
      });
      if (idx.empty())
        continue;
      double delta = 0.7 * sum / static_cast<double>(idx.size());
      double kept = 0;
      int64_t n = 0;
      for (int64_t i : idx)
        if (std::fabs(w[i]) > delta) {
          kept += std::fabs(w[i]);
          ++n;
        }
      double magnitude = n ? kept / static_cast<double>(n) : 0;
      for (int64_t i : idx)
        w[i] = std::fabs(w[i]) > delta ? std::copysign(magnitude, w[i]) : 0.0;
    }
  }
};

} // namespace
