// RUN: snn-opt %s --split-input-file --convert-onnx-to-snn | FileCheck %s --implicit-check-not=onnx.

// Flatten at axis 2 collapses [d0, d1] and [d2, d3] into a view.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<2x3x4x5xf32>)
// CHECK: %[[Y:.+]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2, 3]] : tensor<2x3x4x5xf32> into tensor<6x20xf32>
// CHECK: return %[[Y]]
func.func @forward(%x: tensor<2x3x4x5xf32>) -> tensor<6x20xf32> {
  %y = onnx.node "Flatten"(%x) {domain = "", version = 13 : i64, node_name = "fl", node_attrs = {axis = 2 : i64}} : (tensor<2x3x4x5xf32>) -> tensor<6x20xf32>
  return %y : tensor<6x20xf32>
}

// -----

// Flatten at axis 0 gives [1, everything]; the default axis 1 keeps a dynamic batch.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<2x3x4xf32>, %[[Z:.+]]: tensor<?x3x4xf32>)
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK: %[[Y:.+]] = tensor.expand_shape %[[FLAT]] {{\[\[}}0, 1]] output_shape [1, 24] : tensor<24xf32> into tensor<1x24xf32>
// CHECK: %[[W:.+]] = tensor.collapse_shape %[[Z]] {{\[\[}}0], [1, 2]] : tensor<?x3x4xf32> into tensor<?x12xf32>
// CHECK: return %[[Y]], %[[W]]
func.func @forward(%x: tensor<2x3x4xf32>, %z: tensor<?x3x4xf32>) -> (tensor<1x24xf32>, tensor<?x12xf32>) {
  %y = onnx.node "Flatten"(%x) {domain = "", version = 11 : i64, node_name = "fl0", node_attrs = {axis = 0 : i64}} : (tensor<2x3x4xf32>) -> tensor<1x24xf32>
  %w = onnx.node "Flatten"(%z) {domain = "", version = 11 : i64, node_name = "fl1", node_attrs = {}} : (tensor<?x3x4xf32>) -> tensor<?x12xf32>
  return %y, %w : tensor<1x24xf32>, tensor<?x12xf32>
}

// -----

// Reshape with 0 (copy) and -1 (inferred) entries goes through the 1-D view.
// CHECK-LABEL: func.func @forward(
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %{{.+}} {{\[\[}}0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK: tensor.expand_shape %[[FLAT]] {{\[\[}}0, 1, 2]] output_shape [2, 4, 3] : tensor<24xf32> into tensor<2x4x3xf32>
func.func @forward(%x: tensor<2x3x4xf32>) -> tensor<2x4x3xf32> {
  %s = onnx.constant "shape" dense<[0, 4, -1]> : tensor<3xi64>
  %y = onnx.node "Reshape"(%x, %s) {domain = "", version = 13 : i64, node_name = "rs", node_attrs = {}} : (tensor<2x3x4xf32>, tensor<3xi64>) -> tensor<2x4x3xf32>
  return %y : tensor<2x4x3xf32>
}

// -----

// Reshape keeps a dynamic batch copied by a 0 entry.
// CHECK-LABEL: func.func @forward(
// CHECK: tensor.collapse_shape %{{.+}} {{\[\[}}0], [1, 2, 3]] : tensor<?x16x2x2xf32> into tensor<?x64xf32>
func.func @forward(%x: tensor<?x16x2x2xf32>) -> tensor<?x64xf32> {
  %s = onnx.constant "shape" dense<[0, -1]> : tensor<2xi64>
  %y = onnx.node "Reshape"(%x, %s) {domain = "", version = 14 : i64, node_name = "rs", node_attrs = {allowzero = 0 : i64}} : (tensor<?x16x2x2xf32>, tensor<2xi64>) -> tensor<?x64xf32>
  return %y : tensor<?x64xf32>
}

// -----

// Transpose without perm reverses the dimensions.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: linalg.transpose ins(%[[X]] : tensor<2x3x4xf32>) outs(%{{.+}} : tensor<4x3x2xf32>) permutation = [2, 1, 0]
// CHECK: linalg.transpose ins(%[[X]] : tensor<2x3x4xf32>) outs(%{{.+}} : tensor<3x2x4xf32>) permutation = [1, 0, 2]
func.func @forward(%x: tensor<2x3x4xf32>) -> (tensor<4x3x2xf32>, tensor<3x2x4xf32>) {
  %y = onnx.node "Transpose"(%x) {domain = "", version = 13 : i64, node_name = "t", node_attrs = {}} : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  %z = onnx.node "Transpose"(%x) {domain = "", version = 13 : i64, node_name = "t2", node_attrs = {perm = array<i64: 1, 0, 2>}} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  return %y, %z : tensor<4x3x2xf32>, tensor<3x2x4xf32>
}

// -----

// Concat along a negative axis writes each input into its slice of one tensor.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[A:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<2x5xf32>)
// CHECK: %[[E:.+]] = tensor.empty() : tensor<2x8xf32>
// CHECK: %[[S:.+]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [2, 3] [1, 1]
// CHECK: %[[Y:.+]] = tensor.insert_slice %[[B]] into %[[S]][0, 3] [2, 5] [1, 1]
// CHECK: return %[[Y]]
func.func @forward(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>) -> tensor<2x8xf32> {
  %y = onnx.node "Concat"(%a, %b) {domain = "", version = 13 : i64, node_name = "cat", node_attrs = {axis = -1 : i64}} : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// Pad (constant mode, pads and value as constant inputs) is one tensor.pad.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<1x2x3x3xf32>)
// CHECK: %[[V:.+]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[Y:.+]] = tensor.pad %[[X]] low[0, 0, 1, 0] high[0, 1, 0, 2]
// CHECK: tensor.yield %[[V]] : f32
// CHECK: } : tensor<1x2x3x3xf32> to tensor<1x3x4x5xf32>
// CHECK: return %[[Y]]
func.func @forward(%x: tensor<1x2x3x3xf32>) -> tensor<1x3x4x5xf32> {
  %p = onnx.constant "pads" dense<[0, 0, 1, 0, 0, 1, 0, 2]> : tensor<8xi64>
  %v = onnx.constant "value" dense<0.5> : tensor<f32>
  %y = onnx.node "Pad"(%x, %p, %v) {domain = "", version = 13 : i64, node_name = "pad", node_attrs = {mode = "constant"}} : (tensor<1x2x3x3xf32>, tensor<8xi64>, tensor<f32>) -> tensor<1x3x4x5xf32>
  return %y : tensor<1x3x4x5xf32>
}

// -----

// A leading -1 keeps a dynamic batch when the other entries hold one sample (x.view(-1, F)).
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<?x4x4xf32>)
// CHECK: %[[Y:.+]] = tensor.collapse_shape %[[X]] {{\[\[}}0], [1, 2]] : tensor<?x4x4xf32> into tensor<?x16xf32>
// CHECK: return %[[Y]]
func.func @forward(%x: tensor<?x4x4xf32>) -> tensor<?x16xf32> {
  %s = onnx.constant "shape" dense<[-1, 16]> : tensor<2xi64>
  %y = onnx.node "Reshape"(%x, %s) {domain = "", version = 13 : i64, node_name = "view", node_attrs = {}} : (tensor<?x4x4xf32>, tensor<2xi64>) -> tensor<?x16xf32>
  return %y : tensor<?x16xf32>
}
