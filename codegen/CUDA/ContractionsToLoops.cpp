// snn-cuda-contractions-to-loops: matrix products as one parallel loop over their outputs.
#include "codegen/CUDA/Passes.h"
#include "codegen/Common/Contraction.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCUDACONTRACTIONSTOLOOPS
#include "codegen/CUDA/Passes.h.inc"

namespace {

/// C[i, j] += Σ_p A(i, p) · B[p, j], one parallel iteration per (i, j).
void emitProductLoops(OpBuilder &b, Location loc, const Contraction &c) {
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value rows = memref::DimOp::create(b, loc, c.c, 0);
  Value cols = memref::DimOp::create(b, loc, c.c, 1);
  Value reduction = memref::DimOp::create(b, loc, c.b, 0);
  scf::ParallelOp::create(
      b, loc, ValueRange{zero, zero}, ValueRange{rows, cols}, ValueRange{one, one},
      [&](OpBuilder &pb, Location pl, ValueRange ij) {
        Value i = ij[0], j = ij[1];
        Value init = memref::LoadOp::create(pb, pl, c.c, ValueRange{i, j});
        auto sum = scf::ForOp::create(
            pb, pl, zero, reduction, one, ValueRange{init},
            [&](OpBuilder &fb, Location fl, Value p, ValueRange acc) {
              ValueRange aIdx = c.aTransposed ? ValueRange{p, i} : ValueRange{i, p};
              Value a = memref::LoadOp::create(fb, fl, c.a, aIdx);
              Value bv = memref::LoadOp::create(fb, fl, c.b, ValueRange{p, j});
              // The same order of operations as the linalg body: out + a * b.
              Value product = arith::MulFOp::create(fb, fl, a, bv);
              Value next = arith::AddFOp::create(fb, fl, acc[0], product);
              scf::YieldOp::create(fb, fl, next);
            });
        memref::StoreOp::create(pb, pl, sum.getResult(0), c.c, ValueRange{i, j});
      });
}

struct ContractionsToLoopsPass
    : impl::SNNCUDAContractionsToLoopsBase<ContractionsToLoopsPass> {
  void runOnOperation() override {
    SmallVector<std::pair<linalg::GenericOp, Contraction>> work;
    getOperation().walk([&](linalg::GenericOp op) {
      if (auto c = matchContraction(op))
        work.push_back({op, *c});
    });
    for (auto &[op, c] : work) {
      OpBuilder b(op);
      emitProductLoops(b, op.getLoc(), c);
      op.erase();
    }
  }
};

} // namespace
} // namespace mlir::snn
