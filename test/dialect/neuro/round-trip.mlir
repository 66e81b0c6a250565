// The neuro dialect's ops and types print and parse back unchanged.
// RUN: snn-opt %s | snn-opt | FileCheck %s

// Proves: a quantised, placed and routed program round-trips, every op and attribute kept.
// CHECK-LABEL: neuro.program @net attributes {mesh = array<i64: 2, 2>, output_offset = 1 : i64, run_steps = 4 : i64, target = "generic", time_steps = 3 : i64}
// CHECK: %[[X:.+]] = neuro.input {mode = #neuro.input_mode<current>} : <2>
// CHECK: %[[Q:.+]] = neuro.rescale %[[X]] {max = 127 : i64, min = -127 : i64, scale = 4.500000e+01 : f64} : <2>
// CHECK: %[[C1:.+]] = neuro.dense %[[Q]] {host, weight_exp = -2 : i64, weights = dense<{{\[\[}}1, -2], [3, 0]]> : tensor<2x2xi16>} : <2> -> <2x1x1>
// CHECK: %[[S1:.+]] = neuro.compartment %[[C1]] {cores = array<i64: 0>, current_decay = 1365 : i64, name = "layer1", scale = 1.024000e+03 : f64, slices = array<i64: 2>, step_offset = 0 : i64, threshold = 1024 : i64, voltage_decay = 819 : i64} : <2x1x1> -> <2x1x1>
// CHECK: %[[C2:.+]] = neuro.conv %[[S1]] {pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, weights = dense<1> : tensor<1x2x1x1xi16>} : <2x1x1> -> <1x1x1>
// CHECK: neuro.output %{{.+}} {tau_s = 3.000000e+00 : f32} : <1x1x1>
// CHECK: neuro.core 0 at(0, 0) {count = 2 : i64, first = 0 : i64, layer = "layer1"}
// CHECK: neuro.route -1 -> 0 {axons = 2 : i64, hops = 0 : i64, neurons = 2 : i64}
neuro.program @net attributes {target = "generic", time_steps = 3 : i64, run_steps = 4 : i64,
                               output_offset = 1 : i64, mesh = array<i64: 2, 2>} {
  %x = neuro.input {mode = #neuro.input_mode<current>} : !neuro.spikes<2>
  %q = neuro.rescale %x {scale = 45.0 : f64, min = -127 : i64, max = 127 : i64} : !neuro.spikes<2>
  %c1 = neuro.dense %q {host, weights = dense<[[1, -2], [3, 0]]> : tensor<2x2xi16>, weight_exp = -2 : i64}
      : !neuro.spikes<2> -> !neuro.current<2x1x1>
  %s1 = neuro.compartment %c1 {name = "layer1", current_decay = 1365 : i64, voltage_decay = 819 : i64,
                               threshold = 1024 : i64, scale = 1024.0 : f64, step_offset = 0 : i64,
                               slices = array<i64: 2>, cores = array<i64: 0>}
      : !neuro.current<2x1x1> -> !neuro.spikes<2x1x1>
  %c2 = neuro.conv %s1 {weights = dense<1> : tensor<1x2x1x1xi16>, strides = array<i64: 1, 1>,
                        pads = array<i64: 0, 0, 0, 0>} : !neuro.spikes<2x1x1> -> !neuro.current<1x1x1>
  %s2 = neuro.lif %c2 {name = "layer2", tau_m = 5.0 : f32, tau_s = 3.0 : f32, threshold = 1.0 : f32}
      : !neuro.current<1x1x1> -> !neuro.spikes<1x1x1>
  neuro.output %s2 {tau_s = 3.0 : f32} : !neuro.spikes<1x1x1>
  neuro.core 0 at (0, 0) {layer = "layer1", first = 0 : i64, count = 2 : i64}
  neuro.route -1 -> 0 {neurons = 2 : i64, axons = 2 : i64, hops = 0 : i64}
}
