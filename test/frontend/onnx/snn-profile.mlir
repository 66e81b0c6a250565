// RUN: snn-opt --convert-onnx-to-snn --split-input-file %s | FileCheck %s

// The neurons keep their attributes; the batch dimension becomes dynamic and the
// weight of a transB = 1 Gemm becomes a parameter argument unchanged.
// CHECK-LABEL: snn.parameter @w = dense<{{\[}}[1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00], [5.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK:       func.func @forward(%[[X:.*]]: tensor<?x2xf32>, %[[W:.*]]: tensor<3x2xf32> {snn.parameter = @w}) -> tensor<?x3xf32> attributes {snn.time_steps = 5 : i64}
// CHECK:         %[[A:.*]] = snn.psp %[[X]] {tau_s = 2.000000e+00 : f32} : tensor<?x2xf32>
// CHECK:         %[[I:.*]] = snn.synapse.dense %[[A]], %[[W]] : tensor<?x2xf32>, tensor<3x2xf32> -> tensor<?x3xf32>
// CHECK:         %[[O:.*]] = snn.lif %[[I]] {output = #snn.output<spikes>, tau_m = 4.000000e+00 : f32, threshold = 5.000000e-01 : f32} : tensor<?x3xf32>
// CHECK:         return %[[O]]
func.func @forward(%x: tensor<1x2xf32>) -> tensor<1x3xf32> {
  %w = onnx.constant "w" dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %a = onnx.node "PSP"(%x) {domain = "snn", version = 1 : i64, node_name = "psp", node_attrs = {tau_s = 2.0 : f32}} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %i = onnx.node "Gemm"(%a, %w) {domain = "", version = 13 : i64, node_name = "fc", node_attrs = {transB = 1 : i64}} : (tensor<1x2xf32>, tensor<3x2xf32>) -> tensor<1x3xf32>
  %o = onnx.node "LIF"(%i) {domain = "snn", version = 1 : i64, node_name = "lif", node_attrs = {tau_m = 4.0 : f32, threshold = 0.5 : f32, output = "spikes"}} : (tensor<1x3xf32>) -> tensor<1x3xf32>
  return %o : tensor<1x3xf32>
}

// -----

// Gemm with transB = 0 and alpha, and MatMul: weights [K, M] are transposed to the
// synapse's [M, K] (and scaled by alpha) at import; a zero bias is accepted.
// CHECK-LABEL: snn.parameter @g = dense<{{\[}}[2.000000e+00, 6.000000e+00], [4.000000e+00, 8.000000e+00]]> : tensor<2x2xf32>
// CHECK:       snn.parameter @m = dense<{{\[}}[1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
// CHECK:       func.func @forward({{.*}}: tensor<?x2xf32>, %[[G:.*]]: tensor<2x2xf32> {snn.parameter = @g}, %[[M:.*]]: tensor<2x2xf32> {snn.parameter = @m}) -> tensor<?x2xf32> attributes {snn.time_steps = 9 : i64}
// CHECK:         snn.synapse.dense %{{.*}}, %[[G]]
// CHECK:         snn.synapse.dense %{{.*}}, %[[M]]
module attributes {onnx.metadata = {"snn.time_steps" = "9"}} {
func.func @forward(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %g = onnx.constant "g" dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %m = onnx.constant "m" dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %zero = onnx.constant "zero" dense<0.0> : tensor<2xf32>
  %i = onnx.node "Gemm"(%x, %g, %zero) {domain = "", version = 11 : i64, node_name = "fc1", node_attrs = {alpha = 2.0 : f32}} : (tensor<?x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  %o = onnx.node "LIF"(%i) {domain = "snn", version = 1 : i64, node_name = "lif1", node_attrs = {}} : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %j = onnx.node "MatMul"(%o, %m) {domain = "", version = 13 : i64, node_name = "fc2", node_attrs = {}} : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
  %p = onnx.node "LIF"(%j) {domain = "snn", version = 1 : i64, node_name = "lif2", node_attrs = {}} : (tensor<?x2xf32>) -> tensor<?x2xf32>
  return %p : tensor<?x2xf32>
}
}

// -----

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
