// Every op of the snn dialect, with its attributes, survives print → parse → print.
// RUN: snn-opt %s | snn-opt | FileCheck %s

// Proves: parameters print as `@name = value` and the argument tag survives.
// CHECK: snn.parameter @fc1 = dense<5.000000e-01> : tensor<4x3xf32>
// CHECK: snn.parameter @conv1 = dense<1.000000e+00> : tensor<2x1x3x3xf32>
snn.parameter @fc1 = dense<0.5> : tensor<4x3xf32>
snn.parameter @conv1 = dense<1.0> : tensor<2x1x3x3xf32>

// Proves: graph-level neurons, dropout and dense synapses round-trip with a dynamic
// batch; default neuron parameters are elided and `output = spikes` is kept.
// CHECK-LABEL: func.func @graph
// CHECK-SAME: (%[[X:.+]]: tensor<?x3xf32>, %[[W:.+]]: tensor<4x3xf32> {snn.parameter = @fc1}) -> tensor<?x4xf32>
// CHECK-SAME: attributes {snn.time_steps = 5 : i64}
// CHECK: %[[A:.+]] = snn.psp %[[X]] : tensor<?x3xf32>
// CHECK: %[[B:.+]] = snn.psp %[[A]] {tau_s = 2.000000e+00 : f32} : tensor<?x3xf32>
// CHECK: %[[D:.+]] = snn.dropout %[[B]] {rate = 2.000000e-01 : f32} : tensor<?x3xf32>
// CHECK: %[[I:.+]] = snn.synapse.dense %[[D]], %[[W]] : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
// CHECK: %[[O:.+]] = snn.lif %[[I]] {tau_m = 4.000000e+00 : f32, tau_s = 2.000000e+00 : f32, threshold = 5.000000e-01 : f32} : tensor<?x4xf32>
// CHECK: %[[S:.+]] = snn.lif %[[O]] {output = #snn.output<spikes>} : tensor<?x4xf32>
// CHECK: return %[[S]] : tensor<?x4xf32>
func.func @graph(%x: tensor<?x3xf32>, %w: tensor<4x3xf32> {snn.parameter = @fc1}) -> tensor<?x4xf32>
    attributes {snn.time_steps = 5 : i64} {
  %a = snn.psp %x {tau_s = 3.0 : f32} : tensor<?x3xf32>
  %b = snn.psp %a {tau_s = 2.0 : f32} : tensor<?x3xf32>
  %d = snn.dropout %b {rate = 0.2 : f32} : tensor<?x3xf32>
  %i = snn.synapse.dense %d, %w : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  %o = snn.lif %i {tau_m = 4.0 : f32, tau_s = 2.0 : f32, threshold = 0.5 : f32} : tensor<?x4xf32>
  %s = snn.lif %o {output = #snn.output<spikes>} : tensor<?x4xf32>
  return %s : tensor<?x4xf32>
}

// Proves: conv2d keeps pads and strides, pool.sum its kernel and scale, and the
// shape ops their result types.
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[X:.+]]: tensor<?x1x8x8xf32>, %[[W:.+]]: tensor<2x1x3x3xf32> {snn.parameter = @conv1})
// CHECK: %[[C:.+]] = snn.synapse.conv2d %[[X]], %[[W]] {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<?x1x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x4x4xf32>
// CHECK: %[[P:.+]] = snn.pool.sum %[[C]] {kernel = array<i64: 2, 2>, scale = 5.000000e-01 : f32} : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>
// CHECK: %[[F:.+]] = snn.flatten %[[P]] : tensor<?x2x2x2xf32> -> tensor<?x8xf32>
// CHECK: %[[R:.+]] = snn.reshape %[[F]] : tensor<?x8xf32> -> tensor<?x2x4xf32>
// CHECK: %[[U:.+]] = snn.synapse.conv2d %[[X]], %[[W]] : tensor<?x1x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x6x6xf32>
// CHECK: return %[[R]], %[[U]]
func.func @conv(%x: tensor<?x1x8x8xf32>, %w: tensor<2x1x3x3xf32> {snn.parameter = @conv1})
    -> (tensor<?x2x4xf32>, tensor<?x2x6x6xf32>) {
  %c = snn.synapse.conv2d %x, %w {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : tensor<?x1x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x4x4xf32>
  %p = snn.pool.sum %c {kernel = array<i64: 2, 2>, scale = 5.000000e-01 : f32}
      : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>
  %f = snn.flatten %p : tensor<?x2x2x2xf32> -> tensor<?x8xf32>
  %r = snn.reshape %f : tensor<?x8xf32> -> tensor<?x2x4xf32>
  %u = snn.synapse.conv2d %x, %w : tensor<?x1x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x6x6xf32>
  return %r, %u : tensor<?x2x4xf32>, tensor<?x2x6x6xf32>
}

// Proves: snn.bias round-trips on a dense result (rank 2) and a conv map (rank 4) with a
// dynamic batch, its bias taken as a parameter argument.
// CHECK-LABEL: func.func @bias
// CHECK-SAME: (%[[X:.+]]: tensor<?x3xf32>, %[[M:.+]]: tensor<?x2x4x4xf32>, %[[B:.+]]: tensor<3xf32> {snn.parameter = @b3}, %[[C:.+]]: tensor<2xf32>)
// CHECK: %[[Y:.+]] = snn.bias %[[X]], %[[B]] : tensor<?x3xf32>, tensor<3xf32>
// CHECK: %[[Z:.+]] = snn.bias %[[M]], %[[C]] : tensor<?x2x4x4xf32>, tensor<2xf32>
// CHECK: return %[[Y]], %[[Z]]
snn.parameter @b3 = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
func.func @bias(%x: tensor<?x3xf32>, %m: tensor<?x2x4x4xf32>,
                %b: tensor<3xf32> {snn.parameter = @b3}, %c: tensor<2xf32>)
    -> (tensor<?x3xf32>, tensor<?x2x4x4xf32>) {
  %y = snn.bias %x, %b : tensor<?x3xf32>, tensor<3xf32>
  %z = snn.bias %m, %c : tensor<?x2x4x4xf32>, tensor<2xf32>
  return %y, %z : tensor<?x3xf32>, tensor<?x2x4x4xf32>
}

// Proves: the step form — a time_loop with carried state, the step ops and the yield
// with both outputs and carried values — round-trips, as does to_traces.
// CHECK-LABEL: func.func @step
// CHECK-SAME: (%[[X:.+]]: tensor<?x3xf32>, %[[Z:.+]]: tensor<?x3xf32>)
// CHECK: %[[LOOP:.+]]:4 = snn.time_loop steps 5 carry(%[[Z]], %[[Z]], %[[Z]] : tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>) -> (tensor<5x?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>) {
// CHECK-NEXT: ^bb0(%[[T:.+]]: index, %[[Y:.+]]: tensor<?x3xf32>, %[[V:.+]]: tensor<?x3xf32>, %[[A:.+]]: tensor<?x3xf32>):
// CHECK-NEXT: %[[Y1:.+]] = snn.psp.step %[[X]], %[[Y]] {tau_s = 2.000000e+00 : f32} : tensor<?x3xf32>
// CHECK-NEXT: %[[O:[^,]+]], %[[V1:[^,]+]], %[[A1:[^ ]+]] = snn.lif.step %[[Y1]], %[[V]], %[[A]] {output = #snn.output<spikes>, tau_m = 4.000000e+00 : f32} : tensor<?x3xf32>
// CHECK-NEXT: snn.time.yield outputs %[[O]] : tensor<?x3xf32> carry %[[Y1]], %[[V1]], %[[A1]] : tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>
// CHECK-NEXT: }
// CHECK: %[[TR:.+]] = snn.time.to_traces %[[LOOP]]#0 : tensor<5x?x3xf32> -> tensor<?x3x5xf32>
// CHECK: return %[[TR]]
func.func @step(%x: tensor<?x3xf32>, %z: tensor<?x3xf32>) -> tensor<?x3x5xf32> {
  %out, %y, %v, %a = snn.time_loop steps 5 carry(%z, %z, %z : tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>)
      -> (tensor<5x?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>) {
  ^bb0(%t: index, %y0: tensor<?x3xf32>, %v0: tensor<?x3xf32>, %a0: tensor<?x3xf32>):
    %y1 = snn.psp.step %x, %y0 {tau_s = 2.0 : f32} : tensor<?x3xf32>
    %o, %v1, %a1 = snn.lif.step %y1, %v0, %a0 {tau_m = 4.0 : f32, output = #snn.output<spikes>} : tensor<?x3xf32>
    snn.time.yield outputs %o : tensor<?x3xf32> carry %y1, %v1, %a1 : tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>
  }
  %tr = snn.time.to_traces %out : tensor<5x?x3xf32> -> tensor<?x3x5xf32>
  return %tr : tensor<?x3x5xf32>
}

// Proves: a time_loop without carried state (per-step outputs only) round-trips.
// CHECK-LABEL: func.func @stateless_loop
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>)
// CHECK: %[[L:.+]] = snn.time_loop steps 2 -> (tensor<2x4xf32>) {
// CHECK-NEXT: ^bb0(%{{.+}}: index):
// CHECK-NEXT: snn.time.yield outputs %[[X]] : tensor<4xf32>
// CHECK-NEXT: }
// CHECK: return %[[L]]
func.func @stateless_loop(%x: tensor<4xf32>) -> tensor<2x4xf32> {
  %s = snn.time_loop steps 2 -> (tensor<2x4xf32>) {
  ^bb0(%t: index):
    snn.time.yield outputs %x : tensor<4xf32>
  }
  return %s : tensor<2x4xf32>
}

// Proves: the layer-by-layer form — repeat over time, psp.seq and lif.seq with a
// static time dimension and a dynamic batch — round-trips.
// CHECK-LABEL: func.func @layer
// CHECK-SAME: (%[[X:.+]]: tensor<?x3xf32>)
// CHECK: %[[R:.+]] = snn.time.repeat %[[X]] : tensor<?x3xf32> -> tensor<5x?x3xf32>
// CHECK: %[[P:.+]] = snn.psp.seq %[[R]] : tensor<5x?x3xf32>
// CHECK: %[[L:.+]] = snn.lif.seq %[[P]] {output = #snn.output<spikes>, threshold = 2.000000e+00 : f32} : tensor<5x?x3xf32>
// CHECK: %[[TR:.+]] = snn.time.to_traces %[[L]] : tensor<5x?x3xf32> -> tensor<?x3x5xf32>
// CHECK: return %[[TR]]
func.func @layer(%x: tensor<?x3xf32>) -> tensor<?x3x5xf32> attributes {snn.schedule = "layer", snn.time_steps = 5 : i64} {
  %r = snn.time.repeat %x : tensor<?x3xf32> -> tensor<5x?x3xf32>
  %p = snn.psp.seq %r {tau_s = 3.0 : f32} : tensor<5x?x3xf32>
  %l = snn.lif.seq %p {threshold = 2.0 : f32, output = #snn.output<spikes>} : tensor<5x?x3xf32>
  %tr = snn.time.to_traces %l : tensor<5x?x3xf32> -> tensor<?x3x5xf32>
  return %tr : tensor<?x3x5xf32>
}
