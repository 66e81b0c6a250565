// convert-snn-to-linalg: time-explicit snn ops become linalg/tensor/scf on tensors.
// RUN: snn-opt %s --convert-snn-to-linalg | FileCheck %s --implicit-check-not=snn.
// RUN: snn-opt %s --convert-snn-to-linalg | FileCheck %s --check-prefix=STRIDE

// CHECK-DAG: #[[IN_NK:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[WT_KM:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[OUT_NM:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[COLS_S2:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d3 * 2 + d1, d4 * 2 + d2)>
// CHECK-DAG: #[[ID5:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
// CHECK-DAG: #[[COLS_S1:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 + d3, d2 + d4)>
// CHECK-DAG: #[[ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CH2:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[CH4:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>

// Proves: a dense synapse transposes its [M, K] weight to [K, M] and is the contraction
// out[n, m] += in[n, k] * wt[k, m] with loop order (n, k, m): the innermost loop runs over
// m, contiguous in the weight and the output, and the sum over k keeps its order (no
// fast-math flags). The result is zero-filled [N, M] with the batch of the input.
// CHECK-LABEL: func.func @dense
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>, %[[W:[^:]+]]: tensor<4x3xf32>)
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x3xf32>
// CHECK: %[[E:.+]] = tensor.empty(%[[N]]) : tensor<?x4xf32>
// CHECK: %[[ACC:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<?x4xf32>)
// CHECK: %[[WT:.+]] = linalg.transpose ins(%[[W]] : tensor<4x3xf32>) outs(%{{.+}} : tensor<3x4xf32>) permutation = [1, 0]
// CHECK: %[[R:.+]] = linalg.generic {indexing_maps = [#[[IN_NK]], #[[WT_KM]], #[[OUT_NM]]], iterator_types = ["parallel", "reduction", "parallel"]} ins(%[[X]], %[[WT]] : tensor<?x3xf32>, tensor<3x4xf32>) outs(%[[ACC]] : tensor<?x4xf32>)
// CHECK-NEXT: ^bb0(%[[A:[^:]+]]: f32, %[[B:[^:]+]]: f32, %[[O:[^:]+]]: f32):
// CHECK-NEXT: %[[P:.+]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK-NEXT: %[[S:.+]] = arith.addf %[[O]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
func.func @dense(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>) -> tensor<?x4xf32> {
  %0 = snn.synapse.dense %x, %w : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// Proves: a padded convolution zero-pads [top, left] low and [bottom, right] high on
// H and W only, then loops over the rows: im2col of one padded row (the input map applies
// the strides, oh * 2 + kh and ow * 2 + kw) collapsed to [C·KH·KW, OH·OW], one 2-D matrix
// product with the weight collapsed to [F, C·KH·KW] (the form the CPU micro-kernels take),
// and the [F, OH, OW] result inserted at the row. Without pads and strides the input is
// used directly with a unit-stride im2col.
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x1x8x8xf32>, %[[W:[^:]+]]: tensor<2x1x3x3xf32>)
// CHECK: %[[PAD:.+]] = tensor.pad %[[X]] low[0, 0, 1, 0] high[0, 0, 2, 1]
// CHECK: } : tensor<?x1x8x8xf32> to tensor<?x1x11x9xf32>
// CHECK: %[[W2:.+]] = tensor.collapse_shape %[[W]] {{\[}}[0], [1, 2, 3]] : tensor<2x1x3x3xf32> into tensor<2x9xf32>
// CHECK: %[[C:.+]] = scf.for %[[R:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[ACC:.+]] = %{{.+}}) -> (tensor<?x2x5x4xf32>)
// CHECK: %[[ROW:.+]] = tensor.extract_slice %[[PAD]][%[[R]], 0, 0, 0] [1, 1, 11, 9]
// CHECK: %[[COLS:.+]] = linalg.generic {indexing_maps = [#[[COLS_S2]], #[[ID5]]], {{.*}} ins(%[[ROW]] : tensor<1x11x9xf32>) outs(%{{.+}} : tensor<1x3x3x5x4xf32>)
// CHECK: %[[COLS2:.+]] = tensor.collapse_shape %[[COLS]] {{\[}}[0, 1, 2], [3, 4]] : tensor<1x3x3x5x4xf32> into tensor<9x20xf32>
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#[[IN_NK]], #[[WT_KM]], #[[OUT_NM]]], iterator_types = ["parallel", "reduction", "parallel"]} ins(%[[W2]], %[[COLS2]] : tensor<2x9xf32>, tensor<9x20xf32>) outs(%{{.+}} : tensor<2x20xf32>)
// CHECK: %[[Y3:.+]] = tensor.expand_shape %[[Y]] {{\[}}[0], [1, 2]] output_shape [2, 5, 4]
// CHECK: tensor.insert_slice %[[Y3]] into %[[ACC]][%[[R]], 0, 0, 0] [1, 2, 5, 4]
// CHECK-NOT: tensor.pad
// CHECK: scf.for
// CHECK: tensor.extract_slice %[[X]]
// CHECK: linalg.generic {indexing_maps = [#[[COLS_S1]], #[[ID5]]], {{.*}} outs(%{{.+}} : tensor<1x3x3x6x6xf32>)
// CHECK: return %[[C]], %{{.+}} : tensor<?x2x5x4xf32>, tensor<?x2x6x6xf32>
func.func @conv(%x: tensor<?x1x8x8xf32>, %w: tensor<2x1x3x3xf32>)
    -> (tensor<?x2x5x4xf32>, tensor<?x2x6x6xf32>) {
  %0 = snn.synapse.conv2d %x, %w {pads = array<i64: 1, 0, 2, 1>, strides = array<i64: 2, 2>}
      : tensor<?x1x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x5x4xf32>
  %1 = snn.synapse.conv2d %x, %w : tensor<?x1x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x6x6xf32>
  return %0, %1 : tensor<?x2x5x4xf32>, tensor<?x2x6x6xf32>
}

