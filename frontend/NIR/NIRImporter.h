// NIR graph (.nir file) → graph-level snn module, with a chosen discretisation.
#ifndef SNN_FRONTEND_NIR_NIRIMPORTER_H
#define SNN_FRONTEND_NIR_NIRIMPORTER_H

#include "frontend/NIR/NIRGraph.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace snn::nir {

/// How continuous-time NIR dynamics become steps. Unset values come from the file's
/// metadata (`dt`, `integrator`, `reset`, `time_steps`, as snnc writes them) and
/// otherwise from the defaults: dt = 1e-4 s, forward Euler, reset to v_reset, T = 5.
struct ImportOptions {
  double dt = 0;              // seconds per step; 0 = unset
  std::string integrator;     // "forward-euler" | "exponential" | "" (unset)
  std::string reset;          // "zero" (to v_reset) | "subtract" | "" (unset)
  int64_t timeSteps = 0;      // 0 = unset
  bool sequenceInput = false; // the input is [N, ..., T]: step t reads [..., t]
};

struct ImportResult {
  mlir::OwningOpRef<mlir::ModuleOp> module; // null on failure
  std::string error;                        // one line: node name, type, reason
};

/// Translates a NIR graph into `@forward` of the `snn` dialect. Neurons whose
/// discretised dynamics are TSSL-BP's (CubaLIF with w_in = 1, v_leak = 0, a gain of 1
/// into the membrane, reset to 0; the LI readout) become snn.psp + snn.lif in TSSL-BP
/// form, so that they train and map to cores; every other neuron becomes snn.dynamics.
ImportResult importGraph(mlir::MLIRContext &ctx, const File &file, const ImportOptions &options);

/// Reads `path` (HDF5) and imports it.
ImportResult importFile(mlir::MLIRContext &ctx, llvm::StringRef path, const ImportOptions &options);

} // namespace snn::nir

#endif // SNN_FRONTEND_NIR_NIRIMPORTER_H
