// snn-cuda-time-inside-kernels: a neuron layer's time loop moved inside its parallel loop.
// RUN: snn-opt %s -split-input-file --snn-cuda-time-inside-kernels | FileCheck %s

// Proves: the layer schedule's neuron loop (per step: time slices of the input and
// output, then an elementwise update of the state) becomes one parallel loop over the
// neurons whose body runs all T steps: the slices are taken inside, per step, and the
// parallel loop's bounds are the original ones.
// CHECK-LABEL: func.func @lif_over_time
// CHECK-SAME: (%[[IN:[^:]+]]: memref<5x?x4xf32>, %[[STATE:[^:]+]]: memref<?x4xf32>, %[[OUT:[^:]+]]: memref<5x?x4xf32>, %[[N:[^:]+]]: index)
// CHECK: scf.parallel (%[[I:.+]], %[[J:.+]]) = (%{{.+}}, %{{.+}}) to (%[[N]], %{{.+}}) step
// CHECK-NEXT: scf.for %[[T:.+]] = %{{.+}} to %{{.+}} step
// CHECK: %[[X:.+]] = memref.subview %[[IN]][%[[T]], 0, 0]
// CHECK: %[[Y:.+]] = memref.subview %[[OUT]][%[[T]], 0, 0]
// CHECK: memref.load %[[X]][%[[I]], %[[J]]]
// CHECK: memref.load %[[STATE]][%[[I]], %[[J]]]
// CHECK: memref.store %{{.+}}, %[[STATE]][%[[I]], %[[J]]]
// CHECK: memref.store %{{.+}}, %[[Y]][%[[I]], %[[J]]]
// CHECK-NOT: scf.parallel
func.func @lif_over_time(%in: memref<5x?x4xf32>, %state: memref<?x4xf32>, %out: memref<5x?x4xf32>,
                         %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %decay = arith.constant 0.8 : f32
  scf.for %t = %c0 to %c5 step %c1 {
    %x = memref.subview %in[%t, 0, 0] [1, %n, 4] [1, 1, 1] : memref<5x?x4xf32> to memref<?x4xf32, strided<[4, 1], offset: ?>>
    %y = memref.subview %out[%t, 0, 0] [1, %n, 4] [1, 1, 1] : memref<5x?x4xf32> to memref<?x4xf32, strided<[4, 1], offset: ?>>
    scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c4) step (%c1, %c1) {
      %a = memref.load %x[%i, %j] : memref<?x4xf32, strided<[4, 1], offset: ?>>
      %u = memref.load %state[%i, %j] : memref<?x4xf32>
      %d = arith.mulf %u, %decay : f32
      %v = arith.addf %d, %a : f32
      memref.store %v, %state[%i, %j] : memref<?x4xf32>
      memref.store %v, %y[%i, %j] : memref<?x4xf32, strided<[4, 1], offset: ?>>
      scf.reduce
    }
  }
  return
}

// -----

// Proves: an iteration that reads a neighbour's element (here (i, j+1)) depends on
// other iterations across steps, so the loops are not interchanged.
// CHECK-LABEL: func.func @neighbour
// CHECK: scf.for
// CHECK-NEXT: scf.parallel
func.func @neighbour(%state: memref<?x5xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  scf.for %t = %c0 to %c5 step %c1 {
    scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c4) step (%c1, %c1) {
      %next = arith.addi %j, %c1 : index
      %u = memref.load %state[%i, %next] : memref<?x5xf32>
      memref.store %u, %state[%i, %j] : memref<?x5xf32>
      scf.reduce
    }
  }
  return
}

// -----

// Proves: a time loop that carries a value, holds two parallel loops, or whose parallel
// loop's bounds depend on the step is left alone.
// CHECK-LABEL: func.func @not_interchanged
// CHECK: scf.for {{.*}} iter_args
// CHECK-NEXT: scf.parallel
// CHECK: scf.for
// CHECK-NEXT: scf.parallel
// CHECK: scf.parallel
// CHECK: scf.for %[[T:.+]] = 
// CHECK-NEXT: %[[UB:.+]] = arith.addi %[[T]]
// CHECK-NEXT: scf.parallel (%{{.+}}) = (%{{.+}}) to (%[[UB]])
func.func @not_interchanged(%state: memref<?xf32>, %n: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %one = arith.constant 1.0 : f32
  %r = scf.for %t = %c0 to %c5 step %c1 iter_args(%k = %c0) -> (index) {
    scf.parallel (%i) = (%c0) to (%n) step (%c1) {
      memref.store %one, %state[%i] : memref<?xf32>
      scf.reduce
    }
    %k1 = arith.addi %k, %c1 : index
    scf.yield %k1 : index
  }
  scf.for %t = %c0 to %c5 step %c1 {
    scf.parallel (%i) = (%c0) to (%n) step (%c1) {
      memref.store %one, %state[%i] : memref<?xf32>
      scf.reduce
    }
    scf.parallel (%i) = (%c0) to (%n) step (%c1) {
      memref.store %one, %state[%i] : memref<?xf32>
      scf.reduce
    }
  }
  scf.for %t = %c0 to %c5 step %c1 {
    %ub = arith.addi %t, %c1 : index
    scf.parallel (%i) = (%c0) to (%ub) step (%c1) {
      memref.store %one, %state[%i] : memref<?xf32>
      scf.reduce
    }
  }
  return %r : index
}
