// snn-emit-c-entry: the shape accessors a C caller sizes its buffers with.
// RUN: snn-opt %s -split-input-file --snn-emit-c-entry | FileCheck %s

// Proves: for input [batch, 2, 3] and traces [batch, 4 classes, 5 steps], the entry point
// comes with snn_model_input_size() = 6 floats per sample, snn_model_output_size() = 20,
// snn_model_classes() = 4 and snn_model_time_steps() = 5, each returning an i64 constant.
// CHECK-LABEL: func.func @snn_model_input_size() -> i64
// CHECK-NEXT: %[[V:.+]] = llvm.mlir.constant(6 : i64) : i64
// CHECK-NEXT: return %[[V]] : i64
// CHECK-LABEL: func.func @snn_model_output_size() -> i64
// CHECK-NEXT: %[[V:.+]] = llvm.mlir.constant(20 : i64) : i64
// CHECK-LABEL: func.func @snn_model_classes() -> i64
// CHECK-NEXT: %[[V:.+]] = llvm.mlir.constant(4 : i64) : i64
// CHECK-LABEL: func.func @snn_model_time_steps() -> i64
// CHECK-NEXT: %[[V:.+]] = llvm.mlir.constant(5 : i64) : i64
func.func @forward(%x: memref<?x2x3xf32>, %w: memref<4x6xf32>) -> memref<?x4x5xf32> {
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?x2x3xf32>
  %y = memref.alloc(%n) : memref<?x4x5xf32>
  return %y : memref<?x4x5xf32>
}

// -----

// Proves: an output without a time axis ([batch, 7], e.g. an ANN) reports 7 classes
// and 1 time step, so classes x steps is still the output size.
// CHECK-LABEL: func.func @snn_model_input_size() -> i64
// CHECK-NEXT: llvm.mlir.constant(3 : i64) : i64
// CHECK-LABEL: func.func @snn_model_output_size() -> i64
// CHECK-NEXT: llvm.mlir.constant(7 : i64) : i64
// CHECK-LABEL: func.func @snn_model_classes() -> i64
// CHECK-NEXT: llvm.mlir.constant(7 : i64) : i64
// CHECK-LABEL: func.func @snn_model_time_steps() -> i64
// CHECK-NEXT: llvm.mlir.constant(1 : i64) : i64
func.func @forward(%x: memref<?x3xf32>, %out: memref<?x7xf32>) {
  return
}
