// RUN: snn-opt %s --split-input-file --convert-onnx-to-snn | FileCheck %s --implicit-check-not=onnx.

// Add of equal shapes is one parallel generic over identity maps.
// CHECK-DAG: #[[ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[A:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<2x3xf32>)
// CHECK: %[[INIT:.+]] = tensor.empty() : tensor<2x3xf32>
// CHECK: %[[R:.+]] = linalg.generic {indexing_maps = [#[[ID2]], #[[ID2]], #[[ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[A]], %[[B]] : {{.*}}) outs(%[[INIT]] : tensor<2x3xf32>)
// CHECK: arith.addf
// CHECK: return %[[R]]
func.func @forward(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = onnx.node "Add"(%a, %b) {domain = "", version = 14 : i64, node_name = "add", node_attrs = {}} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Sub broadcasts a row [3] and a column [2, 1] both ways: the unit dimension is collapsed
// away and each operand is read through a projected map.
// CHECK-DAG: #[[COL:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[A:.+]]: tensor<3xf32>, %[[B:.+]]: tensor<2x1xf32>)
// CHECK: %[[BC:.+]] = tensor.collapse_shape %[[B]] {{\[\[}}0, 1]] : tensor<2x1xf32> into tensor<2xf32>
// CHECK: linalg.generic {indexing_maps = [#[[COL]], #[[ROW]], #{{.+}}]{{.*}} ins(%[[A]], %[[BC]] : tensor<3xf32>, tensor<2xf32>) outs({{.*}} : tensor<2x3xf32>)
// CHECK: arith.subf
func.func @forward(%a: tensor<3xf32>, %b: tensor<2x1xf32>) -> tensor<2x3xf32> {
  %y = onnx.node "Sub"(%a, %b) {domain = "", version = 13 : i64, node_name = "sub", node_attrs = {}} : (tensor<3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Mul by a scalar constant and Div by a 4-D tensor with unit dimensions.
// CHECK-DAG: #[[SCALAR:.+]] = affine_map<(d0, d1, d2, d3) -> ()>
// CHECK-DAG: #[[NC:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[A:.+]]: tensor<1x3x4x5xf32>, %[[B:.+]]: tensor<1x3x1x1xf32>)
// CHECK: %[[C:.+]] = arith.constant dense<2.000000e+00> : tensor<f32>
// CHECK: %[[M:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #[[SCALAR]], #{{.+}}]{{.*}} ins(%[[A]], %[[C]] :
// CHECK: arith.mulf
// CHECK: %[[BC:.+]] = tensor.collapse_shape %[[B]] {{\[\[}}0], [1, 2, 3]] : tensor<1x3x1x1xf32> into tensor<1x3xf32>
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[NC]], #{{.+}}]{{.*}} ins(%[[M]], %[[BC]] :
// CHECK: arith.divf
func.func @forward(%a: tensor<1x3x4x5xf32>, %b: tensor<1x3x1x1xf32>) -> tensor<1x3x4x5xf32> {
  %c = onnx.constant "scale" dense<2.0> : tensor<f32>
  %m = onnx.node "Mul"(%a, %c) {domain = "", version = 11 : i64, node_name = "mul", node_attrs = {}} : (tensor<1x3x4x5xf32>, tensor<f32>) -> tensor<1x3x4x5xf32>
  %y = onnx.node "Div"(%m, %b) {domain = "", version = 11 : i64, node_name = "div", node_attrs = {}} : (tensor<1x3x4x5xf32>, tensor<1x3x1x1xf32>) -> tensor<1x3x4x5xf32>
  return %y : tensor<1x3x4x5xf32>
}

// -----

// A dynamic batch broadcast against a static operand keeps its size from tensor.dim.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[A:.+]]: tensor<?x4xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK: %[[N:.+]] = tensor.dim %[[A]], %{{.+}} : tensor<?x4xf32>
// CHECK: %[[INIT:.+]] = tensor.empty(%[[N]]) : tensor<?x4xf32>
// CHECK: linalg.generic {{.*}} ins(%[[A]], %[[B]] : tensor<?x4xf32>, tensor<4xf32>) outs(%[[INIT]] : tensor<?x4xf32>)
func.func @forward(%a: tensor<?x4xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %y = onnx.node "Add"(%a, %b) {domain = "", version = 14 : i64, node_name = "bias", node_attrs = {}} : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

// -----

// Relu is maxnumf with 0, Sigmoid 1 / (1 + exp(-x)).
// CHECK-LABEL: func.func @forward(
// CHECK: %[[R:.+]] = linalg.generic
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: arith.maxnumf %{{.+}}, %[[ZERO]] : f32
// CHECK: linalg.generic {{.*}} ins(%[[R]] :
// CHECK: %[[NEG:.+]] = arith.negf
// CHECK: %[[E:.+]] = math.exp %[[NEG]]
// CHECK: %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[DEN:.+]] = arith.addf %[[ONE]], %[[E]]
// CHECK: arith.divf %[[ONE]], %[[DEN]]
func.func @forward(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = onnx.node "Relu"(%x) {domain = "", version = 14 : i64, node_name = "relu", node_attrs = {}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %s = onnx.node "Sigmoid"(%r) {domain = "", version = 13 : i64, node_name = "sigmoid", node_attrs = {}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %s : tensor<2x3xf32>
}

// -----

// Identity and inference Dropout (ratio as an input from opset 12) forward their input;
// Dropout's mask is all ones.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[MASK:.+]] = arith.constant dense<true> : tensor<2x3xi1>
// CHECK: return %[[X]], %[[MASK]]
func.func @forward(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xi1>) {
  %i = onnx.node "Identity"(%x) {domain = "", version = 16 : i64, node_name = "id", node_attrs = {}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %ratio = onnx.constant "ratio" dense<0.5> : tensor<f32>
  %y, %mask = onnx.node "Dropout"(%i, %ratio) {domain = "", version = 13 : i64, node_name = "drop", node_attrs = {seed = 0 : i64}} : (tensor<2x3xf32>, tensor<f32>) -> (tensor<2x3xf32>, tensor<2x3xi1>)
  return %y, %mask : tensor<2x3xf32>, tensor<2x3xi1>
}

// -----

// Opset 11 Dropout keeps its ratio as an attribute.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @forward(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = onnx.node "Dropout"(%x) {domain = "", version = 11 : i64, node_name = "drop", node_attrs = {ratio = 0.2 : f32}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
