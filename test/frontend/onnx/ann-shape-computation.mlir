// RUN: snn-opt %s --split-input-file --convert-onnx-to-snn | FileCheck %s --implicit-check-not=onnx.

// x.view(x.size(0), -1) with a dynamic batch, as torch.onnx.export writes it: the
// Shape → Gather → Unsqueeze → Concat chain is traced to [batch of x, -1], so the
// Reshape keeps the batch and becomes one collapse; the chain itself folds away.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<?x2x4x4xf32>)
// CHECK: %[[Y:.+]] = tensor.collapse_shape %[[X]] {{\[\[}}0], [1, 2, 3]] : tensor<?x2x4x4xf32> into tensor<?x32xf32>
// CHECK: %[[C:.+]] = tensor.cast %[[Y]] : tensor<?x32xf32> to tensor<?x?xf32>
// CHECK: return %[[C]]
func.func @forward(%x: tensor<?x2x4x4xf32>) -> tensor<?x?xf32> {
  %s = onnx.node "Shape"(%x) {domain = "", version = 13 : i64, node_name = "shape", node_attrs = {}} : (tensor<?x2x4x4xf32>) -> tensor<4xi64>
  %i = onnx.constant "i" dense<0> : tensor<i64>
  %g = onnx.node "Gather"(%s, %i) {domain = "", version = 13 : i64, node_name = "gather", node_attrs = {axis = 0 : i64}} : (tensor<4xi64>, tensor<i64>) -> tensor<i64>
  %a = onnx.constant "axes" dense<[0]> : tensor<1xi64>
  %u = onnx.node "Unsqueeze"(%g, %a) {domain = "", version = 13 : i64, node_name = "unsq", node_attrs = {}} : (tensor<i64>, tensor<1xi64>) -> tensor<1xi64>
  %m = onnx.constant "m1" dense<[-1]> : tensor<1xi64>
  %c = onnx.node "Concat"(%u, %m) {domain = "", version = 13 : i64, node_name = "cat", node_attrs = {axis = 0 : i64}} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %y = onnx.node "Reshape"(%x, %c) {domain = "", version = 13 : i64, node_name = "rs", node_attrs = {}} : (tensor<?x2x4x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// With static shapes the chain folds to a constant: Shape of a static tensor, Gather of
// constants, opset-11 Unsqueeze with an axes attribute, Concat of constants.
// CHECK-LABEL: func.func @forward(
// CHECK: %[[S:.+]] = arith.constant dense<[3, 2]> : tensor<2xi64>
// CHECK: return %[[S]]
func.func @forward(%x: tensor<3x2xf32>) -> tensor<2xi64> {
  %s = onnx.node "Shape"(%x) {domain = "", version = 11 : i64, node_name = "shape", node_attrs = {}} : (tensor<3x2xf32>) -> tensor<2xi64>
  %i = onnx.constant "i" dense<[1]> : tensor<1xi64>
  %g = onnx.node "Gather"(%s, %i) {domain = "", version = 11 : i64, node_name = "gather", node_attrs = {}} : (tensor<2xi64>, tensor<1xi64>) -> tensor<1xi64>
  %j = onnx.constant "j" dense<-2> : tensor<i64>
  %h = onnx.node "Gather"(%s, %j) {domain = "", version = 11 : i64, node_name = "gather2", node_attrs = {}} : (tensor<2xi64>, tensor<i64>) -> tensor<i64>
  %u = onnx.node "Unsqueeze"(%h) {domain = "", version = 11 : i64, node_name = "unsq", node_attrs = {axes = array<i64: 0>}} : (tensor<i64>) -> tensor<1xi64>
  %c = onnx.node "Concat"(%u, %g) {domain = "", version = 11 : i64, node_name = "cat", node_attrs = {axis = 0 : i64}} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  return %c : tensor<2xi64>
}

// -----

// Shape from opset 15 slices with start/end; a dynamic size is read with tensor.dim.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<?x3x5xf32>)
// CHECK: %[[D:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x3x5xf32>
// CHECK: %[[N:.+]] = arith.index_cast %[[D]] : index to i64
// CHECK: %[[C:.+]] = arith.constant 3 : i64
// CHECK: tensor.from_elements %[[N]], %[[C]] : tensor<2xi64>
func.func @forward(%x: tensor<?x3x5xf32>) -> tensor<2xi64> {
  %s = onnx.node "Shape"(%x) {domain = "", version = 15 : i64, node_name = "shape", node_attrs = {end = -1 : i64}} : (tensor<?x3x5xf32>) -> tensor<2xi64>
  return %s : tensor<2xi64>
}

// -----

// Unsqueeze and Squeeze of data are expand_shape / collapse_shape views.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<3x4xf32>)
// CHECK: %[[U:.+]] = tensor.expand_shape %[[X]] {{\[\[}}0, 1], [2, 3]] output_shape [1, 3, 1, 4] : tensor<3x4xf32> into tensor<1x3x1x4xf32>
// CHECK: %[[S:.+]] = tensor.collapse_shape %[[U]] {{\[\[}}0, 1], [2, 3]] : tensor<1x3x1x4xf32> into tensor<3x4xf32>
// CHECK: return %[[U]], %[[S]]
func.func @forward(%x: tensor<3x4xf32>) -> (tensor<1x3x1x4xf32>, tensor<3x4xf32>) {
  %a = onnx.constant "axes" dense<[0, -2]> : tensor<2xi64>
  %u = onnx.node "Unsqueeze"(%x, %a) {domain = "", version = 13 : i64, node_name = "unsq", node_attrs = {}} : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<1x3x1x4xf32>
  %none = onnx.none
  %s = onnx.node "Squeeze"(%u, %none) {domain = "", version = 13 : i64, node_name = "sq", node_attrs = {}} : (tensor<1x3x1x4xf32>, none) -> tensor<3x4xf32>
  return %u, %s : tensor<1x3x1x4xf32>, tensor<3x4xf32>
}
