// The optimiser step of tssl-bp.md §5: global-norm clip, AdamW, weight clamp.
#include "test/reference/Reference.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace snn {
namespace ref {

void adamwStep(std::vector<float> &w, const std::vector<float> &g,
               std::vector<double> &m, std::vector<double> &v, int64_t step,
               double lr, double wd, double b1, double b2, double eps) {
  assert(g.size() == w.size() && step >= 1 && "bad AdamW arguments");
  if (m.empty())
    m.assign(w.size(), 0.0);
  if (v.empty())
    v.assign(w.size(), 0.0);
  assert(m.size() == w.size() && v.size() == w.size() && "bad moment sizes");
  const double correction1 = 1.0 - std::pow(b1, double(step));
  const double correction2 = 1.0 - std::pow(b2, double(step));
  for (size_t i = 0; i < w.size(); ++i) {
    const double gi = g[i];
    double wi = double(w[i]) * (1.0 - lr * wd); // decoupled decay first
    m[i] = b1 * m[i] + (1.0 - b1) * gi;
    v[i] = b2 * v[i] + (1.0 - b2) * gi * gi;
    const double denom = std::sqrt(v[i]) / std::sqrt(correction2) + eps;
    wi -= (lr / correction1) * m[i] / denom;
    w[i] = static_cast<float>(wi);
  }
}

double clipGlobalNorm(std::vector<std::vector<float>> &grads, double maxNorm) {
  double squares = 0;
  for (const std::vector<float> &tensor : grads)
    for (float x : tensor)
      squares += double(x) * double(x);
  const double norm = std::sqrt(squares);
  const double scale = maxNorm / (norm + 1e-6);
  if (scale < 1.0)
    for (std::vector<float> &tensor : grads)
      for (float &x : tensor)
        x = static_cast<float>(double(x) * scale);
  return norm;
}

void clampWeights(std::vector<std::vector<float>> &weights, double limit) {
  for (std::vector<float> &tensor : weights)
    for (float &x : tensor)
      x = static_cast<float>(std::clamp(double(x), -limit, limit));
}

} // namespace ref
} // namespace snn
