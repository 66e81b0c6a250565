// snn-strip-dropout: dropout is the identity at inference time.
#include "passes/Passes.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNSTRIPDROPOUT
#include "passes/Passes.h.inc"

namespace {
struct StripDropoutPass : impl::SNNStripDropoutBase<StripDropoutPass> {
  void runOnOperation() override {
    getOperation().walk([&](DropoutOp op) {
      op.replaceAllUsesWith(op.getInput());
      op.erase();
      ++numRemoved;
    });
  }
};
} // namespace
} // namespace mlir::snn
