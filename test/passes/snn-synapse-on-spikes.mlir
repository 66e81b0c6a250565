// snn-synapse-on-spikes: a dense synapse after a neuron reads its spikes, then filters.
// RUN: snn-opt %s --split-input-file --snn-synapse-on-spikes | FileCheck %s

// Proves: the neuron (its parameters kept) now emits spikes; every dense synapse that
// read its traces reads the spikes, marked spike_input, and its [T·N, M] product is
// filtered over time with the neuron's tau_s and collapsed back to the same rows.
// CHECK-LABEL: func.func @two_readers
// CHECK-SAME: (%[[X:[^:]+]]: tensor<5x?x4xf32>, %[[W:[^:]+]]: tensor<3x4xf32>, %[[V:[^:]+]]: tensor<2x4xf32>)
// CHECK-NEXT: %[[S:.+]] = snn.lif.seq %[[X]] {output = #snn.output<spikes>, tau_m = 4.000000e+00 : f32, tau_s = 2.000000e+00 : f32} : tensor<5x?x4xf32>
// CHECK-NEXT: %[[SR:.+]] = tensor.collapse_shape %[[S]] {{\[\[}}0, 1], [2]] : tensor<5x?x4xf32> into tensor<?x4xf32>
// CHECK-NEXT: %[[Y:.+]] = snn.synapse.dense %[[SR]], %[[W]] {spike_input} : tensor<?x4xf32>, tensor<3x4xf32> -> tensor<?x3xf32>
// CHECK: %[[YT:.+]] = tensor.expand_shape %[[Y]] {{\[\[}}0, 1], [2]] output_shape [5, %{{.+}}, 3] : tensor<?x3xf32> into tensor<5x?x3xf32>
// CHECK-NEXT: %[[P:.+]] = snn.psp.seq %[[YT]] {tau_s = 2.000000e+00 : f32} : tensor<5x?x3xf32>
// CHECK-NEXT: %[[R:.+]] = tensor.collapse_shape %[[P]] {{\[\[}}0, 1], [2]] : tensor<5x?x3xf32> into tensor<?x3xf32>
// CHECK: snn.synapse.dense %[[SR]], %[[V]] {spike_input}
// CHECK: snn.psp.seq %{{.+}} {tau_s = 2.000000e+00 : f32} : tensor<5x?x2xf32>
// CHECK: return %[[R]]
func.func @two_readers(%x: tensor<5x?x4xf32>, %w: tensor<3x4xf32>, %v: tensor<2x4xf32>)
    -> (tensor<?x3xf32>, tensor<?x2xf32>) {
  %a = snn.lif.seq %x {tau_m = 4.0 : f32, tau_s = 2.0 : f32} : tensor<5x?x4xf32>
  %c = tensor.collapse_shape %a [[0, 1], [2]] : tensor<5x?x4xf32> into tensor<?x4xf32>
  %i = snn.synapse.dense %c, %w : tensor<?x4xf32>, tensor<3x4xf32> -> tensor<?x3xf32>
  %j = snn.synapse.dense %c, %v : tensor<?x4xf32>, tensor<2x4xf32> -> tensor<?x2xf32>
  return %i, %j : tensor<?x3xf32>, tensor<?x2xf32>
}

// -----

// Proves: traces with another reader (returned, or a weight gradient in training),
// a neuron that already emits spikes, and a convolution's neuron are left alone.
// CHECK-LABEL: func.func @untouched
// CHECK-NOT: spike_input
// CHECK: return
func.func @untouched(%x: tensor<5x?x4xf32>, %w: tensor<3x4xf32>, %y: tensor<5x?x2x3x3xf32>,
                     %k: tensor<3x18xf32>)
    -> (tensor<?x3xf32>, tensor<5x?x4xf32>, tensor<?x3xf32>, tensor<?x3xf32>) {
  %a = snn.lif.seq %x : tensor<5x?x4xf32>
  %c = tensor.collapse_shape %a [[0, 1], [2]] : tensor<5x?x4xf32> into tensor<?x4xf32>
  %i = snn.synapse.dense %c, %w : tensor<?x4xf32>, tensor<3x4xf32> -> tensor<?x3xf32>
  %s = snn.lif.seq %x {output = #snn.output<spikes>} : tensor<5x?x4xf32>
  %sc = tensor.collapse_shape %s [[0, 1], [2]] : tensor<5x?x4xf32> into tensor<?x4xf32>
  %j = snn.synapse.dense %sc, %w : tensor<?x4xf32>, tensor<3x4xf32> -> tensor<?x3xf32>
  %m = snn.lif.seq %y : tensor<5x?x2x3x3xf32>
  %mc = tensor.collapse_shape %m [[0, 1], [2], [3], [4]] : tensor<5x?x2x3x3xf32> into tensor<?x2x3x3xf32>
  %f = snn.flatten %mc : tensor<?x2x3x3xf32> -> tensor<?x18xf32>
  %n = snn.synapse.dense %f, %k : tensor<?x18xf32>, tensor<3x18xf32> -> tensor<?x3xf32>
  return %i, %a, %j, %n : tensor<?x3xf32>, tensor<5x?x4xf32>, tensor<?x3xf32>, tensor<?x3xf32>
}
