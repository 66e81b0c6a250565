// Unit tests of the scalar neuron builders (codegen/Common/NeuronMath.h): the IR they
// build, folded to constants, against the C++ reference oracle.
#include "codegen/Common/NeuronMath.h"
#include "test/reference/Reference.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>

using namespace mlir;
using mlir::snn::LIFStepValues;
using mlir::snn::TSSLBPStepValues;
using mlir::snn::buildLIFStep;
using mlir::snn::buildPSPStep;
using mlir::snn::buildTSSLBPStep;
using mlir::snn::f32;
using mlir::snn::NeuronConstants;
namespace ref = ::snn::ref;

namespace {

/// Builds `body` into a function that returns the values it gives, folds it with the
/// canonicalizer (arith/math folders round in IEEE float32 like compiled code without
/// fast-math) and returns the constants the function then returns.
std::vector<float>
foldToConstants(const std::function<SmallVector<Value>(OpBuilder &, Location)> &body) {
  MLIRContext ctx;
  ctx.loadDialect<arith::ArithDialect, math::MathDialect, func::FuncDialect>();
  OpBuilder b(&ctx);
  Location loc = b.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());
  auto fn = func::FuncOp::create(b, loc, "f", b.getFunctionType({}, {}));
  b.setInsertionPointToStart(fn.addEntryBlock());
  SmallVector<Value> results = body(b, loc);
  func::ReturnOp::create(b, loc, results);
  fn.setType(b.getFunctionType({}, TypeRange(ValueRange(results))));
  EXPECT_TRUE(succeeded(verify(*module)));

  PassManager pm(&ctx);
  pm.addPass(createCanonicalizerPass());
  EXPECT_TRUE(succeeded(pm.run(*module)));

  std::vector<float> values;
  auto ret = cast<func::ReturnOp>(fn.getBody().front().getTerminator());
  for (Value v : ret.getOperands()) {
    auto constant = v.getDefiningOp<arith::ConstantOp>();
    EXPECT_TRUE(constant) << "a result did not fold to a constant";
    values.push_back(constant ? cast<FloatAttr>(constant.getValue()).getValue().convertToFloat()
                              : NAN);
  }
  return values;
}

