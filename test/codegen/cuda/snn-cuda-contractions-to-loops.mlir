// snn-cuda-contractions-to-loops: matrix products as one parallel loop over their outputs.
// RUN: snn-opt %s -split-input-file --snn-cuda-contractions-to-loops | FileCheck %s

// Proves: C[i, j] += A[i, p] · B[p, j] becomes scf.parallel over (i, j) whose body loads
// C[i, j] once, sums A[i, p] · B[p, j] over p in increasing order in a register (mulf
// then addf, the linalg body's rounding), and stores the sum once. The generic is gone.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:[^:]+]]: memref<?x3xf32>, %[[B:[^:]+]]: memref<3x40xf32>, %[[C:[^:]+]]: memref<?x40xf32>)
// CHECK-DAG: %[[ROWS:.+]] = memref.dim %[[C]], %c0
// CHECK-DAG: %[[COLS:.+]] = memref.dim %[[C]], %c1
// CHECK-DAG: %[[K:.+]] = memref.dim %[[B]], %c0
// CHECK: scf.parallel (%[[I:.+]], %[[J:.+]]) = (%{{.+}}, %{{.+}}) to (%[[ROWS]], %[[COLS]])
// CHECK: %[[INIT:.+]] = memref.load %[[C]][%[[I]], %[[J]]]
// CHECK: %[[SUM:.+]] = scf.for %[[P:.+]] = %{{.+}} to %[[K]] step %{{.+}} iter_args(%[[ACC:.+]] = %[[INIT]]) -> (f32)
// CHECK: %[[X:.+]] = memref.load %[[A]][%[[I]], %[[P]]]
// CHECK: %[[Y:.+]] = memref.load %[[B]][%[[P]], %[[J]]]
// CHECK: %[[PROD:.+]] = arith.mulf %[[X]], %[[Y]]
// CHECK: %[[NEXT:.+]] = arith.addf %[[ACC]], %[[PROD]]
// CHECK: scf.yield %[[NEXT]]
// CHECK: memref.store %[[SUM]], %[[C]][%[[I]], %[[J]]]
// CHECK-NOT: linalg.generic
func.func @matmul(%a: memref<?x3xf32>, %b: memref<3x40xf32>, %c: memref<?x40xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, p, j) -> (i, p)>, affine_map<(i, p, j) -> (p, j)>,
                                   affine_map<(i, p, j) -> (i, j)>],
                  iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%a, %b : memref<?x3xf32>, memref<3x40xf32>) outs(%c : memref<?x40xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Proves: the weight-gradient form, A read transposed (A[p, i]), loads A[p, i].
// CHECK-LABEL: func.func @transposed_a
// CHECK-SAME: (%[[G:[^:]+]]: memref<?x4xf32>
// CHECK: scf.parallel (%[[M:.+]], %[[K:.+]]) =
// CHECK: scf.for %[[R:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(
// CHECK: memref.load %[[G]][%[[R]], %[[M]]] : memref<?x4xf32>
// CHECK-NOT: linalg.generic
func.func @transposed_a(%g: memref<?x4xf32>, %x: memref<?x3xf32>, %w: memref<4x3xf32>) {
  linalg.generic {indexing_maps = [affine_map<(m, r, k) -> (r, m)>, affine_map<(m, r, k) -> (r, k)>,
                                   affine_map<(m, r, k) -> (m, k)>],
                  iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%g, %x : memref<?x4xf32>, memref<?x3xf32>) outs(%w : memref<4x3xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Proves: other generics (an elementwise product) are left for the upstream lowering.
// CHECK-LABEL: func.func @elementwise
// CHECK: linalg.generic
// CHECK-NOT: scf.parallel
func.func @elementwise(%a: memref<4x4xf32>, %b: memref<4x4xf32>, %c: memref<4x4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>,
                                   affine_map<(i, j) -> (i, j)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    linalg.yield %m : f32
  }
  return
}
