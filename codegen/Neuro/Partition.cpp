// snn-neuro-partition: split each population into slices that fit one core each.
#include "codegen/Neuro/Passes.h"
#include "codegen/Neuro/ProgramView.h"
#include "codegen/Neuro/Resources.h"
#include "codegen/Neuro/TargetSupport.h"

#include "mlir/IR/Builders.h"

namespace mlir::neuro {
#define GEN_PASS_DEF_NEUROPARTITION
#include "codegen/Neuro/Passes.h.inc"
} // namespace mlir::neuro

using namespace mlir;
using namespace mlir::neuro;

namespace {

/// What would let a neuron that cannot fit a core fit anyway.
std::string hintFor(const std::string &limit) {
  if (limit == "core.max_fan_in" || limit == "core.input_axons")
    return "a neuron's inputs must all reach one core; use fewer inputs per neuron "
           "(a smaller previous layer) or a target with more input axons (e.g. "
           "--target-desc generic)";
  if (limit == "core.synapse_memory_bits")
    return "a target with more synapse memory per core or shared conv kernels (e.g. "
           "--target-desc generic)";
  return "a larger core";
}

struct NeuroPartitionPass : public mlir::neuro::impl::NeuroPartitionBase<NeuroPartitionPass> {
  void runOnOperation() override {
    ProgramOp program = getOperation();
    std::optional<PassContext> context = loadPassContext(program);
    if (!context)
      return signalPassFailure();
    const snn::neuro::TargetDescription *target = &context->target;
    ProgramView *view = &context->view;
    OpBuilder b(program.getContext());
    for (size_t li = 0; li < view->layers.size(); ++li) {
      const Layer &layer = view->layers[li];
      auto compartment = dyn_cast<CompartmentOp>(layer.neuron);
      if (!compartment) {
        layer.neuron->emitOpError("must be quantised before it is partitioned");
        return signalPassFailure();
      }
      if (static_cast<int>(li) == view->outputLayer && target->maxOutputNeurons > 0 &&
          layer.size > target->maxOutputNeurons) {
        compartment.emitError() << layer.name << ": " << layer.size << " output neurons > "
                                << target->maxOutputNeurons
                                << " (core.max_output_neurons) of target '" << target->name
                                << "'; use a model with at most " << target->maxOutputNeurons
                                << " classes";
        return signalPassFailure();
      }
      Connectivity conn(layer.projection);
      SliceCounter counter(conn, *target, !conn.isHost());
      SmallVector<int64_t> slices;
      std::string boundBy;
      for (int64_t n = 0; n < layer.size; ++n) {
        SliceUsage next = counter.tryAdd(n);
        std::string over = counter.limitName(next);
        if (!over.empty() && counter.usage().neurons > 0) {
          slices.push_back(counter.usage().neurons);
          boundBy = over;
          counter.clear();
          next = counter.tryAdd(n);
          over = counter.limitName(next);
        }
        if (!over.empty()) {
          compartment.emitError()
              << layer.name << ": neuron " << n << " alone needs " << counter.overLimit(next)
              << " of target '" << target->name << "'; " << hintFor(over);
          return signalPassFailure();
        }
        counter.add(n);
      }
      slices.push_back(counter.usage().neurons);
      compartment.setSlicesAttr(b.getDenseI64ArrayAttr(slices));
      if (!boundBy.empty())
        compartment->setAttr("neuro.limited_by", b.getStringAttr(boundBy));
    }
  }
};

} // namespace
