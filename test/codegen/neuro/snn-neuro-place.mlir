// snn-neuro-place: slices laid along a serpentine path of the mesh; too many cores is an error.
// RUN: snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=%S/Inputs/tiny.json},neuro.program(snn-neuro-encode-input,snn-neuro-quantize,snn-neuro-align-time,snn-neuro-partition,snn-neuro-place))' | FileCheck %s
// RUN: not snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=%S/Inputs/tiny-chip.json},neuro.program(snn-neuro-encode-input,snn-neuro-quantize,snn-neuro-align-time,snn-neuro-partition,snn-neuro-place))' 2>&1 | FileCheck %s --check-prefix=FULL

// Proves: cores are numbered in population order; on a 2x2 mesh the second row runs
// right to left, so core 2 sits under core 1 (one hop from it).
// CHECK: neuro.program @forward_neuro attributes {mesh = array<i64: 2, 2>
// CHECK: cores = array<i64: 0, 1>{{.*}}name = "layer1"
// CHECK: cores = array<i64: 2>{{.*}}name = "layer2"
// CHECK: neuro.core 0 at(0, 0) {count = 2 : i64, first = 0 : i64, layer = "layer1"}
// CHECK-NEXT: neuro.core 1 at(1, 0) {count = 1 : i64, first = 2 : i64, layer = "layer1"}
// CHECK-NEXT: neuro.core 2 at(1, 1) {count = 2 : i64, first = 0 : i64, layer = "layer2"}

// Proves: a network needing more cores than the chip has names the total, the limit and
// each layer's share with the limit that split it.
// FULL: error: the network needs 3 cores > 2 (chip.cores) of target 'tiny-chip': layer1 2 (core.neurons), layer2 1; use a smaller model or a target with larger cores
