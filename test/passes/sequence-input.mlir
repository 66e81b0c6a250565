// Sequence inputs ([N, ..., T], snn.time.current) under both time schedules.
// RUN: snn-opt %s -split-input-file --snn-schedule-layer-by-layer | FileCheck %s --check-prefix=LAYER
// RUN: snn-opt %s -split-input-file --snn-introduce-time-loop | FileCheck %s --check-prefix=STEP
// RUN: snn-opt %s -split-input-file --snn-time-explicit --snn-lower-to-linalg | FileCheck %s --check-prefix=LOWER

// Proves: layer by layer, the sequence is transposed to time-major once and feeds the
// neuron directly (no snn.time.repeat); step by step, it is transposed before the loop and
// sliced at the step index inside it; the transpose lowers to linalg.transpose.
// LAYER-LABEL: func.func @seq
// LAYER-NOT: snn.time.repeat
// LAYER: [[TM:%.+]] = snn.time.from_sequence %arg0 : tensor<?x2x5xf32> -> tensor<5x?x2xf32>
// LAYER: snn.lif.seq [[TM]] : tensor<5x?x2xf32>
// STEP-LABEL: func.func @seq
// STEP: [[TM:%.+]] = snn.time.from_sequence %arg0 : tensor<?x2x5xf32> -> tensor<5x?x2xf32>
// STEP: snn.time_loop steps 5
// STEP: ^bb0([[T:%.+]]: index
// STEP: [[X:%.+]] = tensor.extract_slice [[TM]][[[T]], 0, 0] [1, %{{.+}}, 2] [1, 1, 1] : tensor<5x?x2xf32> to tensor<?x2xf32>
// STEP: snn.lif.step [[X]]
// LOWER-LABEL: func.func @seq
// LOWER: linalg.transpose ins(%arg0 : tensor<?x2x5xf32>) outs(%{{.+}} : tensor<5x?x2xf32>) permutation = [2, 0, 1]
func.func @seq(%s: tensor<?x2x5xf32>) -> tensor<?x2xf32> attributes {snn.time_steps = 5 : i64} {
  %i = snn.time.current %s : tensor<?x2x5xf32> -> tensor<?x2xf32>
  %o = snn.lif %i : tensor<?x2xf32>
  return %o : tensor<?x2xf32>
}
