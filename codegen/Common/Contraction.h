// Recognising matrix products among bufferized linalg.generic ops, for the backends' kernels.
#ifndef SNN_CODEGEN_COMMON_CONTRACTION_H
#define SNN_CODEGEN_COMMON_CONTRACTION_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <optional>

namespace mlir::snn {

/// C[i, j] += A(i, p) · B[p, j] on memrefs.
struct Contraction {
  Value a, b, c;
  bool aTransposed; // A read as A[p, i]
};

/// The contraction form of a bufferized linalg.generic: three loops, one of them a
/// reduction, body `out + a * b` in f32, C indexed (i, j), B (p, j) and A (i, p) or
/// (p, i). The dense synapses and every gradient product lower to this form.
std::optional<Contraction> matchContraction(linalg::GenericOp op);

} // namespace mlir::snn

#endif // SNN_CODEGEN_COMMON_CONTRACTION_H
