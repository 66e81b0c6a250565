// Convolutions as per-row im2col + matrix products (the form the CPU micro-kernels take).
#ifndef SNN_CODEGEN_COMMON_CONVLOWERING_H
#define SNN_CODEGEN_COMMON_CONVLOWERING_H

#include "mlir/IR/Builders.h"

namespace mlir::snn {

/// C[i, j] += A[i, p] · B[p, j] (C is the initial value): the 2-D contraction that
/// snn-cpu-vectorize-contractions turns into register-blocked vector code.
Value buildMatmul(OpBuilder &b, Location loc, Value a, Value bMat, Value c);

/// Zero padding of the two spatial dimensions of an [N, C, H, W] tensor.
Value padSpatial(OpBuilder &b, Location loc, Value x, int64_t top, int64_t left, int64_t bottom,
                 int64_t right);

/// y[r] = W[F, C·KH·KW] · im2col(pad(x[r])) for every row r of x [R, C, H, W]; the result
/// has type `resultType` [R, F, OH, OW]. `pads` is [top, left, bottom, right].
Value buildConvForward(OpBuilder &b, Location loc, Value input, Value weight,
                       ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
                       RankedTensorType resultType);

/// dL/dW = Σ_r δ[r] [F, OH·OW] · im2colᵀ(pad(x[r])) [OH·OW, C·KH·KW] (unit strides).
Value buildConvWeightGrad(OpBuilder &b, Location loc, Value grad, Value input,
                          ArrayRef<int64_t> pads, RankedTensorType weightType);

} // namespace mlir::snn

#endif // SNN_CODEGEN_COMMON_CONVLOWERING_H
