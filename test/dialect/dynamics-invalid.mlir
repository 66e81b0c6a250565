// Verifier messages of snn.dynamics in its three forms.
// RUN: snn-opt %s -split-input-file -verify-diagnostics

// Proves: parameters must have the per-sample shape.
func.func @shape(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{parameter 'gain' must be a dense f32 array of the per-sample shape 'tensor<3xf32>'}}
  %z = snn.dynamics %x {decay = dense<1.0> : tensor<3xf32>, gain = dense<1.0> : tensor<4xf32>,
                        drive = dense<0.0> : tensor<3xf32>} : tensor<?x3xf32>
  return %z : tensor<?x3xf32>
}

// -----

// Proves: a synapse needs its decay and its gain.
func.func @synapse(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{a synapse needs both 'synapse_decay' and 'synapse_gain'}}
  %z = snn.dynamics %x {decay = dense<1.0> : tensor<3xf32>, gain = dense<1.0> : tensor<3xf32>,
                        drive = dense<0.0> : tensor<3xf32>,
                        synapse_decay = dense<0.5> : tensor<3xf32>} : tensor<?x3xf32>
  return %z : tensor<?x3xf32>
}

// -----

// Proves: a threshold needs a reset, and a reset a threshold.
func.func @reset(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{a threshold needs a reset: 'v_reset' or 'subtract_reset'}}
  %z = snn.dynamics %x {decay = dense<1.0> : tensor<3xf32>, gain = dense<1.0> : tensor<3xf32>,
                        drive = dense<0.0> : tensor<3xf32>,
                        threshold = dense<1.0> : tensor<3xf32>} : tensor<?x3xf32>
  return %z : tensor<?x3xf32>
}

// -----

func.func @reset_without_threshold(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{a reset needs a 'threshold'}}
  %z = snn.dynamics %x {decay = dense<1.0> : tensor<3xf32>, gain = dense<1.0> : tensor<3xf32>,
                        drive = dense<0.0> : tensor<3xf32>, subtract_reset} : tensor<?x3xf32>
  return %z : tensor<?x3xf32>
}

// -----

// Proves: values must be finite.
func.func @finite(%x: tensor<?x1xf32>) -> tensor<?x1xf32> {
  // expected-error @+1 {{parameter 'decay' holds a value that is not finite}}
  %z = snn.dynamics %x {decay = dense<0x7FC00000> : tensor<1xf32>, gain = dense<1.0> : tensor<1xf32>,
                        drive = dense<0.0> : tensor<1xf32>} : tensor<?x1xf32>
  return %z : tensor<?x1xf32>
}

// -----

// Proves: a recurrent weight is [n, n] for n neurons in a vector.
func.func @recurrent(%x: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{a recurrent weight must be [n, n] for a per-sample shape [n]}}
  %z = snn.dynamics %x recurrent %w : tensor<3x2xf32> {decay = dense<1.0> : tensor<3xf32>,
      gain = dense<1.0> : tensor<3xf32>, drive = dense<0.0> : tensor<3xf32>} : tensor<?x3xf32>
  return %z : tensor<?x3xf32>
}

// -----

// Proves: the sequence form has time and batch before the per-sample shape.
func.func @seq(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{expects a per-sample dimension after the time and batch dimensions}}
  %z = snn.dynamics.seq %x {decay = dense<1.0> : tensor<3xf32>, gain = dense<1.0> : tensor<3xf32>,
                            drive = dense<0.0> : tensor<3xf32>} : tensor<4x3xf32>
  return %z : tensor<4x3xf32>
}
