// Estimating the memory a model needs before compiling or allocating, and refusing what cannot fit.
#ifndef SNN_TOOLS_SNNC_MEMORYBUDGET_H
#define SNN_TOOLS_SNNC_MEMORYBUDGET_H

#include "mlir/IR/BuiltinOps.h"

#include <cstdint>
#include <string>

namespace snn::driver {

/// Bytes this process can still get: the kernel's MemAvailable, bounded by the
/// address-space limit (`ulimit -v`) less what is mapped already and by the
/// cgroup's memory.max less its usage. Over-commit means an allocation beyond
/// this does not fail but gets the process killed, hence checking first.
uint64_t availableMemoryBytes();

/// An estimate in bytes, by purpose, so a refusal can say what to reduce.
struct MemoryNeed {
  double weights = 0;     ///< parameters (and, training, gradients and moments)
  double activations = 0; ///< traces the compiled code keeps for `rows` samples
  double buffers = 0;     ///< the driver's input and output buffers
  double total() const { return weights + activations + buffers; }
};

/// The need of running (or, with `training`, training) the graph-level
/// `module` on `rows` samples at a time with `copies` sets of gradients.
/// The layer-by-layer schedule materialises every value over all T steps, so
/// activations are Σ over op results of (elements per sample) × T × rows;
/// the compiled code's temporaries make the peak about 1.3× that, and training,
/// which keeps the forward's traces and neuron states for the backward and has
/// its own gradient traces, about 3.2× (measured; docs/reliability.md).
MemoryNeed estimateMemory(mlir::ModuleOp module, int64_t rows, bool training, int64_t copies);

/// False with a one-line error when `need` exceeds what is available:
/// "<what> needs about 31.4 GiB (weights …, activations … for 100 samples × 100000 steps)
/// but 22.9 GiB is available; <hint>".
bool checkMemory(const std::string &what, const MemoryNeed &need, const std::string &hint,
                 std::string *error);

/// "31.4 GiB", "512 MiB", "12 KiB".
std::string formatBytes(double bytes);

} // namespace snn::driver

#endif // SNN_TOOLS_SNNC_MEMORYBUDGET_H
