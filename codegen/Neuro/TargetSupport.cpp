// Loading a program's target description inside a pass.
#include "codegen/Neuro/TargetSupport.h"

using namespace mlir;
using namespace mlir::neuro;

std::optional<snn::neuro::TargetDescription> mlir::neuro::loadTarget(ProgramOp program) {
  std::string error;
  auto target = snn::neuro::loadTargetDescription(program.getTarget().str(), &error);
  if (!target)
    program.emitError() << error;
  return target;
}

std::optional<PassContext> mlir::neuro::loadPassContext(ProgramOp program) {
  std::optional<snn::neuro::TargetDescription> target = loadTarget(program);
  if (!target)
    return std::nullopt;
  FailureOr<ProgramView> view = viewProgram(program);
  if (failed(view))
    return std::nullopt;
  return PassContext{std::move(*target), std::move(*view)};
}

const char *mlir::neuro::inputModeName(snn::core::InputMode mode) {
  switch (mode) {
  case snn::core::InputMode::Current:
    return "current";
  case snn::core::InputMode::Bias:
    return "bias";
  case snn::core::InputMode::Spikes:
    return "spikes";
  }
  return "?";
}
