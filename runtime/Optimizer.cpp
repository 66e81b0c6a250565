// Gradient clipping, the AdamW and SGD updates and the weight clamp.
#include "runtime/Optimizer.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <utility>

namespace snn::rt {

const char *optimizerKindName(OptimizerConfig::Kind kind) {
  return kind == OptimizerConfig::AdamW ? "adamw" : "sgd";
}

Optimizer::Optimizer(const OptimizerConfig &config,
                     std::vector<std::size_t> sizes)
    : cfg(config), paramSizes(std::move(sizes)) {
  if (cfg.kind == OptimizerConfig::AdamW) {
    for (std::size_t n : paramSizes) {
      st.m.emplace_back(n, 0.0f);
      st.v.emplace_back(n, 0.0f);
    }
  }
}

double globalGradNorm(const std::vector<const float *> &grads,
                      const std::vector<std::size_t> &sizes) {
  // Squares of float32 values cannot overflow a double, so the sum is
  // infinite only if a gradient is.
  double sum = 0.0;
  for (std::size_t p = 0; p < grads.size(); ++p)
    for (std::size_t i = 0; i < sizes[p]; ++i) {
      const double g = grads[p][i];
      sum += g * g;
    }
  return std::sqrt(sum);
}

double Optimizer::step(const std::vector<float *> &params,
                       const std::vector<float *> &grads) {
  assert(params.size() == paramSizes.size() &&
         grads.size() == paramSizes.size() &&
         "one parameter and one gradient pointer per constructor size");

  const double norm = globalGradNorm(
      std::vector<const float *>(grads.begin(), grads.end()), paramSizes);
  if (!std::isfinite(norm))
    return norm;

  if (cfg.clip > 0) {
    const double scale = cfg.clip / (norm + 1e-6);
    if (scale < 1.0)
      for (std::size_t p = 0; p < grads.size(); ++p)
        for (std::size_t i = 0; i < paramSizes[p]; ++i)
          grads[p][i] = static_cast<float>(grads[p][i] * scale);
  }

  ++st.step;
  const double decay = 1.0 - cfg.lr * cfg.weightDecay;
  // Clamping the rounded float against a float bound keeps |w| <= c exactly
  // as stored.
  const bool clamp = cfg.weightClamp > 0;
  const float c = static_cast<float>(cfg.weightClamp);
  auto store = [&](float &w, double value) {
    float f = static_cast<float>(value);
    if (clamp)
      f = std::min(std::max(f, -c), c);
    w = f;
  };

  if (cfg.kind == OptimizerConfig::SGD) {
    for (std::size_t p = 0; p < params.size(); ++p)
      for (std::size_t i = 0; i < paramSizes[p]; ++i)
        store(params[p][i], static_cast<double>(params[p][i]) * decay -
                                cfg.lr * static_cast<double>(grads[p][i]));
    return norm;
  }

  const double t = static_cast<double>(st.step);
  const double stepSize = cfg.lr / (1.0 - std::pow(cfg.beta1, t));
  const double bias2Sqrt = std::sqrt(1.0 - std::pow(cfg.beta2, t));
  for (std::size_t p = 0; p < params.size(); ++p) {
    float *w = params[p];
    const float *g = grads[p];
    float *m = st.m[p].data();
    float *v = st.v[p].data();
    for (std::size_t i = 0; i < paramSizes[p]; ++i) {
      const double gi = g[i];
      m[i] = static_cast<float>(cfg.beta1 * m[i] + (1.0 - cfg.beta1) * gi);
      v[i] = static_cast<float>(cfg.beta2 * v[i] + (1.0 - cfg.beta2) * gi * gi);
      const double denom =
          std::sqrt(static_cast<double>(v[i])) / bias2Sqrt + cfg.eps;
      store(w[i], static_cast<double>(w[i]) * decay -
                      stepSize * static_cast<double>(m[i]) / denom);
    }
  }
  return norm;
}

bool Optimizer::setState(const OptimizerState &state, std::string *error) {
  auto fail = [&](const std::string &why) {
    if (error)
      *error = std::string("cannot restore ") + optimizerKindName(cfg.kind) +
               " optimizer state: " + why;
    return false;
  };
  if (state.step < 0)
    return fail("negative step count " + std::to_string(state.step));
  if (cfg.kind == OptimizerConfig::SGD) {
    if (!state.m.empty() || !state.v.empty())
      return fail("it holds Adam moments, which SGD does not use");
    st = state;
    return true;
  }
  if (state.m.size() != paramSizes.size() ||
      state.v.size() != paramSizes.size())
    return fail("it has moments for " + std::to_string(state.m.size()) + "/" +
                std::to_string(state.v.size()) + " parameters, expected " +
                std::to_string(paramSizes.size()));
  for (std::size_t p = 0; p < paramSizes.size(); ++p)
    if (state.m[p].size() != paramSizes[p] ||
        state.v[p].size() != paramSizes[p])
      return fail("the moments of parameter " + std::to_string(p) + " have " +
                  std::to_string(state.m[p].size()) + "/" +
                  std::to_string(state.v[p].size()) + " elements, expected " +
                  std::to_string(paramSizes[p]));
  st = state;
  return true;
}

} // namespace snn::rt