// Proves: scaled sum pooling is linalg.pooling_nchw_sum over a k×k window (odd rows
// and columns dropped: 4x5 pools to 2x2) followed by an in-place multiply by the scale;
// with scale 1 there is no multiply. The STRIDE prefix checks non-overlapping windows (stride = k).
// CHECK-LABEL: func.func @pool
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x2x4x5xf32>)
// CHECK: %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<?x2x2x2xf32>)
// CHECK: %[[WIN:.+]] = tensor.empty() : tensor<2x2xf32>
// CHECK: %[[SUM:.+]] = linalg.pooling_nchw_sum {{.*}}ins(%[[X]], %[[WIN]] : tensor<?x2x4x5xf32>, tensor<2x2xf32>) outs(%[[ACC]] : tensor<?x2x2x2xf32>)
// CHECK: %[[SCALED:.+]] = linalg.generic {indexing_maps = [#[[ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%[[SUM]] : tensor<?x2x2x2xf32>)
// CHECK-NEXT: ^bb0(%[[V:[^:]+]]: f32):
// CHECK-NEXT: %[[K:.+]] = arith.constant 1.100000e+00 : f32
// CHECK-NEXT: %[[M:.+]] = arith.mulf %[[V]], %[[K]] : f32
// CHECK-NEXT: linalg.yield %[[M]] : f32
// CHECK: %[[SUM1:.+]] = linalg.pooling_nchw_sum
// CHECK-NOT: linalg.generic
// CHECK: return %[[SCALED]], %[[SUM1]]
// STRIDE-LABEL: func.func @pool
// STRIDE: linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
func.func @pool(%x: tensor<?x2x4x5xf32>) -> (tensor<?x2x2x2xf32>, tensor<?x2x2x2xf32>) {
  %0 = snn.pool.sum %x {kernel = array<i64: 2, 2>} : tensor<?x2x4x5xf32> -> tensor<?x2x2x2xf32>
  %1 = snn.pool.sum %x {kernel = array<i64: 2, 2>, scale = 1.0 : f32} : tensor<?x2x4x5xf32> -> tensor<?x2x2x2xf32>
  return %0, %1 : tensor<?x2x2x2xf32>, tensor<?x2x2x2xf32>
}

// Proves: flatten collapses every dimension after the batch (row-major); reshape
// collapses then expands, keeping the batch.
// CHECK-LABEL: func.func @shapes
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x2x2x2xf32>)
// CHECK: %[[F:.+]] = tensor.collapse_shape %[[X]] {{\[\[}}0], [1, 2, 3]] : tensor<?x2x2x2xf32> into tensor<?x8xf32>
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %[[X]] {{\[\[}}0], [1, 2, 3]] : tensor<?x2x2x2xf32> into tensor<?x8xf32>
// CHECK: %[[N:.+]] = tensor.dim %[[FLAT]]
// CHECK: %[[R:.+]] = tensor.expand_shape %[[FLAT]] {{\[\[}}0], [1, 2]] output_shape [%[[N]], 4, 2] : tensor<?x8xf32> into tensor<?x4x2xf32>
// CHECK: return %[[F]], %[[R]]
func.func @shapes(%x: tensor<?x2x2x2xf32>) -> (tensor<?x8xf32>, tensor<?x4x2xf32>) {
  %0 = snn.flatten %x : tensor<?x2x2x2xf32> -> tensor<?x8xf32>
  %1 = snn.reshape %x : tensor<?x2x2x2xf32> -> tensor<?x4x2xf32>
  return %0, %1 : tensor<?x8xf32>, tensor<?x4x2xf32>
}

