// Loading a program's target description inside a pass, with the failure as the pass's diagnostic.
#ifndef SNN_CODEGEN_NEURO_TARGETSUPPORT_H
#define SNN_CODEGEN_NEURO_TARGETSUPPORT_H

#include "codegen/Neuro/ProgramView.h"
#include "codegen/Neuro/TargetDescription.h"
#include "dialect/Neuro/NeuroOps.h"

#include <optional>

namespace mlir::neuro {

/// The description named by `program`'s `target`; emits the loader's message
/// on the program and returns nothing when it cannot be read.
std::optional<snn::neuro::TargetDescription> loadTarget(ProgramOp program);

/// What every mapping pass starts from: the program's target and its layers.
struct PassContext {
  snn::neuro::TargetDescription target;
  ProgramView view;
};

/// Loads the target and walks the program; emits the failure on the program
/// and returns nothing when either fails.
std::optional<PassContext> loadPassContext(ProgramOp program);

/// "current", "bias" or "spikes".
const char *inputModeName(snn::core::InputMode mode);

} // namespace mlir::neuro

#endif // SNN_CODEGEN_NEURO_TARGETSUPPORT_H
