// snn-time-explicit: option values outside their range are errors, not silent defaults.
// RUN: not snn-opt %s '--snn-time-explicit=schedule=foo' 2>&1 | FileCheck %s --check-prefix=SCHEDULE
// RUN: not snn-opt %s '--snn-time-explicit=schedule=step unroll=-1' 2>&1 | FileCheck %s --check-prefix=UNROLL
// RUN: snn-opt %s '--snn-time-explicit=schedule=step unroll=0' | FileCheck %s --check-prefix=OK
// RUN: snn-opt %s '--snn-time-explicit=schedule=layer' | FileCheck %s --check-prefix=OK

// Proves: an unknown schedule is rejected naming the valid ones (it used to run the
// layer schedule silently); a negative unroll count is rejected; 0 and both valid
// schedules are accepted.
// SCHEDULE: error: snn-time-explicit: unknown schedule 'foo' (expected 'layer' or 'step')
// UNROLL: error: snn-time-explicit: unroll=-1 is negative (expected a number of steps; 0 keeps the time loop)
// OK-LABEL: func.func @empty
func.func @empty() {
  return
}