uint32_t bits(float v) {
  uint32_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

/// Expects the same float32, bit for bit (0.0 and -0.0 differ).
void expectSameBits(float got, float want, const std::string &what) {
  EXPECT_EQ(bits(got), bits(want)) << what << ": got " << got << ", want " << want;
}

struct Params {
  double tauM, tauS, threshold;
  ref::NeuronParams reference() const {
    ref::NeuronParams rp;
    rp.tauM = tauM;
    rp.tauS = tauS;
    rp.threshold = threshold;
    return rp;
  }
  NeuronConstants constants() const { return NeuronConstants::get(tauM, tauS, threshold, false); }
};

// τm, τs and ϑ whose float32 constants round (1/3, 1/7.5, …), as in the models.
const Params kParams[] = {{5, 3, 1}, {7.5, 2, 0.8}, {20, 7, 1.3}};

/// Input currents that make the neuron fire, stay silent, reach exactly the threshold
/// (u == ϑ must not fire) and go negative.
std::vector<float> currents(double threshold) {
  return {0.3f, 0.5f, 0.9f, 1.7f, 0.0f, float(threshold), -0.4f, 0.25f, 2.5f, 0.6f, 0.6f,
          0.6f, 0.6f, 0.0f, 1.1f, 0.05f};
}

// Proves: chained LIF steps give the oracle's u, Δ, o, v and a in the same bits.
TEST(NeuronMath, LIFStepMatchesTheOracleBitForBit) {
  for (const Params &p : kParams) {
    ref::NeuronParams rp = p.reference();
    NeuronConstants c = p.constants();
    std::vector<float> input = currents(p.threshold);

    std::vector<float> got = foldToConstants([&](OpBuilder &b, Location loc) {
      SmallVector<Value> out;
      Value v = f32(b, loc, 0.0f), a = f32(b, loc, 0.0f);
      for (float current : input) {
        LIFStepValues step = buildLIFStep(b, loc, f32(b, loc, current), v, a, c);
        out.append({step.u, step.du, step.spike, step.membrane, step.trace});
        v = step.membrane;
        a = step.trace;
      }
      return out;
    });

    ref::NeuronConstants rc(rp);
    ref::NeuronState state;
    ASSERT_EQ(got.size(), 5 * input.size());
    int spikes = 0;
    for (size_t t = 0; t < input.size(); ++t) {
      ref::NeuronStep want = ref::lifStep(input[t], rc, state);
      std::string at = "tau_m " + std::to_string(p.tauM) + " step " + std::to_string(t);
      expectSameBits(got[5 * t + 0], want.u, "u, " + at);
      expectSameBits(got[5 * t + 1], want.du, "du, " + at);
      expectSameBits(got[5 * t + 2], want.o, "o, " + at);
      expectSameBits(got[5 * t + 3], state.v, "v, " + at);
      expectSameBits(got[5 * t + 4], want.a, "a, " + at);
      spikes += want.o != 0.0f;
    }
    // Both outcomes of the threshold test must have been exercised.
    EXPECT_GT(spikes, 0);
    EXPECT_LT(spikes, int(input.size()));
  }
}

// Proves: the PSP step filters a sequence to the oracle's float32 trace, bit for bit.
TEST(NeuronMath, PSPStepMatchesTheOracleBitForBit) {
  std::vector<float> input = currents(1.0);
  for (double tauS : {3.0, 2.0, 7.0}) {
    NeuronConstants c = NeuronConstants::get(1.0f, tauS, 1.0f, false);
    std::vector<float> got = foldToConstants([&](OpBuilder &b, Location loc) {
      SmallVector<Value> out;
      Value y = f32(b, loc, 0.0f);
      for (float x : input)
        out.push_back(y = buildPSPStep(b, loc, y, f32(b, loc, x), c));
      return out;
    });
    std::vector<float> want = ref::pspFilter(input, tauS);
    ASSERT_EQ(got.size(), want.size());
    for (size_t t = 0; t < want.size(); ++t)
      expectSameBits(got[t], want[t],
                     "tau_s " + std::to_string(tauS) + " step " + std::to_string(t));
  }
}

// Proves: the TSSL-BP step, run backwards over a forward trace, gives the oracle's δ
// (surrogate and spike paths both taken). The oracle runs the recurrences in double and
// rounds δ once; the builder rounds every operation to float32 as the compiled code
// does, so over these 16 steps G and X drift by a few ulp per step: 1e-5 relative
// (absolute below 1) covers that with margin and is far below any path error (a wrong
// branch or constant changes δ by whole percent).
TEST(NeuronMath, TSSLBPStepMatchesTheOracle) {
  constexpr double kRelTol = 1e-5;
  for (const Params &p : kParams) {
    ref::NeuronParams rp = p.reference();
    NeuronConstants c = p.constants();
    std::vector<float> input = currents(p.threshold);
    ref::NeuronTrace trace = ref::lifForward(input, rp);
    std::vector<float> g(input.size());
    for (size_t t = 0; t < g.size(); ++t)
      g[t] = 0.1f * float(t % 5) - 0.15f;
    ref::LifBackwardDetail detail;
    std::vector<float> want = ref::lifBackward(g, trace, rp, &detail);

    std::vector<float> got = foldToConstants([&](OpBuilder &b, Location loc) {
      SmallVector<Value> delta(input.size());
      Value G = f32(b, loc, 0.0f), X = f32(b, loc, 0.0f);
      for (size_t t = input.size(); t-- > 0;) {
        auto f = [&](float v) { return f32(b, loc, v); };
        TSSLBPStepValues step = buildTSSLBPStep(b, loc, f(g[t]), G, X, f(trace.u[t]),
                                                f(trace.du[t]), f(trace.o[t]), f(trace.a[t]), c);
        G = step.G;
        X = step.X;
        delta[t] = step.delta;
      }
      return delta;
    });

    ASSERT_EQ(got.size(), want.size());
    int surrogate = 0, spikes = 0;
    for (size_t t = 0; t < want.size(); ++t) {
      EXPECT_NEAR(got[t], want[t], kRelTol * std::max(1.0, std::abs(double(want[t]))))
          << "tau_m " << p.tauM << " step " << t;
      surrogate += detail.surrogate[t];
      spikes += trace.o[t] != 0.0f && !detail.surrogate[t];
    }
    // Both paths of the gate and the spike branch of X must reach δ.
    EXPECT_GT(surrogate, 0);
    EXPECT_GT(spikes, 0);
  }
}

} // namespace
