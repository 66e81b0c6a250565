// snn-cpu-check-allocations: the memref allocation functions get checked, module-private bodies.
// RUN: snn-opt %s -split-input-file --snn-cpu-check-allocations | FileCheck %s

// Proves: the declarations left by finalize-memref-to-llvm{use-generic-functions=true}
// become internal definitions (no clash between models in one process): alloc calls
// malloc and, when the result is null for a non-zero size, calls the out-of-memory exit
// (marked unlikely); aligned_alloc reports its size argument; free calls free. The exit
// formats "snn model: error: out of memory: cannot allocate N bytes" on the stack,
// writes it to fd 2 in one call and calls exit(1). Callers are unchanged.
// CHECK-DAG: llvm.func @malloc(i64) -> !llvm.ptr
// CHECK-DAG: llvm.func @aligned_alloc(i64, i64) -> !llvm.ptr
// CHECK-DAG: llvm.func @free(!llvm.ptr)
// CHECK-DAG: llvm.func @write(i32, !llvm.ptr, i64) -> i64
// CHECK-DAG: llvm.func @exit(i32)
// CHECK-LABEL: llvm.func internal @_mlir_memref_to_llvm_alloc(
// CHECK-SAME: %[[N:[^:]+]]: i64) -> !llvm.ptr {
// CHECK: %[[P:.+]] = llvm.call @malloc(%[[N]])
// CHECK: %[[NULL:.+]] = llvm.icmp "eq" %[[P]], %{{.+}} : !llvm.ptr
// CHECK: %[[NONZERO:.+]] = llvm.icmp "ne" %[[N]], %{{.+}} : i64
// CHECK: %[[FAIL:.+]] = llvm.and %[[NULL]], %[[NONZERO]]
// CHECK: llvm.cond_br %[[FAIL]] weights([1, 1048576]), ^[[OOM:.+]], ^[[OK:[^ ]+]]
// CHECK: ^[[OK]]:
// CHECK-NEXT: llvm.return %[[P]] : !llvm.ptr
// CHECK: ^[[OOM]]:
// CHECK-NEXT: llvm.call @__snn_out_of_memory(%[[N]])
// CHECK-NEXT: llvm.unreachable
// CHECK-LABEL: llvm.func internal @_mlir_memref_to_llvm_aligned_alloc(
// CHECK-SAME: %{{[^:]+}}: i64, %[[SIZE:[^:]+]]: i64) -> !llvm.ptr {
// CHECK: llvm.call @aligned_alloc(
// CHECK: llvm.call @__snn_out_of_memory(%[[SIZE]])
// CHECK-LABEL: llvm.func internal @_mlir_memref_to_llvm_free(
// CHECK-SAME: %[[PTR:[^:]+]]: !llvm.ptr) {
// CHECK-NEXT: llvm.call @free(%[[PTR]])
// CHECK-NEXT: llvm.return
// CHECK-LABEL: llvm.func @use(
// CHECK: llvm.call @_mlir_memref_to_llvm_alloc(
// CHECK: llvm.call @_mlir_memref_to_llvm_free(
// CHECK: llvm.mlir.global internal constant @__snn_out_of_memory_prefix("snn model: error: out of memory: cannot allocate ")
// CHECK: llvm.mlir.global internal constant @__snn_out_of_memory_suffix(" bytes\0A")
// CHECK-LABEL: llvm.func internal @__snn_out_of_memory(
// CHECK-SAME: attributes {no_inline, passthrough = ["cold", "noreturn"]}
// CHECK: llvm.urem
// CHECK: llvm.udiv
// CHECK: llvm.call @write(%{{.+}}) : (i32, !llvm.ptr, i64) -> i64
// CHECK: llvm.call @exit(%{{.+}}) : (i32) -> ()
// CHECK-NEXT: llvm.unreachable
llvm.func @_mlir_memref_to_llvm_alloc(i64) -> !llvm.ptr
llvm.func @_mlir_memref_to_llvm_aligned_alloc(i64, i64) -> !llvm.ptr
llvm.func @_mlir_memref_to_llvm_free(!llvm.ptr)
llvm.func @use(%n: i64) {
  %p = llvm.call @_mlir_memref_to_llvm_alloc(%n) : (i64) -> !llvm.ptr
  llvm.call @_mlir_memref_to_llvm_free(%p) : (!llvm.ptr) -> ()
  llvm.return
}

// -----

// Proves: a module that allocates nothing is left alone (no declarations, no exit path).
// CHECK-LABEL: llvm.func @nothing()
// CHECK-NOT: malloc
// CHECK-NOT: __snn_out_of_memory
llvm.func @nothing() {
  llvm.return
}
