// RUN: snn-opt --convert-onnx-to-snn --split-input-file %s | FileCheck %s

// Gemm with transB = 0 and alpha, and MatMul: weights [K, M] are transposed to the
// synapse's [M, K] (and scaled by alpha) at import; a zero bias is kept as a learned
// snn.bias that starts at zero.
// CHECK-LABEL: snn.parameter @g = dense<{{\[}}[2.000000e+00, 6.000000e+00], [4.000000e+00, 8.000000e+00]]> : tensor<2x2xf32>
// CHECK:       snn.parameter @zero = dense<0.000000e+00> : tensor<2xf32>
// CHECK:       snn.parameter @m = dense<{{\[}}[1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
// CHECK:       func.func @forward({{.*}}: tensor<?x2xf32>, %[[G:.*]]: tensor<2x2xf32> {snn.parameter = @g}, %[[Z:.*]]: tensor<2xf32> {snn.parameter = @zero}, %[[M:.*]]: tensor<2x2xf32> {snn.parameter = @m}) -> tensor<?x2xf32> attributes {snn.time_steps = 9 : i64}
// CHECK:         %[[I:.*]] = snn.synapse.dense %{{.*}}, %[[G]]
// CHECK:         snn.bias %[[I]], %[[Z]] : tensor<?x2xf32>, tensor<2xf32>
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

// A Gemm's C becomes snn.bias after the dense synapse, scaled by beta ([1, M] is taken
// as [M]); a Conv's B becomes snn.bias on the channel dimension of the conv map. Both
// are parameters named after their initializers, in layer order.
// CHECK-LABEL: snn.parameter @cw = dense<1.000000e+00> : tensor<2x1x3x3xf32>
// CHECK:       snn.parameter @cb = dense<[5.000000e-01, -1.000000e+00]> : tensor<2xf32>
// CHECK:       snn.parameter @fw = dense<1.000000e-01> : tensor<3x8xf32>
// CHECK:       snn.parameter @fb = dense<{{\[}}2.000000e+00, 4.000000e+00, 6.000000e+00]> : tensor<3xf32>
// CHECK:       func.func @forward(%[[X:.*]]: tensor<?x1x4x4xf32>, %[[CW:.*]]: tensor<2x1x3x3xf32> {snn.parameter = @cw}, %[[CB:.*]]: tensor<2xf32> {snn.parameter = @cb}, %[[FW:.*]]: tensor<3x8xf32> {snn.parameter = @fw}, %[[FB:.*]]: tensor<3xf32> {snn.parameter = @fb})
// CHECK:         %[[C:.*]] = snn.synapse.conv2d %{{.*}}, %[[CW]]
// CHECK:         %[[CC:.*]] = snn.bias %[[C]], %[[CB]] : tensor<?x2x2x2xf32>, tensor<2xf32>
// CHECK:         snn.lif %[[CC]]
// CHECK:         %[[D:.*]] = snn.synapse.dense %{{.*}}, %[[FW]]
// CHECK:         %[[DB:.*]] = snn.bias %[[D]], %[[FB]] : tensor<?x3xf32>, tensor<3xf32>
// CHECK:         snn.lif %[[DB]]
module attributes {onnx.metadata = {"snn.time_steps" = "4"}} {
func.func @forward(%x: tensor<?x1x4x4xf32>) -> tensor<?x3xf32> {
  %cw = onnx.constant "cw" dense<1.0> : tensor<2x1x3x3xf32>
  %cb = onnx.constant "cb" dense<[0.5, -1.0]> : tensor<2xf32>
  %fw = onnx.constant "fw" dense<0.1> : tensor<3x8xf32>
  %fb = onnx.constant "fb" dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32>
  %a = onnx.node "PSP"(%x) {domain = "snn", version = 1 : i64, node_name = "psp", node_attrs = {}} : (tensor<?x1x4x4xf32>) -> tensor<?x1x4x4xf32>
  %c = onnx.node "Conv"(%a, %cw, %cb) {domain = "", version = 11 : i64, node_name = "conv", node_attrs = {kernel_shape = array<i64: 3, 3>}} : (tensor<?x1x4x4xf32>, tensor<2x1x3x3xf32>, tensor<2xf32>) -> tensor<?x2x2x2xf32>
  %o = onnx.node "LIF"(%c) {domain = "snn", version = 1 : i64, node_name = "lif1", node_attrs = {}} : (tensor<?x2x2x2xf32>) -> tensor<?x2x2x2xf32>
  %f = onnx.node "Flatten"(%o) {domain = "", version = 13 : i64, node_name = "flatten", node_attrs = {}} : (tensor<?x2x2x2xf32>) -> tensor<?x8xf32>
  %g = onnx.node "Gemm"(%f, %fw, %fb) {domain = "", version = 13 : i64, node_name = "fc", node_attrs = {transB = 1 : i64, beta = 2.0 : f32}} : (tensor<?x8xf32>, tensor<3x8xf32>, tensor<1x3xf32>) -> tensor<?x3xf32>
  %p = onnx.node "LIF"(%g) {domain = "snn", version = 1 : i64, node_name = "lif2", node_attrs = {}} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %p : tensor<?x3xf32>
}
}
