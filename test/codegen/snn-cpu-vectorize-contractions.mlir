// snn-cpu-vectorize-contractions: register-blocked vector kernels for bufferized matrix products.
// RUN: snn-opt %s -split-input-file --snn-cpu-vectorize-contractions | FileCheck %s
// RUN: snn-opt %s -split-input-file --snn-cpu-vectorize-contractions=rows=2 | FileCheck %s --check-prefix=ROWS2
// RUN: snn-opt %s -split-input-file '--snn-cpu-vectorize-contractions=rows=3 vectors=3' | FileCheck %s --check-prefix=VEC3
// RUN: snn-opt %s -split-input-file '--snn-cpu-vectorize-contractions=spike-kernels=false' | FileCheck %s --check-prefix=NOSPIKE

// Proves: C[i, j] += A[i, p] · B[p, j] becomes one loop over 8-row tiles covering every
// row: rows past the last are clamped to it (min(i0 + r, rows - 1)), so a partial last
// tile recomputes the last row instead of needing a tail loop. Each tile covers 32
// columns with two masked 16-lane vectors per row (the mask handles the last 8 of 40
// columns), loads the 16 accumulators from C once, runs the reduction over p with one
// broadcast of A and one FMA per row and vector, and stores them back once. The
// linalg op is gone.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:[^:]+]]: memref<?x3xf32>, %[[B:[^:]+]]: memref<3x40xf32>, %[[C:[^:]+]]: memref<?x40xf32>)
// CHECK: %[[ROWS:.+]] = memref.dim %[[C]]
// CHECK: %[[AT_LEAST_1:.+]] = arith.maxui %[[ROWS]], %{{.+}} : index
// CHECK: %[[LAST:.+]] = arith.subi %[[AT_LEAST_1]], %{{.+}} : index
// CHECK: scf.for %[[I0:.+]] = %{{.+}} to %[[ROWS]] step %{{.+}} {
// CHECK: scf.for %[[J0:.+]] = %{{.+}} to %{{.+}} step %{{.+}} {
// CHECK: vector.create_mask %{{.+}} : vector<16xi1>
// CHECK: %[[R1:.+]] = arith.addi %[[I0]], %{{.+}} : index
// CHECK: arith.minui %[[R1]], %[[LAST]] : index
// CHECK-COUNT-16: vector.maskedload %[[C]]
// CHECK: scf.for %[[P:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(
// CHECK-COUNT-2: vector.maskedload %[[B]][%[[P]], %{{.+}}]
// CHECK: memref.load %[[A]][%[[I0]], %[[P]]]
// CHECK: vector.broadcast
// CHECK: vector.fma
// CHECK: scf.yield
// CHECK-COUNT-16: vector.maskedstore %[[C]]
// CHECK-NOT: scf.for
// CHECK-NOT: linalg.generic
// ROWS2-LABEL: func.func @matmul
// ROWS2: scf.for
// ROWS2: scf.for
// ROWS2-COUNT-4: vector.maskedload
// With 3 rows of 3 vectors a tile covers 48 columns: 9 accumulators, 3 masked B loads
// and 9 FMAs per step of p.
// VEC3-LABEL: func.func @matmul
// VEC3: arith.constant 48 : index
// VEC3-COUNT-3: vector.create_mask
// VEC3-COUNT-9: vector.maskedload %{{.+}}
// VEC3: scf.for
// VEC3-COUNT-3: vector.maskedload
// VEC3-COUNT-9: vector.fma
// VEC3: scf.yield
// VEC3-COUNT-9: vector.maskedstore
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

// Proves: the weight-gradient form, A read transposed (A[p, i]), is recognised too.
// CHECK-LABEL: func.func @transposed_a
// CHECK: scf.for %[[P:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(
// CHECK: memref.load %{{.+}}[%[[P]], %{{.+}}] : memref<?x4xf32>
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

// Proves: other generics (here an elementwise product, and a contraction whose B is
// not contiguous along j) are left alone.
// CHECK-LABEL: func.func @not_a_contraction
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK-NOT: vector.fma
func.func @not_a_contraction(%a: memref<4x4xf32>, %b: memref<4x4xf32>, %c: memref<4x4xf32>,
                             %bt: memref<4x4xf32, strided<[1, 4]>>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>,
                                   affine_map<(i, j) -> (i, j)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    linalg.yield %m : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, p, j) -> (i, p)>, affine_map<(i, p, j) -> (p, j)>,
                                   affine_map<(i, p, j) -> (i, j)>],
                  iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%a, %bt : memref<4x4xf32>, memref<4x4xf32, strided<[1, 4]>>) outs(%c : memref<4x4xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Proves: a product marked snnc.spike_input gets the event-driven kernel: one [8, K]
// i32 list of active p allocated for the whole product (and freed after it); per
// 8-row tile a branch-free scan per row that stores p and advances past a non-zero
// A; the dense register tile when 5·(active terms) ≥ 8·K, else per row a loop over
// the listed p only, each adding one A broadcast times 8 vectors of B (a 128-column
// tile). Those rows are added one after another, so a clamped copy of the last row
// would add its terms twice: rows after the first run only inside C. With
// spike-kernels=false the dense kernel runs.
// CHECK-LABEL: func.func @spikes
// CHECK: %[[K:.+]] = memref.dim %arg1, %{{.+}} : memref<6x200xf32>
// CHECK: %[[LIST:.+]] = memref.alloc(%[[K]]) : memref<8x?xi32>
// CHECK: scf.for
// CHECK: %[[N:.+]] = scf.for %[[P:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%{{.+}} = %{{.+}}) -> (index)
// CHECK: arith.index_cast %[[P]] : index to i32
// CHECK: memref.store %{{.+}}, %[[LIST]]
// CHECK: arith.cmpf une
// CHECK: arith.select
// CHECK: %[[DENSE:.+]] = arith.cmpi uge
// CHECK: scf.if %[[DENSE]] {
// CHECK: vector.fma
// CHECK: } else {
// CHECK: scf.for %[[Q:.+]] = %{{.+}} to %[[N]] step
// CHECK: memref.load %[[LIST]]
// CHECK-COUNT-8: vector.maskedload %arg1
// CHECK-COUNT-8: vector.fma
// CHECK: %[[INSIDE:.+]] = arith.cmpi ule
// CHECK: scf.if %[[INSIDE]] {
// CHECK: vector.fma
// CHECK: memref.dealloc %[[LIST]] : memref<8x?xi32>
// CHECK-NOT: linalg.generic
// NOSPIKE-LABEL: func.func @spikes
// NOSPIKE-NOT: memref.alloc
// NOSPIKE-NOT: scf.if
// NOSPIKE: vector.fma
func.func @spikes(%a: memref<?x6xf32>, %b: memref<6x200xf32>, %c: memref<?x200xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, p, j) -> (i, p)>, affine_map<(i, p, j) -> (p, j)>,
                                   affine_map<(i, p, j) -> (i, j)>],
                  iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%a, %b : memref<?x6xf32>, memref<6x200xf32>) outs(%c : memref<?x200xf32>)
      attrs = {snnc.spike_input} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  return
}
