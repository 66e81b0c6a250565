// snn-cuda-launches-to-loops: gpu.launch kernels as host loops over blocks and threads (--target cuda:host).
// RUN: snn-opt %s --snn-cuda-launches-to-loops | FileCheck %s

// Proves: a launch becomes six nested loops, grid z, y, x then block z, y, x (x
// innermost), each from 0 to the launch's size; the body is inlined with the block id
// bound to the grid x loop's index, the thread id to the block x loop's, and the block
// size to the launch's operand; no gpu op is left.
// CHECK-LABEL: func.func @one_launch
// CHECK-SAME: (%[[BUF:[^:]+]]: memref<?xf32>, %[[N:[^:]+]]: index, %[[BLOCKS:[^:]+]]: index)
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG: %[[C256:.+]] = arith.constant 256 : index
// CHECK: scf.for %{{.+}} = %[[C0]] to %[[C1]] step %{{.+}} {
// CHECK-NEXT: scf.for %{{.+}} = %[[C0]] to %[[C1]] step %{{.+}} {
// CHECK-NEXT: scf.for %[[BX:.+]] = %[[C0]] to %[[BLOCKS]] step %{{.+}} {
// CHECK-NEXT: scf.for %{{.+}} = %[[C0]] to %[[C1]] step %{{.+}} {
// CHECK-NEXT: scf.for %{{.+}} = %[[C0]] to %[[C1]] step %{{.+}} {
// CHECK-NEXT: scf.for %[[TX:.+]] = %[[C0]] to %[[C256]] step %{{.+}} {
// CHECK-NEXT: %[[BASE:.+]] = arith.muli %[[BX]], %[[C256]]
// CHECK-NEXT: %[[LIN:.+]] = arith.addi %[[BASE]], %[[TX]]
// CHECK-NEXT: %[[IN:.+]] = arith.cmpi ult, %[[LIN]], %[[N]]
// CHECK-NEXT: scf.if %[[IN]] {
// CHECK-NEXT: memref.store %{{.+}}, %[[BUF]][%[[LIN]]]
// CHECK-NOT: gpu.
// CHECK: return
func.func @one_launch(%buf: memref<?xf32>, %n: index, %blocks: index) {
  %c1 = arith.constant 1 : index
  %c256 = arith.constant 256 : index
  %zero = arith.constant 0.0 : f32
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %blocks, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c256, %sy = %c1, %sz = %c1) {
    %base = arith.muli %bx, %sx : index
    %linear = arith.addi %base, %tx : index
    %in = arith.cmpi ult, %linear, %n : index
    scf.if %in {
      memref.store %zero, %buf[%linear] : memref<?xf32>
    }
    gpu.terminator
  }
  return
}

// Proves: the grid's and block's y and z ids and sizes map to their own loops and
// operands (here the grid's y size is used inside the kernel).
// CHECK-LABEL: func.func @three_dims
// CHECK-SAME: (%[[OUT:[^:]+]]: memref<?x?xindex>, %[[GX:[^:]+]]: index, %[[GY:[^:]+]]: index)
// CHECK: scf.for %[[BZ:.+]] = %{{.+}} to %{{.+}}
// CHECK-NEXT: scf.for %[[BY:.+]] = %{{.+}} to %[[GY]]
// CHECK-NEXT: scf.for %[[BX:.+]] = %{{.+}} to %[[GX]]
// CHECK: arith.muli %[[BX]], %[[GY]]
// CHECK: arith.addi %{{.+}}, %[[BY]]
func.func @three_dims(%out: memref<?x?xindex>, %gx: index, %gy: index) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%sgx = %gx, %sgy = %gy, %sgz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    %row = arith.muli %bx, %sgy : index
    %id = arith.addi %row, %by : index
    memref.store %id, %out[%bx, %by] : memref<?x?xindex>
    gpu.terminator
  }
  return
}
