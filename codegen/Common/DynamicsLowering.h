// Lowering of snn.dynamics.step and snn.dynamics.seq to linalg on tensors (and scf.for over time).
#ifndef SNN_CODEGEN_COMMON_DYNAMICSLOWERING_H
#define SNN_CODEGEN_COMMON_DYNAMICSLOWERING_H

#include "mlir/IR/PatternMatch.h"

namespace mlir::snn {

void populateDynamicsLoweringPatterns(RewritePatternSet &patterns);

} // namespace mlir::snn

#endif // SNN_CODEGEN_COMMON_DYNAMICSLOWERING_H
