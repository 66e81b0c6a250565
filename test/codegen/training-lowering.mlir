// convert-snn-to-linalg on the training ops.
// RUN: snn-opt %s -split-input-file --convert-snn-to-linalg | FileCheck %s --implicit-check-not=snn.

// Proves: the TSSL-BP neuron gradient is a loop over time run backwards (t = T-1-i) whose
// state is the two recurrences (G, X), and whose elementwise body has the surrogate's
// exponential, the 1/Δ capped at 8, the spike test and the gate on the trace below
// 1/(4 tau_s) = 0.0833333358 (tau_s = 3).
// CHECK-LABEL: func.func @lif_grad
// CHECK: scf.for %[[I:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[G:.+]] = %{{.+}}, %[[X:.+]] = %{{.+}}, %{{.+}} = %{{.+}})
// CHECK: %[[LAST:.+]] = arith.constant 4 : index
// CHECK: %[[T:.+]] = arith.subi %[[LAST]], %[[I]] : index
// CHECK: linalg.generic
// CHECK-DAG: arith.minimumf %{{.+}}, %{{.+}} : f32
// CHECK-DAG: math.exp
// CHECK-DAG: arith.cmpf olt, %{{.+}}, %{{.+}} : f32
// CHECK: linalg.yield
func.func @lif_grad(%g: tensor<5x?x4xf32>, %u: tensor<5x?x4xf32>, %du: tensor<5x?x4xf32>,
                    %o: tensor<5x?x4xf32>, %a: tensor<5x?x4xf32>) -> tensor<5x?x4xf32> {
  %d = snn.lif.seq.grad %g, %u, %du, %o, %a : tensor<5x?x4xf32>
  return %d : tensor<5x?x4xf32>
}

// -----

// Proves: the kernel loss compares with the doubly filtered desired pattern 01111 for
// T = 5, tau_s = 3 (0, 0.111111, 0.259259, 0.407407, 0.539095) selected by the one-hot
// target, and sums half the squared error into a 0-d tensor.
// CHECK-LABEL: func.func @kernel_loss
// CHECK: arith.constant dense<[0.000000e+00, 0.111111119, 0.259259284, 0.407407463, 0.539094687]> : tensor<5xf32>
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel"]
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "reduction", "reduction"]{{.*}}outs(%{{.+}} : tensor<f32>)
func.func @kernel_loss(%a: tensor<5x?x4xf32>, %t: tensor<?x4xf32>) -> (tensor<f32>, tensor<5x?x4xf32>) {
  %l, %g = snn.loss.kernel %a, %t : tensor<5x?x4xf32>, tensor<?x4xf32> -> tensor<f32>
  return %l, %g : tensor<f32>, tensor<5x?x4xf32>
}

// -----

// Proves: training dropout on conv maps [T, N, C, H, W] is one parallel generic whose key
// uses the sample index (dim 1) times 0x9E3779B97F4A7C15 and the draw c·H + h (H = 4;
// the column index 4 is not read), mixed by SplitMix64, compared with the rate and
// scaled by 1/(1 - 0.25).
// CHECK-LABEL: func.func @dropout_seq
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]
// CHECK-NOT: linalg.index 4
// CHECK-DAG: %[[N:.+]] = linalg.index 1 : index
// CHECK-DAG: linalg.index 2 : index
// CHECK-DAG: linalg.index 3 : index
// CHECK-DAG: arith.constant -7046029254386353131 : i64
// CHECK-DAG: arith.constant -4658895280553007687 : i64
// CHECK-DAG: arith.cmpf oge
// CHECK-DAG: arith.constant 1.33333337 : f32
// CHECK-NOT: linalg.index 4
// CHECK: arith.select
func.func @dropout_seq(%x: tensor<5x?x2x4x3xf32>, %seed: i64) -> tensor<5x?x2x4x3xf32> {
  %0 = snn.dropout.seq %x, %seed {rate = 0.25 : f32, stream = 1 : i64} : tensor<5x?x2x4x3xf32>
  return %0 : tensor<5x?x2x4x3xf32>
}

// -----

// Proves: the held-input PSP adjoint is one generic with time (dim 0) as its outer
// reduction, weighting step t by the filter's unit-step response c_t (tau_s = 2:
// 1/2, 3/4, 7/8) and accumulating into a zero-filled [N, C] tensor.
// CHECK-LABEL: func.func @psp_held_grad
// CHECK-DAG: %[[C:.+]] = arith.constant dense<[5.000000e-01, 7.500000e-01, 8.750000e-01]> : tensor<3xf32>
// CHECK-DAG: %[[N:.+]] = tensor.dim %{{.+}}, %c1
// CHECK: %[[E:.+]] = tensor.empty(%[[N]]) : tensor<?x4xf32>
// CHECK: %[[Z:.+]] = linalg.fill {{.*}} outs(%[[E]] : tensor<?x4xf32>)
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["reduction", "parallel", "parallel"]
// CHECK-SAME: ins(%{{.+}}, %[[C]] : tensor<3x?x4xf32>, tensor<3xf32>) outs(%[[Z]] : tensor<?x4xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @psp_held_grad(%d: tensor<3x?x4xf32>) -> tensor<?x4xf32> {
  %0 = snn.psp.held.grad %d {tau_s = 2.0 : f32} : tensor<3x?x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Proves: the bias gradient is one generic summing the result gradient into a
// zero-filled [C] over every dimension but the channel: loop d0 is the channel
// (parallel, outermost), read as dimension 1 of δ; rows and pixels are reductions.
// CHECK-DAG: #[[GRAD:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, d2, d3)>
// CHECK-DAG: #[[CHAN:.+]] = affine_map<(d0, d1, d2, d3) -> (d0)>
// CHECK-LABEL: func.func @bias_grad
// CHECK-SAME: (%[[D:[^:]+]]: tensor<?x2x3x3xf32>)
// CHECK: %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2xf32>)
// CHECK: %[[G:.+]] = linalg.generic {indexing_maps = [#[[GRAD]], #[[CHAN]]], iterator_types = ["parallel", "reduction", "reduction", "reduction"]} ins(%[[D]] : tensor<?x2x3x3xf32>) outs(%[[ACC]] : tensor<2xf32>)
// CHECK-NEXT: ^bb0(%[[V:[^:]+]]: f32, %[[O:[^:]+]]: f32):
// CHECK-NEXT: %[[S:.+]] = arith.addf %[[O]], %[[V]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[G]]
func.func @bias_grad(%d: tensor<?x2x3x3xf32>) -> tensor<2xf32> {
  %g = snn.bias.grad %d : tensor<?x2x3x3xf32> -> tensor<2xf32>
  return %g : tensor<2xf32>
}
