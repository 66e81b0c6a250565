// Plain C++ oracle of TSSL-BP (tssl-bp.md): the forward pass (§1–§2), the
// losses (§3), the backward pass (§4) and the optimiser step (§5) that the
// generated code is checked against.
//
// The forward pass keeps the float32 state and the operation order of the
// compiled code so that comparisons can use tight tolerances. The training
// math runs its recurrences and sums in double and rounds to float32 where a
// value crosses an interface (δ, layer gradients, weight gradients): it is
// the accurate answer, and generated float32 backward code should be compared
// with tolerances that allow for its own rounding. It is written to be read,
// not to be fast.
#ifndef SNN_TEST_REFERENCE_REFERENCE_H
#define SNN_TEST_REFERENCE_REFERENCE_H

#include "frontend/LayerString/NetworkSpec.h"

#include <cstdint>
#include <string>
#include <vector>

namespace snn {
namespace ref {

struct NeuronParams {
  double tauM = 5, tauS = 3, threshold = 1;
  bool outputSpikes = false; // the network returns spikes o instead of traces a
  // Evaluation order of a first dense/conv layer on the held input: apply the synapse
  // to the image once and filter its result (the compiled layer schedule's order after
  // snn-hoist-time-invariant) instead of applying it to the filtered image at every
  // step. Equal in exact arithmetic; in float32 the currents differ by rounding.
  bool holdFirstSynapse = false;
  // Evaluation order of a dense layer right after a dense layer: apply the synapse to
  // the previous layer's spikes and filter its result, 𝓕(W·o), instead of applying it
  // to their traces, W·𝓕(o) (the compiled layer schedule's order for inference after
  // snn-synapse-on-spikes). Equal in exact arithmetic.
  bool denseOnSpikes = false;
};

/// Per-step values of one neuron (spec §1): pre-reset potential u, its
/// increment du (Δ), spikes o and the own PSP trace a.
struct NeuronTrace {
  std::vector<float> u, du, o, a;
};

/// The constants rounded once to float32, as the generated code holds them.
struct NeuronConstants {
  explicit NeuronConstants(const NeuronParams &p);
  float alphaS;    // 1 − 1/τs
  float rateM;     // 1/τm
  float rateS;     // 1/τs
  float threshold; // ϑ
};

/// Neuron state carried from one step to the next.
struct NeuronState {
  float v = 0; // membrane potential after reset
  float a = 0; // own PSP trace
};

struct NeuronStep {
  float du, u, o, a;
};

/// One step of spec §1: du = I − v·rm; u = v + du; o = u > ϑ; v = o ? 0 : u;
/// a = αs·a + rs·o.
NeuronStep lifStep(float current, const NeuronConstants &c, NeuronState &s);

/// One step of the PSP filter 𝓕: αs·y + rs·x.
float pspStep(float y, float x, const NeuronConstants &c);

/// Spec §1 for one neuron given its input currents I[0..T-1].
NeuronTrace lifForward(const std::vector<float> &I, const NeuronParams &p);

/// 𝓕 over a sequence: y_t = αs·y_{t−1} + x_t/τs, y_{−1} = 0.
std::vector<float> pspFilter(const std::vector<float> &x, double tauS);

/// Runs `net` for T steps on `input` ([N, net.inputShape...], a static input
/// repeated at every step and filtered by 𝓕 first). `weights` holds one
/// tensor per Dense ([M,K] row-major, K the flattened input) or Conv
/// ([F,C,k,k]) layer, in order. Fills `output` with [N, classes, T]: the
/// output layer's PSP traces a, or its spikes o when p.outputSpikes.
bool forwardNetwork(const frontend::NetworkSpec &net,
                    const std::vector<std::vector<float>> &weights,
                    const std::vector<float> &input, int64_t N, int64_t T,
                    const NeuronParams &p, std::vector<float> &output,
                    std::string *error);

/// What one sample's forward pass leaves for its backward pass.
struct SampleRecord {
  // [layer][t]: the PSP traces entering the layer.
  std::vector<std::vector<std::vector<float>>> inputs;
  // [layer][neuron]: u, Δ, o, a over T steps (spiking layers only).
  std::vector<std::vector<NeuronTrace>> neurons;
  // [layer][element]: the dropout factors (dropout layers only; shared over T).
  std::vector<std::vector<float>> masks;
};

/// One sample's forward pass, step by step (tssl-bp.md §2), recording every layer's
/// input traces and every neuron's (u, Δ, o, a); forwardNetwork and gradientsNetwork
/// both run it. With `training`, dropout layers apply the masks of `dropoutSeed` for
/// sample index `sample`; otherwise dropout is the identity.
SampleRecord forwardSample(const frontend::NetworkSpec &net,
                           const std::vector<std::vector<float>> &weights,
                           const std::vector<float> &image, int64_t T,
                           const NeuronParams &p, int64_t sample,
                           uint64_t dropoutSeed, bool training);

/// Checks what forwardNetwork and gradientsNetwork need: a network ending in
/// a dense layer, N, T ≥ 1, positive finite τ, one weight tensor of the right
/// size per dense/conv layer and an input of N samples.
bool checkNetworkArguments(const frontend::NetworkSpec &net,
                           const std::vector<std::vector<float>> &weights,
                           const std::vector<float> &input, int64_t N,
                           int64_t T, const NeuronParams &p,
                           std::string *error);

//===----------------------------------------------------------------------===//
// Layers at one step of one sample (tssl-bp.md §2.2, §4.3). Values use the
// layer's inShape/outShape, row-major; flattening is the identity on this
// layout. Sums run in double in index order and are rounded once.
//===----------------------------------------------------------------------===//

/// I_i = Σ_j W[i,j]·A_j (W is [M,K], K = in.size()).
std::vector<float> denseForward(const frontend::LayerSpec &layer,
                                const std::vector<float> &w,
                                const std::vector<float> &in);
/// Cross-correlation, stride layer.stride, zero padding layer.padding; W is
/// [F,C,k,k].
std::vector<float> convForward(const frontend::LayerSpec &layer,
                               const std::vector<float> &w,
                               const std::vector<float> &in);
/// poolScale × the k×k window sum, stride k, per channel; the last rows and
/// columns that do not fill a window are dropped (floor).
std::vector<float> poolForward(const frontend::LayerSpec &layer,
                               const std::vector<float> &in);

/// dL/dA_j = Σ_i W[i,j]·δ_i (the adjoint of denseForward).
std::vector<float> denseBackwardInput(const frontend::LayerSpec &layer,
                                      const std::vector<float> &w,
                                      const std::vector<float> &delta);
/// acc[i·K + j] += δ_i·A_j (one step of one sample of dL/dW).
void denseWeightGrad(const std::vector<float> &delta,
                     const std::vector<float> &in, std::vector<double> &acc);
/// Transposed convolution of δ [F,OH,OW] with W into [C,H,W] (the adjoint of
/// convForward in its input; padded positions receive nothing).
std::vector<float> convBackwardInput(const frontend::LayerSpec &layer,
                                     const std::vector<float> &w,
                                     const std::vector<float> &delta);
/// acc[f,c,ky,kx] += Σ_{oy,ox} δ[f,oy,ox]·A[c, oy+ky−p, ox+kx−p] (the adjoint
/// of convForward in its weights; one step of one sample).
void convWeightGrad(const frontend::LayerSpec &layer,
                    const std::vector<float> &delta,
                    const std::vector<float> &in, std::vector<double> &acc);
/// poolScale × the pooled gradient broadcast to its window; cells dropped by
/// the floor get 0 (the adjoint of poolForward).
std::vector<float> poolBackward(const frontend::LayerSpec &layer,
                                const std::vector<float> &gradOut);

/// Training dropout of element `i` of a layer input (spec §2.2, recommended
/// granularity; the mask rule of snn.dropout.seq): one draw per (sample, channel,
/// row) of a {C,H,W} map, per (sample, feature) of {F}, shared over time. Returns
/// 0 or 1/(1 − rate) in float32.
float dropoutFactor(const frontend::LayerSpec &layer, uint64_t seed,
                    int64_t stream, int64_t sample, int64_t i);

//===----------------------------------------------------------------------===//
// Backward pass of one neuron (tssl-bp.md §4.1, HEAD behaviour)
//===----------------------------------------------------------------------===//

/// The per-step intermediates of lifBackward, in double, indexed by t.
struct LifBackwardDetail {
  std::vector<double> G;       // Σ_k κ_k·g_{t+k}
  std::vector<double> rho;     // min(1/Δ_t, 8) at spikes, else 0
  std::vector<double> X;       // TSSL value (inter + intra, or the αm carry)
  std::vector<double> S;       // sigmoid surrogate G·σ'
  std::vector<bool> surrogate; // the gate chose S (a_t < 1/(4τs))
};

/// δ_t = dL/dI_t from g_t = dL/da_t and the neuron's forward trace. The
/// recurrences run in double (the inputs are the float32 forward values and
/// g); δ is rounded to float once. The gate compares the float32 trace with
/// 1/(4τs) rounded to float32, as the reference does on its float32 tensors.
/// Fills `detail` when given.
std::vector<float> lifBackward(const std::vector<float> &g,
                               const NeuronTrace &trace, const NeuronParams &p,
                               LifBackwardDetail *detail = nullptr);

//===----------------------------------------------------------------------===//
// Losses (tssl-bp.md §3). `out` and `g` are [N, C, T]; both losses are summed
// over samples, classes and steps. On invalid arguments they return NaN, clear
// `g` and set `*error`.
//===----------------------------------------------------------------------===//

enum class LossKind { Kernel, Count };

/// The desired spike pattern of the correct class: T ≥ 10 → [0,1,0,1,...]
/// (T a multiple of 10); T < 10 → [0,1,1,1,1] repeated (T a multiple of 5).
/// Returns false and sets `*error` for any other T.
bool desiredPattern(int64_t T, std::vector<double> &pattern,
                    std::string *error);

/// The kernel-loss target ŷ = 𝓕(𝓕(d)) of the correct class, in double.
bool kernelTarget(int64_t T, double tauS, std::vector<double> &target,
                  std::string *error);

/// L = ½Σ(a − ŷ)², g = a − ŷ; ŷ = kernelTarget for the label, 0 otherwise.
double kernelLoss(const std::vector<float> &out,
                  const std::vector<int32_t> &labels, int64_t N, int64_t C,
                  int64_t T, double tauS, std::vector<float> &g,
                  std::string *error = nullptr);

/// e = (Σ_t a_t − q)/T with q = desired for the label, undesired otherwise;
/// e ← min(e, 0) for the label, max(e, 0) otherwise; g_t = e at every step;
/// L = (T/2)Σe².
double countLoss(const std::vector<float> &out,
                 const std::vector<int32_t> &labels, int64_t N, int64_t C,
                 int64_t T, double desired, double undesired,
                 std::vector<float> &g, std::string *error = nullptr);

//===----------------------------------------------------------------------===//
// Whole-network gradients (tssl-bp.md §4.3)
//===----------------------------------------------------------------------===//

/// Runs forwardNetwork's forward pass (same float32 operations) keeping u, Δ,
/// o, a of every neuron, evaluates `loss` on the output layer's PSP traces
/// (p.outputSpikes is ignored; τs of the kernel target is p.tauS; `desired`
/// and `undesired` are used by the count loss only), then backpropagates
/// through every layer. `weightGrads` gets one tensor per weight tensor, same
/// shapes, summed over samples and steps in double and rounded once. No
/// gradient is formed for the input encoding.
bool gradientsNetwork(const frontend::NetworkSpec &net,
                      const std::vector<std::vector<float>> &weights,
                      const std::vector<float> &input,
                      const std::vector<int32_t> &labels, int64_t N, int64_t T,
                      const NeuronParams &p, LossKind loss, double desired,
                      double undesired, double &lossValue,
                      std::vector<std::vector<float>> &weightGrads,
                      std::string *error, uint64_t dropoutSeed = 0);

//===----------------------------------------------------------------------===//
// Optimiser (tssl-bp.md §5)
//===----------------------------------------------------------------------===//

/// One AdamW step (PyTorch semantics): w ← w·(1 − lr·wd) first (decoupled
/// decay), then m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
/// w ← w − lr/(1−β1^step) · m / (√v/√(1−β2^step) + ε). `step` counts from 1;
/// m and v are the double moments, zero-initialised when empty. In double,
/// rounded once to float per weight; no clamp (see clampWeights).
void adamwStep(std::vector<float> &w, const std::vector<float> &g,
               std::vector<double> &m, std::vector<double> &v, int64_t step,
               double lr, double wd, double b1, double b2, double eps);

/// Global L2 clip over all tensors together: when maxNorm/(‖g‖ + 1e-6) < 1,
/// every gradient is multiplied by it. Returns ‖g‖ before clipping.
double clipGlobalNorm(std::vector<std::vector<float>> &grads, double maxNorm);

/// Clamps every weight to [−limit, limit] (the spec's clipper, limit 4).
void clampWeights(std::vector<std::vector<float>> &weights, double limit);

} // namespace ref
} // namespace snn

#endif // SNN_TEST_REFERENCE_REFERENCE_H
