// snn-unroll-time: unrolling is refused past 160 ops (steps x ops per step), which bounds compile time.
// RUN: snn-opt %s -split-input-file -verify-diagnostics '--snn-unroll-time=max-steps=4096' \
// RUN:   | FileCheck %s

// Proves: 80 steps of a 2-op step (160 ops, the limit) are unrolled.
// CHECK-LABEL: func.func @at_limit
// CHECK-NOT: snn.time_loop
// CHECK-COUNT-80: snn.psp.step
func.func @at_limit(%x: tensor<?x4xf32>, %y: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %y4 = snn.time_loop steps 80 carry(%y : tensor<?x4xf32>) -> (tensor<?x4xf32>) {
  ^bb0(%t: index, %y0: tensor<?x4xf32>):
    %y1 = snn.psp.step %x, %y0 : tensor<?x4xf32>
    %y2 = snn.psp.step %x, %y1 : tensor<?x4xf32>
    snn.time.yield carry %y2 : tensor<?x4xf32>
  }
  return %y4 : tensor<?x4xf32>
}

// -----

// Proves: one step more is an error that says how many steps of this loop can be
// unrolled, instead of minutes of compilation (128 steps of 784-400-400-10 took 220 s).
func.func @over_limit(%x: tensor<?x4xf32>, %y: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{unrolling 81 time steps of 2 ops each would create 162 ops, more than 160 (compile time grows faster than the unrolled code): at most 80 steps of this model can be unrolled; otherwise keep the time loop (an unroll count below the number of steps, or 0)}}
  %y4 = snn.time_loop steps 81 carry(%y : tensor<?x4xf32>) -> (tensor<?x4xf32>) {
  ^bb0(%t: index, %y0: tensor<?x4xf32>):
    %y1 = snn.psp.step %x, %y0 : tensor<?x4xf32>
    %y2 = snn.psp.step %x, %y1 : tensor<?x4xf32>
    snn.time.yield carry %y2 : tensor<?x4xf32>
  }
  return %y4 : tensor<?x4xf32>
}
