// RUN: snn-opt --convert-onnx-to-snn --split-input-file %s | FileCheck %s

// Conv keeps pads [top, left, bottom, right] and strides; AveragePool followed by Mul
// by 1.1·k² is one sum pool of scale 1.1; Flatten and Reshape keep the batch.
// CHECK-LABEL: snn.parameter @conv = dense<5.000000e-01> : tensor<2x1x3x3xf32>
// CHECK:         %[[C:.*]] = snn.synapse.conv2d %{{.*}}, %{{.*}} {pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 1, 2>} : tensor<?x1x6x6xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x6x2xf32>
// CHECK:         %[[L:.*]] = snn.lif %[[C]]
// CHECK:         %[[P:.*]] = snn.pool.sum %[[L]] {kernel = array<i64: 2, 2>} : tensor<?x2x6x2xf32> -> tensor<?x2x3x1xf32>
// CHECK:         %[[F:.*]] = snn.flatten %[[P]] : tensor<?x2x3x1xf32> -> tensor<?x6xf32>
// CHECK:         %[[R:.*]] = snn.reshape %[[F]] : tensor<?x6xf32> -> tensor<?x2x3xf32>
// CHECK:         return %[[R]]
func.func @forward(%x: tensor<1x1x6x6xf32>) -> tensor<1x2x3xf32> {
  %w = onnx.constant "conv" dense<0.5> : tensor<2x1x3x3xf32>
  %k = onnx.constant "k" dense<4.4> : tensor<f32>
  %s = onnx.constant "shape" dense<[1, 2, 3]> : tensor<3xi64>
  %c = onnx.node "Conv"(%x, %w) {domain = "", version = 11 : i64, node_name = "conv", node_attrs = {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 1, 2>}} : (tensor<1x1x6x6xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x6x2xf32>
  %l = onnx.node "LIF"(%c) {domain = "snn", version = 1 : i64, node_name = "lif", node_attrs = {}} : (tensor<1x2x6x2xf32>) -> tensor<1x2x6x2xf32>
  %a = onnx.node "AveragePool"(%l) {domain = "", version = 11 : i64, node_name = "pool", node_attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}} : (tensor<1x2x6x2xf32>) -> tensor<1x2x3x1xf32>
  %p = onnx.node "Mul"(%a, %k) {domain = "", version = 14 : i64, node_name = "scale", node_attrs = {}} : (tensor<1x2x3x1xf32>, tensor<f32>) -> tensor<1x2x3x1xf32>
  %f = onnx.node "Flatten"(%p) {domain = "", version = 13 : i64, node_name = "flatten", node_attrs = {}} : (tensor<1x2x3x1xf32>) -> tensor<1x6xf32>
  %r = onnx.node "Reshape"(%f, %s) {domain = "", version = 14 : i64, node_name = "reshape", node_attrs = {}} : (tensor<1x6xf32>, tensor<3xi64>) -> tensor<1x2x3xf32>
  return %r : tensor<1x2x3xf32>
}

// -----

// Dropout: the rate comes from the attribute (opset 11) or the ratio input (12+);
// Identity disappears.
// CHECK-LABEL: func.func @forward(%{{.*}}: tensor<?x4xf32>) -> tensor<?x4xf32>
// CHECK:         %[[D:.*]] = snn.dropout %{{.*}} {rate = 2.000000e-01 : f32} : tensor<?x4xf32>
// CHECK:         %[[E:.*]] = snn.dropout %[[D]] {rate = 3.000000e-01 : f32} : tensor<?x4xf32>
// CHECK:         return %[[E]]
func.func @forward(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %r = onnx.constant "ratio" dense<0.3> : tensor<f32>
  %d, %mask = onnx.node "Dropout"(%x) {domain = "", version = 11 : i64, node_name = "drop1", node_attrs = {ratio = 0.2 : f32}} : (tensor<1x4xf32>) -> (tensor<1x4xf32>, tensor<1x4xi1>)
  %i = onnx.node "Identity"(%d) {domain = "", version = 14 : i64, node_name = "id", node_attrs = {}} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %e = onnx.node "Dropout"(%i, %r) {domain = "", version = 13 : i64, node_name = "drop2", node_attrs = {}} : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  %l = onnx.node "LIF"(%e) {domain = "snn", version = 1 : i64, node_name = "lif", node_attrs = {}} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %e : tensor<1x4xf32>
}

// -----

// GlobalAveragePool is a sum pool over the whole image scaled 1/(H·W).
// CHECK-LABEL: func.func @forward(%{{.*}}: tensor<?x3x2x4xf32>) -> tensor<?x3x1x1xf32>
// CHECK:         snn.pool.sum %{{.*}} {kernel = array<i64: 2, 4>, scale = 1.250000e-01 : f32} : tensor<?x3x2x4xf32> -> tensor<?x3x1x1xf32>
func.func @forward(%x: tensor<1x3x2x4xf32>) -> tensor<1x3x1x1xf32> {
  %a = onnx.node "PSP"(%x) {domain = "snn", version = 1 : i64, node_name = "psp", node_attrs = {}} : (tensor<1x3x2x4xf32>) -> tensor<1x3x2x4xf32>
  %g = onnx.node "GlobalAveragePool"(%a) {domain = "", version = 11 : i64, node_name = "gap", node_attrs = {}} : (tensor<1x3x2x4xf32>) -> tensor<1x3x1x1xf32>
  return %g : tensor<1x3x1x1xf32>
}
