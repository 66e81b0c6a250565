// RUN: snn-opt %s --split-input-file --convert-onnx-to-snn | FileCheck %s --implicit-check-not=onnx.

// Gemm with transB copies B to [K, N] once (so the product reads it contiguously along
// j, the form the CPU contraction kernels take), then adds the bias row.
// CHECK-DAG: #[[A:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[B:.+]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[BIAS:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<2x4xf32>, %[[W:.+]]: tensor<3x4xf32>, %[[C:.+]]: tensor<3xf32>)
// CHECK: %[[WT:.+]] = linalg.transpose ins(%[[W]] : tensor<3x4xf32>) outs(%{{.+}} : tensor<4x3xf32>) permutation = [1, 0]
// CHECK: %[[ZERO:.+]] = linalg.fill {{.*}} -> tensor<2x3xf32>
// CHECK: %[[P:.+]] = linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]], %[[WT]] : tensor<2x4xf32>, tensor<4x3xf32>) outs(%[[ZERO]] : tensor<2x3xf32>)
// CHECK: %[[M:.+]] = arith.mulf
// CHECK: arith.addf %{{.+}}, %[[M]]
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #[[BIAS]], #{{.+}}]{{.*}} ins(%[[P]], %[[C]] : tensor<2x3xf32>, tensor<3xf32>)
// CHECK: arith.addf
// CHECK: return %[[Y]]
func.func @forward(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>, %c: tensor<3xf32>) -> tensor<2x3xf32> {
  %y = onnx.node "Gemm"(%x, %w, %c) {domain = "", version = 13 : i64, node_name = "fc", node_attrs = {transB = 1 : i64}} : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// alpha, beta and transA scale the product and the (matrix) bias.
// CHECK-DAG: #[[AT:.+]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[B:.+]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-LABEL: func.func @forward(
// CHECK: %[[P:.+]] = linalg.generic {indexing_maps = [#[[AT]], #[[B]], #{{.+}}]
// CHECK: linalg.generic {{.*}} ins(%[[P]], %{{.+}} : tensor<2x3xf32>, tensor<2x3xf32>)
// CHECK: %[[ALPHA:.+]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[AP:.+]] = arith.mulf %[[ALPHA]], %{{.+}}
// CHECK: %[[BETA:.+]] = arith.constant 2.000000e+00 : f32
// CHECK: %[[BC:.+]] = arith.mulf %[[BETA]], %{{.+}}
// CHECK: arith.addf %[[AP]], %[[BC]]
func.func @forward(%a: tensor<4x2xf32>, %b: tensor<4x3xf32>, %c: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = onnx.node "Gemm"(%a, %b, %c) {domain = "", version = 11 : i64, node_name = "g", node_attrs = {alpha = 0.5 : f32, beta = 2.0 : f32, transA = 1 : i64}} : (tensor<4x2xf32>, tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Without C the product is the result.
// CHECK-LABEL: func.func @forward(
// CHECK: %[[P:.+]] = linalg.generic
// CHECK-NOT: linalg.generic
// CHECK: return %[[P]]
func.func @forward(%a: tensor<2x4xf32>, %b: tensor<4x3xf32>) -> tensor<2x3xf32> {
  %y = onnx.node "Gemm"(%a, %b) {domain = "", version = 13 : i64, node_name = "g", node_attrs = {}} : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// 2-D MatMul is the same (i, j, k) contraction.
// CHECK-DAG: #[[A:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[B:.+]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @forward(
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
func.func @forward(%a: tensor<2x4xf32>, %b: tensor<4x3xf32>) -> tensor<2x3xf32> {
  %y = onnx.node "MatMul"(%a, %b) {domain = "", version = 13 : i64, node_name = "mm", node_attrs = {}} : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Batched MatMul broadcasts B's unit batch dimension and A's missing one.
// CHECK-DAG: #[[AMAP:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2, d4)>
// CHECK-DAG: #[[BMAP:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d4, d3)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[A:.+]]: tensor<5x2x4xf32>, %[[B:.+]]: tensor<3x1x4x6xf32>)
// CHECK: %[[BC:.+]] = tensor.collapse_shape %[[B]] {{\[\[}}0], [1, 2], [3]] : tensor<3x1x4x6xf32> into tensor<3x4x6xf32>
// CHECK: linalg.generic {indexing_maps = [#[[AMAP]], #[[BMAP]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[A]], %[[BC]] : tensor<5x2x4xf32>, tensor<3x4x6xf32>) outs(%{{.+}} : tensor<3x5x2x6xf32>)
func.func @forward(%a: tensor<5x2x4xf32>, %b: tensor<3x1x4x6xf32>) -> tensor<3x5x2x6xf32> {
  %y = onnx.node "MatMul"(%a, %b) {domain = "", version = 13 : i64, node_name = "bmm", node_attrs = {}} : (tensor<5x2x4xf32>, tensor<3x1x4x6xf32>) -> tensor<3x5x2x6xf32>
  return %y : tensor<3x5x2x6xf32>
}

// -----

// A 1-D operand is a row (A) or a column (B) whose unit dimension is dropped after.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[A:.+]]: tensor<4xf32>
// CHECK: %[[ROW:.+]] = tensor.expand_shape %[[A]] {{\[\[}}0, 1]] output_shape [1, 4] : tensor<4xf32> into tensor<1x4xf32>
// CHECK: %[[P:.+]] = linalg.generic {{.*}} ins(%[[ROW]], %{{.+}} : tensor<1x4xf32>, tensor<2x4x3xf32>) outs(%{{.+}} : tensor<2x1x3xf32>)
// CHECK: %[[Y:.+]] = tensor.collapse_shape %[[P]] {{\[\[}}0, 1], [2]] : tensor<2x1x3xf32> into tensor<2x3xf32>
// CHECK: return %[[Y]]
func.func @forward(%a: tensor<4xf32>, %b: tensor<2x4x3xf32>) -> tensor<2x3xf32> {
  %y = onnx.node "MatMul"(%a, %b) {domain = "", version = 13 : i64, node_name = "vm", node_attrs = {}} : (tensor<4xf32>, tensor<2x4x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// An initializer weight becomes an snn.parameter argument; the dynamic batch stays dynamic.
// CHECK: snn.parameter @fc.weight = dense<2.500000e-01> : tensor<3x4xf32>
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<?x4xf32>, %[[W:.+]]: tensor<3x4xf32> {snn.parameter = @fc.weight})
// CHECK-DAG: %[[WT:.+]] = linalg.transpose ins(%[[W]] : tensor<3x4xf32>)
// CHECK-DAG: %[[N:.+]] = tensor.dim %[[X]]
// CHECK: tensor.empty(%[[N]]) : tensor<?x3xf32>
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[WT]] : tensor<?x4xf32>, tensor<4x3xf32>)
func.func @forward(%x: tensor<?x4xf32>) -> tensor<?x3xf32> {
  %w = onnx.constant "fc.weight" dense<0.25> : tensor<3x4xf32>
  %y = onnx.node "Gemm"(%x, %w) {domain = "", version = 13 : i64, node_name = "fc", node_attrs = {transB = 1 : i64}} : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}
