// The TSSL-BP backward rule of one spiking neuron, tssl-bp.md §4.1 (HEAD).
#include "test/reference/Reference.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace snn {
namespace ref {

std::vector<float> lifBackward(const std::vector<float> &g,
                               const NeuronTrace &trace, const NeuronParams &p,
                               LifBackwardDetail *detail) {
  const size_t T = g.size();
  assert(trace.u.size() == T && trace.du.size() == T && trace.o.size() == T &&
         trace.a.size() == T && "trace and gradient lengths differ");
  constexpr double beta = 0.2, rhoMax = 8, zMax = 8;
  const double alphaM = 1.0 - 1.0 / p.tauM, alphaS = 1.0 - 1.0 / p.tauS;
  // The reference compares its float32 trace tensor with a Python scalar,
  // which PyTorch rounds to float32 first.
  const float gate = static_cast<float>(1.0 / (4.0 * p.tauS));

  if (detail) {
    detail->G.assign(T, 0.0);
    detail->rho.assign(T, 0.0);
    detail->X.assign(T, 0.0);
    detail->S.assign(T, 0.0);
    detail->surrogate.assign(T, false);
  }
  std::vector<float> delta(T);
  double nextG = 0, nextX = 0; // G_T = X_T = 0
  for (size_t s = T; s-- > 0;) {
    const double u = trace.u[s], du = trace.du[s];
    // G_t = Σ_k κ_k·g_{t+k}, as the recurrence g_t/τs + αs·G_{t+1}.
    const double G = double(g[s]) / p.tauS + alphaS * nextG;

    double rho = 0, X;
    if (trace.o[s] != 0.0f) {
      // The reference forms clamp(−1/Δ, −8, 0) and flips its sign, which
      // gives 8 for Δ = 0 and 0 for Δ < 0; neither occurs at a spike, where
      // Δ > 0 (§1), and then ρ = min(1/Δ, 8).
      if (du > 0)
        rho = std::min(1.0 / du, rhoMax);
      else if (du == 0)
        rho = rhoMax;
      X = rho * (G + u * nextX / p.tauM); // inter + intra
    } else {
      X = alphaM * nextX; // membrane carry
    }

    const double z = std::clamp((p.threshold - u) / beta, -zMax, zMax);
    const double ez = std::exp(z);
    const double S = G * ez / (beta * (1.0 + ez) * (1.0 + ez));

    // X keeps the TSSL value whichever path is emitted.
    const bool useSurrogate = trace.a[s] < gate;
    delta[s] = static_cast<float>(useSurrogate ? S : X);
    if (detail) {
      detail->G[s] = G;
      detail->rho[s] = rho;
      detail->X[s] = X;
      detail->S[s] = S;
      detail->surrogate[s] = useSurrogate;
    }
    nextG = G;
    nextX = X;
  }
  return delta;
}

} // namespace ref
} // namespace snn
