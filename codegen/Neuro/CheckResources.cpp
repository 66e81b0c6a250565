// snn-neuro-check-resources: count each core's neurons, axons and synapse memory and check them against the target.
#include "codegen/Neuro/Passes.h"
#include "codegen/Neuro/ProgramView.h"
#include "codegen/Neuro/Resources.h"
#include "codegen/Neuro/TargetSupport.h"

#include "mlir/IR/Builders.h"

#include <map>

namespace mlir::neuro {
#define GEN_PASS_DEF_NEUROCHECKRESOURCES
#include "codegen/Neuro/Passes.h.inc"
} // namespace mlir::neuro

using namespace mlir;
using namespace mlir::neuro;

namespace {

struct NeuroCheckResourcesPass
    : public mlir::neuro::impl::NeuroCheckResourcesBase<NeuroCheckResourcesPass> {
  void runOnOperation() override {
    ProgramOp program = getOperation();
    std::optional<PassContext> context = loadPassContext(program);
    if (!context)
      return signalPassFailure();
    const snn::neuro::TargetDescription *target = &context->target;
    ProgramView *view = &context->view;
    Block &body = program.getBody().front();
    std::map<int64_t, int64_t> inputAxons, outputAxons;
    bool routed = false;
    for (auto route : body.getOps<RouteOp>()) {
      routed = true;
      inputAxons[route.getTo()] += route.getAxons();
      if (route.getFrom() >= 0)
        outputAxons[route.getFrom()] += route.getNeurons();
    }
    std::map<std::string, int> layerIndex;
    for (size_t i = 0; i < view->layers.size(); ++i)
      layerIndex[view->layers[i].name] = static_cast<int>(i);

    OpBuilder b(program.getContext());
    bool placed = false;
    for (auto core : body.getOps<CoreOp>()) {
      placed = true;
      const Layer &layer = view->layers[layerIndex.at(core.getLayer().str())];
      Connectivity conn(layer.projection);
      SliceCounter counter(conn, *target, !conn.isHost());
      for (int64_t n = core.getFirst(); n < core.getFirst() + core.getCount(); ++n)
        counter.add(n);
      SliceUsage usage = counter.usage();
      usage.inputAxons = inputAxons[core.getId()];
      core->setAttr("neurons", b.getI64IntegerAttr(usage.neurons));
      core->setAttr("input_axons", b.getI64IntegerAttr(usage.inputAxons));
      core->setAttr("output_axons", b.getI64IntegerAttr(outputAxons[core.getId()]));
      core->setAttr("synapse_bits", b.getI64IntegerAttr(usage.synapseBits));
      std::string over = counter.overLimit(usage);
      if (over.empty() && outputAxons[core.getId()] > target->outputAxonsPerCore)
        over = "output axons " + withCommas(outputAxons[core.getId()]) + " > " +
               withCommas(target->outputAxonsPerCore) + " (core.output_axons)";
      if (!over.empty()) {
        core.emitError() << layer.name << ", core " << core.getId() << ": " << over
                         << " of target '" << target->name << "'";
        return signalPassFailure();
      }
    }
    // A network whose only projection runs on the host has no routes at all.
    bool onChip = llvm::any_of(view->layers,
                               [](const Layer &l) { return !l.projection->hasAttr("host"); });
    if (!placed || (onChip && !routed)) {
      program.emitError("place and route the program before checking its resources");
      return signalPassFailure();
    }
    if (target->maxFanOut > 0) {
      for (const Layer &layer : view->layers) {
        Connectivity conn(layer.projection);
        if (conn.isHost())
          continue;
        std::vector<int64_t> fanOut = conn.fanOut();
        auto worst = std::max_element(fanOut.begin(), fanOut.end());
        if (worst != fanOut.end() && *worst > target->maxFanOut) {
          std::string source =
              layer.source < 0 ? "input" : view->layers[layer.source].name;
          layer.projection->emitError()
              << source << ": neuron " << (worst - fanOut.begin()) << " drives "
              << withCommas(*worst) << " synapses > " << withCommas(target->maxFanOut)
              << " (core.max_fan_out) of target '" << target->name << "' (into "
              << layer.name << "); use a smaller next layer";
          return signalPassFailure();
        }
      }
    }
  }
};

} // namespace
