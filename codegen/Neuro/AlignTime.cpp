// snn-neuro-align-time: each population runs depth × delay steps late; the program runs long enough to read T outputs.
#include "codegen/Neuro/Passes.h"
#include "codegen/Neuro/ProgramView.h"
#include "codegen/Neuro/TargetSupport.h"

#include "mlir/IR/Builders.h"

namespace mlir::neuro {
#define GEN_PASS_DEF_NEUROALIGNTIME
#include "codegen/Neuro/Passes.h.inc"
} // namespace mlir::neuro

using namespace mlir;
using namespace mlir::neuro;

namespace {

struct NeuroAlignTimePass : public mlir::neuro::impl::NeuroAlignTimeBase<NeuroAlignTimePass> {
  void runOnOperation() override {
    ProgramOp program = getOperation();
    std::optional<PassContext> context = loadPassContext(program);
    if (!context)
      return signalPassFailure();
    const snn::neuro::TargetDescription *target = &context->target;
    ProgramView *view = &context->view;
    if (!view->input.getMode()) {
      program.emitError("run snn-neuro-encode-input before snn-neuro-align-time");
      return signalPassFailure();
    }
    int64_t delay = target->semantics.synapticDelay;
    OpBuilder b(program.getContext());
    for (size_t i = 0; i < view->layers.size(); ++i) {
      auto compartment = dyn_cast<CompartmentOp>(view->layers[i].neuron);
      if (!compartment) {
        view->layers[i].neuron->emitOpError("must be quantised before time is aligned");
        return signalPassFailure();
      }
      compartment.setStepOffsetAttr(b.getI64IntegerAttr(view->depth[i] * delay));
    }
    int outputLayer = view->outputLayer >= 0 ? view->outputLayer
                                             : static_cast<int>(view->layers.size()) - 1;
    int64_t offset = view->depth[outputLayer] * delay;
    program.setOutputOffsetAttr(b.getI64IntegerAttr(offset));
    program.setRunStepsAttr(b.getI64IntegerAttr(program.getTimeSteps() + offset));
  }
};

} // namespace
