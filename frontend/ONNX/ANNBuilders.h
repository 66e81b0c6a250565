// Builders that emit linalg/tensor/arith/math IR on f32 tensors for the ONNX ANN operators.
#ifndef SNNC_FRONTEND_ONNX_ANNBUILDERS_H
#define SNNC_FRONTEND_ONNX_ANNBUILDERS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace mlir::snn::ann {

// Every builder returns failure() with a one-line `why` when the operand types or the
// parameters are outside what it supports; it then has emitted nothing that is used.
// Operands are ranked f32 tensors; dynamic sizes are allowed where a builder says so.

enum class BinaryKind { Add, Sub, Mul, Div, Pow, PRelu };
enum class UnaryKind { Relu, Sigmoid, Exp, Log, Tanh, Abs, Neg, Sqrt, Reciprocal, Floor, Ceil };
enum class VariadicKind { Max, Min, Sum, Mean };
enum class ReduceKind { Sum, Mean, Max, Min };

/// Numpy-style multidirectional broadcasting of `lhs kind rhs`.
FailureOr<Value> binary(OpBuilder &b, Location loc, BinaryKind kind, Value lhs, Value rhs,
                        std::string &why);
FailureOr<Value> unary(OpBuilder &b, Location loc, UnaryKind kind, Value x, std::string &why);

/// ONNX Max/Min/Sum/Mean over one or more inputs, broadcast like numpy.
FailureOr<Value> variadic(OpBuilder &b, Location loc, VariadicKind kind, ValueRange inputs,
                          std::string &why);
/// ONNX LeakyRelu: x for x >= 0, alpha·x otherwise.
FailureOr<Value> leakyRelu(OpBuilder &b, Location loc, Value x, double alpha, std::string &why);
/// ONNX Clip: min(max(x, lo), hi); lo and hi are scalar tensors or null (no bound).
FailureOr<Value> clip(OpBuilder &b, Location loc, Value x, Value lo, Value hi, std::string &why);

/// ONNX LayerNormalization (opset 17): normalises over dimensions [axis, rank); returns
/// Y = (x - mean) · invStdDev · scale + bias (bias may be null), Mean and InvStdDev, the
/// last two with the normalised dimensions kept as units.
FailureOr<SmallVector<Value, 3>> layerNorm(OpBuilder &b, Location loc, Value x, Value scale,
                                           Value bias, int64_t axis, double epsilon,
                                           std::string &why);

/// ONNX Reduce*: over `axes` (negative from the back; empty = all), keeping them as unit
/// dimensions with `keepDims`.
FailureOr<Value> reduce(OpBuilder &b, Location loc, ReduceKind kind, Value x,
                        ArrayRef<int64_t> axes, bool keepDims, std::string &why);

/// ONNX MatMul: numpy matmul semantics (1-D operands, broadcast batch dimensions).
FailureOr<Value> matMul(OpBuilder &b, Location loc, Value a, Value bMat, std::string &why);

struct GemmParams {
  double alpha = 1.0, beta = 1.0;
  bool transA = false, transB = false;
};
/// ONNX Gemm: alpha·op(A)·op(B) + beta·C, C (optional, may be null) broadcast to [M, N].
FailureOr<Value> gemm(OpBuilder &b, Location loc, Value a, Value bMat, Value c, const GemmParams &p,
                      std::string &why);

enum class AutoPad { NotSet, SameUpper, SameLower, Valid };

/// The window of a 2-D Conv or pooling op, in ONNX's attribute form.
struct Window2D {
  SmallVector<int64_t, 2> kernel; // kh, kw
  SmallVector<int64_t, 2> strides{1, 1};
  SmallVector<int64_t, 2> dilations{1, 1};
  SmallVector<int64_t, 4> pads{0, 0, 0, 0}; // h_begin, w_begin, h_end, w_end
  AutoPad autoPad = AutoPad::NotSet;
  bool ceilMode = false;
};

/// ONNX Conv (2-D, NCHW): bias may be null; group divides the channels.
FailureOr<Value> conv2D(OpBuilder &b, Location loc, Value x, Value w, Value bias,
                        const Window2D &win, int64_t group, std::string &why);
FailureOr<Value> maxPool2D(OpBuilder &b, Location loc, Value x, const Window2D &win,
                           std::string &why);
FailureOr<Value> averagePool2D(OpBuilder &b, Location loc, Value x, const Window2D &win,
                               bool countIncludePad, std::string &why);
FailureOr<Value> globalAveragePool(OpBuilder &b, Location loc, Value x, std::string &why);

/// ONNX Flatten: [d0..d(axis-1)] × [d(axis)..] to 2-D; axis in [-r, r].
FailureOr<Value> flatten(OpBuilder &b, Location loc, Value x, int64_t axis, std::string &why);
/// ONNX Reshape with a constant shape (0 = copy unless allowZero, -1 = inferred).
FailureOr<Value> reshape(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> shape,
                         bool allowZero, std::string &why);
/// ONNX Pad in constant mode: `pads` = [x1_begin, x2_begin, ..., x1_end, x2_end, ...],
/// non-negative.
FailureOr<Value> padConstant(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> pads,
                             double value, std::string &why);
/// ONNX Transpose; an empty perm reverses the dimensions.
FailureOr<Value> transpose(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> perm,
                           std::string &why);
/// ONNX Concat along axis (negative counts from the back).
FailureOr<Value> concat(OpBuilder &b, Location loc, ValueRange inputs, int64_t axis,
                        std::string &why);
/// ONNX Softmax: along `axis` (opset >= 13) or over all dimensions from `axis` on after
/// coercion to 2-D (`coerce2D`, opset < 13).
FailureOr<Value> softmax(OpBuilder &b, Location loc, Value x, int64_t axis, bool coerce2D,
                         std::string &why);
/// ONNX LogSoftmax with the same axis semantics: x - max - log(sum(exp(x - max))).
FailureOr<Value> logSoftmax(OpBuilder &b, Location loc, Value x, int64_t axis, bool coerce2D,
                            std::string &why);
/// ONNX BatchNormalization in inference form: per-channel (dimension 1) affine map.
FailureOr<Value> batchNorm(OpBuilder &b, Location loc, Value x, Value scale, Value bias, Value mean,
                           Value var, double epsilon, std::string &why);

} // namespace mlir::snn::ann

#endif // SNNC_FRONTEND_ONNX_ANNBUILDERS_H
