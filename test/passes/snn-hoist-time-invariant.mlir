// snn-hoist-time-invariant: a synapse on a held input runs on N rows, not T·N.
// RUN: snn-opt %s --split-input-file --snn-hoist-time-invariant | FileCheck %s

// Proves: a dense synapse on the PSP of a repeated input runs once on the input; the
// repeat and the filter (with its tau_s) move after it and the result is collapsed to
// the same [T·N, C] rows, so its users are unchanged.
// CHECK-LABEL: func.func @dense
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>, %[[W:[^:]+]]: tensor<4x3xf32>)
// CHECK-NEXT: %[[Y:.+]] = snn.synapse.dense %[[X]], %[[W]] : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
// CHECK-NEXT: %[[R:.+]] = snn.time.repeat %[[Y]] : tensor<?x4xf32> -> tensor<5x?x4xf32>
// CHECK-NEXT: %[[P:.+]] = snn.psp.seq %[[R]] {tau_s = 2.000000e+00 : f32} : tensor<5x?x4xf32>
// CHECK-NEXT: %[[ROWS:.+]] = tensor.collapse_shape %[[P]] {{\[\[}}0, 1], [2]] : tensor<5x?x4xf32> into tensor<?x4xf32>
// CHECK-NEXT: return %[[ROWS]]
func.func @dense(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>) -> tensor<?x4xf32> {
  %r = snn.time.repeat %x : tensor<?x3xf32> -> tensor<5x?x3xf32>
  %p = snn.psp.seq %r {tau_s = 2.0 : f32} : tensor<5x?x3xf32>
  %c = tensor.collapse_shape %p [[0, 1], [2]] : tensor<5x?x3xf32> into tensor<?x3xf32>
  %i = snn.synapse.dense %c, %w : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  return %i : tensor<?x4xf32>
}

// -----

// Proves: a convolution with a static batch keeps its attributes and runs on the N = 2
// images; the rows stay T·N = 6. Without a PSP filter only the repeat moves (exact).
// CHECK-LABEL: func.func @conv_static
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x1x4x4xf32>, %[[W:[^:]+]]: tensor<2x1x3x3xf32>)
// CHECK-NEXT: %[[Y:.+]] = snn.synapse.conv2d %[[X]], %[[W]] {pads = array<i64: 1, 1, 1, 1>} : tensor<2x1x4x4xf32>, tensor<2x1x3x3xf32> -> tensor<2x2x4x4xf32>
// CHECK-NEXT: %[[R:.+]] = snn.time.repeat %[[Y]] : tensor<2x2x4x4xf32> -> tensor<3x2x2x4x4xf32>
// CHECK-NEXT: %[[ROWS:.+]] = tensor.collapse_shape %[[R]] {{\[\[}}0, 1], [2], [3], [4]] : tensor<3x2x2x4x4xf32> into tensor<6x2x4x4xf32>
// CHECK-NEXT: return %[[ROWS]]
func.func @conv_static(%x: tensor<2x1x4x4xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<6x2x4x4xf32> {
  %r = snn.time.repeat %x : tensor<2x1x4x4xf32> -> tensor<3x2x1x4x4xf32>
  %c = tensor.collapse_shape %r [[0, 1], [2], [3], [4]] : tensor<3x2x1x4x4xf32> into tensor<6x1x4x4xf32>
  %i = snn.synapse.conv2d %c, %w {pads = array<i64: 1, 1, 1, 1>} : tensor<6x1x4x4xf32>, tensor<2x1x3x3xf32> -> tensor<6x2x4x4xf32>
  return %i : tensor<6x2x4x4xf32>
}

// -----

// Proves: in a training function the weight gradient against the input's PSP takes
// Σ_t c_t δ_t (snn.psp.held.grad, same tau_s) over N rows and the held input, reading
// δ in its [T, N, C] form from before the collapse; the forward synapse is hoisted too
// and the original PSP chain is left without readers.
// CHECK-LABEL: func.func @gradient
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>, %[[W:[^:]+]]: tensor<4x3xf32>, %[[D:[^:]+]]: tensor<5x?x4xf32>)
// CHECK: %[[Y:.+]] = snn.synapse.dense %[[X]], %[[W]]
// CHECK: %[[S:.+]] = snn.psp.held.grad %[[D]] {tau_s = 4.000000e+00 : f32} : tensor<5x?x4xf32> -> tensor<?x4xf32>
// CHECK-NEXT: %[[G:.+]] = snn.synapse.dense.grad_weight %[[S]], %[[X]] : tensor<?x4xf32>, tensor<?x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: return %{{.+}}, %[[G]]
func.func @gradient(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %d: tensor<5x?x4xf32>)
    -> (tensor<?x4xf32>, tensor<4x3xf32>) {
  %r = snn.time.repeat %x : tensor<?x3xf32> -> tensor<5x?x3xf32>
  %p = snn.psp.seq %r {tau_s = 4.0 : f32} : tensor<5x?x3xf32>
  %c = tensor.collapse_shape %p [[0, 1], [2]] : tensor<5x?x3xf32> into tensor<?x3xf32>
  %i = snn.synapse.dense %c, %w : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  %dc = tensor.collapse_shape %d [[0, 1], [2]] : tensor<5x?x4xf32> into tensor<?x4xf32>
  %g = snn.synapse.dense.grad_weight %dc, %c : tensor<?x4xf32>, tensor<?x3xf32> -> tensor<4x3xf32>
  return %i, %g : tensor<?x4xf32>, tensor<4x3xf32>
}

