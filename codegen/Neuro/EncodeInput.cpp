// snn-neuro-encode-input: choose how the host feeds the model input (graded current, bias or spikes).
#include "codegen/Neuro/Passes.h"
#include "codegen/Neuro/ProgramView.h"
#include "codegen/Neuro/TargetSupport.h"

#include "mlir/IR/Builders.h"

namespace mlir::neuro {
#define GEN_PASS_DEF_NEUROENCODEINPUT
#include "codegen/Neuro/Passes.h.inc"
} // namespace mlir::neuro

using namespace mlir;
using namespace mlir::neuro;
using CoreMode = snn::core::InputMode;

namespace {

struct NeuroEncodeInputPass : public mlir::neuro::impl::NeuroEncodeInputBase<NeuroEncodeInputPass> {
  using NeuroEncodeInputBase::NeuroEncodeInputBase;

  void runOnOperation() override {
    ProgramOp program = getOperation();
    std::optional<PassContext> context = loadPassContext(program);
    if (!context)
      return signalPassFailure();
    const snn::neuro::TargetDescription *target = &context->target;
    ProgramView *view = &context->view;
    int64_t channels = view->input.getResult().getType().getNumElements();

    // Why each mode cannot be used, for the error when none can.
    std::string refused;
    auto usable = [&](CoreMode m) {
      if (m == CoreMode::Spikes && target->maxInputChannels > 0 &&
          channels > target->maxInputChannels) {
        refused += std::string(refused.empty() ? "" : "; ") + "spikes: " +
                   std::to_string(channels) + " input channels > " +
                   std::to_string(target->maxInputChannels) + " (core.max_input_channels)";
        return false;
      }
      return true;
    };

    std::optional<CoreMode> chosen;
    if (!mode.empty()) {
      std::optional<CoreMode> wanted;
      for (CoreMode m : {CoreMode::Current, CoreMode::Bias, CoreMode::Spikes})
        if (mode == inputModeName(m))
          wanted = m;
      if (!wanted) {
        program.emitError() << "unknown input mode '" << mode
                            << "' (expected current, bias or spikes)";
        return signalPassFailure();
      }
      if (!llvm::is_contained(target->inputModes, *wanted)) {
        std::string offered;
        for (CoreMode m : target->inputModes)
          offered += std::string(offered.empty() ? "" : ", ") + inputModeName(m);
        program.emitError() << "target '" << target->name << "' does not take input mode '"
                            << mode << "' (input.modes: " << offered << ")";
        return signalPassFailure();
      }
      if (!usable(*wanted)) {
        program.emitError() << "input mode refused: " << refused;
        return signalPassFailure();
      }
      chosen = wanted;
    } else {
      for (CoreMode m : target->inputModes)
        if (usable(m)) {
          chosen = m;
          break;
        }
    }
    if (!chosen) {
      program.emitError() << "input: no input mode of target '" << target->name
                          << "' fits the model (" << refused << ")";
      return signalPassFailure();
    }

    OpBuilder b(program.getContext());
    view->input.setModeAttr(InputModeAttr::get(b.getContext(),
                                               static_cast<mlir::neuro::InputMode>(*chosen)));
    for (const Layer &layer : view->layers) {
      if (layer.source != -1)
        continue;
      if (*chosen == CoreMode::Spikes)
        layer.projection->removeAttr("host");
      else
        layer.projection->setAttr("host", b.getUnitAttr());
    }
  }
};

} // namespace
