// Elementwise linalg bodies of the neuron updates, shared by the step and sequence forms.
#ifndef SNN_CODEGEN_COMMON_NEURONLOWERING_H
#define SNN_CODEGEN_COMMON_NEURONLOWERING_H

#include "codegen/Common/NeuronMath.h"
#include "dialect/SNN/SNNOps.h"
#include "mlir/IR/Builders.h"

namespace mlir::snn {

/// y' = αs·y + x/τs, elementwise. `dest` receives y' (may alias `trace` for in-place).
/// With `copyDest`, y' is also written to that second output. Returns {y', copy?}.
SmallVector<Value> buildPSPUpdate(OpBuilder &b, Location loc, Value input, Value trace,
                                  float tauS, Value copyDest = {});

/// One LIF step, elementwise, returning {next membrane, next trace, emitted}.
/// `emitDest` is the tensor the emitted values are written into. With four
/// `savedDests`, also returns the state TSSL-BP keeps: {u, Δ, o, a}.
SmallVector<Value> buildLIFUpdate(OpBuilder &b, Location loc, Value current, Value membrane,
                                  Value trace, Value emitDest, const NeuronConstants &c,
                                  ValueRange savedDests = {});

/// A tensor of `type` whose dynamic sizes are those of `like` (same rank, same order).
Value emptyLike(OpBuilder &b, Location loc, RankedTensorType type, Value like);

/// A tensor of `type` whose dynamic dimension d has the size of dimension
/// `sourceDims[d]` of `source` (e.g. the permutation of a transpose).
Value emptyFromDims(OpBuilder &b, Location loc, RankedTensorType type, Value source,
                    ArrayRef<int64_t> sourceDims);

/// A zero-filled tensor of `type`, dynamic sizes from `like`.
Value zerosLike(OpBuilder &b, Location loc, RankedTensorType type, Value like);

} // namespace mlir::snn

#endif // SNN_CODEGEN_COMMON_NEURONLOWERING_H