// Proves: lif.seq is an scf.for over the T = 5 steps whose iteration arguments are the
// membrane and trace (zero before step 0, sized [N, C] from dimension 1 of the input)
// and the [T, N, C] result; each iteration reads slice t, updates elementwise
//   u = v + (I - v/τm), fire = u > θ (ordered, strict), v' = fire ? 0 : u,
//   a' = (1 - 1/τs)·a + fire/τs,
// emits a' (output = psp) and writes it to slice t.
// CHECK-LABEL: func.func @lif_seq
// CHECK-SAME: (%[[I:[^:]+]]: tensor<5x?x4xf32>)
// CHECK: %[[N:.+]] = tensor.dim %[[I]], %{{.+}} : tensor<5x?x4xf32>
// CHECK: %[[Z:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[V0:.+]] = linalg.fill ins(%[[Z]] : f32) outs(%{{.+}} : tensor<?x4xf32>)
// CHECK: %[[A0:.+]] = linalg.fill ins(%[[Z]] : f32) outs(%{{.+}} : tensor<?x4xf32>)
// CHECK: %[[OUT0:.+]] = tensor.empty(%{{.+}}) : tensor<5x?x4xf32>
// CHECK: %[[LB:.+]] = arith.constant 0 : index
// CHECK: %[[UB:.+]] = arith.constant 5 : index
// CHECK: %[[ST:.+]] = arith.constant 1 : index
// CHECK: %[[LOOP:.+]]:3 = scf.for %[[T:.+]] = %[[LB]] to %[[UB]] step %[[ST]] iter_args(%[[V:.+]] = %[[V0]], %[[A:.+]] = %[[A0]], %[[OUT:.+]] = %[[OUT0]]) -> (tensor<?x4xf32>, tensor<?x4xf32>, tensor<5x?x4xf32>) {
// CHECK: %[[IT:.+]] = tensor.extract_slice %[[I]][%[[T]], 0, 0] [1, %{{.+}}, 4] [1, 1, 1] : tensor<5x?x4xf32> to tensor<?x4xf32>
// CHECK: %[[OT:.+]] = tensor.extract_slice %[[OUT]][%[[T]], 0, 0]
// CHECK: %[[UPD:.+]]:3 = linalg.generic {indexing_maps = [#[[ID2]], #[[ID2]], #[[ID2]], #[[ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[IT]] : tensor<?x4xf32>) outs(%[[V]], %[[A]], %[[OT]] : tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>)
// CHECK-NEXT: ^bb0(%[[CUR:[^:]+]]: f32, %[[VM:[^:]+]]: f32, %[[TR:[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: %[[INV_TAU_M:.+]] = arith.constant 2.500000e-01 : f32
// CHECK-NEXT: %[[LEAK:.+]] = arith.mulf %[[VM]], %[[INV_TAU_M]] : f32
// CHECK-NEXT: %[[DU:.+]] = arith.subf %[[CUR]], %[[LEAK]] : f32
// CHECK-NEXT: %[[U:.+]] = arith.addf %[[VM]], %[[DU]] : f32
// CHECK-NEXT: %[[TH:.+]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[FIRE:.+]] = arith.cmpf ogt, %[[U]], %[[TH]] : f32
// CHECK-NEXT: %[[F0:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[F1:.+]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[SPIKE:.+]] = arith.select %[[FIRE]], %[[F1]], %[[F0]] : f32
// CHECK-NEXT: %[[NV:.+]] = arith.select %[[FIRE]], %[[F0]], %[[U]] : f32
// CHECK-NEXT: %[[ALPHA_S:.+]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[DECAY:.+]] = arith.mulf %[[ALPHA_S]], %[[TR]] : f32
// CHECK-NEXT: %[[INV_TAU_S:.+]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[ADD:.+]] = arith.mulf %[[INV_TAU_S]], %[[SPIKE]] : f32
// CHECK-NEXT: %[[NA:.+]] = arith.addf %[[DECAY]], %[[ADD]] : f32
// CHECK-NEXT: linalg.yield %[[NV]], %[[NA]], %[[NA]] : f32, f32, f32
// CHECK: %[[NEWOUT:.+]] = tensor.insert_slice %[[UPD]]#2 into %[[OUT]][%[[T]], 0, 0] [1, %{{.+}}, 4] [1, 1, 1] : tensor<?x4xf32> into tensor<5x?x4xf32>
// CHECK-NEXT: scf.yield %[[UPD]]#0, %[[UPD]]#1, %[[NEWOUT]]
// CHECK: return %[[LOOP]]#2
func.func @lif_seq(%i: tensor<5x?x4xf32>) -> tensor<5x?x4xf32> {
  %0 = snn.lif.seq %i {tau_m = 4.0 : f32, tau_s = 2.0 : f32, threshold = 0.5 : f32} : tensor<5x?x4xf32>
  return %0 : tensor<5x?x4xf32>
}

