// Scalar f32 builders of the neuron, PSP, TSSL-BP and loss maths, shared by every lowering.
#ifndef SNN_CODEGEN_COMMON_NEURONMATH_H
#define SNN_CODEGEN_COMMON_NEURONMATH_H

#include "mlir/IR/Builders.h"

namespace mlir::snn {

// Every builder takes scalar f32 values and creates only `arith` and `math` ops at the
// builder's insertion point, so the linalg bodies on the CPU path and the per-thread
// code of a GPU kernel hold the same operations in the same order. Changing an
// operation or its order changes the results in the last bit against the reference
// oracle (test/reference), which rounds each step the same way.

/// Float32 constants of one neuron, computed once as the C++ reference does.
struct NeuronConstants {
  float alphaM, alphaS, invTauM, invTauS, threshold;
  bool emitSpikes;
  static NeuronConstants get(float tauM, float tauS, float threshold, bool emitSpikes);
};

/// The constants of a neuron op (tau_m, tau_s, threshold, output attributes).
NeuronConstants constantsOf(Operation *op);

/// An f32 arith.constant.
Value f32(OpBuilder &b, Location loc, float v);

/// One PSP filter step: y' = αs·y + x/τs (uses `c.alphaS` and `c.invTauS`).
Value buildPSPStep(OpBuilder &b, Location loc, Value trace, Value input, const NeuronConstants &c);

/// The values of one LIF step. `u`, `du`, `spike` and `trace` are also the state
/// TSSL-BP saves for the backward pass (snn.lif.seq.save).
struct LIFStepValues {
  Value u;        // pre-reset potential v + Δ
  Value du;       // Δ = I − v/τm
  Value spike;    // o = u > ϑ ? 1 : 0 (strict)
  Value membrane; // next v: 0 after a spike, u otherwise
  Value trace;    // next a = αs·a + o/τs
};

/// One LIF step from the input current, the membrane potential after the last
/// reset and the neuron's own PSP trace.
LIFStepValues buildLIFStep(OpBuilder &b, Location loc, Value current, Value membrane, Value trace,
                           const NeuronConstants &c);

/// The results of one TSSL-BP backward step.
struct TSSLBPStepValues {
  Value G;     // G_t = g_t/τs + αs·G_{t+1}
  Value X;     // at a spike ρ (G_t + u X_{t+1}/τm), else αm X_{t+1}
  Value delta; // the surrogate S for a silent neuron, X otherwise
};

/// One neuron's TSSL-BP backward step at time t (tssl-bp.md §4.1): `grad` is dL/da_t,
/// `nextG` / `nextX` the recurrences at t + 1 (zero at the last step), and `u`, `du`,
/// `spike`, `trace` the state LIFStepValues saved at t.
TSSLBPStepValues buildTSSLBPStep(OpBuilder &b, Location loc, Value grad, Value nextG, Value nextX,
                                 Value u, Value du, Value spike, Value trace,
                                 const NeuronConstants &c);

/// The kernel loss gradient g = a − target·ŷ (`target` one-hot, `desired` ŷ[t]).
Value buildKernelLossGrad(OpBuilder &b, Location loc, Value output, Value target, Value desired);

/// The count loss error of one class: e = (Σ_t a − q)/T with q = `desired` for the
/// correct class (`target` > 0.5) and `undesired` otherwise, kept only when it is
/// below the correct class's goal or above another class's.
Value buildCountLossError(OpBuilder &b, Location loc, Value count, Value target, float desired,
                          float undesired, float steps);

/// One term of a squared-error loss sum: acc + (e·e)·scale.
Value buildSquaredErrorAccumulate(OpBuilder &b, Location loc, Value acc, Value error, float scale);

} // namespace mlir::snn

#endif // SNN_CODEGEN_COMMON_NEURONMATH_H
