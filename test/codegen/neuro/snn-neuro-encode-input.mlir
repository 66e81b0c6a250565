// snn-neuro-encode-input: the target's first usable input mode, or the forced one.
// RUN: snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=%S/Inputs/tiny.json},neuro.program(snn-neuro-encode-input))' | FileCheck %s --check-prefix=CURRENT
// RUN: snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=%S/Inputs/tiny.json},neuro.program(snn-neuro-encode-input{mode=spikes}))' | FileCheck %s --check-prefix=SPIKES
// RUN: not snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=xylo},neuro.program(snn-neuro-encode-input{mode=bias}))' 2>&1 | FileCheck %s --check-prefix=REFUSED
// RUN: not snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=%S/Inputs/tiny.json},neuro.program(snn-neuro-encode-input{mode=graded}))' 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// Proves: the first mode of input.modes is chosen and the first projection runs on the host.
// CURRENT: neuro.input {mode = #neuro.input_mode<current>} : <4>
// CURRENT: neuro.dense %{{.+}} {host, weights =

// Proves: with spikes the first projection stays on the chip (no host marker).
// SPIKES: neuro.input {mode = #neuro.input_mode<spikes>} : <4>
// SPIKES: neuro.dense %{{.+}} {weights =

// Proves: a mode the target does not offer is refused with the modes it does offer.
// REFUSED: error: target 'xylo' does not take input mode 'bias' (input.modes: spikes)

// Proves: an unknown mode is named.
// UNKNOWN: error: unknown input mode 'graded' (expected current, bias or spikes)
