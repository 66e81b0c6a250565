// Gradient clipping, the AdamW and SGD updates and the weight clamp.
#include "runtime/Optimizer.h"
#include "runtime/Parallel.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
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

void forEachBlock(const std::vector<std::size_t> &sizes, int threads,
                  const std::function<void(std::size_t index, const ParamBlock &)> &fn) {
  std::vector<ParamBlock> blocks;
  for (std::size_t p = 0; p < sizes.size(); ++p)
    for (std::size_t b = 0; b < sizes[p]; b += kOptimizerBlock)
      blocks.push_back({p, b, std::min(sizes[p], b + kOptimizerBlock)});
  parallelFor(int64_t(blocks.size()), threads, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i)
      fn(std::size_t(i), blocks[i]);
  });
}

namespace {

// The element loops below are compiled twice, for AVX-512 and for the baseline ISA,
// and the loader picks one per CPU. Only correctly rounded operations (+, −, ×, ÷, √,
// conversions) are used and the file is built with -ffp-contract=off, so both
// versions give the same bits.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define SNN_VECTOR_CLONES __attribute__((target_clones("avx512f", "default")))
#else
#define SNN_VECTOR_CLONES
#endif

SNN_VECTOR_CLONES double sumOfSquares(const float *g, std::size_t n) {
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = g[i];
    sum += v * v;
  }
  return sum;
}

SNN_VECTOR_CLONES void scaleGradients(float *__restrict g, std::size_t n, double scale) {
  for (std::size_t i = 0; i < n; ++i)
    g[i] = static_cast<float>(g[i] * scale);
}

/// Clamping the rounded float against a float bound keeps |w| <= c exactly as stored.
/// `Clamp` is a template argument so that each loop below is branch-free and vectorises.
template <bool Clamp> inline float stored(double value, float c) {
  float f = static_cast<float>(value);
  return Clamp ? std::min(std::max(f, -c), c) : f;
}

template <bool Clamp>
inline void sgdLoop(float *__restrict w, const float *__restrict g, std::size_t n, double decay,
                    double lr, float c) {
  for (std::size_t i = 0; i < n; ++i)
    w[i] = stored<Clamp>(static_cast<double>(w[i]) * decay - lr * static_cast<double>(g[i]), c);
}

SNN_VECTOR_CLONES void sgdUpdate(float *w, const float *g, std::size_t n, double decay,
                                 double lr, bool clamp, float c) {
  clamp ? sgdLoop<true>(w, g, n, decay, lr, c) : sgdLoop<false>(w, g, n, decay, lr, c);
}

template <bool Clamp>
inline void adamLoop(float *__restrict w, const float *__restrict g, float *__restrict m,
                     float *__restrict v, std::size_t n, double beta1, double beta2, double eps,
                     double decay, double stepSize, double bias2Sqrt, float c) {
  for (std::size_t i = 0; i < n; ++i) {
    const double gi = g[i];
    const float mi = static_cast<float>(beta1 * m[i] + (1.0 - beta1) * gi);
    const float vi = static_cast<float>(beta2 * v[i] + (1.0 - beta2) * gi * gi);
    m[i] = mi;
    v[i] = vi;
    const double denom = std::sqrt(static_cast<double>(vi)) / bias2Sqrt + eps;
    w[i] = stored<Clamp>(
        static_cast<double>(w[i]) * decay - stepSize * static_cast<double>(mi) / denom, c);
  }
}

SNN_VECTOR_CLONES void adamUpdate(float *w, const float *g, float *m, float *v, std::size_t n,
                                  double beta1, double beta2, double eps, double decay,
                                  double stepSize, double bias2Sqrt, bool clamp, float c) {
  if (clamp)
    adamLoop<true>(w, g, m, v, n, beta1, beta2, eps, decay, stepSize, bias2Sqrt, c);
  else
    adamLoop<false>(w, g, m, v, n, beta1, beta2, eps, decay, stepSize, bias2Sqrt, c);
}

} // namespace

double globalGradNorm(const std::vector<const float *> &grads,
                      const std::vector<std::size_t> &sizes, int threads) {
  // Squares of float32 values cannot overflow a double, so the sum is
  // infinite only if a gradient is.
  std::size_t count = 0;
  for (std::size_t n : sizes)
    count += (n + kOptimizerBlock - 1) / kOptimizerBlock;
  std::vector<double> partial(count);
  forEachBlock(sizes, threads, [&](std::size_t i, const ParamBlock &k) {
    partial[i] = sumOfSquares(grads[k.param] + k.begin, k.end - k.begin);
  });
  double sum = 0.0;
  for (double s : partial)
    sum += s;
  return std::sqrt(sum);
}

double Optimizer::step(const std::vector<float *> &params,
                       const std::vector<float *> &grads, int threads) {
  assert(params.size() == paramSizes.size() &&
         grads.size() == paramSizes.size() &&
         "one parameter and one gradient pointer per constructor size");

  const double norm = globalGradNorm(
      std::vector<const float *>(grads.begin(), grads.end()), paramSizes, threads);
  if (!std::isfinite(norm))
    return norm;

  if (cfg.clip > 0) {
    const double scale = cfg.clip / (norm + 1e-6);
    if (scale < 1.0)
      forEachBlock(paramSizes, threads, [&](std::size_t, const ParamBlock &k) {
        scaleGradients(grads[k.param] + k.begin, k.end - k.begin, scale);
      });
  }

  ++st.step;
  const double decay = 1.0 - cfg.lr * cfg.weightDecay;
  const bool clamp = cfg.weightClamp > 0;
  const float c = static_cast<float>(cfg.weightClamp);

  if (cfg.kind == OptimizerConfig::SGD) {
    forEachBlock(paramSizes, threads, [&](std::size_t, const ParamBlock &k) {
      sgdUpdate(params[k.param] + k.begin, grads[k.param] + k.begin, k.end - k.begin, decay,
                cfg.lr, clamp, c);
    });
    return norm;
  }

  const double t = static_cast<double>(st.step);
  const double stepSize = cfg.lr / (1.0 - std::pow(cfg.beta1, t));
  const double bias2Sqrt = std::sqrt(1.0 - std::pow(cfg.beta2, t));
  forEachBlock(paramSizes, threads, [&](std::size_t, const ParamBlock &k) {
    adamUpdate(params[k.param] + k.begin, grads[k.param] + k.begin,
               st.m[k.param].data() + k.begin, st.v[k.param].data() + k.begin,
               k.end - k.begin, cfg.beta1, cfg.beta2, cfg.eps, decay, stepSize, bias2Sqrt,
               clamp, c);
  });
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
