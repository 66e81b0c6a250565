// scf.for over the time dimension of [T, ...] tensors, shared by the sequence lowerings.
#ifndef SNN_CODEGEN_COMMON_SEQUENCELOWERING_H
#define SNN_CODEGEN_COMMON_SEQUENCELOWERING_H

#include "mlir/IR/Builders.h"

namespace mlir::snn {

/// Receives the time slices of the inputs, the carried per-step state and the slices of
/// the stacked outputs to write; returns {next state..., output slices...}.
using SequenceBody = function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange inputs,
                                                     ValueRange state, ValueRange outSlices)>;

/// Loops t over 0..T-1 (or T-1..0 when `reverse`) with `numState` zero-initialised
/// per-step states and `numOutputs` stacked outputs of the type of `inputs[0]`; every
/// input is [T, ...] of that type. Returns the stacked outputs.
SmallVector<Value> buildSequenceLoop(OpBuilder &b, Location loc, ValueRange inputs,
                                     unsigned numState, unsigned numOutputs, bool reverse,
                                     SequenceBody body);

} // namespace mlir::snn

#endif // SNN_CODEGEN_COMMON_SEQUENCELOWERING_H
