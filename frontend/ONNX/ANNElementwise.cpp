// ANN builders for the elementwise ONNX operators: Add, Sub, Mul, Div, Relu, Sigmoid.
#include "frontend/ONNX/ANNBuilders.h"
#include "frontend/ONNX/ANNSupport.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

namespace mlir::snn::ann {

FailureOr<Value> binary(OpBuilder &b, Location loc, BinaryKind kind, Value lhs, Value rhs,
                        std::string &why) {
  if (!f32TensorType(lhs, "the first operand", why) ||
      !f32TensorType(rhs, "the second operand", why))
    return failure();
  FailureOr<SmallVector<OpFoldResult>> sizes = broadcastSizes(b, loc, {lhs, rhs}, why);
  if (failed(sizes))
    return failure();
  return broadcastElementwise(
      b, loc, {lhs, rhs}, *sizes, [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
        switch (kind) {
        case BinaryKind::Add:
          return arith::AddFOp::create(nb, nloc, args[0], args[1]);
        case BinaryKind::Sub:
          return arith::SubFOp::create(nb, nloc, args[0], args[1]);
        case BinaryKind::Mul:
          return arith::MulFOp::create(nb, nloc, args[0], args[1]);
        case BinaryKind::Div:
          return arith::DivFOp::create(nb, nloc, args[0], args[1]);
        }
        llvm_unreachable("unknown binary kind");
      });
}

FailureOr<Value> unary(OpBuilder &b, Location loc, UnaryKind kind, Value x, std::string &why) {
  if (!f32TensorType(x, "the input", why))
    return failure();
  return broadcastElementwise(
      b, loc, {x}, mixedSizes(b, loc, x),
      [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
        Value v = args[0];
        switch (kind) {
        case UnaryKind::Relu:
          // maxnumf, not maximumf: Relu(NaN) is not specified and both lower to LLVM.
          return arith::MaxNumFOp::create(nb, nloc, v, f32Constant(nb, nloc, 0.0));
        case UnaryKind::Sigmoid: {
          // 1 / (1 + exp(-x)): exp overflows to +inf for very negative x, giving 0.
          Value negated = arith::NegFOp::create(nb, nloc, v);
          Value e = math::ExpOp::create(nb, nloc, negated);
          Value one = f32Constant(nb, nloc, 1.0);
          Value denominator = arith::AddFOp::create(nb, nloc, one, e);
          return arith::DivFOp::create(nb, nloc, one, denominator);
        }
        }
        llvm_unreachable("unknown unary kind");
      });
}

} // namespace mlir::snn::ann
