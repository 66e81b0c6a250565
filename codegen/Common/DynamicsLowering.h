// Lowering of the imported-model ops (snn.dynamics.step/.seq, snn.add) to linalg on tensors.
#ifndef SNN_CODEGEN_COMMON_DYNAMICSLOWERING_H
#define SNN_CODEGEN_COMMON_DYNAMICSLOWERING_H

#include "mlir/IR/PatternMatch.h"

namespace mlir::snn {

void populateDynamicsLoweringPatterns(RewritePatternSet &patterns);

} // namespace mlir::snn

#endif // SNN_CODEGEN_COMMON_DYNAMICSLOWERING_H
