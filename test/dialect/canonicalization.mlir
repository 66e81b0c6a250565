// Folders of the snn dialect: identity pooling, flatten, reshape and dropout vanish.
// RUN: snn-opt %s --canonicalize | FileCheck %s

// Proves: a dropout with rate 0 folds to its input; a non-zero rate is kept.
// CHECK-LABEL: func.func @dropout
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>)
// CHECK-NEXT: %[[D:.+]] = snn.dropout %[[X]] {rate = 5.000000e-01 : f32}
// CHECK-NEXT: return %[[X]], %[[D]]
func.func @dropout(%x: tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  %0 = snn.dropout %x {rate = 0.0 : f32} : tensor<?x4xf32>
  %1 = snn.dropout %x {rate = 0.5 : f32} : tensor<?x4xf32>
  return %0, %1 : tensor<?x4xf32>, tensor<?x4xf32>
}

// Proves: 1x1 pooling with scale 1 is the identity and folds; a 1x1 window with the
// default scale 1.1 and a 2x2 window with scale 1 are kept.
// CHECK-LABEL: func.func @pool
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x2x4x4xf32>)
// CHECK-NEXT: %[[S:.+]] = snn.pool.sum %[[X]] {kernel = array<i64: 1, 1>} : tensor<?x2x4x4xf32> -> tensor<?x2x4x4xf32>
// CHECK-NEXT: %[[W:.+]] = snn.pool.sum %[[X]] {kernel = array<i64: 2, 2>, scale = 1.000000e+00 : f32} : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>
// CHECK-NEXT: return %[[X]], %[[S]], %[[W]]
func.func @pool(%x: tensor<?x2x4x4xf32>)
    -> (tensor<?x2x4x4xf32>, tensor<?x2x4x4xf32>, tensor<?x2x2x2xf32>) {
  %0 = snn.pool.sum %x {kernel = array<i64: 1, 1>, scale = 1.0 : f32} : tensor<?x2x4x4xf32> -> tensor<?x2x4x4xf32>
  %1 = snn.pool.sum %x {kernel = array<i64: 1, 1>} : tensor<?x2x4x4xf32> -> tensor<?x2x4x4xf32>
  %2 = snn.pool.sum %x {kernel = array<i64: 2, 2>, scale = 1.0 : f32} : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>
  return %0, %1, %2 : tensor<?x2x4x4xf32>, tensor<?x2x4x4xf32>, tensor<?x2x2x2xf32>
}

// Proves: flattening a 2-D tensor is the identity and folds; a 4-D flatten is kept.
// CHECK-LABEL: func.func @flatten
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x8xf32>, %[[Y:[^:]+]]: tensor<?x2x2x2xf32>)
// CHECK-NEXT: %[[F:.+]] = snn.flatten %[[Y]] : tensor<?x2x2x2xf32> -> tensor<?x8xf32>
// CHECK-NEXT: return %[[X]], %[[F]]
func.func @flatten(%x: tensor<?x8xf32>, %y: tensor<?x2x2x2xf32>) -> (tensor<?x8xf32>, tensor<?x8xf32>) {
  %0 = snn.flatten %x : tensor<?x8xf32> -> tensor<?x8xf32>
  %1 = snn.flatten %y : tensor<?x2x2x2xf32> -> tensor<?x8xf32>
  return %0, %1 : tensor<?x8xf32>, tensor<?x8xf32>
}

// Proves: a reshape to the same type folds, and a reshape whose producer is a reshape
// from the result type folds to the original value.
// CHECK-LABEL: func.func @reshape
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x8xf32>)
// CHECK-NEXT: %[[R:.+]] = snn.reshape %[[X]] : tensor<?x8xf32> -> tensor<?x2x4xf32>
// CHECK-NEXT: return %[[X]], %[[X]], %[[R]]
func.func @reshape(%x: tensor<?x8xf32>) -> (tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x2x4xf32>) {
  %0 = snn.reshape %x : tensor<?x8xf32> -> tensor<?x8xf32>
  %1 = snn.reshape %x : tensor<?x8xf32> -> tensor<?x2x4xf32>
  %2 = snn.reshape %1 : tensor<?x2x4xf32> -> tensor<?x8xf32>
  return %0, %2, %1 : tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x2x4xf32>
}

// Proves: reshape-of-reshape only folds back to the source type; A -> B -> C with
// C != A is kept as a chain.
// CHECK-LABEL: func.func @reshape_chain
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x8xf32>)
// CHECK-NEXT: %[[A:.+]] = snn.reshape %[[X]] : tensor<?x8xf32> -> tensor<?x2x4xf32>
// CHECK-NEXT: %[[B:.+]] = snn.reshape %[[A]] : tensor<?x2x4xf32> -> tensor<?x4x2xf32>
// CHECK-NEXT: return %[[B]]
func.func @reshape_chain(%x: tensor<?x8xf32>) -> tensor<?x4x2xf32> {
  %0 = snn.reshape %x : tensor<?x8xf32> -> tensor<?x2x4xf32>
  %1 = snn.reshape %0 : tensor<?x2x4xf32> -> tensor<?x4x2xf32>
  return %1 : tensor<?x4x2xf32>
}

// Proves: unused pure ops (neurons included) are erased, while used ones stay.
// CHECK-LABEL: func.func @dead
// CHECK-NOT: snn.psp
// CHECK: %[[L:.+]] = snn.lif
// CHECK-NEXT: return %[[L]]
func.func @dead(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = snn.psp %x : tensor<?x4xf32>
  %1 = snn.lif %x : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}
