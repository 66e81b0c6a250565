// Builds a graph-level `snn` module (with initialised parameters) from a NetworkSpec.
#ifndef SNN_FRONTEND_LAYERSTRING_NETWORKTOSNN_H
#define SNN_FRONTEND_LAYERSTRING_NETWORKTOSNN_H

#include "frontend/LayerString/NetworkSpec.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace snn::frontend {

struct NeuronDefaults {
  int64_t timeSteps = 5;
  /// The input differs at every step (e.g. N-MNIST event frames): the model takes the
  /// whole sequence [N, ..., T] and reads step t with snn.time.current.
  bool sequenceInput = false;
  float tauM = 5.0f, tauS = 3.0f, threshold = 1.0f;
};

/// The model as `func.func @forward(%input: tensor<?x...>, %weights...)` over one time
/// step with `snn.time_steps`, its weights `snn.parameter`s initialised as TSSL-BP §5
/// says (dense N(0, 2/fan_in), conv U(±1/sqrt(fan_in))) from a generator seeded `seed`.
mlir::OwningOpRef<mlir::ModuleOp> buildSNNModule(mlir::MLIRContext *ctx,
                                                 const NetworkSpec &net,
                                                 const NeuronDefaults &neuron,
                                                 uint64_t seed);

} // namespace snn::frontend

#endif // SNN_FRONTEND_LAYERSTRING_NETWORKTOSNN_H
