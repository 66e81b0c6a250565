// Deterministic, platform-independent random numbers (xoshiro256**).
#ifndef SNN_RUNTIME_RNG_H
#define SNN_RUNTIME_RNG_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace snn::rt {

/// One step of splitmix64: advances `state` and returns the next output.
/// Used to expand a 64-bit seed into xoshiro's 256-bit state, as its authors
/// recommend.
uint64_t splitmix64(uint64_t &state);

/// xoshiro256** with our own uniform, normal and shuffle built on it. The C++
/// standard distributions are avoided on purpose: their output differs
/// between standard libraries, and a seed must give the same weights and the
/// same data order everywhere. The whole state is the four words returned by
/// state(), so a checkpoint can save and restore it.
class Rng {
public:
  explicit Rng(uint64_t seed);

  /// The next 64 raw bits.
  uint64_t next();

  /// Uniform in [0, 1) from the top 24 bits (every value exactly a float).
  float uniform();
  /// Uniform in [0, 1) from the top 53 bits.
  double uniformDouble();
  /// Standard normal N(0, 1) by Box–Muller, computed in double. Each call
  /// consumes two uniforms and discards the second normal so that the
  /// generator state stays four words.
  double normal();
  /// Uniform integer in [0, n) without modulo bias; n must be > 0.
  uint64_t below(uint64_t n);

  /// Fisher–Yates shuffle (std::shuffle's order is library-specific).
  template <typename T> void shuffle(std::vector<T> &v) {
    for (std::size_t i = v.size(); i > 1; --i)
      std::swap(v[i - 1], v[below(i)]);
  }

  std::array<uint64_t, 4> state() const { return s; }
  /// Restores a state from state(); it must not be all zero.
  void setState(const std::array<uint64_t, 4> &state) { s = state; }

private:
  std::array<uint64_t, 4> s;
};

} // namespace snn::rt

#endif // SNN_RUNTIME_RNG_H
