// snn-cuda-map-parallel-loops: each outermost scf.parallel becomes one gpu.launch over a linear index.
// RUN: snn-opt %s --snn-cuda-map-parallel-loops | FileCheck %s
// RUN: snn-opt %s '--snn-cuda-map-parallel-loops=block-size=128' | FileCheck %s --check-prefix=B128

// Proves: a 2-D loop over (n, 4) launches ceil(n·4 / 256) blocks of 256 threads, only
// when it has iterations; thread blockIdx·256 + threadIdx runs the iteration with that
// linear index if it is below n·4, the last dimension fastest (j = linear mod 4,
// i = linear div 4), and the nested loop stays inside the kernel.
// CHECK-LABEL: func.func @two_dims
// CHECK-SAME: (%[[BUF:[^:]+]]: memref<?x4xf32>, %[[N:[^:]+]]: index)
// CHECK: %[[THREADS:.+]] = arith.constant 256 : index
// CHECK-NEXT: %[[BLOCKS:.+]] = arith.ceildivui %[[TOTAL:.+]], %[[THREADS]] : index
// CHECK: %[[ANY:.+]] = arith.cmpi ugt, %[[TOTAL]],
// CHECK: scf.if %[[ANY]] {
// CHECK: gpu.launch blocks(%[[BX:.+]], %{{.+}}, %{{.+}}) in (%{{.+}} = %[[BLOCKS]], %{{.+}} = %{{.+}}, %{{.+}} = %{{.+}}) threads(%[[TX:.+]], %{{.+}}, %{{.+}}) in (%{{.+}} = %[[THREADS]],
// CHECK: %[[BASE:.+]] = arith.muli %[[BX]], %[[THREADS]]
// CHECK: %[[LIN:.+]] = arith.addi %[[BASE]], %[[TX]]
// CHECK: %[[IN:.+]] = arith.cmpi ult, %[[LIN]], %[[TOTAL]]
// CHECK: scf.if %[[IN]] {
// CHECK: arith.remui %[[LIN]]
// CHECK: arith.divui %[[LIN]]
// CHECK: scf.parallel
// CHECK: memref.store
// CHECK: gpu.terminator
// B128-LABEL: func.func @two_dims
// B128: arith.constant 128 : index
func.func @two_dims(%buf: memref<?x4xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c4) step (%c1, %c1) {
    scf.parallel (%k) = (%c0) to (%c2) step (%c1) {
      memref.store %zero, %buf[%i, %j] : memref<?x4xf32>
      scf.reduce
    }
    scf.reduce
  }
  return
}
