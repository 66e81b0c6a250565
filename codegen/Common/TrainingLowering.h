// Lowering of the TSSL-BP training ops (saved-state neurons, losses, gradients) to linalg.
#ifndef SNN_CODEGEN_COMMON_TRAININGLOWERING_H
#define SNN_CODEGEN_COMMON_TRAININGLOWERING_H

#include "mlir/IR/PatternMatch.h"

namespace mlir::snn {

void populateTrainingLoweringPatterns(RewritePatternSet &patterns);

} // namespace mlir::snn

#endif // SNN_CODEGEN_COMMON_TRAININGLOWERING_H
