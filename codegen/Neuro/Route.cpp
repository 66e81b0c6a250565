// snn-neuro-route: one routing link per pair of cores that share a synapse.
#include "codegen/Neuro/Passes.h"
#include "codegen/Neuro/ProgramView.h"
#include "codegen/Neuro/TargetSupport.h"

#include "mlir/IR/Builders.h"

#include <map>

namespace mlir::neuro {
#define GEN_PASS_DEF_NEUROROUTE
#include "codegen/Neuro/Passes.h.inc"
} // namespace mlir::neuro

using namespace mlir;
using namespace mlir::neuro;

namespace {

struct NeuroRoutePass : public mlir::neuro::impl::NeuroRouteBase<NeuroRoutePass> {
  void runOnOperation() override {
    ProgramOp program = getOperation();
    std::optional<PassContext> context = loadPassContext(program);
    if (!context)
      return signalPassFailure();
    const snn::neuro::TargetDescription *target = &context->target;
    ProgramView *view = &context->view;
    std::map<int64_t, std::pair<int64_t, int64_t>> position;
    for (auto core : program.getBody().front().getOps<CoreOp>())
      position[core.getId()] = {core.getX(), core.getY()};
    for (auto route : llvm::make_early_inc_range(program.getBody().front().getOps<RouteOp>()))
      route.erase();

    // Core of every neuron of every layer.
    std::vector<std::vector<int64_t>> coreOf(view->layers.size());
    for (size_t li = 0; li < view->layers.size(); ++li) {
      auto compartment = cast<CompartmentOp>(view->layers[li].neuron);
      if (!compartment.getCores()) {
        compartment.emitOpError("must be placed before it is routed");
        return signalPassFailure();
      }
      for (auto [count, core] : llvm::zip(compartment.getSlicesAttr().asArrayRef(),
                                               compartment.getCoresAttr().asArrayRef()))
        coreOf[li].insert(coreOf[li].end(), count, core);
    }
    int64_t axonsPerSource =
        target->weightEncoding == snn::neuro::WeightEncoding::AxonTypes ? 2 : 1;

    OpBuilder b(program.getContext());
    b.setInsertionPointToEnd(&program.getBody().front());
    for (size_t li = 0; li < view->layers.size(); ++li) {
      const Layer &layer = view->layers[li];
      Connectivity conn(layer.projection);
      if (conn.isHost())
        continue;
      auto compartment = cast<CompartmentOp>(layer.neuron);
      int64_t first = 0;
      std::vector<uint8_t> used(static_cast<size_t>(conn.numSources()));
      for (auto [count, core] : llvm::zip(compartment.getSlicesAttr().asArrayRef(),
                                               compartment.getCoresAttr().asArrayRef())) {
        std::fill(used.begin(), used.end(), 0);
        for (int64_t n = first; n < first + count; ++n)
          conn.forEachInput(n, [&](int64_t s, int64_t) { used[s] = 1; });
        std::map<int64_t, int64_t> perSourceCore;
        for (int64_t s = 0; s < conn.numSources(); ++s)
          if (used[s])
            ++perSourceCore[layer.source < 0 ? -1 : coreOf[layer.source][s]];
        for (auto [from, neurons] : perSourceCore) {
          int64_t hops = 0;
          if (from >= 0) {
            auto [fx, fy] = position[from];
            auto [tx, ty] = position[core];
            hops = std::abs(fx - tx) + std::abs(fy - ty);
          }
          b.create<RouteOp>(layer.neuron->getLoc(), b.getI64IntegerAttr(from),
                            b.getI64IntegerAttr(core), b.getI64IntegerAttr(neurons),
                            b.getI64IntegerAttr(neurons * axonsPerSource),
                            b.getI64IntegerAttr(hops));
        }
        first += count;
      }
    }
  }
};

} // namespace
