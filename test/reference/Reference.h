// Plain C++ oracle of the TSSL-BP forward pass (tssl-bp.md §1–§2) that the
// generated code is checked against.
//
// It keeps the float32 state and the operation order of the compiled code so
// that comparisons can use tight tolerances; it is written to be read, not to
// be fast.
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

} // namespace ref
} // namespace snn

#endif // SNN_TEST_REFERENCE_REFERENCE_H
