// Scalar f32 builders of the neuron, PSP, TSSL-BP and loss maths (TSSL-BP §1, §3, §4.1).
#include "codegen/Common/NeuronMath.h"
#include "dialect/SNN/SNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

namespace mlir::snn {

// Each operand is built in its own statement, in the order the ops appear in the IR:
// the order of nested calls in one argument list is up to the C++ compiler.

NeuronConstants NeuronConstants::get(float tauM, float tauS, float threshold, bool emitSpikes) {
  // Computed in double and rounded once, exactly like the reference oracle.
  return {float(1.0 - 1.0 / double(tauM)),
          float(1.0 - 1.0 / double(tauS)),
          float(1.0 / double(tauM)),
          float(1.0 / double(tauS)),
          threshold,
          emitSpikes};
}

NeuronConstants constantsOf(Operation *op) {
  auto tauM = op->getAttrOfType<FloatAttr>("tau_m"), tauS = op->getAttrOfType<FloatAttr>("tau_s"),
       threshold = op->getAttrOfType<FloatAttr>("threshold");
  auto output = op->getAttrOfType<NeuronOutputAttr>("output");
  return NeuronConstants::get(tauM ? tauM.getValueAsDouble() : 5.0,
                              tauS ? tauS.getValueAsDouble() : 3.0,
                              threshold ? threshold.getValueAsDouble() : 1.0,
                              output && output.getValue() == NeuronOutput::spikes);
}

Value f32(OpBuilder &b, Location loc, float v) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
}

Value buildPSPStep(OpBuilder &b, Location loc, Value trace, Value input, const NeuronConstants &c) {
  Value decayed = arith::MulFOp::create(b, loc, f32(b, loc, c.alphaS), trace);
  Value added = arith::MulFOp::create(b, loc, f32(b, loc, c.invTauS), input);
  return arith::AddFOp::create(b, loc, decayed, added);
}

LIFStepValues buildLIFStep(OpBuilder &b, Location loc, Value current, Value membrane, Value trace,
                           const NeuronConstants &c) {
  // du = I - v/τm ; u = v + du  (the spec's Δ_t and pre-reset potential)
  Value leak = arith::MulFOp::create(b, loc, membrane, f32(b, loc, c.invTauM));
  Value du = arith::SubFOp::create(b, loc, current, leak);
  Value u = arith::AddFOp::create(b, loc, membrane, du);
  // Strict '>': u == threshold does not fire.
  Value fires =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, u, f32(b, loc, c.threshold));
  Value zero = f32(b, loc, 0.0f);
  Value spike = arith::SelectOp::create(b, loc, fires, f32(b, loc, 1.0f), zero);
  Value nextV = arith::SelectOp::create(b, loc, fires, zero, u);
  Value nextA = buildPSPStep(b, loc, trace, spike, c);
  return {u, du, spike, nextV, nextA};
}

TSSLBPStepValues buildTSSLBPStep(OpBuilder &b, Location loc, Value grad, Value nextG, Value nextX,
                                 Value u, Value du, Value spike, Value trace,
                                 const NeuronConstants &c) {
  const float beta = 0.2f, rhoMax = 8.0f, zMax = 8.0f;
  // The reference compares with 1/(4 τs) rounded to float32.
  const float gate = float(1.0 / (4.0 * (1.0 / double(c.invTauS))));
  // G_t = g_t/τs + αs·G_{t+1}: the kernel-weighted future error.
  Value carriedG = arith::MulFOp::create(b, loc, f32(b, loc, c.alphaS), nextG);
  Value ownG = arith::MulFOp::create(b, loc, grad, f32(b, loc, c.invTauS));
  Value G = arith::AddFOp::create(b, loc, ownG, carriedG);
  // At a spike: ρ (G + u X_{t+1}/τm) with ρ = min(1/Δ, 8) (Δ > 0 there).
  Value inv = arith::DivFOp::create(b, loc, f32(b, loc, 1.0f), du);
  Value positive = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, du, f32(b, loc, 0.0f));
  Value rhoOtherwise = f32(b, loc, rhoMax);
  Value rhoClamped = arith::MinimumFOp::create(b, loc, inv, f32(b, loc, rhoMax));
  Value rho = arith::SelectOp::create(b, loc, positive, rhoClamped, rhoOtherwise);
  Value invTauM = f32(b, loc, c.invTauM);
  Value uX = arith::MulFOp::create(b, loc, u, nextX);
  Value intra = arith::MulFOp::create(b, loc, uX, invTauM);
  Value xSpike = arith::MulFOp::create(b, loc, rho, arith::AddFOp::create(b, loc, G, intra));
  // Otherwise the membrane carry αm X_{t+1}.
  Value xCarry = arith::MulFOp::create(b, loc, f32(b, loc, c.alphaM), nextX);
  Value spiked = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, spike, f32(b, loc, 0.0f));
  Value X = arith::SelectOp::create(b, loc, spiked, xSpike, xCarry);
  // Surrogate S = G e^z / (β (1 + e^z)^2), z = clamp((ϑ − u)/β, ±8).
  Value betaForZ = f32(b, loc, beta);
  Value gap = arith::SubFOp::create(b, loc, f32(b, loc, c.threshold), u);
  Value z = arith::DivFOp::create(b, loc, gap, betaForZ);
  Value zLow = f32(b, loc, -zMax);
  Value zBelowMax = arith::MinimumFOp::create(b, loc, z, f32(b, loc, zMax));
  z = arith::MaximumFOp::create(b, loc, zBelowMax, zLow);
  Value e = math::ExpOp::create(b, loc, z);
  Value onePlus = arith::AddFOp::create(b, loc, f32(b, loc, 1.0f), e);
  Value squared = arith::MulFOp::create(b, loc, onePlus, onePlus);
  Value denom = arith::MulFOp::create(b, loc, f32(b, loc, beta), squared);
  Value S = arith::DivFOp::create(b, loc, arith::MulFOp::create(b, loc, G, e), denom);
  // Gate on the neuron's own trace: silent neurons take the surrogate.
  Value silent = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, trace, f32(b, loc, gate));
  Value delta = arith::SelectOp::create(b, loc, silent, S, X);
  return {G, X, delta};
}

Value buildKernelLossGrad(OpBuilder &b, Location loc, Value output, Value target, Value desired) {
  Value want = arith::MulFOp::create(b, loc, target, desired);
  return arith::SubFOp::create(b, loc, output, want);
}

Value buildCountLossError(OpBuilder &b, Location loc, Value count, Value target, float desired,
                          float undesired, float steps) {
  Value correct =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, target, f32(b, loc, 0.5f));
  Value qOther = f32(b, loc, undesired);
  Value q = arith::SelectOp::create(b, loc, correct, f32(b, loc, desired), qOther);
  Value stepCount = f32(b, loc, steps);
  Value e = arith::DivFOp::create(b, loc, arith::SubFOp::create(b, loc, count, q), stepCount);
  Value below = arith::MinimumFOp::create(b, loc, e, f32(b, loc, 0.0f));
  Value above = arith::MaximumFOp::create(b, loc, e, f32(b, loc, 0.0f));
  return arith::SelectOp::create(b, loc, correct, below, above);
}

Value buildSquaredErrorAccumulate(OpBuilder &b, Location loc, Value acc, Value error, float scale) {
  Value sq = arith::MulFOp::create(b, loc, error, error);
  Value scaled = arith::MulFOp::create(b, loc, sq, f32(b, loc, scale));
  return arith::AddFOp::create(b, loc, acc, scaled);
}

} // namespace mlir::snn
