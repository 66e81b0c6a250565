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
