// snn-neuro-align-time: population p runs depth(p) x delay steps late; T + the output's offset steps in all.
// RUN: snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=%S/Inputs/tiny.json},neuro.program(snn-neuro-encode-input,snn-neuro-quantize,snn-neuro-align-time))' | FileCheck %s
// RUN: snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=%S/Inputs/tiny.json},neuro.program(snn-neuro-encode-input{mode=spikes},snn-neuro-quantize,snn-neuro-align-time))' | FileCheck %s --check-prefix=SPIKES

// Proves: a host-fed first layer has depth 0, the next one depth 1 (delay 1): 5 + 1 steps.
// CHECK: neuro.program @forward_neuro attributes {output_offset = 1 : i64, run_steps = 6 : i64
// CHECK: name = "layer1"{{.*}}step_offset = 0 : i64
// CHECK: name = "layer2"{{.*}}step_offset = 1 : i64

// Proves: spike input costs one more step of delay before the first layer.
// SPIKES: neuro.program @forward_neuro attributes {{.*}}output_offset = 2 : i64, run_steps = 7 : i64
// SPIKES: name = "layer1"{{.*}}step_offset = 1 : i64
// SPIKES: name = "layer2"{{.*}}step_offset = 2 : i64
