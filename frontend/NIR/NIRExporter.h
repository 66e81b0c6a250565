// snn model → NIR graph: Linear/Conv2d → CubaLIF, exact under forward Euler.
#ifndef SNN_FRONTEND_NIR_NIREXPORTER_H
#define SNN_FRONTEND_NIR_NIREXPORTER_H

#include "frontend/NIR/NIRGraph.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace snn::nir {

struct ExportOptions {
  /// Seconds per model time step: the NIR time constants are τ·dt.
  double dt = 1e-4;
};

/// Translates the graph-level `@forward` of `module` into a NIR graph:
///   input → (snn.psp) → snn.synapse.dense | conv2d → snn.lif … → the output trace
/// becomes Input → Linear | Conv2d → CubaLIF (tau_syn = τs·dt, tau_mem = τm·dt,
/// r = τm, v_leak = 0, w_in = 1, v_threshold = ϑ, v_reset = 0) … → LI (tau = τs·dt,
/// r = 1, v_leak = 0) → Output. The PSP filter in front of a synapse moves behind it
/// (it is linear and time-invariant) and becomes the CubaLIF's synaptic current, so
/// the graph carries spikes; snn.pool.sum becomes SumPool2d on spikes with its scale
/// folded into the next synapse's weights; snn.flatten is Flatten; dropout (inference)
/// disappears. Under forward Euler with step dt, using the current of the same step in
/// the membrane update and a hard reset to 0, the graph's spikes and output trace equal
/// the model's. The metadata records dt, the integrator, the reset and T. False with a
/// one-line `*error` naming the op the mapping cannot express.
bool exportGraph(mlir::ModuleOp module, const ExportOptions &options, File &out,
                 std::string *error);

/// exportGraph written to `path` (atomically).
bool exportFile(mlir::ModuleOp module, llvm::StringRef path, const ExportOptions &options,
                std::string *error);

} // namespace snn::nir

#endif // SNN_FRONTEND_NIR_NIREXPORTER_H
