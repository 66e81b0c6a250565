// snn-time-explicit: the pipeline from graph level to explicit time, per schedule.
// RUN: snn-opt %s --snn-time-explicit | FileCheck %s --check-prefix=LAYER --implicit-check-not=snn.dropout
// RUN: snn-opt %s --snn-time-explicit=schedule=step | FileCheck %s --check-prefix=STEP --implicit-check-not=snn.dropout
// RUN: snn-opt %s '--snn-time-explicit=schedule=step unroll=3' | FileCheck %s --check-prefix=UNROLL --implicit-check-not=snn.dropout
// RUN: snn-opt %s '--snn-time-explicit=schedule=step unroll=2' | FileCheck %s --check-prefix=NOUNROLL
// RUN: snn-opt %s --snn-time-explicit=training=true | FileCheck %s --check-prefix=TRAIN
// RUN: snn-opt %s --snn-time-explicit=hoist-time-invariant=false | FileCheck %s --check-prefix=NOHOIST
// RUN: snn-opt %s '--snn-time-explicit=schedule=step training=true' | FileCheck %s --check-prefix=TRAINSTEP

snn.parameter @fc1 = dense<0.5> : tensor<4x3xf32>
snn.parameter @fc2 = dense<0.25> : tensor<2x4xf32>

// Proves (LAYER, the default): dropout is stripped for inference, the layer-by-layer
// form is produced, the first synapse runs once on the held input
// (snn-hoist-time-invariant), and canonicalisation removes the expand/collapse pairs
// between a neuron and the next synapse, so each synapse reads its neuron's [T·N, C] rows.
// LAYER-LABEL: func.func @forward
// LAYER-SAME: -> tensor<?x2x3xf32> attributes {snn.schedule = "layer", snn.time_steps = 3 : i64}
// LAYER: %[[I1:.+]] = snn.synapse.dense %{{.+}}, %{{.+}} : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
// LAYER-NEXT: %[[R:.+]] = snn.time.repeat %[[I1]] : tensor<?x4xf32> -> tensor<3x?x4xf32>
// LAYER-NEXT: %[[P:.+]] = snn.psp.seq %[[R]] : tensor<3x?x4xf32>
// LAYER-NEXT: %[[O1:.+]] = snn.lif.seq %[[P]] : tensor<3x?x4xf32>
// LAYER-NEXT: %[[O1R:.+]] = tensor.collapse_shape %[[O1]]
// LAYER-NEXT: %[[I2:.+]] = snn.synapse.dense %[[O1R]], %{{.+}} : tensor<?x4xf32>, tensor<2x4xf32> -> tensor<?x2xf32>
// LAYER: %[[I2T:.+]] = tensor.expand_shape %[[I2]]
// LAYER-NEXT: %[[O2:.+]] = snn.lif.seq %[[I2T]] {output = #snn.output<spikes>} : tensor<3x?x2xf32>
// LAYER-NEXT: %[[TR:.+]] = snn.time.to_traces %[[O2]] : tensor<3x?x2xf32> -> tensor<?x2x3xf32>
// LAYER-NEXT: return %[[TR]]

// Proves (NOHOIST): without the hoisting the first synapse reads the input's PSP over
// all T·N rows.
// NOHOIST-LABEL: func.func @forward
// NOHOIST: %[[R:.+]] = snn.time.repeat %{{.+}} : tensor<?x3xf32> -> tensor<3x?x3xf32>
// NOHOIST-NEXT: %[[P:.+]] = snn.psp.seq %[[R]] : tensor<3x?x3xf32>
// NOHOIST-NEXT: %[[PR:.+]] = tensor.collapse_shape %[[P]]
// NOHOIST-NEXT: snn.synapse.dense %[[PR]], %{{.+}} : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>

