// Weight initialisation as the TSSL-BP reference does it (tssl-bp.md §5).
#ifndef SNN_RUNTIME_INIT_H
#define SNN_RUNTIME_INIT_H

#include "runtime/Rng.h"

#include <cstdint>

namespace snn::rt {

/// Fills a dense weight matrix `w` of shape [out, in] (row-major, PyTorch's
/// Linear layout) with N(0, 2/in) (Kaiming-normal, fan-in) times
/// `weightScale`, drawing in row-major order.
void initDense(float *w, int64_t out, int64_t in, Rng &rng,
               float weightScale = 1.0f);

/// Fills a convolution kernel `w` of shape [f, c, kh, kw] with
/// U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = c*kh*kw (PyTorch's default
/// Conv2d init), times `weightScale`, drawing in row-major order.
void initConv(float *w, int64_t f, int64_t c, int64_t kh, int64_t kw, Rng &rng,
              float weightScale = 1.0f);

} // namespace snn::rt

#endif // SNN_RUNTIME_INIT_H
