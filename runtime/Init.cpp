// Kaiming-normal dense and PyTorch-default uniform convolution initialisation.
#include "runtime/Init.h"

#include <cmath>

namespace snn::rt {

void initDense(float *w, int64_t out, int64_t in, Rng &rng, float weightScale) {
  const double stddev = std::sqrt(2.0 / static_cast<double>(in));
  const int64_t n = out * in;
  for (int64_t i = 0; i < n; ++i)
    w[i] = static_cast<float>(rng.normal() * stddev * weightScale);
}

void initConv(float *w, int64_t f, int64_t c, int64_t kh, int64_t kw, Rng &rng,
              float weightScale) {
  const int64_t fanIn = c * kh * kw;
  const double bound = 1.0 / std::sqrt(static_cast<double>(fanIn));
  const int64_t n = f * fanIn;
  for (int64_t i = 0; i < n; ++i)
    w[i] = static_cast<float>((2.0 * rng.uniformDouble() - 1.0) * bound *
                              weightScale);
}

} // namespace snn::rt
