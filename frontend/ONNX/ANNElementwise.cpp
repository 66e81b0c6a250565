// ANN builders for the elementwise ONNX operators: arithmetic, activations, math.
#include "frontend/ONNX/ANNBuilders.h"
#include "frontend/ONNX/ANNSupport.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::snn::ann {

FailureOr<Value> binary(OpBuilder &b, Location loc, BinaryKind kind, Value lhs, Value rhs,
                        std::string &why) {
  if (!f32TensorType(lhs, "the first operand", why) ||
      !f32TensorType(rhs, "the second operand", why))
    return failure();
  FailureOr<SmallVector<OpFoldResult>> sizes = broadcastSizes(b, loc, {lhs, rhs}, why);
  if (failed(sizes))
    return failure();
  return broadcastElementwise(b, loc, {lhs, rhs}, *sizes,
                              [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
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
  return broadcastElementwise(b, loc, {x}, mixedSizes(b, loc, x),
                              [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                                Value v = args[0];
                                switch (kind) {
                                case UnaryKind::Relu:
                                  // maxnumf, not maximumf: Relu(NaN) is not specified and both
                                  // lower to LLVM.
                                  return arith::MaxNumFOp::create(nb, nloc, v,
                                                                  f32Constant(nb, nloc, 0.0));
                                case UnaryKind::Sigmoid: {
                                  // 1 / (1 + exp(-x)): exp overflows to +inf for very negative x,
                                  // giving 0.
                                  Value negated = arith::NegFOp::create(nb, nloc, v);
                                  Value e = math::ExpOp::create(nb, nloc, negated);
                                  Value one = f32Constant(nb, nloc, 1.0);
                                  Value denominator = arith::AddFOp::create(nb, nloc, one, e);
                                  return arith::DivFOp::create(nb, nloc, one, denominator);
                                }
                                case UnaryKind::Exp:
                                  return math::ExpOp::create(nb, nloc, v);
                                case UnaryKind::Log:
                                  return math::LogOp::create(nb, nloc, v);
                                case UnaryKind::Tanh:
                                  return math::TanhOp::create(nb, nloc, v);
                                case UnaryKind::Abs:
                                  return math::AbsFOp::create(nb, nloc, v);
                                case UnaryKind::Neg:
                                  return arith::NegFOp::create(nb, nloc, v);
                                case UnaryKind::Sqrt:
                                  return math::SqrtOp::create(nb, nloc, v);
                                }
                                llvm_unreachable("unknown unary kind");
                              });
}

FailureOr<Value> leakyRelu(OpBuilder &b, Location loc, Value x, double alpha, std::string &why) {
  if (!f32TensorType(x, "the input", why))
    return failure();
  return broadcastElementwise(
      b, loc, {x}, mixedSizes(b, loc, x),
      [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
        Value zero = f32Constant(nb, nloc, 0.0);
        Value negative = arith::CmpFOp::create(nb, nloc, arith::CmpFPredicate::OLT, args[0], zero);
        Value scaled = arith::MulFOp::create(nb, nloc, f32Constant(nb, nloc, alpha), args[0]);
        return arith::SelectOp::create(nb, nloc, negative, scaled, args[0]);
      });
}

FailureOr<Value> clip(OpBuilder &b, Location loc, Value x, Value lo, Value hi, std::string &why) {
  if (!f32TensorType(x, "the input", why))
    return failure();
  SmallVector<Value> operands{x};
  for (auto [bound, what] : {std::pair<Value, StringRef>{lo, "min"}, {hi, "max"}}) {
    if (!bound)
      continue;
    RankedTensorType type = f32TensorType(bound, what, why);
    if (!type)
      return failure();
    if (!type.hasStaticShape() || type.getNumElements() != 1) {
      why = (what + " must be a scalar").str();
      return failure();
    }
    // A [1] bound becomes rank 0 so that it broadcasts against inputs of any rank.
    if (type.getRank() > 0)
      bound =
          tensor::CollapseShapeOp::create(b, loc, RankedTensorType::get({}, type.getElementType()),
                                          bound, ArrayRef<ReassociationIndices>{});
    operands.push_back(bound);
  }
  // Bounds are read through empty (scalar) or unit maps: they broadcast like numpy's.
  return broadcastElementwise(b, loc, operands, mixedSizes(b, loc, x),
                              [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                                Value v = args[0];
                                unsigned next = 1;
                                if (lo)
                                  v = arith::MaximumFOp::create(nb, nloc, v, args[next++]);
                                if (hi)
                                  v = arith::MinimumFOp::create(nb, nloc, v, args[next]);
                                return v;
                              });
}

} // namespace mlir::snn::ann