// Proves: psp.seq is the same loop with one state, y' = (1 - 1/τs)·y + x/τs, emitting y'.
// CHECK-LABEL: func.func @psp_seq
// CHECK: %[[LOOP:.+]]:2 = scf.for %[[T:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[Y:.+]] = %{{.+}}, %[[OUT:.+]] = %{{.+}}) -> (tensor<?x4xf32>, tensor<5x?x4xf32>)
// CHECK: %[[UPD:.+]]:2 = linalg.generic
// CHECK-SAME: outs(%[[Y]], %{{.+}} : tensor<?x4xf32>, tensor<?x4xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]+]]: f32, %[[YO:[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: %[[ALPHA:.+]] = arith.constant 7.500000e-01 : f32
// CHECK-NEXT: %[[D:.+]] = arith.mulf %[[ALPHA]], %[[YO]] : f32
// CHECK-NEXT: %[[INV:.+]] = arith.constant 2.500000e-01 : f32
// CHECK-NEXT: %[[A:.+]] = arith.mulf %[[INV]], %[[X]] : f32
// CHECK-NEXT: %[[S:.+]] = arith.addf %[[D]], %[[A]] : f32
// CHECK-NEXT: linalg.yield %[[S]], %[[S]] : f32, f32
// CHECK: tensor.insert_slice %[[UPD]]#1 into %[[OUT]][%[[T]], 0, 0]
// CHECK: return %[[LOOP]]#1
func.func @psp_seq(%i: tensor<5x?x4xf32>) -> tensor<5x?x4xf32> {
  %0 = snn.psp.seq %i {tau_s = 4.0 : f32} : tensor<5x?x4xf32>
  return %0 : tensor<5x?x4xf32>
}

