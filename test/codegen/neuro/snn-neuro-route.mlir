// snn-neuro-route: one link per pair of cores that share a synapse, with its mesh hops.
// RUN: snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=%S/Inputs/tiny.json},neuro.program(snn-neuro-encode-input,snn-neuro-quantize,snn-neuro-align-time,snn-neuro-partition,snn-neuro-place,snn-neuro-route))' | FileCheck %s
// RUN: snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=generic},neuro.program(snn-neuro-encode-input{mode=spikes},snn-neuro-quantize,snn-neuro-align-time,snn-neuro-partition,snn-neuro-place,snn-neuro-route))' | FileCheck %s --check-prefix=HOST

// Proves: layer2 (core 2) takes neurons 0-1 of layer1 from core 0 (two hops: (0,0) to
// (1,1)) and neuron 2 from core 1 (one hop); the host-fed layer has no incoming links.
// CHECK-NOT: neuro.route -1
// CHECK: neuro.route 0 -> 2 {axons = 2 : i64, hops = 2 : i64, neurons = 2 : i64}
// CHECK-NEXT: neuro.route 1 -> 2 {axons = 1 : i64, hops = 1 : i64, neurons = 1 : i64}

// Proves: spike input comes from the host (core -1, no hops); the zero column of
// the first projection (input 2 feeds only neurons 1 and 2) still counts once.
// HOST: neuro.route -1 -> 0 {axons = 4 : i64, hops = 0 : i64, neurons = 4 : i64}
// HOST-NEXT: neuro.route 0 -> 1 {axons = 3 : i64, hops = 1 : i64, neurons = 3 : i64}
