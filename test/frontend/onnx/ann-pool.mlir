// RUN: snn-opt %s --split-input-file --convert-onnx-to-snn | FileCheck %s --implicit-check-not=onnx.

// MaxPool pads with -inf and runs linalg.pooling_nchw_max from a -inf init.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<1x3x5x5xf32>)
// CHECK: %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[P:.+]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[NEGINF]]
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[NEGINF]] : f32) {{.*}} -> tensor<1x3x3x3xf32>
// CHECK: %[[WIN:.+]] = tensor.empty() : tensor<3x3xf32>
// CHECK: %[[Y:.+]] = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[P]], %[[WIN]] : tensor<1x3x7x7xf32>, tensor<3x3xf32>) outs(%[[INIT]] : tensor<1x3x3x3xf32>)
// CHECK: return %[[Y]]
func.func @forward(%x: tensor<1x3x5x5xf32>) -> tensor<1x3x3x3xf32> {
  %y = onnx.node "MaxPool"(%x) {domain = "", version = 12 : i64, node_name = "mp", node_attrs = {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}} : (tensor<1x3x5x5xf32>) -> tensor<1x3x3x3xf32>
  return %y : tensor<1x3x3x3xf32>
}

// -----

// Dilations pass through to the named op.
// CHECK-LABEL: func.func @forward(
// CHECK-NOT: tensor.pad
// CHECK: linalg.pooling_nchw_max {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} {{.*}} -> tensor<1x1x2x2xf32>
func.func @forward(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  %y = onnx.node "MaxPool"(%x) {domain = "", version = 12 : i64, node_name = "mp", node_attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 2, 2>}} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

// -----

// ceil_mode pads the end so the last, partial window exists (5 -> 3, not 2).
// CHECK-LABEL: func.func @forward(
// CHECK: tensor.pad %{{.+}} low[0, 0, 0, 0] high[0, 0, 1, 1]
// CHECK: } : tensor<1x1x5x5xf32> to tensor<1x1x6x6xf32>
// CHECK: linalg.pooling_nchw_max {{.*}} -> tensor<1x1x3x3xf32>
func.func @forward(%x: tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32> {
  %y = onnx.node "MaxPool"(%x) {domain = "", version = 12 : i64, node_name = "mp", node_attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = 1 : i64}} : (tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32>
  return %y : tensor<1x1x3x3xf32>
}

// -----

// AveragePool without padding divides the window sum by the constant k·k.
// CHECK-LABEL: func.func @forward(
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32)
// CHECK: %[[SUM:.+]] = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%{{.+}}, %{{.+}} : tensor<1x3x4x4xf32>, tensor<2x2xf32>) outs(%[[INIT]] : tensor<1x3x2x2xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x3x2x2xf32>)
// CHECK: %[[K:.+]] = arith.constant 4.000000e+00 : f32
// CHECK: arith.divf %{{.+}}, %[[K]]
func.func @forward(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x2x2xf32> {
  %y = onnx.node "AveragePool"(%x) {domain = "", version = 11 : i64, node_name = "ap", node_attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}} : (tensor<1x3x4x4xf32>) -> tensor<1x3x2x2xf32>
  return %y : tensor<1x3x2x2xf32>
}

// -----

// With padding not counted, the divisor is a per-position constant [OH, OW] table.
// CHECK-DAG: #[[HW:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-LABEL: func.func @forward(
// CHECK: tensor.pad %{{.+}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[SUM:.+]] = linalg.pooling_nchw_sum
// CHECK: %[[COUNT:.+]] = arith.constant dense<{{\[\[}}4.000000e+00, 6.000000e+00, 4.000000e+00], [6.000000e+00, 9.000000e+00, 6.000000e+00], [4.000000e+00, 6.000000e+00, 4.000000e+00]]> : tensor<3x3xf32>
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[HW]], #{{.+}}]{{.*}} ins(%[[SUM]], %[[COUNT]] :
// CHECK: arith.divf
func.func @forward(%x: tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32> {
  %y = onnx.node "AveragePool"(%x) {domain = "", version = 11 : i64, node_name = "ap", node_attrs = {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}} : (tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32>
  return %y : tensor<1x1x3x3xf32>
}

// -----

// count_include_pad counts explicit padding but not ceil_mode's extra end.
// CHECK-LABEL: func.func @forward(
// CHECK: tensor.pad %{{.+}} low[0, 0, 0, 0] high[0, 0, 1, 1]
// CHECK: linalg.pooling_nchw_sum {{.*}} -> tensor<1x1x2x2xf32>
// CHECK: arith.constant dense<{{\[\[}}9.000000e+00, 6.000000e+00], [6.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
func.func @forward(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  %y = onnx.node "AveragePool"(%x) {domain = "", version = 11 : i64, node_name = "ap", node_attrs = {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, ceil_mode = 1 : i64, count_include_pad = 1 : i64}} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

// -----

// GlobalAveragePool is a sum over the whole plane divided by H·W.
// CHECK-LABEL: func.func @forward(
// CHECK: %[[WIN:.+]] = tensor.empty() : tensor<5x5xf32>
// CHECK: %[[SUM:.+]] = linalg.pooling_nchw_sum {{.*}} ins(%{{.+}}, %[[WIN]] : tensor<2x3x5x5xf32>, tensor<5x5xf32>) outs(%{{.+}} : tensor<2x3x1x1xf32>)
// CHECK: arith.constant 2.500000e+01 : f32
func.func @forward(%x: tensor<2x3x5x5xf32>) -> tensor<2x3x1x1xf32> {
  %y = onnx.node "GlobalAveragePool"(%x) {domain = "", version = 11 : i64, node_name = "gap", node_attrs = {}} : (tensor<2x3x5x5xf32>) -> tensor<2x3x1x1xf32>
  return %y : tensor<2x3x1x1xf32>
}

// -----

// 1-D MaxPool pools a [N, C, 1, W] view with a 1×k window.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<1x3x8xf32>)
// CHECK: %[[X2:.+]] = tensor.expand_shape %[[X]] {{\[\[}}0], [1], [2, 3]] output_shape [1, 3, 1, 8]
// CHECK: %[[WIN:.+]] = tensor.empty() : tensor<1x2xf32>
// CHECK: %[[Y:.+]] = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<[1, 2]> : tensor<2xi64>} ins(%[[X2]], %[[WIN]] : tensor<1x3x1x8xf32>, tensor<1x2xf32>) outs(%{{.+}} : tensor<1x3x1x4xf32>)
// CHECK: tensor.collapse_shape %[[Y]] {{\[\[}}0], [1], [2, 3]] : tensor<1x3x1x4xf32> into tensor<1x3x4xf32>
func.func @forward(%x: tensor<1x3x8xf32>) -> tensor<1x3x4xf32> {
  %y = onnx.node "MaxPool"(%x) {domain = "", version = 12 : i64, node_name = "mp1d", node_attrs = {kernel_shape = array<i64: 2>, strides = array<i64: 2>}} : (tensor<1x3x8xf32>) -> tensor<1x3x4xf32>
  return %y : tensor<1x3x4xf32>
}
