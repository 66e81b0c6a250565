// snn-neuro-place: lay the slices along a serpentine path of the mesh so consecutive slices are neighbours.
#include "codegen/Neuro/Passes.h"
#include "codegen/Neuro/ProgramView.h"
#include "codegen/Neuro/Resources.h"
#include "codegen/Neuro/TargetSupport.h"

#include "mlir/IR/Builders.h"

namespace mlir::neuro {
#define GEN_PASS_DEF_NEUROPLACE
#include "codegen/Neuro/Passes.h.inc"
} // namespace mlir::neuro

using namespace mlir;
using namespace mlir::neuro;

namespace {

struct NeuroPlacePass : public mlir::neuro::impl::NeuroPlaceBase<NeuroPlacePass> {
  void runOnOperation() override {
    ProgramOp program = getOperation();
    std::optional<PassContext> context = loadPassContext(program);
    if (!context)
      return signalPassFailure();
    const snn::neuro::TargetDescription *target = &context->target;
    ProgramView *view = &context->view;
    for (Operation &op : llvm::make_early_inc_range(program.getBody().front()))
      if (isa<CoreOp, RouteOp>(op))
        op.erase();

    int64_t needed = 0;
    std::string perLayer;
    for (const Layer &layer : view->layers) {
      auto compartment = cast<CompartmentOp>(layer.neuron);
      if (!compartment.getSlices()) {
        compartment.emitOpError("must be partitioned before it is placed");
        return signalPassFailure();
      }
      int64_t n = static_cast<int64_t>(compartment.getSlices()->size());
      needed += n;
      perLayer += (perLayer.empty() ? "" : ", ") + layer.name + " " + std::to_string(n);
      if (auto limit = compartment->getAttrOfType<StringAttr>("neuro.limited_by"))
        perLayer += " (" + limit.str() + ")";
    }
    if (needed > target->cores) {
      program.emitError() << "the network needs " << withCommas(needed) << " cores > "
                          << withCommas(target->cores) << " (chip.cores) of target '"
                          << target->name << "': " << perLayer
                          << "; use a smaller model or a target with larger cores";
      return signalPassFailure();
    }

    OpBuilder b(program.getContext());
    b.setInsertionPointToEnd(&program.getBody().front());
    int64_t width = target->meshWidth, id = 0;
    for (const Layer &layer : view->layers) {
      auto compartment = cast<CompartmentOp>(layer.neuron);
      SmallVector<int64_t> cores;
      int64_t first = 0;
      for (int64_t count : compartment.getSlicesAttr().asArrayRef()) {
        int64_t row = id / width, col = id % width;
        if (row % 2)
          col = width - 1 - col;
        b.create<CoreOp>(compartment.getLoc(), b.getI64IntegerAttr(id),
                         b.getI64IntegerAttr(col), b.getI64IntegerAttr(row),
                         b.getStringAttr(layer.name), b.getI64IntegerAttr(first),
                         b.getI64IntegerAttr(count));
        cores.push_back(id++);
        first += count;
      }
      compartment.setCoresAttr(b.getDenseI64ArrayAttr(cores));
    }
    program.setMeshAttr(b.getDenseI64ArrayAttr({target->meshWidth, target->meshHeight}));
  }
};

} // namespace
