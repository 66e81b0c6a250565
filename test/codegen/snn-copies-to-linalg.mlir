// Proves: snn-copies-to-linalg turns every memref.copy (here one into a strided
// subview, which the LLVM lowering would hand to the C runner library's memrefCopy) into
// linalg.copy, so compiled models need no runtime library.
// RUN: snn-opt %s --snn-copies-to-linalg | FileCheck %s --implicit-check-not=memref.copy
// CHECK-LABEL: func.func @copies
// CHECK: linalg.copy ins(%{{.+}} : memref<?x4xf32>) outs(%{{.+}} : memref<?x4xf32, strided<[8, 1]>>)
func.func @copies(%src: memref<?x4xf32>, %dst: memref<?x8xf32>) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %src, %c0 : memref<?x4xf32>
  %view = memref.subview %dst[0, 0] [%n, 4] [1, 1] : memref<?x8xf32> to memref<?x4xf32, strided<[8, 1]>>
  memref.copy %src, %view : memref<?x4xf32> to memref<?x4xf32, strided<[8, 1]>>
  return
}
