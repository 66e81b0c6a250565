// Dense, conv and pooling layers of tssl-bp.md §2.2 at one step, and their
// adjoints (§4.3).
#include "test/reference/Reference.h"

namespace snn {
namespace ref {

using frontend::LayerSpec;

// Sums run in double in index order and are rounded once, as the generated
// forward code does, so rounding is reproducible.

std::vector<float> denseForward(const LayerSpec &layer,
                                const std::vector<float> &w,
                                const std::vector<float> &in) {
  int64_t M = layer.outFeatures, K = static_cast<int64_t>(in.size());
  std::vector<float> out(M);
  for (int64_t i = 0; i < M; ++i) {
    double acc = 0;
    for (int64_t j = 0; j < K; ++j)
      acc += double(w[i * K + j]) * double(in[j]);
    out[i] = static_cast<float>(acc);
  }
  return out;
}

std::vector<float> convForward(const LayerSpec &layer,
                               const std::vector<float> &w,
                               const std::vector<float> &in) {
  int64_t C = layer.inShape[0], H = layer.inShape[1], W = layer.inShape[2];
  int64_t F = layer.outShape[0], OH = layer.outShape[1], OW = layer.outShape[2];
  int64_t k = layer.kernel, pad = layer.padding, s = layer.stride;
  std::vector<float> out(F * OH * OW);
  for (int64_t f = 0; f < F; ++f)
    for (int64_t oy = 0; oy < OH; ++oy)
      for (int64_t ox = 0; ox < OW; ++ox) {
        double acc = 0;
        for (int64_t c = 0; c < C; ++c)
          for (int64_t ky = 0; ky < k; ++ky)
            for (int64_t kx = 0; kx < k; ++kx) {
              int64_t iy = oy * s + ky - pad, ix = ox * s + kx - pad;
              if (iy < 0 || iy >= H || ix < 0 || ix >= W)
                continue;
              acc += double(w[((f * C + c) * k + ky) * k + kx]) *
                     double(in[(c * H + iy) * W + ix]);
            }
        out[(f * OH + oy) * OW + ox] = static_cast<float>(acc);
      }
  return out;
}

std::vector<float> poolForward(const LayerSpec &layer,
                               const std::vector<float> &in) {
  int64_t H = layer.inShape[1], W = layer.inShape[2];
  int64_t C = layer.outShape[0], OH = layer.outShape[1], OW = layer.outShape[2];
  int64_t k = layer.kernel;
  std::vector<float> out(C * OH * OW);
  for (int64_t c = 0; c < C; ++c)
    for (int64_t oy = 0; oy < OH; ++oy)
      for (int64_t ox = 0; ox < OW; ++ox) {
        double acc = 0;
        for (int64_t dy = 0; dy < k; ++dy)
          for (int64_t dx = 0; dx < k; ++dx)
            acc += double(in[(c * H + oy * k + dy) * W + ox * k + dx]);
        out[(c * OH + oy) * OW + ox] =
            static_cast<float>(layer.poolScale * acc);
      }
  return out;
}

std::vector<float> denseBackwardInput(const LayerSpec &layer,
                                      const std::vector<float> &w,
                                      const std::vector<float> &delta) {
  int64_t M = layer.outFeatures;
  int64_t K = frontend::numElements(layer.inShape);
  std::vector<float> out(K);
  for (int64_t j = 0; j < K; ++j) {
    double acc = 0;
    for (int64_t i = 0; i < M; ++i)
      acc += double(w[i * K + j]) * double(delta[i]);
    out[j] = static_cast<float>(acc);
  }
  return out;
}

void denseWeightGrad(const std::vector<float> &delta,
                     const std::vector<float> &in, std::vector<double> &acc) {
  size_t K = in.size();
  for (size_t i = 0; i < delta.size(); ++i)
    for (size_t j = 0; j < K; ++j)
      acc[i * K + j] += double(delta[i]) * double(in[j]);
}

// Gathers, for each input cell, every output cell whose window covers it:
// oy = iy − ky + pad must be a valid output row (same for columns).
std::vector<float> convBackwardInput(const LayerSpec &layer,
                                     const std::vector<float> &w,
                                     const std::vector<float> &delta) {
  int64_t C = layer.inShape[0], H = layer.inShape[1], W = layer.inShape[2];
  int64_t F = layer.outShape[0], OH = layer.outShape[1], OW = layer.outShape[2];
  int64_t k = layer.kernel, pad = layer.padding, s = layer.stride;
  std::vector<float> out(C * H * W);
  for (int64_t c = 0; c < C; ++c)
    for (int64_t iy = 0; iy < H; ++iy)
      for (int64_t ix = 0; ix < W; ++ix) {
        double acc = 0;
        for (int64_t f = 0; f < F; ++f)
          for (int64_t ky = 0; ky < k; ++ky)
            for (int64_t kx = 0; kx < k; ++kx) {
              // The outputs whose window put (ky, kx) on (iy, ix).
              int64_t sy = iy - ky + pad, sx = ix - kx + pad;
              if (sy < 0 || sx < 0 || sy % s != 0 || sx % s != 0)
                continue;
              int64_t oy = sy / s, ox = sx / s;
              if (oy >= OH || ox >= OW)
                continue;
              acc += double(w[((f * C + c) * k + ky) * k + kx]) *
                     double(delta[(f * OH + oy) * OW + ox]);
            }
        out[(c * H + iy) * W + ix] = static_cast<float>(acc);
      }
  return out;
}

void convWeightGrad(const LayerSpec &layer, const std::vector<float> &delta,
                    const std::vector<float> &in, std::vector<double> &acc) {
  int64_t C = layer.inShape[0], H = layer.inShape[1], W = layer.inShape[2];
  int64_t F = layer.outShape[0], OH = layer.outShape[1], OW = layer.outShape[2];
  int64_t k = layer.kernel, pad = layer.padding, s = layer.stride;
  for (int64_t f = 0; f < F; ++f)
    for (int64_t c = 0; c < C; ++c)
      for (int64_t ky = 0; ky < k; ++ky)
        for (int64_t kx = 0; kx < k; ++kx) {
          double sum = 0;
          for (int64_t oy = 0; oy < OH; ++oy)
            for (int64_t ox = 0; ox < OW; ++ox) {
              int64_t iy = oy * s + ky - pad, ix = ox * s + kx - pad;
              if (iy < 0 || iy >= H || ix < 0 || ix >= W)
                continue;
              sum += double(delta[(f * OH + oy) * OW + ox]) *
                     double(in[(c * H + iy) * W + ix]);
            }
          acc[((f * C + c) * k + ky) * k + kx] += sum;
        }
}

std::vector<float> poolBackward(const LayerSpec &layer,
                                const std::vector<float> &gradOut) {
  int64_t H = layer.inShape[1], W = layer.inShape[2];
  int64_t C = layer.outShape[0], OH = layer.outShape[1], OW = layer.outShape[2];
  int64_t k = layer.kernel;
  std::vector<float> out(C * H * W, 0.0f);
  for (int64_t c = 0; c < C; ++c)
    for (int64_t oy = 0; oy < OH; ++oy)
      for (int64_t ox = 0; ox < OW; ++ox) {
        float g = static_cast<float>(layer.poolScale *
                                     double(gradOut[(c * OH + oy) * OW + ox]));
        for (int64_t dy = 0; dy < k; ++dy)
          for (int64_t dx = 0; dx < k; ++dx)
            out[(c * H + oy * k + dy) * W + ox * k + dx] = g;
      }
  return out;
}

float dropoutFactor(const LayerSpec &layer, uint64_t seed, int64_t stream,
                    int64_t sample, int64_t i) {
  // The draw: a channel row of a map (shared along the columns), else the element.
  int64_t draw = layer.inShape.size() == 3 ? i / layer.inShape[2] : i;
  uint64_t x = seed + uint64_t(sample) * 0x9E3779B97F4A7C15ull +
               uint64_t(stream) * 0xD1B54A32D192ED03ull +
               uint64_t(draw) * 0xAEF17502108EF2D9ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  x ^= x >> 31;
  float uniform = float(x >> 40) * (1.0f / 16777216.0f);
  float rate = layer.dropoutRate;
  return uniform >= rate ? 1.0f / (1.0f - rate) : 0.0f;
}

} // namespace ref
} // namespace snn
