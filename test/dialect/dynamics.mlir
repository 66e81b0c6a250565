// snn.dynamics (the general neuron of imported models) and snn.add in all forms survive
// print → parse → print.
// RUN: snn-opt %s | snn-opt | FileCheck %s

// Proves: an IF neuron (per-neuron thresholds, reset to a value) and a recurrent CubaLIF
// (synapse, subtract reset, recurrent weight) keep every parameter.
// CHECK-LABEL: func.func @graph
// CHECK: snn.dynamics %{{.*}} {decay = dense<1.000000e+00> : tensor<3xf32>, drive = dense<0.000000e+00> : tensor<3xf32>, gain = dense<1.000000e+00> : tensor<3xf32>, threshold = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>, v_reset = dense<0.000000e+00> : tensor<3xf32>} : tensor<?x3xf32>
// CHECK: snn.dynamics %{{.*}} recurrent %{{.*}} : tensor<3x3xf32> {decay = {{.*}}, subtract_reset, synapse_decay = dense<8.000000e-01> : tensor<3xf32>, synapse_gain = dense<2.000000e-01> : tensor<3xf32>, threshold = {{.*}}} : tensor<?x3xf32>
// CHECK: snn.add %{{.*}}, %{{.*}} : tensor<?x3xf32>
func.func @graph(%x: tensor<?x3xf32>, %w: tensor<3x3xf32>) -> tensor<?x3xf32> {
  %z = snn.dynamics %x {decay = dense<1.0> : tensor<3xf32>, gain = dense<1.0> : tensor<3xf32>,
                        drive = dense<0.0> : tensor<3xf32>,
                        threshold = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>,
                        v_reset = dense<0.0> : tensor<3xf32>} : tensor<?x3xf32>
  %r = snn.dynamics %z recurrent %w : tensor<3x3xf32> {
      decay = dense<0.9> : tensor<3xf32>, gain = dense<1.0> : tensor<3xf32>,
      drive = dense<0.0> : tensor<3xf32>, synapse_decay = dense<0.8> : tensor<3xf32>,
      synapse_gain = dense<0.2> : tensor<3xf32>, threshold = dense<1.0> : tensor<3xf32>,
      subtract_reset} : tensor<?x3xf32>
  %s = snn.add %z, %r : tensor<?x3xf32>
  return %s : tensor<?x3xf32>
}

// Proves: the step form carries membrane, current and previous output; the sequence
// form has a leading time dimension.
// CHECK-LABEL: func.func @forms
// CHECK: snn.dynamics.step %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {decay
// CHECK: snn.dynamics.seq %{{.*}} {decay
func.func @forms(%x: tensor<?x2xf32>, %v: tensor<?x2xf32>, %i: tensor<?x2xf32>,
                 %p: tensor<?x2xf32>, %xs: tensor<4x?x2xf32>) -> (tensor<?x2xf32>, tensor<4x?x2xf32>) {
  %o, %v1, %i1 = snn.dynamics.step %x, %v, %i, %p {decay = dense<0.5> : tensor<2xf32>,
      gain = dense<0.5> : tensor<2xf32>, drive = dense<0.1> : tensor<2xf32>} : tensor<?x2xf32>
  %s = snn.dynamics.seq %xs {decay = dense<0.0> : tensor<2xf32>, gain = dense<2.0> : tensor<2xf32>,
      drive = dense<0.0> : tensor<2xf32>} : tensor<4x?x2xf32>
  return %o, %s : tensor<?x2xf32>, tensor<4x?x2xf32>
}
