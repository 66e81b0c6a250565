// snn-copies-to-linalg: memref.copy → linalg.copy, so no runtime library is needed.
#include "codegen/Common/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCOPIESTOLINALG
#include "codegen/Common/Passes.h.inc"

namespace {
struct CopiesToLinalgPass : impl::SNNCopiesToLinalgBase<CopiesToLinalgPass> {
  void runOnOperation() override {
    getOperation().walk([](memref::CopyOp copy) {
      OpBuilder b(copy);
      linalg::CopyOp::create(b, copy.getLoc(), copy.getSource(), copy.getTarget());
      copy.erase();
    });
  }
};
} // namespace
} // namespace mlir::snn
