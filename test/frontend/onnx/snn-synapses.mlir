// RUN: snn-opt --convert-onnx-to-snn --split-input-file %s | FileCheck %s

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
