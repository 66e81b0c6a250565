// snn-cuda-time-inside-kernels: a neuron layer's time loop moved inside its parallel loop.
#include "codegen/CUDA/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCUDATIMEINSIDEKERNELS
#include "codegen/CUDA/Passes.h.inc"

namespace {

/// Every load and store under `parallel` indexes with exactly its induction
/// variables, in order: iteration (i, j) touches only elements (i, j).
bool accessesOnlyOwnElements(scf::ParallelOp parallel) {
  ValueRange ivs = parallel.getInductionVars();
  auto own = [&](ValueRange indices) {
    return indices.size() == ivs.size() && llvm::equal(indices, ivs);
  };
  WalkResult result = parallel.getBody()->walk([&](Operation *op) {
    if (auto load = dyn_cast<memref::LoadOp>(op); load && !own(load.getIndices()))
      return WalkResult::interrupt();
    if (auto store = dyn_cast<memref::StoreOp>(op); store && !own(store.getIndices()))
      return WalkResult::interrupt();
    // Any other memory access (a copy, a vector transfer, a call) is not checked.
    if (!isa<memref::LoadOp, memref::StoreOp>(op) && !isPure(op) &&
        !isa<scf::YieldOp, scf::ReduceOp, scf::ForOp, scf::IfOp>(op))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return !result.wasInterrupted();
}

/// The one parallel loop of `loop`'s body when the interchange is legal (see the
/// pass description), else null.
scf::ParallelOp interchangeable(scf::ForOp loop) {
  if (loop.getNumRegionIterArgs() != 0)
    return nullptr;
  scf::ParallelOp parallel;
  for (Operation &op : loop.getBody()->without_terminator()) {
    if (auto p = dyn_cast<scf::ParallelOp>(op)) {
      if (parallel || p.getNumReductions() != 0)
        return nullptr;
      parallel = p;
      continue;
    }
    if (op.getNumRegions() != 0 || !isPure(&op))
      return nullptr;
  }
  if (!parallel)
    return nullptr;
  for (Value bound : llvm::concat<Value>(parallel.getLowerBound(), parallel.getUpperBound(),
                                         parallel.getStep()))
    if (loop->isAncestor(bound.getParentBlock()->getParentOp()))
      return nullptr;
  return accessesOnlyOwnElements(parallel) ? parallel : nullptr;
}

/// scf.for %t { pure ops; scf.parallel (ivs) { body } } →
/// scf.parallel (ivs) { scf.for %t { pure ops; body } }.
void interchange(scf::ForOp loop, scf::ParallelOp parallel) {
  OpBuilder b(loop);
  auto outer = scf::ParallelOp::create(
      b, parallel.getLoc(), parallel.getLowerBound(), parallel.getUpperBound(),
      parallel.getStep(), [&](OpBuilder &pb, Location pl, ValueRange ivs) {
        scf::ForOp::create(
            pb, loop.getLoc(), loop.getLowerBound(), loop.getUpperBound(), loop.getStep(),
            ValueRange{}, [&](OpBuilder &fb, Location fl, Value t, ValueRange) {
              IRMapping map;
              map.map(loop.getInductionVar(), t);
              map.map(parallel.getInductionVars(), ivs);
              for (Operation &op : loop.getBody()->without_terminator())
                if (&op != parallel.getOperation())
                  fb.clone(op, map);
              for (Operation &op : parallel.getBody()->without_terminator())
                fb.clone(op, map);
              scf::YieldOp::create(fb, fl);
            });
      });
  (void)outer;
  loop.erase();
}

struct TimeInsideKernelsPass : impl::SNNCUDATimeInsideKernelsBase<TimeInsideKernelsPass> {
  void runOnOperation() override {
    SmallVector<std::pair<scf::ForOp, scf::ParallelOp>> work;
    getOperation().walk([&](scf::ForOp loop) {
      if (scf::ParallelOp parallel = interchangeable(loop))
        work.push_back({loop, parallel});
    });
    for (auto &[loop, parallel] : work)
      interchange(loop, parallel);
  }
};

} // namespace
} // namespace mlir::snn
