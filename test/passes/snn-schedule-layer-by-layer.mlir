// snn-schedule-layer-by-layer: each layer runs over all T steps before the next one.
// RUN: snn-opt %s --snn-schedule-layer-by-layer | FileCheck %s

snn.parameter @fc1 = dense<0.5> : tensor<4x3xf32>
snn.parameter @fc2 = dense<0.25> : tensor<2x4xf32>

// Proves: the input is repeated over T; neurons become recurrences over dimension 0
// with their parameters kept; each synapse runs once on the T·N rows obtained by
// collapsing [T, N] (weights are not repeated), and its result is expanded back to
// [T, N, C] with N = rows / T; the output is transposed to traces [N, C, T].
// CHECK-LABEL: func.func @mlp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>, %[[W1:[^:]+]]: tensor<4x3xf32> {snn.parameter = @fc1}, %[[W2:[^:]+]]: tensor<2x4xf32> {snn.parameter = @fc2})
// CHECK-SAME: -> tensor<?x2x3xf32>
// CHECK-SAME: attributes {snn.schedule = "layer", snn.time_steps = 3 : i64}
// CHECK-NEXT: %[[R:.+]] = snn.time.repeat %[[X]] : tensor<?x3xf32> -> tensor<3x?x3xf32>
// CHECK-NEXT: %[[P:.+]] = snn.psp.seq %[[R]] {tau_s = 2.000000e+00 : f32} : tensor<3x?x3xf32>
// CHECK-NEXT: %[[PR:.+]] = tensor.collapse_shape %[[P]] {{\[\[}}0, 1], [2]] : tensor<3x?x3xf32> into tensor<?x3xf32>
// CHECK-NEXT: %[[I1:.+]] = snn.synapse.dense %[[PR]], %[[W1]] : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
// CHECK-NEXT: %[[C0:.+]] = arith.constant 0 : index
// CHECK-NEXT: %[[ROWS:.+]] = tensor.dim %[[I1]], %[[C0]]
// CHECK-NEXT: %[[T:.+]] = arith.constant 3 : index
// CHECK-NEXT: %[[N:.+]] = arith.divsi %[[ROWS]], %[[T]] : index
// CHECK-NEXT: %[[I1T:.+]] = tensor.expand_shape %[[I1]] {{\[\[}}0, 1], [2]] output_shape [3, %[[N]], 4] : tensor<?x4xf32> into tensor<3x?x4xf32>
// CHECK-NEXT: %[[O1:.+]] = snn.lif.seq %[[I1T]] {tau_m = 4.000000e+00 : f32} : tensor<3x?x4xf32>
// CHECK-NEXT: %[[O1R:.+]] = tensor.collapse_shape %[[O1]] {{\[\[}}0, 1], [2]] : tensor<3x?x4xf32> into tensor<?x4xf32>
// CHECK-NEXT: %[[I2:.+]] = snn.synapse.dense %[[O1R]], %[[W2]] : tensor<?x4xf32>, tensor<2x4xf32> -> tensor<?x2xf32>
// CHECK: %[[I2T:.+]] = tensor.expand_shape %[[I2]] {{\[\[}}0, 1], [2]] output_shape [3, %{{.+}}, 2] : tensor<?x2xf32> into tensor<3x?x2xf32>
// CHECK-NEXT: %[[O2:.+]] = snn.lif.seq %[[I2T]] {output = #snn.output<spikes>, threshold = 5.000000e-01 : f32} : tensor<3x?x2xf32>
// CHECK-NEXT: %[[TR:.+]] = snn.time.to_traces %[[O2]] : tensor<3x?x2xf32> -> tensor<?x2x3xf32>
// CHECK-NEXT: return %[[TR]] : tensor<?x2x3xf32>
func.func @mlp(%x: tensor<?x3xf32>, %w1: tensor<4x3xf32> {snn.parameter = @fc1},
               %w2: tensor<2x4xf32> {snn.parameter = @fc2}) -> tensor<?x2xf32>
    attributes {snn.time_steps = 3 : i64} {
  %a = snn.psp %x {tau_s = 2.0 : f32} : tensor<?x3xf32>
  %i1 = snn.synapse.dense %a, %w1 : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  %o1 = snn.lif %i1 {tau_m = 4.0 : f32} : tensor<?x4xf32>
  %i2 = snn.synapse.dense %o1, %w2 : tensor<?x4xf32>, tensor<2x4xf32> -> tensor<?x2xf32>
  %o2 = snn.lif %i2 {threshold = 0.5 : f32, output = #snn.output<spikes>} : tensor<?x2xf32>
  return %o2 : tensor<?x2xf32>
}

// Proves: convolution, pooling, flatten and dropout each run once on [T·N, ...] rows
// (4-D collapse groups [[0, 1], [2], [3], [4]]); with a static batch N = 2 the rows
// are static (T·N = 8) and the expand needs no division.
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x1x4x4xf32>, %[[W:[^:]+]]: tensor<2x1x3x3xf32> {snn.parameter = @c1}, %[[V:[^:]+]]: tensor<3x8xf32> {snn.parameter = @fc})
// CHECK-SAME: -> tensor<2x3x4xf32>
// CHECK-NEXT: %[[R:.+]] = snn.time.repeat %[[X]] : tensor<2x1x4x4xf32> -> tensor<4x2x1x4x4xf32>
// CHECK-NEXT: %[[RR:.+]] = tensor.collapse_shape %[[R]] {{\[\[}}0, 1], [2], [3], [4]] : tensor<4x2x1x4x4xf32> into tensor<8x1x4x4xf32>
// CHECK-NEXT: %[[C:.+]] = snn.synapse.conv2d %[[RR]], %[[W]] {pads = array<i64: 1, 1, 1, 1>} : tensor<8x1x4x4xf32>, tensor<2x1x3x3xf32> -> tensor<8x2x4x4xf32>
// CHECK-NEXT: %[[CT:.+]] = tensor.expand_shape %[[C]] {{\[\[}}0, 1], [2], [3], [4]] output_shape [4, 2, 2, 4, 4] : tensor<8x2x4x4xf32> into tensor<4x2x2x4x4xf32>
// CHECK-NEXT: %[[O:.+]] = snn.lif.seq %[[CT]] : tensor<4x2x2x4x4xf32>
// CHECK-NEXT: %[[OR:.+]] = tensor.collapse_shape %[[O]] {{\[\[}}0, 1], [2], [3], [4]] : tensor<4x2x2x4x4xf32> into tensor<8x2x4x4xf32>
// CHECK-NEXT: %[[P:.+]] = snn.pool.sum %[[OR]] {kernel = array<i64: 2, 2>} : tensor<8x2x4x4xf32> -> tensor<8x2x2x2xf32>
// CHECK-NEXT: %[[PT:.+]] = tensor.expand_shape %[[P]] {{.*}} output_shape [4, 2, 2, 2, 2] : tensor<8x2x2x2xf32> into tensor<4x2x2x2x2xf32>
// CHECK-NEXT: %[[PR:.+]] = tensor.collapse_shape %[[PT]] {{.*}} : tensor<4x2x2x2x2xf32> into tensor<8x2x2x2xf32>
// CHECK-NEXT: %[[F:.+]] = snn.flatten %[[PR]] : tensor<8x2x2x2xf32> -> tensor<8x8xf32>
// CHECK-NEXT: %[[FT:.+]] = tensor.expand_shape %[[F]] {{.*}} : tensor<8x8xf32> into tensor<4x2x8xf32>
// CHECK-NEXT: %[[FR:.+]] = tensor.collapse_shape %[[FT]] {{.*}} : tensor<4x2x8xf32> into tensor<8x8xf32>
// CHECK-NEXT: %[[D:.+]] = snn.dropout %[[FR]] {rate = 2.000000e-01 : f32} : tensor<8x8xf32>
// CHECK-NEXT: %[[DT:.+]] = tensor.expand_shape %[[D]] {{.*}} : tensor<8x8xf32> into tensor<4x2x8xf32>
// CHECK-NEXT: %[[DR:.+]] = tensor.collapse_shape %[[DT]] {{.*}} : tensor<4x2x8xf32> into tensor<8x8xf32>
// CHECK-NEXT: %[[I:.+]] = snn.synapse.dense %[[DR]], %[[V]] : tensor<8x8xf32>, tensor<3x8xf32> -> tensor<8x3xf32>
// CHECK-NEXT: %[[IT:.+]] = tensor.expand_shape %[[I]] {{.*}} : tensor<8x3xf32> into tensor<4x2x3xf32>
// CHECK-NEXT: %[[Y:.+]] = snn.lif.seq %[[IT]] : tensor<4x2x3xf32>
// CHECK-NEXT: %[[TR:.+]] = snn.time.to_traces %[[Y]] : tensor<4x2x3xf32> -> tensor<2x3x4xf32>
// CHECK-NEXT: return %[[TR]]
snn.parameter @c1 = dense<0.1> : tensor<2x1x3x3xf32>
snn.parameter @fc = dense<0.2> : tensor<3x8xf32>
func.func @conv(%x: tensor<2x1x4x4xf32>, %w: tensor<2x1x3x3xf32> {snn.parameter = @c1},
                %v: tensor<3x8xf32> {snn.parameter = @fc}) -> tensor<2x3xf32>
    attributes {snn.time_steps = 4 : i64} {
  %c = snn.synapse.conv2d %x, %w {pads = array<i64: 1, 1, 1, 1>}
      : tensor<2x1x4x4xf32>, tensor<2x1x3x3xf32> -> tensor<2x2x4x4xf32>
  %o = snn.lif %c : tensor<2x2x4x4xf32>
  %p = snn.pool.sum %o {kernel = array<i64: 2, 2>} : tensor<2x2x4x4xf32> -> tensor<2x2x2x2xf32>
  %f = snn.flatten %p : tensor<2x2x2x2xf32> -> tensor<2x8xf32>
  %d = snn.dropout %f {rate = 0.2 : f32} : tensor<2x8xf32>
  %i = snn.synapse.dense %d, %v : tensor<2x8xf32>, tensor<3x8xf32> -> tensor<2x3xf32>
  %y = snn.lif %i : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// Proves: a value derived from parameters only (here a reshape of a weight) is not
// repeated over time and is computed once.
// CHECK-LABEL: func.func @weight_reshape
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>, %[[WF:[^:]+]]: tensor<4x3xf32> {snn.parameter = @fc1})
// CHECK-NEXT: %[[R:.+]] = snn.time.repeat %[[X]]
// CHECK-NEXT: %[[W:.+]] = snn.reshape %[[WF]] : tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[XR:.+]] = tensor.collapse_shape %[[R]]
// CHECK-NEXT: snn.synapse.dense %[[XR]], %[[W]]
func.func @weight_reshape(%x: tensor<?x3xf32>, %wf: tensor<4x3xf32> {snn.parameter = @fc1}) -> tensor<?x4xf32>
    attributes {snn.time_steps = 2 : i64} {
  %w = snn.reshape %wf : tensor<4x3xf32> -> tensor<4x3xf32>
  %i = snn.synapse.dense %x, %w : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  return %i : tensor<?x4xf32>
}

