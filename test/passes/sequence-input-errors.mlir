// Proves: a sequence whose length differs from the model's time steps is rejected by both
// schedules, naming both numbers.
// RUN: snn-opt %s --snn-schedule-layer-by-layer -verify-diagnostics
// RUN: snn-opt %s --snn-introduce-time-loop -verify-diagnostics
func.func @wrong_length(%s: tensor<?x2x4xf32>) -> tensor<?x2xf32> attributes {snn.time_steps = 5 : i64} {
  // expected-error @+1 {{the input sequence has 4 steps but the model runs 5}}
  %i = snn.time.current %s : tensor<?x2x4xf32> -> tensor<?x2xf32>
  %o = snn.lif %i : tensor<?x2xf32>
  return %o : tensor<?x2xf32>
}
