// Array: a small owning float32 tensor, the unit of data the runtime exchanges.
#ifndef SNN_RUNTIME_ARRAY_H
#define SNN_RUNTIME_ARRAY_H

#include <cstdint>
#include <vector>

namespace snn::rt {

/// A dense row-major (C-order) float32 tensor. Kept as a plain aggregate so
/// callers can fill `shape` and `data` directly; nothing checks that they
/// agree except the functions that consume an Array.
struct Array {
  std::vector<int64_t> shape;
  std::vector<float> data;

  /// Product of the dimensions (1 for an empty shape, as for a scalar).
  int64_t numel() const {
    int64_t n = 1;
    for (int64_t d : shape)
      n *= d;
    return n;
  }
};

} // namespace snn::rt

#endif // SNN_RUNTIME_ARRAY_H
