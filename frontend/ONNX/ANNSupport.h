// Shared helpers of the ANN builders: tensor creation, broadcasting and linalg.generic.
#ifndef SNNC_FRONTEND_ONNX_ANNSUPPORT_H
#define SNNC_FRONTEND_ONNX_ANNSUPPORT_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <string>

namespace mlir::snn::ann {

/// The ranked f32 tensor type of `v`, or null (with `why`) for anything else.
RankedTensorType f32TensorType(Value v, StringRef what, std::string &why);

Value f32Constant(OpBuilder &b, Location loc, double value);
Value negativeInfinity(OpBuilder &b, Location loc);

/// tensor.empty of f32 with the given (static or dynamic) sizes.
Value emptyTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes);
/// tensor.empty filled with `value` through linalg.fill.
Value filledTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes, double value);
SmallVector<OpFoldResult> mixedSizes(OpBuilder &b, Location loc, Value v);
SmallVector<int64_t> staticSizes(ArrayRef<OpFoldResult> sizes);

/// An operand of a linalg.generic: its value and indexing map.
struct GenericOperand {
  Value value;
  AffineMap map;
};

/// Reads `v` inside a loop nest of `numLoops` loops: operand dimension i is indexed by loop
/// `loopOfDim[i]`, except where `broadcast[i]` (a unit dimension read at index 0), which is
/// collapsed away first so the map stays a projected permutation.
GenericOperand broadcastOperand(OpBuilder &b, Location loc, Value v, unsigned numLoops,
                                ArrayRef<unsigned> loopOfDim, ArrayRef<bool> broadcast);

/// The numpy broadcast of the operand sizes (right-aligned), with, per result dimension,
/// the size as an OpFoldResult. Fails with `why` on incompatible static sizes.
FailureOr<SmallVector<OpFoldResult>> broadcastSizes(OpBuilder &b, Location loc, ValueRange operands,
                                                    std::string &why);

using ScalarBody = function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// A parallel linalg.generic over `sizes` whose body computes one f32 from the scalars of
/// `operands` (numpy-broadcast against the result).
Value broadcastElementwise(OpBuilder &b, Location loc, ValueRange operands,
                           ArrayRef<OpFoldResult> sizes, ScalarBody body);

/// A linalg.generic writing `init` (identity-indexed by the first loops) from `inputs`.
Value buildGeneric(OpBuilder &b, Location loc, ArrayRef<GenericOperand> inputs, Value init,
                   AffineMap initMap, ArrayRef<utils::IteratorType> iterators,
                   function_ref<Value(OpBuilder &, Location, ValueRange)> body);

/// Zero-padding (or `padValue`) of the two last dimensions of an NCHW tensor.
Value pad2D(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> low, ArrayRef<int64_t> high,
            Value padValue);

/// A 2-D window resolved against an input size: explicit padding per side, the extra
/// padding ceil_mode needs at the end (not counted as padding by AveragePool) and the
/// output size.
struct ResolvedWindow {
  int64_t padBegin[2], padEnd[2], extraEnd[2], out[2];
};
struct Window2D;
FailureOr<ResolvedWindow> resolveWindow(const Window2D &win, ArrayRef<int64_t> inputHW,
                                        std::string &why);

/// A rank-1 f32 tensor [n] viewed as [n, 1, ..., 1] with `trailing` unit dimensions.
Value expandTrailing(OpBuilder &b, Location loc, Value v, unsigned trailing);

} // namespace mlir::snn::ann

#endif // SNNC_FRONTEND_ONNX_ANNSUPPORT_H
