// snn-strip-dropout: every snn.dropout is replaced by its input, wherever it sits.
// RUN: snn-opt %s --snn-strip-dropout | FileCheck %s --implicit-check-not=snn.dropout

// Proves: chained dropouts disappear and their users read the original value.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>, %[[W:[^:]+]]: tensor<2x4xf32>)
// CHECK-NEXT: %[[L:.+]] = snn.lif %[[X]] : tensor<?x4xf32>
// CHECK-NEXT: %[[I:.+]] = snn.synapse.dense %[[L]], %[[W]]
// CHECK-NEXT: return %[[I]]
func.func @chain(%x: tensor<?x4xf32>, %w: tensor<2x4xf32>) -> tensor<?x2xf32> {
  %d0 = snn.dropout %x {rate = 0.1 : f32} : tensor<?x4xf32>
  %l = snn.lif %d0 : tensor<?x4xf32>
  %d1 = snn.dropout %l {rate = 0.5 : f32} : tensor<?x4xf32>
  %d2 = snn.dropout %d1 {rate = 0.2 : f32} : tensor<?x4xf32>
  %i = snn.synapse.dense %d2, %w : tensor<?x4xf32>, tensor<2x4xf32> -> tensor<?x2xf32>
  return %i : tensor<?x2xf32>
}

// Proves: a dropout whose result is returned is replaced in the return too.
// CHECK-LABEL: func.func @returned
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @returned(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %d = snn.dropout %x {rate = 0.3 : f32} : tensor<?x4xf32>
  return %d : tensor<?x4xf32>
}

// Proves: dropouts nested in an snn.time_loop step region are removed as well.
// CHECK-LABEL: func.func @in_loop
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>, %[[W:[^:]+]]: tensor<2x4xf32>)
// CHECK: snn.time_loop steps 2
// CHECK-NEXT: ^bb0(%{{[^:]+}}: index):
// CHECK-NEXT: %[[I:.+]] = snn.synapse.dense %[[X]], %[[W]]
// CHECK-NEXT: snn.time.yield outputs %[[I]]
func.func @in_loop(%x: tensor<?x4xf32>, %w: tensor<2x4xf32>) -> tensor<2x?x2xf32> {
  %0 = snn.time_loop steps 2 -> (tensor<2x?x2xf32>) {
  ^bb0(%t: index):
    %d = snn.dropout %x {rate = 0.3 : f32} : tensor<?x4xf32>
    %i = snn.synapse.dense %d, %w : tensor<?x4xf32>, tensor<2x4xf32> -> tensor<?x2xf32>
    snn.time.yield outputs %i : tensor<?x2xf32>
  }
  return %0 : tensor<2x?x2xf32>
}
