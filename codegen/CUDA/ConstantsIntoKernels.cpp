// snn-cuda-constants-into-kernels: constant tables read inside kernels, not through host pointers.
#include "codegen/CUDA/Passes.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCUDACONSTANTSINTOKERNELS
#include "codegen/CUDA/Passes.h.inc"

namespace {

struct ConstantsIntoKernelsPass
    : impl::SNNCUDAConstantsIntoKernelsBase<ConstantsIntoKernelsPass> {
  void runOnOperation() override {
    getOperation().walk([](gpu::LaunchOp launch) {
      // The get_global ops outside the launch that the launch body reads.
      SetVector<memref::GetGlobalOp> used;
      launch.getBody().walk([&](Operation *op) {
        for (Value operand : op->getOperands())
          if (auto global = operand.getDefiningOp<memref::GetGlobalOp>())
            if (!launch->isAncestor(global))
              used.insert(global);
      });
      OpBuilder b = OpBuilder::atBlockBegin(&launch.getBody().front());
      for (memref::GetGlobalOp global : used) {
        Operation *inside = b.clone(*global);
        global.getResult().replaceUsesWithIf(inside->getResult(0), [&](OpOperand &use) {
          return launch->isAncestor(use.getOwner());
        });
      }
    });
  }
};

} // namespace
} // namespace mlir::snn
