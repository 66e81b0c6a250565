// snn-cuda-launches-to-loops: run gpu.launch kernels on the host as loops over blocks and threads.
#include "codegen/CUDA/Passes.h"

#include "mlir/IR/IRMapping.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCUDALAUNCHESTOLOOPS
#include "codegen/CUDA/Passes.h.inc"

namespace {

/// Why `launch` cannot run as sequential loops, or empty. Threads run one after
/// another, so nothing may make one thread wait for another.
std::string unsupportedReason(gpu::LaunchOp launch) {
  if (launch.getAsyncToken() || !launch.getAsyncDependencies().empty())
    return "asynchronous launches are not emulated";
  if (launch.getDynamicSharedMemorySize())
    return "launches with dynamic shared memory are not emulated";
  if (launch.hasClusterSize())
    return "launches with thread-block clusters are not emulated";
  if (!launch.getBody().hasOneBlock())
    return "kernels of more than one block are not emulated";
  std::string reason;
  launch.getBody().walk([&](Operation *op) {
    if (isa<gpu::BarrierOp, gpu::ShuffleOp>(op) && reason.empty())
      reason = ("'" + op->getName().getStringRef() +
                "' synchronises threads, which sequential loops cannot emulate")
                   .str();
  });
  return reason;
}

/// Replaces `launch` by nested scf.for loops over its grid and blocks (x innermost), the
/// kernel body cloned inside with the block and thread ids bound to the loop indices.
void lowerToLoops(gpu::LaunchOp launch) {
  OpBuilder b(launch);
  Location loc = launch.getLoc();
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  gpu::KernelDim3 grid = launch.getGridSizeOperandValues();
  gpu::KernelDim3 block = launch.getBlockSizeOperandValues();
  Value bounds[6] = {grid.z, grid.y, grid.x, block.z, block.y, block.x};
  SmallVector<Value, 6> ivs;
  for (Value bound : bounds) {
    auto loop = scf::ForOp::create(b, loc, zero, bound, one);
    b.setInsertionPointToStart(loop.getBody());
    ivs.push_back(loop.getInductionVar());
  }
  IRMapping map;
  gpu::KernelDim3 blockIds = launch.getBlockIds(), threadIds = launch.getThreadIds();
  gpu::KernelDim3 gridSize = launch.getGridSize(), blockSize = launch.getBlockSize();
  map.map(blockIds.z, ivs[0]);
  map.map(blockIds.y, ivs[1]);
  map.map(blockIds.x, ivs[2]);
  map.map(threadIds.z, ivs[3]);
  map.map(threadIds.y, ivs[4]);
  map.map(threadIds.x, ivs[5]);
  map.map(gridSize.x, grid.x);
  map.map(gridSize.y, grid.y);
  map.map(gridSize.z, grid.z);
  map.map(blockSize.x, block.x);
  map.map(blockSize.y, block.y);
  map.map(blockSize.z, block.z);
  for (Operation &op : launch.getBody().front().without_terminator())
    b.clone(op, map);
  launch.erase();
}

struct LaunchesToLoopsPass : impl::SNNCUDALaunchesToLoopsBase<LaunchesToLoopsPass> {
  void runOnOperation() override {
    SmallVector<gpu::LaunchOp> launches;
    getOperation().walk([&](gpu::LaunchOp launch) { launches.push_back(launch); });
    for (gpu::LaunchOp launch : launches) {
      if (std::string why = unsupportedReason(launch); !why.empty()) {
        launch.emitError("snn-cuda-launches-to-loops: ") << why;
        return signalPassFailure();
      }
    }
    for (gpu::LaunchOp launch : launches)
      lowerToLoops(launch);
  }
};

} // namespace
} // namespace mlir::snn
