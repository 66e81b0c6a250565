// snn-neuro-partition: populations split into slices that fit a core; a neuron that cannot fit is an error.
// RUN: snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=%S/Inputs/tiny.json},neuro.program(snn-neuro-encode-input,snn-neuro-quantize,snn-neuro-align-time,snn-neuro-partition))' | FileCheck %s
// RUN: not snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=%S/Inputs/tiny-fanin.json},neuro.program(snn-neuro-encode-input{mode=spikes},snn-neuro-quantize,snn-neuro-align-time,snn-neuro-partition))' 2>&1 | FileCheck %s --check-prefix=NOFIT

// Proves: 3 neurons on 2-neuron cores become slices 2 + 1, limited by core.neurons.
// CHECK: name = "layer1", neuro.limited_by = "core.neurons"{{.*}}slices = array<i64: 2, 1>
// CHECK: name = "layer2"{{.*}}slices = array<i64: 2>

// Proves: with the first projection on the chip, layer1's neuron 0 has 3 inputs, more
// than core.max_fan_in = 2: the error names the layer, the neuron, the limit and the hint.
// NOFIT: error: layer1: neuron 0 alone needs fan-in 3 > 2 (core.max_fan_in) of target 'tiny-fanin'; a neuron's inputs must all reach one core
