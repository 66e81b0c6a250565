// How the processes of a data-parallel training run combine their work (snnc train under mpirun).
#ifndef SNN_RUNTIME_COLLECTIVE_H
#define SNN_RUNTIME_COLLECTIVE_H

#include <cstddef>
#include <string>

namespace snn::rt {

/// The processes of one training run. The trainer holds none when it runs alone;
/// under `mpirun -n K` each of the K processes (ranks) holds one, and every rank
/// makes the same calls in the same order.
class Collective {
public:
  virtual ~Collective() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  /// Replaces `data[0 .. n)` on every rank by its sum over all ranks. False with a
  /// one-line `*error` when the transport fails.
  virtual bool sumInPlace(float *data, size_t n, std::string *error) = 0;
  /// Ends every rank at once with `code`: for a failure of one rank that the others,
  /// waiting in a collective call, would never learn of.
  [[noreturn]] virtual void abortAll(int code) = 0;
};

} // namespace snn::rt

#endif // SNN_RUNTIME_COLLECTIVE_H
