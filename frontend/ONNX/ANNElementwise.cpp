// ANN builders for the elementwise ONNX operators: arithmetic, activations, math.
#include "frontend/ONNX/ANNBuilders.h"
#include "frontend/ONNX/ANNSupport.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::snn::ann {

namespace {
/// x < 0 ? slope·x : x (LeakyRelu, PRelu).
Value leaky(OpBuilder &b, Location loc, Value x, Value slope) {
  Value negative =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, f32Constant(b, loc, 0.0));
  Value scaled = arith::MulFOp::create(b, loc, slope, x);
  return arith::SelectOp::create(b, loc, negative, scaled, x);
}

Value binaryScalar(OpBuilder &b, Location loc, BinaryKind kind, Value lhs, Value rhs) {
  switch (kind) {
  case BinaryKind::Add:
    return arith::AddFOp::create(b, loc, lhs, rhs);
  case BinaryKind::Sub:
    return arith::SubFOp::create(b, loc, lhs, rhs);
  case BinaryKind::Mul:
    return arith::MulFOp::create(b, loc, lhs, rhs);
  case BinaryKind::Div:
    return arith::DivFOp::create(b, loc, lhs, rhs);
  case BinaryKind::Pow:
    return math::PowFOp::create(b, loc, lhs, rhs);
  case BinaryKind::PRelu:
    return leaky(b, loc, lhs, rhs);
  }
  llvm_unreachable("unknown binary kind");
}

Value unaryScalar(OpBuilder &b, Location loc, UnaryKind kind, Value v) {
  switch (kind) {
  case UnaryKind::Relu:
    // maxnumf, not maximumf: Relu(NaN) is not specified and both lower to LLVM.
    return arith::MaxNumFOp::create(b, loc, v, f32Constant(b, loc, 0.0));
  case UnaryKind::Sigmoid: {
    // 1 / (1 + exp(-x)): exp overflows to +inf for very negative x, giving 0.
    Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, v));
    Value one = f32Constant(b, loc, 1.0);
    return arith::DivFOp::create(b, loc, one, arith::AddFOp::create(b, loc, one, e));
  }
  case UnaryKind::Exp:
    return math::ExpOp::create(b, loc, v);
  case UnaryKind::Log:
    return math::LogOp::create(b, loc, v);
  case UnaryKind::Tanh:
    return math::TanhOp::create(b, loc, v);
  case UnaryKind::Abs:
    return math::AbsFOp::create(b, loc, v);
  case UnaryKind::Neg:
    return arith::NegFOp::create(b, loc, v);
  case UnaryKind::Sqrt:
    return math::SqrtOp::create(b, loc, v);
  case UnaryKind::Reciprocal:
    return arith::DivFOp::create(b, loc, f32Constant(b, loc, 1.0), v);
  case UnaryKind::Floor:
    return math::FloorOp::create(b, loc, v);
  case UnaryKind::Ceil:
    return math::CeilOp::create(b, loc, v);
  }
  llvm_unreachable("unknown unary kind");
}
} // namespace

FailureOr<Value> binary(OpBuilder &b, Location loc, BinaryKind kind, Value lhs, Value rhs,
                        std::string &why) {
  if (!f32TensorType(lhs, "the first operand", why) ||
      !f32TensorType(rhs, "the second operand", why))
    return failure();
  FailureOr<SmallVector<OpFoldResult>> sizes = broadcastSizes(b, loc, {lhs, rhs}, why);
  if (failed(sizes))
    return failure();
  return broadcastElementwise(b, loc, {lhs, rhs}, *sizes,
                              [&](OpBuilder &nb, Location nloc, ValueRange args) {
                                return binaryScalar(nb, nloc, kind, args[0], args[1]);
                              });
}

FailureOr<Value> unary(OpBuilder &b, Location loc, UnaryKind kind, Value x, std::string &why) {
  if (!f32TensorType(x, "the input", why))
    return failure();
  return broadcastElementwise(b, loc, {x}, mixedSizes(b, loc, x),
                              [&](OpBuilder &nb, Location nloc, ValueRange args) {
                                return unaryScalar(nb, nloc, kind, args[0]);
                              });
}

FailureOr<Value> variadic(OpBuilder &b, Location loc, VariadicKind kind, ValueRange inputs,
                          std::string &why) {
  if (inputs.empty()) {
    why = "at least one input is required";
    return failure();
  }
  for (Value v : inputs)
    if (!f32TensorType(v, "every input", why))
      return failure();
  FailureOr<SmallVector<OpFoldResult>> sizes = broadcastSizes(b, loc, inputs, why);
  if (failed(sizes))
    return failure();
  auto body = [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
    Value acc = args[0];
    for (Value v : args.slice(1, inputs.size() - 1)) {
      if (kind == VariadicKind::Max)
        acc = arith::MaximumFOp::create(nb, nloc, acc, v);
      else if (kind == VariadicKind::Min)
        acc = arith::MinimumFOp::create(nb, nloc, acc, v);
      else
        acc = arith::AddFOp::create(nb, nloc, acc, v);
    }
    if (kind != VariadicKind::Mean)
      return acc;
    return arith::DivFOp::create(nb, nloc, acc, f32Constant(nb, nloc, double(inputs.size())));
  };
  return broadcastElementwise(b, loc, inputs, *sizes, body);
}

FailureOr<Value> leakyRelu(OpBuilder &b, Location loc, Value x, double alpha, std::string &why) {
  if (!f32TensorType(x, "the input", why))
    return failure();
  return broadcastElementwise(b, loc, {x}, mixedSizes(b, loc, x),
                              [&](OpBuilder &nb, Location nloc, ValueRange args) {
                                return leaky(nb, nloc, args[0], f32Constant(nb, nloc, alpha));
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
