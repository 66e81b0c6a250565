// Lowering of training dropout (snn.dropout.seq) to a linalg.generic with a counter-based mask.
#ifndef SNN_CODEGEN_COMMON_DROPOUTLOWERING_H
#define SNN_CODEGEN_COMMON_DROPOUTLOWERING_H

#include "mlir/IR/PatternMatch.h"

namespace mlir::snn {

void populateDropoutLoweringPatterns(RewritePatternSet &patterns);

} // namespace mlir::snn

#endif // SNN_CODEGEN_COMMON_DROPOUTLOWERING_H
