// snn-unroll-time: a negative max-steps is an error, not a pass that silently does nothing.
// RUN: not snn-opt %s '--snn-unroll-time=max-steps=-1' 2>&1 | FileCheck %s
// RUN: not snn-opt %s '--pass-pipeline=builtin.module(func.func(snn-unroll-time{max-steps=-2}))' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NESTED

// Proves: the option is checked whether given as a flag or inside a textual pipeline.
// CHECK: error: snn-unroll-time: max-steps=-1 is negative (expected a number of steps)
// NESTED: error: snn-unroll-time: max-steps=-2 is negative (expected a number of steps)
func.func @empty() {
  return
}
