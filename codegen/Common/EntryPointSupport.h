// Building blocks shared by the C entry points of compiled models (snn-emit-c-entry, snn-cpu-emit-generic-entry).
#ifndef SNN_CODEGEN_COMMON_ENTRYPOINTSUPPORT_H
#define SNN_CODEGEN_COMMON_ENTRYPOINTSUPPORT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::snn {

/// A row-major memref of `type` over `data` (an `!llvm.ptr`), built as its LLVM
/// descriptor; every dynamic dimension is `batch` (null when `type` is static).
Value buildMemRef(OpBuilder &b, Location loc, MemRefType type, Value data, Value batch);

/// table[i] of a `T *const *` argument, as a pointer.
Value loadSlot(OpBuilder &b, Location loc, Value table, unsigned i);

/// After an entry point wrapping `kernelFn` is built: marks the kernel's buffers
/// disjoint (the ABIs require it; LLVM then keeps accumulators in registers), makes the
/// kernel internal (only entry points are the library's interface) and removes the
/// snn.parameter ops and argument tags (weights now arrive through the entry point or
/// are embedded).
void finishEntryPoint(ModuleOp module, func::FuncOp kernelFn);

} // namespace mlir::snn

#endif // SNN_CODEGEN_COMMON_ENTRYPOINTSUPPORT_H