// -----

// Proves: a gradient given as [T·N, ...] rows (not the collapse of a [T, N, ...] value)
// is expanded to [T, N, ...] first; convolution weight gradients keep their pads.
// CHECK-LABEL: func.func @conv_gradient_rows
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x1x4x4xf32>, %[[D:[^:]+]]: tensor<6x2x4x4xf32>)
// CHECK-NEXT: %[[E:.+]] = tensor.expand_shape %[[D]] {{\[\[}}0, 1], [2], [3], [4]] output_shape [3, 2, 2, 4, 4] : tensor<6x2x4x4xf32> into tensor<3x2x2x4x4xf32>
// CHECK-NEXT: %[[S:.+]] = snn.psp.held.grad %[[E]] : tensor<3x2x2x4x4xf32> -> tensor<2x2x4x4xf32>
// CHECK-NEXT: %[[G:.+]] = snn.synapse.conv2d.grad_weight %[[S]], %[[X]] {pads = array<i64: 1, 1, 1, 1>} : tensor<2x2x4x4xf32>, tensor<2x1x4x4xf32> -> tensor<2x1x3x3xf32>
// CHECK-NEXT: return %[[G]]
func.func @conv_gradient_rows(%x: tensor<2x1x4x4xf32>, %d: tensor<6x2x4x4xf32>) -> tensor<2x1x3x3xf32> {
  %r = snn.time.repeat %x : tensor<2x1x4x4xf32> -> tensor<3x2x1x4x4xf32>
  %p = snn.psp.seq %r : tensor<3x2x1x4x4xf32>
  %c = tensor.collapse_shape %p [[0, 1], [2], [3], [4]] : tensor<3x2x1x4x4xf32> into tensor<6x1x4x4xf32>
  %g = snn.synapse.conv2d.grad_weight %d, %c {pads = array<i64: 1, 1, 1, 1>} : tensor<6x2x4x4xf32>, tensor<6x1x4x4xf32> -> tensor<2x1x3x3xf32>
  return %g : tensor<2x1x3x3xf32>
}

// -----

// Proves: what is not a synapse on a held input stays per step: a synapse after a
// neuron on the repeated input, and a synapse on a time-varying sequence.
// CHECK-LABEL: func.func @untouched
// CHECK-NEXT: snn.time.repeat
// CHECK-NEXT: snn.lif.seq
// CHECK-NEXT: tensor.collapse_shape
// CHECK-NEXT: snn.synapse.dense
// CHECK-NEXT: snn.psp.seq
// CHECK-NEXT: tensor.collapse_shape
// CHECK-NEXT: snn.synapse.dense
// CHECK-NEXT: return
func.func @untouched(%x: tensor<?x3xf32>, %s: tensor<5x?x3xf32>, %w: tensor<4x3xf32>)
    -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  %r = snn.time.repeat %x : tensor<?x3xf32> -> tensor<5x?x3xf32>
  %l = snn.lif.seq %r : tensor<5x?x3xf32>
  %lc = tensor.collapse_shape %l [[0, 1], [2]] : tensor<5x?x3xf32> into tensor<?x3xf32>
  %i = snn.synapse.dense %lc, %w : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  %p = snn.psp.seq %s : tensor<5x?x3xf32>
  %pc = tensor.collapse_shape %p [[0, 1], [2]] : tensor<5x?x3xf32> into tensor<?x3xf32>
  %j = snn.synapse.dense %pc, %w : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  return %i, %j : tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// Proves: the held value read as a weight, or a collapse with other groups, is left alone.
// CHECK-LABEL: func.func @as_weight
// CHECK-NEXT: snn.time.repeat
// CHECK-NEXT: tensor.collapse_shape
// CHECK-NEXT: snn.synapse.dense
func.func @as_weight(%x: tensor<2x3xf32>, %a: tensor<?x3xf32>) -> tensor<?x10xf32> {
  %r = snn.time.repeat %x : tensor<2x3xf32> -> tensor<5x2x3xf32>
  %c = tensor.collapse_shape %r [[0, 1], [2]] : tensor<5x2x3xf32> into tensor<10x3xf32>
  %i = snn.synapse.dense %a, %c : tensor<?x3xf32>, tensor<10x3xf32> -> tensor<?x10xf32>
  return %i : tensor<?x10xf32>
}

// -----

// CHECK-LABEL: func.func @other_grouping
// CHECK-NEXT: snn.time.repeat
// CHECK-NEXT: tensor.collapse_shape
// CHECK-NEXT: snn.synapse.dense
func.func @other_grouping(%x: tensor<2x3x1xf32>, %w: tensor<4x3xf32>) -> tensor<10x4xf32> {
  %r = snn.time.repeat %x : tensor<2x3x1xf32> -> tensor<5x2x3x1xf32>
  %c = tensor.collapse_shape %r [[0, 1], [2, 3]] : tensor<5x2x3x1xf32> into tensor<10x3xf32>
  %i = snn.synapse.dense %c, %w : tensor<10x3xf32>, tensor<4x3xf32> -> tensor<10x4xf32>
  return %i : tensor<10x4xf32>
}