// Proves: a time loop is an scf.for over its steps carrying the state and then the
// stacked outputs (batch taken from the first carried value); the step body is
// inlined with the induction variable as the step index; the emitted value (spikes
// here: the select, not the trace) is inserted at index t; the results are reordered
// to (stacked outputs, final state).
// CHECK-LABEL: func.func @time_loop
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>, %[[V0:[^:]+]]: tensor<?x4xf32>, %[[A0:[^:]+]]: tensor<?x4xf32>)
// CHECK: %[[N:.+]] = tensor.dim %[[V0]], %{{.+}} : tensor<?x4xf32>
// CHECK: %[[OUT0:.+]] = tensor.empty(%[[N]]) : tensor<3x?x4xf32>
// CHECK: %[[UB:.+]] = arith.constant 3 : index
// CHECK: %[[LOOP:.+]]:3 = scf.for %[[T:.+]] = %{{.+}} to %[[UB]] step %{{.+}} iter_args(%[[V:.+]] = %[[V0]], %[[A:.+]] = %[[A0]], %[[OUT:.+]] = %[[OUT0]]) -> (tensor<?x4xf32>, tensor<?x4xf32>, tensor<3x?x4xf32>)
// CHECK: %[[UPD:.+]]:3 = linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<?x4xf32>) outs(%[[V]], %[[A]], %{{.+}} : tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>)
// CHECK: %[[SPIKE:.+]] = arith.select %{{.+}}, %{{.+}}, %{{.+}} : f32
// CHECK-NEXT: %[[NV:.+]] = arith.select
// CHECK: %[[NA:.+]] = arith.addf
// CHECK-NEXT: linalg.yield %[[NV]], %[[NA]], %[[SPIKE]] : f32, f32, f32
// CHECK: %[[NEWOUT:.+]] = tensor.insert_slice %[[UPD]]#2 into %[[OUT]][%[[T]], 0, 0] [1, %{{.+}}, 4] [1, 1, 1]
// CHECK-NEXT: scf.yield %[[UPD]]#0, %[[UPD]]#1, %[[NEWOUT]]
// CHECK: return %[[LOOP]]#2, %[[LOOP]]#0, %[[LOOP]]#1
func.func @time_loop(%x: tensor<?x4xf32>, %v0: tensor<?x4xf32>, %a0: tensor<?x4xf32>)
    -> (tensor<3x?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>) {
  %out, %v, %a = snn.time_loop steps 3 carry(%v0, %a0 : tensor<?x4xf32>, tensor<?x4xf32>)
      -> (tensor<3x?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>) {
  ^bb0(%t: index, %v1: tensor<?x4xf32>, %a1: tensor<?x4xf32>):
    %o, %v2, %a2 = snn.lif.step %x, %v1, %a1 {output = #snn.output<spikes>} : tensor<?x4xf32>
    snn.time.yield outputs %o : tensor<?x4xf32> carry %v2, %a2 : tensor<?x4xf32>, tensor<?x4xf32>
  }
  return %out, %v, %a : tensor<3x?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>
}

// Proves: psp.step is one elementwise update in place of its trace.
// CHECK-LABEL: func.func @psp_step
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>, %[[Y:[^:]+]]: tensor<?x4xf32>)
// CHECK: %[[R:.+]] = linalg.generic {{.*}} ins(%[[X]] : tensor<?x4xf32>) outs(%[[Y]] : tensor<?x4xf32>)
// CHECK: return %[[R]]
func.func @psp_step(%x: tensor<?x4xf32>, %y: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = snn.psp.step %x, %y : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// Proves: repeat broadcasts the input along a new leading time dimension; to_traces is
// the transpose [T, N, C] -> [N, C, T] (permutation [1, 2, 0]).
// CHECK-LABEL: func.func @repeat_traces
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>)
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x4xf32>
// CHECK: %[[E:.+]] = tensor.empty(%[[N]]) : tensor<3x?x4xf32>
// CHECK: %[[B:.+]] = linalg.broadcast ins(%[[X]] : tensor<?x4xf32>) outs(%[[E]] : tensor<3x?x4xf32>) dimensions = [0]
// CHECK: %[[N2:.+]] = tensor.dim %[[B]], %{{.+}} : tensor<3x?x4xf32>
// CHECK: %[[E2:.+]] = tensor.empty(%[[N2]]) : tensor<?x4x3xf32>
// CHECK: %[[TR:.+]] = linalg.transpose ins(%[[B]] : tensor<3x?x4xf32>) outs(%[[E2]] : tensor<?x4x3xf32>) permutation = [1, 2, 0]
// CHECK: return %[[TR]]
func.func @repeat_traces(%x: tensor<?x4xf32>) -> tensor<?x4x3xf32> {
  %0 = snn.time.repeat %x : tensor<?x4xf32> -> tensor<3x?x4xf32>
  %1 = snn.time.to_traces %0 : tensor<3x?x4xf32> -> tensor<?x4x3xf32>
  return %1 : tensor<?x4x3xf32>
}

// Proves: a bias is one parallel generic that reads the input elementwise and the bias
// through the channel map (d1), adding them into a fresh tensor of the input's batch,
// for a dense result [N, C] and a conv map [N, C, H, W] alike.
// CHECK-LABEL: func.func @bias
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[M:[^:]+]]: tensor<?x2x4x4xf32>, %[[C:[^:]+]]: tensor<2xf32>)
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x3xf32>
// CHECK: %[[E:.+]] = tensor.empty(%[[N]]) : tensor<?x3xf32>
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#[[ID2]], #[[CH2]], #[[ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[B]] : tensor<?x3xf32>, tensor<3xf32>) outs(%[[E]] : tensor<?x3xf32>)
// CHECK-NEXT: ^bb0(%[[V:[^:]+]]: f32, %[[BV:[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: %[[S:.+]] = arith.addf %[[V]], %[[BV]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: %[[Z:.+]] = linalg.generic {indexing_maps = [#[[ID4]], #[[CH4]], #[[ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[M]], %[[C]] : tensor<?x2x4x4xf32>, tensor<2xf32>) outs(%{{.+}} : tensor<?x2x4x4xf32>)
// CHECK: return %[[Y]], %[[Z]]
func.func @bias(%x: tensor<?x3xf32>, %b: tensor<3xf32>, %m: tensor<?x2x4x4xf32>, %c: tensor<2xf32>)
    -> (tensor<?x3xf32>, tensor<?x2x4x4xf32>) {
  %0 = snn.bias %x, %b : tensor<?x3xf32>, tensor<3xf32>
  %1 = snn.bias %m, %c : tensor<?x2x4x4xf32>, tensor<2xf32>
  return %0, %1 : tensor<?x3xf32>, tensor<?x2x4x4xf32>
}