// Proves: functions that are not graph-level models (no snn.time_steps, or an
// snn.schedule already set) are left alone.
// CHECK-LABEL: func.func @helper
// CHECK-NEXT: snn.psp %{{.+}} : tensor<?x3xf32>
// CHECK-LABEL: func.func @explicit
// CHECK-NOT: snn.time.repeat
// CHECK: snn.time_loop steps 2
func.func @helper(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %a = snn.psp %x : tensor<?x3xf32>
  return %a : tensor<?x3xf32>
}
func.func @explicit(%x: tensor<?x3xf32>) -> tensor<?x3x2xf32>
    attributes {snn.schedule = "step", snn.time_steps = 2 : i64} {
  %s = snn.time_loop steps 2 -> (tensor<2x?x3xf32>) {
  ^bb0(%t: index):
    snn.time.yield outputs %x : tensor<?x3xf32>
  }
  %t = snn.time.to_traces %s : tensor<2x?x3xf32> -> tensor<?x3x2xf32>
  return %t : tensor<?x3x2xf32>
}

// Proves: a bias is stateless like a synapse: one snn.bias on the T·N rows, its bias
// (a parameter) not repeated over time.
// CHECK-LABEL: func.func @bias
// CHECK-SAME: %[[B:[^:]+]]: tensor<4xf32> {snn.parameter = @b1})
// CHECK: %[[I:.+]] = snn.synapse.dense
// CHECK: %[[IT:.+]] = tensor.expand_shape %[[I]]
// CHECK-NEXT: %[[IR:.+]] = tensor.collapse_shape %[[IT]] {{\[\[}}0, 1], [2]] : tensor<3x?x4xf32> into tensor<?x4xf32>
// CHECK-NEXT: %[[IB:.+]] = snn.bias %[[IR]], %[[B]] : tensor<?x4xf32>, tensor<4xf32>
// CHECK: tensor.expand_shape %[[IB]] {{\[\[}}0, 1], [2]] output_shape [3, %{{.+}}, 4] : tensor<?x4xf32> into tensor<3x?x4xf32>
// CHECK-NEXT: snn.lif.seq
snn.parameter @b1 = dense<0.5> : tensor<4xf32>
func.func @bias(%x: tensor<?x3xf32>, %w1: tensor<4x3xf32> {snn.parameter = @fc1},
                %b1: tensor<4xf32> {snn.parameter = @b1}) -> tensor<?x4xf32>
    attributes {snn.time_steps = 3 : i64} {
  %a = snn.psp %x : tensor<?x3xf32>
  %i = snn.synapse.dense %a, %w1 : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  %ib = snn.bias %i, %b1 : tensor<?x4xf32>, tensor<4xf32>
  %o = snn.lif %ib : tensor<?x4xf32>
  return %o : tensor<?x4xf32>
}