// Proves (STEP): one time loop; CSE shares the zero state of equal types (the membrane
// and trace of a layer start from the same zero tensor).
// STEP-LABEL: func.func @forward
// STEP-SAME: attributes {snn.schedule = "step", snn.time_steps = 3 : i64}
// STEP: %[[Z:.+]] = arith.constant 0.000000e+00 : f32
// STEP: %[[N:.+]] = tensor.dim %{{.+}}, %{{.+}} : tensor<?x3xf32>
// STEP-NEXT: %[[S3:.+]] = tensor.splat %[[Z]][%[[N]]] : tensor<?x3xf32>
// STEP-NEXT: %[[S4:.+]] = tensor.splat %[[Z]][%[[N]]] : tensor<?x4xf32>
// STEP-NEXT: %[[S2:.+]] = tensor.splat %[[Z]][%[[N]]] : tensor<?x2xf32>
// STEP-NEXT: %[[L:.+]]:6 = snn.time_loop steps 3 carry(%[[S3]], %[[S4]], %[[S4]], %[[S2]], %[[S2]] :
// STEP: snn.psp.step
// STEP: snn.lif.step
// STEP: snn.lif.step
// STEP: snn.time.yield
// STEP: snn.time.to_traces %[[L]]#0

// Proves (UNROLL): with unroll >= T the loop is gone; the three steps fill time
// indices 0, 1 and 2 of the stacked output, which becomes the traces.
// UNROLL-LABEL: func.func @forward
// UNROLL-NOT: snn.time_loop
// UNROLL: %[[E:.+]] = tensor.empty(%{{.+}}) : tensor<3x?x2xf32>
// UNROLL: %[[S0:.+]] = tensor.insert_slice %{{.+}} into %[[E]][0, 0, 0]
// UNROLL: %[[S1:.+]] = tensor.insert_slice %{{.+}} into %[[S0]][1, 0, 0]
// UNROLL: %[[S2:.+]] = tensor.insert_slice %{{.+}} into %[[S1]][2, 0, 0]
// UNROLL-NEXT: %[[TR:.+]] = snn.time.to_traces %[[S2]]
// UNROLL-NEXT: return %[[TR]]

// Proves (NOUNROLL): with unroll < T the loop is kept.
// NOUNROLL-LABEL: func.func @forward
// NOUNROLL: snn.time_loop steps 3

// Proves (TRAIN, TRAINSTEP): training keeps a dropout with a non-zero rate in both
// schedules (layer: on the T·N rows; step: inside the step), while the rate-0 one is
// still folded away by canonicalisation.
// TRAIN-LABEL: func.func @forward
// TRAIN: %[[O1:.+]] = snn.lif.seq
// TRAIN-NEXT: %[[O1R:.+]] = tensor.collapse_shape %[[O1]]
// TRAIN-NEXT: %[[D:.+]] = snn.dropout %[[O1R]] {rate = 2.000000e-01 : f32} : tensor<?x4xf32>
// TRAIN: snn.synapse.dense %[[D]]
// TRAIN-NOT: snn.dropout
// TRAINSTEP-LABEL: func.func @forward
// TRAINSTEP: snn.time_loop
// TRAINSTEP: %[[O1:[^,]+]], %{{.+}} = snn.lif.step
// TRAINSTEP-NEXT: %[[D:.+]] = snn.dropout %[[O1]] {rate = 2.000000e-01 : f32} : tensor<?x4xf32>
// TRAINSTEP-NEXT: snn.synapse.dense %[[D]]
// TRAINSTEP-NOT: snn.dropout
func.func @forward(%x: tensor<?x3xf32>, %w1: tensor<4x3xf32> {snn.parameter = @fc1},
                   %w2: tensor<2x4xf32> {snn.parameter = @fc2}) -> tensor<?x2xf32>
    attributes {snn.time_steps = 3 : i64} {
  %a = snn.psp %x : tensor<?x3xf32>
  %d0 = snn.dropout %a {rate = 0.0 : f32} : tensor<?x3xf32>
  %i1 = snn.synapse.dense %d0, %w1 : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  %o1 = snn.lif %i1 : tensor<?x4xf32>
  %d1 = snn.dropout %o1 {rate = 0.2 : f32} : tensor<?x4xf32>
  %i2 = snn.synapse.dense %d1, %w2 : tensor<?x4xf32>, tensor<2x4xf32> -> tensor<?x2xf32>
  %o2 = snn.lif %i2 {output = #snn.output<spikes>} : tensor<?x2xf32>
  return %o2 : tensor<?x2xf32>
}
