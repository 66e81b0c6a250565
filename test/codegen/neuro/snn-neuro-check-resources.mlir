// snn-neuro-check-resources: every core counted against the limits; the first one over names itself.
// RUN: snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=%S/Inputs/tiny.json},neuro.program(snn-neuro-encode-input,snn-neuro-quantize,snn-neuro-align-time,snn-neuro-partition,snn-neuro-place,snn-neuro-route,snn-neuro-check-resources))' | FileCheck %s
// RUN: not snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=%S/Inputs/tiny-out.json},neuro.program(snn-neuro-encode-input,snn-neuro-quantize,snn-neuro-align-time,snn-neuro-partition,snn-neuro-place,snn-neuro-route,snn-neuro-check-resources))' 2>&1 | FileCheck %s --check-prefix=OVER

// Proves: usage per core: core 2 holds 3 used axons and 4 nonzero synapses of 20 bits
// each plus 20 header bits per axon: 3*20 + 4*20 = 140 bits.
// CHECK: neuro.core 0 at(0, 0) {count = 2 : i64, first = 0 : i64, input_axons = 0 : i64, layer = "layer1", neurons = 2 : i64, output_axons = 2 : i64, synapse_bits = 0 : i64}
// CHECK: neuro.core 2 at(1, 1) {count = 2 : i64, first = 0 : i64, input_axons = 3 : i64, layer = "layer2", neurons = 2 : i64, output_axons = 0 : i64, synapse_bits = 140 : i64}

// Proves: a core whose neurons send to more destinations than it has output axons fails.
// OVER: error: layer1, core 0: output axons 2 > 1 (core.output_axons) of target 'tiny-out'
