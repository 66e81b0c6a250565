// RUN: snn-opt %s --split-input-file --convert-onnx-to-snn | FileCheck %s --implicit-check-not=onnx.

// Conv with one group and no dilation (explicit asymmetric pads, strides) is the snn
// dialect's convolution (the CPU backend's im2col + contraction kernels), the pads
// carried as [top, left, bottom, right]; the bias is added after it per channel.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CHANNEL:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<1x1x7x5xf32>, %[[W:.+]]: tensor<1x1x3x3xf32>, %[[B:.+]]: tensor<1xf32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[C:.+]] = snn.synapse.conv2d %[[X]], %[[W]] {pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 2, 2>} : tensor<1x1x7x5xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x4x2xf32>
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[CHANNEL]], #[[ID]]]{{.*}} ins(%[[C]], %[[B]] : tensor<1x1x4x2xf32>, tensor<1xf32>)
// CHECK: arith.addf
// CHECK: return %[[Y]]
func.func @forward(%x: tensor<1x1x7x5xf32>, %w: tensor<1x1x3x3xf32>, %b: tensor<1xf32>) -> tensor<1x1x4x2xf32> {
  %y = onnx.node "Conv"(%x, %w, %b) {domain = "", version = 11 : i64, node_name = "conv", node_attrs = {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 2, 2>}} : (tensor<1x1x7x5xf32>, tensor<1x1x3x3xf32>, tensor<1xf32>) -> tensor<1x1x4x2xf32>
  return %y : tensor<1x1x4x2xf32>
}

// -----

// SAME_LOWER pads the extra row/column at the beginning; dilations pass through.
// CHECK-LABEL: func.func @forward(
// CHECK: tensor.pad %{{.+}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[ZERO:.+]] = linalg.fill {{.*}} -> tensor<1x4x6x6xf32>
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%{{.+}}, %{{.+}} : tensor<1x2x8x8xf32>, tensor<4x2x2x2xf32>) outs(%[[ZERO]] :
func.func @forward(%x: tensor<1x2x6x6xf32>, %w: tensor<4x2x2x2xf32>) -> tensor<1x4x6x6xf32> {
  %y = onnx.node "Conv"(%x, %w) {domain = "", version = 11 : i64, node_name = "conv", node_attrs = {auto_pad = "SAME_LOWER", dilations = array<i64: 2, 2>}} : (tensor<1x2x6x6xf32>, tensor<4x2x2x2xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

// Grouped convolution splits the channels: expand to [N, G, C/G, H, W], the ngchw/gfchw
// named op, and collapse back.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<2x4x5x5xf32>, %[[W:.+]]: tensor<6x2x3x3xf32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[ZERO:.+]] = linalg.fill {{.*}} -> tensor<2x6x3x3xf32>
// CHECK: %[[GX:.+]] = tensor.expand_shape %[[X]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [2, 2, 2, 5, 5]
// CHECK: %[[GW:.+]] = tensor.expand_shape %[[W]] {{\[\[}}0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3]
// CHECK: %[[GI:.+]] = tensor.expand_shape %[[ZERO]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [2, 2, 3, 3, 3]
// CHECK: %[[GY:.+]] = linalg.conv_2d_ngchw_gfchw {{.*}} ins(%[[GX]], %[[GW]] : tensor<2x2x2x5x5xf32>, tensor<2x3x2x3x3xf32>) outs(%[[GI]] : tensor<2x2x3x3x3xf32>)
// CHECK: %[[Y:.+]] = tensor.collapse_shape %[[GY]] {{\[\[}}0], [1, 2], [3], [4]] : tensor<2x2x3x3x3xf32> into tensor<2x6x3x3xf32>
// CHECK: return %[[Y]]
func.func @forward(%x: tensor<2x4x5x5xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<2x6x3x3xf32> {
  %y = onnx.node "Conv"(%x, %w) {domain = "", version = 13 : i64, node_name = "gconv", node_attrs = {group = 2 : i64}} : (tensor<2x4x5x5xf32>, tensor<6x2x3x3xf32>) -> tensor<2x6x3x3xf32>
  return %y : tensor<2x6x3x3xf32>
}

// -----

// Depthwise convolution is the case group = channels, with a dynamic batch.
// CHECK-LABEL: func.func @forward(
// CHECK: %[[P:.+]] = tensor.pad %{{.+}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: } : tensor<?x3x4x4xf32> to tensor<?x3x6x6xf32>
// CHECK: tensor.expand_shape %[[P]] {{.*}} : tensor<?x3x6x6xf32> into tensor<?x3x1x6x6xf32>
// CHECK: linalg.conv_2d_ngchw_gfchw {{.*}} outs(%{{.+}} : tensor<?x3x1x4x4xf32>)
// CHECK: tensor.collapse_shape {{.*}} : tensor<?x3x1x4x4xf32> into tensor<?x3x4x4xf32>
func.func @forward(%x: tensor<?x3x4x4xf32>, %w: tensor<3x1x3x3xf32>) -> tensor<?x3x4x4xf32> {
  %y = onnx.node "Conv"(%x, %w) {domain = "", version = 13 : i64, node_name = "dw", node_attrs = {group = 3 : i64, auto_pad = "SAME_UPPER"}} : (tensor<?x3x4x4xf32>, tensor<3x1x3x3xf32>) -> tensor<?x3x4x4xf32>
  return %y : tensor<?x3x4x4xf32>
}

// -----

// 1-D convolution runs as 2-D over [N, C, 1, W] views of X and W: the 1-D attributes
// gain a unit height (pads [b, e] become [0, b, 0, e]).
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<1x2x9xf32>, %[[W:.+]]: tensor<4x1x3xf32>)
// CHECK: %[[X2:.+]] = tensor.expand_shape %[[X]] {{\[\[}}0], [1], [2, 3]] output_shape [1, 2, 1, 9] : tensor<1x2x9xf32> into tensor<1x2x1x9xf32>
// CHECK: %[[W2:.+]] = tensor.expand_shape %[[W]] {{\[\[}}0], [1], [2, 3]] output_shape [4, 1, 1, 3] : tensor<4x1x3xf32> into tensor<4x1x1x3xf32>
// CHECK: %[[P:.+]] = tensor.pad %[[X2]] low[0, 0, 0, 1] high[0, 0, 0, 2]
// CHECK: linalg.conv_2d_ngchw_gfchw {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<[1, 2]> : tensor<2xi64>}
// CHECK: %[[Y:.+]] = tensor.collapse_shape %{{.+}} {{\[\[}}0], [1, 2], [3], [4]] : tensor<1x2x2x1x4xf32> into tensor<1x4x1x4xf32>
// CHECK: %[[Y1:.+]] = tensor.collapse_shape %[[Y]] {{\[\[}}0], [1], [2, 3]] : tensor<1x4x1x4xf32> into tensor<1x4x4xf32>
// CHECK: return %[[Y1]]
func.func @forward(%x: tensor<1x2x9xf32>, %w: tensor<4x1x3xf32>) -> tensor<1x4x4xf32> {
  %y = onnx.node "Conv"(%x, %w) {domain = "", version = 11 : i64, node_name = "conv1d", node_attrs = {group = 2 : i64, pads = array<i64: 1, 2>, strides = array<i64: 2>, dilations = array<i64: 2>}} : (tensor<1x2x9xf32>, tensor<4x1x3xf32>) -> tensor<1x4x4xf32>
  return %y : tensor<1x4x4xf32>
}
