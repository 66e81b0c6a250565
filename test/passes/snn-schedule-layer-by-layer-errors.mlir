// snn-schedule-layer-by-layer: models it cannot rewrite are diagnosed, not miscompiled.
// RUN: snn-opt %s -split-input-file --snn-schedule-layer-by-layer -verify-diagnostics

// Proves: a model with two outputs is rejected (the traces are one [N, C, T] value).
// expected-error @+1 {{a model must return one [N, classes] value per step, got '(tensor<?x3xf32>) -> (tensor<?x3xf32>, tensor<?x3xf32>)'}}
func.func @two_outputs(%x: tensor<?x3xf32>) -> (tensor<?x3xf32>, tensor<?x3xf32>)
    attributes {snn.time_steps = 3 : i64} {
  %a = snn.psp %x : tensor<?x3xf32>
  return %a, %a : tensor<?x3xf32>, tensor<?x3xf32>
}

// -----

// Proves: a model whose output is not rank 2 is rejected.
// expected-error @+1 {{a model must return one [N, classes] value per step, got '(tensor<?x1x4x4xf32>) -> tensor<?x1x4x4xf32>'}}
func.func @rank4_output(%x: tensor<?x1x4x4xf32>) -> tensor<?x1x4x4xf32>
    attributes {snn.time_steps = 3 : i64} {
  %a = snn.psp %x : tensor<?x1x4x4xf32>
  return %a : tensor<?x1x4x4xf32>
}

// -----

// Proves: a model needs an input that is not a parameter.
snn.parameter @w = dense<1.0> : tensor<4x3xf32>
// expected-error @+1 {{a model needs an input argument that is not a parameter}}
func.func @no_input(%w: tensor<4x3xf32> {snn.parameter = @w}) -> tensor<4x3xf32>
    attributes {snn.time_steps = 3 : i64} {
  return %w : tensor<4x3xf32>
}

// -----

// Proves: a model function with control flow (several blocks) is rejected.
// expected-error @+1 {{a model function must have a single block}}
func.func @blocks(%x: tensor<?x3xf32>) -> tensor<?x3xf32> attributes {snn.time_steps = 3 : i64} {
  cf.br ^bb1
^bb1:
  return %x : tensor<?x3xf32>
}

// -----

// Proves: an op outside the supported set on a time-varying value is rejected, rather
// than being run on [T, N, ...] values it does not understand.
func.func @foreign_op(%x: tensor<?x3xf32>) -> tensor<?x3xf32> attributes {snn.time_steps = 3 : i64} {
  %a = snn.psp %x : tensor<?x3xf32>
  // expected-error @+1 {{cannot be scheduled layer by layer: only neurons, synapses, pooling, reshapes on the time-varying first operand and sums of time-varying values are supported}}
  %b = arith.addf %a, %a : tensor<?x3xf32>
  return %b : tensor<?x3xf32>
}

// -----

// Proves: a synapse whose weight varies over time (an untagged argument is an input,
// repeated over time) is rejected: one GEMM over T·N rows needs a fixed weight.
func.func @timed_weight(%x: tensor<?x3xf32>, %w: tensor<3x3xf32>) -> tensor<?x3xf32>
    attributes {snn.time_steps = 3 : i64} {
  // expected-error @+1 {{cannot be scheduled layer by layer}}
  %b = snn.synapse.dense %x, %w : tensor<?x3xf32>, tensor<3x3xf32> -> tensor<?x3xf32>
  return %b : tensor<?x3xf32>
}
