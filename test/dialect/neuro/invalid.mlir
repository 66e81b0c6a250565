// Verifier errors of the neuro dialect, one case per rule.
// RUN: snn-opt %s --split-input-file --verify-diagnostics

// Proves: a program needs exactly one input.
// expected-error @+1 {{needs exactly one neuro.input, got 0}}
neuro.program @p attributes {target = "generic", time_steps = 5 : i64} {
}

// -----

// Proves: time steps are bounded like snn.time_steps.
// expected-error @+1 {{time_steps must be in [1, 100000], got 0}}
neuro.program @p attributes {target = "generic", time_steps = 0 : i64} {
  %x = neuro.input : !neuro.spikes<2>
}

// -----

neuro.program @p attributes {target = "generic", time_steps = 5 : i64} {
  %x = neuro.input : !neuro.spikes<2>
  // Proves: dense weights are [targets, sources].
  // expected-error @+1 {{weights must be [3, 2] (targets, sources)}}
  %c = neuro.dense %x {weights = dense<1.0> : tensor<2x3xf32>} : !neuro.spikes<2> -> !neuro.current<3>
}

// -----

neuro.program @p attributes {target = "generic", time_steps = 5 : i64} {
  %x = neuro.input : !neuro.spikes<2>
  // Proves: weights are f32 before quantisation or i16 after it, nothing else.
  // expected-error @+1 {{weights must be f32 or i16, got 'i32'}}
  %c = neuro.dense %x {weights = dense<1> : tensor<3x2xi32>} : !neuro.spikes<2> -> !neuro.current<3>
}

// -----

neuro.program @p attributes {target = "generic", time_steps = 5 : i64} {
  %x = neuro.input : !neuro.spikes<1x4x4>
  // Proves: the conv result follows from the geometry.
  // expected-error @+1 {{result must be [2, 2, 2]}}
  %c = neuro.conv %x {weights = dense<1.0> : tensor<2x1x3x3xf32>, strides = array<i64: 1, 1>,
                      pads = array<i64: 0, 0, 0, 0>} : !neuro.spikes<1x4x4> -> !neuro.current<2x4x4>
}

// -----

neuro.program @p attributes {target = "generic", time_steps = 5 : i64} {
  %x = neuro.input : !neuro.spikes<2>
  %c = neuro.dense %x {weights = dense<1.0> : tensor<2x2xf32>} : !neuro.spikes<2> -> !neuro.current<2>
  // Proves: a float neuron needs time constants of at least one step.
  // expected-error @+1 {{tau_m and tau_s must be finite and at least 1}}
  %s = neuro.lif %c {name = "l", tau_m = 0.5 : f32, tau_s = 3.0 : f32, threshold = 1.0 : f32}
      : !neuro.current<2> -> !neuro.spikes<2>
}

// -----

neuro.program @p attributes {target = "generic", time_steps = 5 : i64} {
  %x = neuro.input : !neuro.spikes<2>
  %c = neuro.dense %x {weights = dense<1> : tensor<2x2xi16>} : !neuro.spikes<2> -> !neuro.current<2>
  // Proves: slices must cover the population exactly.
  // expected-error @+1 {{slices cover 3 neurons of 2}}
  %s = neuro.compartment %c {name = "l", current_decay = 1 : i64, voltage_decay = 1 : i64,
                             threshold = 10 : i64, scale = 1.0 : f64, slices = array<i64: 2, 1>}
      : !neuro.current<2> -> !neuro.spikes<2>
}

// -----

neuro.program @p attributes {target = "generic", time_steps = 5 : i64} {
  %x = neuro.input : !neuro.spikes<2>
  %c = neuro.dense %x {weights = dense<1> : tensor<2x2xi16>} : !neuro.spikes<2> -> !neuro.current<2>
  // Proves: an integer neuron's threshold is positive.
  // expected-error @+1 {{threshold must be positive, got 0}}
  %s = neuro.compartment %c {name = "l", current_decay = 1 : i64, voltage_decay = 1 : i64,
                             threshold = 0 : i64, scale = 1.0 : f64}
      : !neuro.current<2> -> !neuro.spikes<2>
}

// -----

neuro.program @p attributes {target = "generic", time_steps = 5 : i64} {
  // Proves: the input rescale needs min <= max.
  %x = neuro.input : !neuro.spikes<2>
  // expected-error @+1 {{min 5 exceeds max 1}}
  %q = neuro.rescale %x {scale = 1.0 : f64, min = 5 : i64, max = 1 : i64} : !neuro.spikes<2>
}

// -----

// Proves: event streams have positive dimensions.
// expected-error @+1 {{dimensions must be positive, got 0}}
func.func private @f() -> !neuro.spikes<0>
