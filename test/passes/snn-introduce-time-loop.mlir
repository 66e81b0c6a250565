// snn-introduce-time-loop: a graph-level function becomes one snn.time_loop over T steps.
// RUN: snn-opt %s --snn-introduce-time-loop | FileCheck %s

snn.parameter @fc1 = dense<0.5> : tensor<4x3xf32>
snn.parameter @fc2 = dense<0.25> : tensor<2x4xf32>

// Proves: every state (psp trace; lif membrane and trace) starts as a zero tensor sized
// from the input's batch, is a loop-carried value in op order, and the yield threads
// each op's next state back; parameters and the input are captured from above; the
// per-step output is stacked to [T, N, C] and returned as traces [N, C, T].
// CHECK-LABEL: func.func @mlp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>, %[[W1:[^:]+]]: tensor<4x3xf32> {snn.parameter = @fc1}, %[[W2:[^:]+]]: tensor<2x4xf32> {snn.parameter = @fc2})
// CHECK-SAME: -> tensor<?x2x3xf32>
// CHECK-SAME: attributes {snn.schedule = "step", snn.time_steps = 3 : i64}
// CHECK: %[[Z0:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[N0:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x3xf32>
// CHECK: %[[S0:.+]] = tensor.splat %[[Z0]][%[[N0]]] : tensor<?x3xf32>
// CHECK: %[[N1:.+]] = tensor.dim %[[X]]
// CHECK: %[[S1:.+]] = tensor.splat %{{.+}}[%[[N1]]] : tensor<?x4xf32>
// CHECK: %[[N2:.+]] = tensor.dim %[[X]]
// CHECK: %[[S2:.+]] = tensor.splat %{{.+}}[%[[N2]]] : tensor<?x4xf32>
// CHECK: %[[N3:.+]] = tensor.dim %[[X]]
// CHECK: %[[S3:.+]] = tensor.splat %{{.+}}[%[[N3]]] : tensor<?x2xf32>
// CHECK: %[[N4:.+]] = tensor.dim %[[X]]
// CHECK: %[[S4:.+]] = tensor.splat %{{.+}}[%[[N4]]] : tensor<?x2xf32>
// CHECK: %[[LOOP:.+]]:6 = snn.time_loop steps 3 carry(%[[S0]], %[[S1]], %[[S2]], %[[S3]], %[[S4]] : tensor<?x3xf32>, tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x2xf32>, tensor<?x2xf32>)
// CHECK-SAME: -> (tensor<3x?x2xf32>, tensor<?x3xf32>, tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x2xf32>, tensor<?x2xf32>) {
// CHECK-NEXT: ^bb0(%{{[^:]+}}: index, %[[Y:[^:]+]]: tensor<?x3xf32>, %[[V1:[^:]+]]: tensor<?x4xf32>, %[[A1:[^:]+]]: tensor<?x4xf32>, %[[V2:[^:]+]]: tensor<?x2xf32>, %[[A2:[^:]+]]: tensor<?x2xf32>):
// CHECK-NEXT: %[[P:.+]] = snn.psp.step %[[X]], %[[Y]] : tensor<?x3xf32>
// CHECK-NEXT: %[[I1:.+]] = snn.synapse.dense %[[P]], %[[W1]]
// CHECK-NEXT: %[[O1:[^,]+]], %[[NV1:[^,]+]], %[[NA1:[^ ]+]] = snn.lif.step %[[I1]], %[[V1]], %[[A1]] {tau_m = 4.000000e+00 : f32} : tensor<?x4xf32>
// CHECK-NEXT: %[[I2:.+]] = snn.synapse.dense %[[O1]], %[[W2]]
// CHECK-NEXT: %[[O2:[^,]+]], %[[NV2:[^,]+]], %[[NA2:[^ ]+]] = snn.lif.step %[[I2]], %[[V2]], %[[A2]] {output = #snn.output<spikes>, threshold = 5.000000e-01 : f32} : tensor<?x2xf32>
// CHECK-NEXT: snn.time.yield outputs %[[O2]] : tensor<?x2xf32> carry %[[P]], %[[NV1]], %[[NA1]], %[[NV2]], %[[NA2]] :
// CHECK-NEXT: }
// CHECK-NEXT: %[[TR:.+]] = snn.time.to_traces %[[LOOP]]#0 : tensor<3x?x2xf32> -> tensor<?x2x3xf32>
// CHECK-NEXT: return %[[TR]] : tensor<?x2x3xf32>
func.func @mlp(%x: tensor<?x3xf32>, %w1: tensor<4x3xf32> {snn.parameter = @fc1},
               %w2: tensor<2x4xf32> {snn.parameter = @fc2}) -> tensor<?x2xf32>
    attributes {snn.time_steps = 3 : i64} {
  %a = snn.psp %x : tensor<?x3xf32>
  %i1 = snn.synapse.dense %a, %w1 : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  %o1 = snn.lif %i1 {tau_m = 4.0 : f32} : tensor<?x4xf32>
  %i2 = snn.synapse.dense %o1, %w2 : tensor<?x4xf32>, tensor<2x4xf32> -> tensor<?x2xf32>
  %o2 = snn.lif %i2 {threshold = 0.5 : f32, output = #snn.output<spikes>} : tensor<?x2xf32>
  return %o2 : tensor<?x2xf32>
}

// Proves: 4-D neuron state (after a convolution) is zero-initialised with the batch
// of the 4-D input, and stateless ops (conv, pooling, flatten) move into the step.
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x1x4x4xf32>, %[[W:[^:]+]]: tensor<2x1x3x3xf32>, %[[V:[^:]+]]: tensor<3x8xf32>)
// CHECK-SAME: -> tensor<?x3x2xf32>
// CHECK: %[[N0:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x1x4x4xf32>
// CHECK: %[[S0:.+]] = tensor.splat %{{.+}}[%[[N0]]] : tensor<?x2x4x4xf32>
// CHECK: %[[N1:.+]] = tensor.dim %[[X]]
// CHECK: %[[S1:.+]] = tensor.splat %{{.+}}[%[[N1]]] : tensor<?x2x4x4xf32>
// CHECK: %[[N2:.+]] = tensor.dim %[[X]]
// CHECK: %[[S2:.+]] = tensor.splat %{{.+}}[%[[N2]]] : tensor<?x3xf32>
// CHECK: %[[N3:.+]] = tensor.dim %[[X]]
// CHECK: %[[S3:.+]] = tensor.splat %{{.+}}[%[[N3]]] : tensor<?x3xf32>
// CHECK: %[[LOOP:.+]]:5 = snn.time_loop steps 2 carry(%[[S0]], %[[S1]], %[[S2]], %[[S3]] :
// CHECK-NEXT: ^bb0(%{{[^:]+}}: index, %[[V1:[^:]+]]: tensor<?x2x4x4xf32>, %[[A1:[^:]+]]: tensor<?x2x4x4xf32>, %[[V2:[^:]+]]: tensor<?x3xf32>, %[[A2:[^:]+]]: tensor<?x3xf32>):
// CHECK-NEXT: %[[C:.+]] = snn.synapse.conv2d %[[X]], %[[W]] {pads = array<i64: 1, 1, 1, 1>}
// CHECK-NEXT: %[[O1:[^,]+]], %[[NV1:[^,]+]], %[[NA1:[^ ]+]] = snn.lif.step %[[C]], %[[V1]], %[[A1]] : tensor<?x2x4x4xf32>
// CHECK-NEXT: %[[P:.+]] = snn.pool.sum %[[O1]]
// CHECK-NEXT: %[[F:.+]] = snn.flatten %[[P]]
// CHECK-NEXT: %[[I:.+]] = snn.synapse.dense %[[F]], %[[V]]
// CHECK-NEXT: %[[O2:[^,]+]], %[[NV2:[^,]+]], %[[NA2:[^ ]+]] = snn.lif.step %[[I]], %[[V2]], %[[A2]] : tensor<?x3xf32>
// CHECK-NEXT: snn.time.yield outputs %[[O2]] : tensor<?x3xf32> carry %[[NV1]], %[[NA1]], %[[NV2]], %[[NA2]] :
// CHECK: snn.time.to_traces %[[LOOP]]#0 : tensor<2x?x3xf32> -> tensor<?x3x2xf32>
func.func @conv(%x: tensor<?x1x4x4xf32>, %w: tensor<2x1x3x3xf32>, %v: tensor<3x8xf32>) -> tensor<?x3xf32>
    attributes {snn.time_steps = 2 : i64} {
  %c = snn.synapse.conv2d %x, %w {pads = array<i64: 1, 1, 1, 1>}
      : tensor<?x1x4x4xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x4x4xf32>
  %o = snn.lif %c : tensor<?x2x4x4xf32>
  %p = snn.pool.sum %o {kernel = array<i64: 2, 2>} : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>
  %f = snn.flatten %p : tensor<?x2x2x2xf32> -> tensor<?x8xf32>
  %i = snn.synapse.dense %f, %v : tensor<?x8xf32>, tensor<3x8xf32> -> tensor<?x3xf32>
  %y = snn.lif %i : tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// Proves: a model without neurons still gets a loop, with no carried state, and a
// static batch gives static stacked outputs and traces.
// CHECK-LABEL: func.func @stateless
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x3xf32>, %[[W:[^:]+]]: tensor<4x3xf32>) -> tensor<2x4x5xf32>
// CHECK-NEXT: %[[L:.+]] = snn.time_loop steps 5 -> (tensor<5x2x4xf32>) {
// CHECK-NEXT: ^bb0(%{{[^:]+}}: index):
// CHECK-NEXT: %[[I:.+]] = snn.synapse.dense %[[X]], %[[W]]
// CHECK-NEXT: snn.time.yield outputs %[[I]] : tensor<2x4xf32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[TR:.+]] = snn.time.to_traces %[[L]] : tensor<5x2x4xf32> -> tensor<2x4x5xf32>
// CHECK-NEXT: return %[[TR]]
func.func @stateless(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>) -> tensor<2x4xf32>
    attributes {snn.time_steps = 5 : i64} {
  %i = snn.synapse.dense %x, %w : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
  return %i : tensor<2x4xf32>
}

// Proves: functions without snn.time_steps are not models and are left alone.
// CHECK-LABEL: func.func @helper
// CHECK-NEXT: %[[P:.+]] = snn.psp
// CHECK-NEXT: return %[[P]] : tensor<?x3xf32>
func.func @helper(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %a = snn.psp %x : tensor<?x3xf32>
  return %a : tensor<?x3xf32>
}

// Proves: a function whose time is already explicit (snn.schedule set) is left alone,
// so running the pass twice is harmless.
// CHECK-LABEL: func.func @explicit
// CHECK-NOT: snn.time_loop
// CHECK: snn.psp.seq
func.func @explicit(%x: tensor<?x3xf32>) -> tensor<?x3x2xf32>
    attributes {snn.schedule = "layer", snn.time_steps = 2 : i64} {
  %r = snn.time.repeat %x : tensor<?x3xf32> -> tensor<2x?x3xf32>
  %p = snn.psp.seq %r : tensor<2x?x3xf32>
  %t = snn.time.to_traces %p : tensor<2x?x3xf32> -> tensor<?x3x2xf32>
  return %t : tensor<?x3x2xf32>
}
