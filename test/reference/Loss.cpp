// The kernel and count losses of tssl-bp.md §3 and their gradients with
// respect to the output layer's PSP traces.
#include "test/reference/Reference.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace snn {
namespace ref {
namespace {

double failLoss(std::vector<float> &g, std::string *error,
                const std::string &message) {
  g.clear();
  if (error)
    *error = message;
  return std::numeric_limits<double>::quiet_NaN();
}

// Shapes and labels common to both losses; empty when they are valid.
std::string checkLossArguments(const std::vector<float> &out,
                               const std::vector<int32_t> &labels, int64_t N,
                               int64_t C, int64_t T) {
  if (N < 1 || C < 1 || T < 1)
    return "reference: loss needs N, C and T of at least 1, got N=" +
           std::to_string(N) + " C=" + std::to_string(C) +
           " T=" + std::to_string(T);
  if (static_cast<int64_t>(out.size()) != N * C * T)
    return "reference: loss output has " + std::to_string(out.size()) +
           " elements, expected " + std::to_string(N * C * T) + " (" +
           std::to_string(N) + "x" + std::to_string(C) + "x" +
           std::to_string(T) + ")";
  if (static_cast<int64_t>(labels.size()) != N)
    return "reference: expected " + std::to_string(N) + " labels, got " +
           std::to_string(labels.size());
  for (int64_t n = 0; n < N; ++n)
    if (labels[n] < 0 || labels[n] >= C)
      return "reference: label " + std::to_string(labels[n]) + " of sample " +
             std::to_string(n) + " is outside [0, " + std::to_string(C) + ")";
  return "";
}

} // namespace

bool desiredPattern(int64_t T, std::vector<double> &pattern,
                    std::string *error) {
  pattern.clear();
  bool valid = T >= 10 ? T % 10 == 0 : T >= 5 && T % 5 == 0;
  if (!valid) {
    if (error)
      *error = "reference: the kernel loss needs T a multiple of 10 (T >= "
               "10) or of 5 (T < 10), got T=" +
               std::to_string(T);
    return false;
  }
  static const double longBase[10] = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
  static const double shortBase[5] = {0, 1, 1, 1, 1};
  for (int64_t t = 0; t < T; ++t)
    pattern.push_back(T >= 10 ? longBase[t % 10] : shortBase[t % 5]);
  return true;
}

bool kernelTarget(int64_t T, double tauS, std::vector<double> &target,
                  std::string *error) {
  target.clear();
  if (!(tauS > 0) || !std::isfinite(tauS)) {
    if (error)
      *error = "reference: tau_s must be positive";
    return false;
  }
  std::vector<double> pattern;
  if (!desiredPattern(T, pattern, error))
    return false;
  // Filtered twice: once when the reference builds the target, once more
  // inside its loss (§3.1, §7.1).
  const double alphaS = 1.0 - 1.0 / tauS;
  double once = 0, twice = 0;
  for (double d : pattern) {
    once = alphaS * once + d / tauS;
    twice = alphaS * twice + once / tauS;
    target.push_back(twice);
  }
  return true;
}

double kernelLoss(const std::vector<float> &out,
                  const std::vector<int32_t> &labels, int64_t N, int64_t C,
                  int64_t T, double tauS, std::vector<float> &g,
                  std::string *error) {
  std::string message = checkLossArguments(out, labels, N, C, T);
  if (!message.empty())
    return failLoss(g, error, message);
  std::vector<double> target;
  if (!kernelTarget(T, tauS, target, &message))
    return failLoss(g, error, message);

  g.assign(out.size(), 0.0f);
  double loss = 0;
  for (int64_t n = 0; n < N; ++n)
    for (int64_t c = 0; c < C; ++c)
      for (int64_t t = 0; t < T; ++t) {
        int64_t i = (n * C + c) * T + t;
        double want = c == labels[n] ? target[t] : 0.0;
        double diff = double(out[i]) - want;
        loss += 0.5 * diff * diff;
        g[i] = static_cast<float>(diff);
      }
  return loss;
}

double countLoss(const std::vector<float> &out,
                 const std::vector<int32_t> &labels, int64_t N, int64_t C,
                 int64_t T, double desired, double undesired,
                 std::vector<float> &g, std::string *error) {
  std::string message = checkLossArguments(out, labels, N, C, T);
  if (!message.empty())
    return failLoss(g, error, message);

  g.assign(out.size(), 0.0f);
  double loss = 0;
  for (int64_t n = 0; n < N; ++n)
    for (int64_t c = 0; c < C; ++c) {
      const float *a = &out[(n * C + c) * T];
      double sum = 0; // a PSP sum, not a spike count (§7.2)
      for (int64_t t = 0; t < T; ++t)
        sum += double(a[t]);
      bool correct = c == labels[n];
      double e = (sum - (correct ? desired : undesired)) / double(T);
      // One-sided: the correct class is not pushed down from above its
      // target, the wrong classes are not pushed up from below theirs.
      e = correct ? std::min(e, 0.0) : std::max(e, 0.0);
      loss += 0.5 * double(T) * e * e;
      for (int64_t t = 0; t < T; ++t)
        g[(n * C + c) * T + t] = static_cast<float>(e);
    }
  return loss;
}

} // namespace ref
} // namespace snn
