// Recognising matrix products among bufferized linalg.generic ops (see Contraction.h).
#include "codegen/Common/Contraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace mlir::snn {

std::optional<Contraction> matchContraction(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumLoops() != 3 || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || op.getNumReductionLoops() != 1)
    return std::nullopt;
  // Body: yield(out + a * b).
  Block &body = op.getRegion().front();
  if (body.getOperations().size() != 3)
    return std::nullopt;
  auto mul = dyn_cast<arith::MulFOp>(&body.front());
  auto add = dyn_cast<arith::AddFOp>(mul ? mul->getNextNode() : nullptr);
  if (!mul || !add || !mul.getType().isF32())
    return std::nullopt;
  Value out = body.getArgument(2);
  if (!((add.getLhs() == out && add.getRhs() == mul) || (add.getRhs() == out && add.getLhs() == mul)))
    return std::nullopt;
  if (!((mul.getLhs() == body.getArgument(0) && mul.getRhs() == body.getArgument(1)) ||
        (mul.getLhs() == body.getArgument(1) && mul.getRhs() == body.getArgument(0))))
    return std::nullopt;

  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  unsigned red = 0;
  for (auto [d, it] : llvm::enumerate(op.getIteratorTypesArray()))
    if (it == utils::IteratorType::reduction)
      red = d;
  auto dim = [](AffineMap m, unsigned r) -> int {
    auto e = dyn_cast<AffineDimExpr>(m.getResult(r));
    return e ? int(e.getPosition()) : -1;
  };
  AffineMap outMap = maps[2];
  if (outMap.getNumResults() != 2 || !outMap.isProjectedPermutation())
    return std::nullopt;
  int i = dim(outMap, 0), j = dim(outMap, 1);
  if (i < 0 || j < 0 || unsigned(i) == red || unsigned(j) == red)
    return std::nullopt;
  for (unsigned bIdx = 0; bIdx < 2; ++bIdx) {
    AffineMap bm = maps[bIdx], am = maps[1 - bIdx];
    if (bm.getNumResults() != 2 || am.getNumResults() != 2 || dim(bm, 0) != int(red) ||
        dim(bm, 1) != j)
      continue;
    Contraction c{op.getDpsInputs()[1 - bIdx], op.getDpsInputs()[bIdx], op.getDpsInits()[0],
                  false};
    if (dim(am, 0) == i && dim(am, 1) == int(red))
      return c;
    if (dim(am, 0) == int(red) && dim(am, 1) == i) {
      c.aTransposed = true;
      return c;
    }
  }
  return std::nullopt;
}

} // namespace mlir::snn
