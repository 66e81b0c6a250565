// RUN: snn-opt --convert-onnx-to-snn="convert-ann tau-m=4.0 threshold=0.5 time-steps=3" --split-input-file --verify-diagnostics %s | FileCheck %s

// Conv → BatchNormalization → Relu → MaxPool → Flatten → Gemm → Softmax becomes the
// TSSL-BP network: input PSP, BN folded into the conv weight (scale/sqrt(var+eps) per
// output channel), LIF neurons, 1.1 × sum pooling, and a LIF on the output in place of
// the softmax.
// CHECK-LABEL: snn.parameter @cw = dense<{{.*}}2.000000e+00{{.*}}4.000000e+00{{.*}}> : tensor<2x1x1x1xf32>
// CHECK:       func.func @forward(%[[X:.*]]: tensor<?x1x4x4xf32>, %[[CW:.*]]: tensor<2x1x1x1xf32> {snn.parameter = @cw}, %[[FW:.*]]: tensor<3x8xf32> {snn.parameter = @fw}) -> tensor<?x3xf32> attributes {snn.time_steps = 3 : i64}
// CHECK:         %[[A:.*]] = snn.psp %[[X]] : tensor<?x1x4x4xf32>
// CHECK:         %[[C:.*]] = snn.synapse.conv2d %[[A]], %[[CW]]
// CHECK:         %[[L:.*]] = snn.lif %[[C]] {tau_m = 4.000000e+00 : f32, threshold = 5.000000e-01 : f32}
// CHECK:         %[[P:.*]] = snn.pool.sum %[[L]] {kernel = array<i64: 2, 2>} : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>
// CHECK:         %[[F:.*]] = snn.flatten %[[P]]
// CHECK:         %[[D:.*]] = snn.synapse.dense %[[F]], %[[FW]]
// CHECK:         %[[O:.*]] = snn.lif %[[D]] {tau_m = 4.000000e+00 : f32, threshold = 5.000000e-01 : f32}
// CHECK:         return %[[O]]
func.func @forward(%x: tensor<1x1x4x4xf32>) -> tensor<1x3xf32> {
  %cw = onnx.constant "cw" dense<[[[[1.0]]], [[[1.0]]]]> : tensor<2x1x1x1xf32>
  %s = onnx.constant "s" dense<[1.0, 2.0]> : tensor<2xf32>
  %b = onnx.constant "b" dense<0.0> : tensor<2xf32>
  %m = onnx.constant "m" dense<0.0> : tensor<2xf32>
  %v = onnx.constant "v" dense<0.25> : tensor<2xf32>
  %fw = onnx.constant "fw" dense<0.1> : tensor<3x8xf32>
  %c = onnx.node "Conv"(%x, %cw) {domain = "", version = 11 : i64, node_name = "conv", node_attrs = {kernel_shape = array<i64: 1, 1>}} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %n = onnx.node "BatchNormalization"(%c, %s, %b, %m, %v) {domain = "", version = 15 : i64, node_name = "bn", node_attrs = {epsilon = 0.0 : f32}} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %r = onnx.node "Relu"(%n) {domain = "", version = 14 : i64, node_name = "relu", node_attrs = {}} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %p = onnx.node "MaxPool"(%r) {domain = "", version = 12 : i64, node_name = "pool", node_attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  %f = onnx.node "Flatten"(%p) {domain = "", version = 13 : i64, node_name = "flatten", node_attrs = {}} : (tensor<1x2x2x2xf32>) -> tensor<1x8xf32>
  %g = onnx.node "Gemm"(%f, %fw) {domain = "", version = 13 : i64, node_name = "fc", node_attrs = {transB = 1 : i64}} : (tensor<1x8xf32>, tensor<3x8xf32>) -> tensor<1x3xf32>
  %y = onnx.node "Softmax"(%g) {domain = "", version = 13 : i64, node_name = "softmax", node_attrs = {}} : (tensor<1x3xf32>) -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}

// -----

// A bias is kept as a learned snn.bias after the synapse.
// CHECK-LABEL: snn.parameter @w = dense<1.000000e+00> : tensor<3x4xf32>
// CHECK:       snn.parameter @b = dense<1.000000e+00> : tensor<3xf32>
// CHECK:         %[[D:.*]] = snn.synapse.dense
// CHECK:         %[[B:.*]] = snn.bias %[[D]], %{{.*}} : tensor<?x3xf32>, tensor<3xf32>
// CHECK:         snn.lif %[[B]]
func.func @forward(%x: tensor<1x4xf32>) -> tensor<1x3xf32> {
  %w = onnx.constant "w" dense<1.0> : tensor<3x4xf32>
  %b = onnx.constant "b" dense<1.0> : tensor<3xf32>
  %i = onnx.node "Gemm"(%x, %w, %b) {domain = "", version = 13 : i64, node_name = "fc", node_attrs = {transB = 1 : i64}} : (tensor<1x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<1x3xf32>
  return %i : tensor<1x3xf32>
}

// -----

// Batch normalization after a biased Gemm folds into both: W' = f·W and
// b' = f·(b − mean) + shift with f = scale/sqrt(var + eps) = [2, 4]:
// b' = [2·(1 − 0) + 1, 4·(1 − 0.5) + 0] = [3, 2]; the bias keeps the Gemm's bias name.
// CHECK-LABEL: snn.parameter @w = dense<{{\[}}[2.000000e+00, 2.000000e+00], [4.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
// CHECK:       snn.parameter @gb = dense<[3.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK:         %[[D:.*]] = snn.synapse.dense
// CHECK:         %[[B:.*]] = snn.bias %[[D]], %{{.*}} : tensor<?x2xf32>, tensor<2xf32>
// CHECK:         snn.lif %[[B]]
func.func @forward(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = onnx.constant "w" dense<1.0> : tensor<2x2xf32>
  %gb = onnx.constant "gb" dense<1.0> : tensor<2xf32>
  %s = onnx.constant "s" dense<[1.0, 2.0]> : tensor<2xf32>
  %sh = onnx.constant "sh" dense<[1.0, 0.0]> : tensor<2xf32>
  %m = onnx.constant "m" dense<[0.0, 0.5]> : tensor<2xf32>
  %v = onnx.constant "v" dense<0.25> : tensor<2xf32>
  %i = onnx.node "Gemm"(%x, %w, %gb) {domain = "", version = 13 : i64, node_name = "fc", node_attrs = {transB = 1 : i64}} : (tensor<1x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %n = onnx.node "BatchNormalization"(%i, %s, %sh, %m, %v) {domain = "", version = 15 : i64, node_name = "bn", node_attrs = {epsilon = 0.0 : f32}} : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %r = onnx.node "Relu"(%n) {domain = "", version = 14 : i64, node_name = "relu", node_attrs = {}} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  return %r : tensor<1x2xf32>
}

// -----

// Batch normalization with a shift after a bias-free Conv adds an snn.bias named after
// the shift: b' = shift − f·mean = shift (mean 0) = [1, -1]. (The first test's zero
// shift adds none.)
// CHECK-LABEL: snn.parameter @cw = dense<{{.*}}> : tensor<2x1x1x1xf32>
// CHECK:       snn.parameter @sh = dense<[1.000000e+00, -1.000000e+00]> : tensor<2xf32>
// CHECK:         %[[C:.*]] = snn.synapse.conv2d
// CHECK:         %[[B:.*]] = snn.bias %[[C]], %{{.*}} : tensor<?x2x4x4xf32>, tensor<2xf32>
// CHECK:         snn.lif %[[B]]
func.func @forward(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %cw = onnx.constant "cw" dense<[[[[1.0]]], [[[1.0]]]]> : tensor<2x1x1x1xf32>
  %s = onnx.constant "s" dense<[1.0, 2.0]> : tensor<2xf32>
  %sh = onnx.constant "sh" dense<[1.0, -1.0]> : tensor<2xf32>
  %m = onnx.constant "m" dense<0.0> : tensor<2xf32>
  %v = onnx.constant "v" dense<0.25> : tensor<2xf32>
  %c = onnx.node "Conv"(%x, %cw) {domain = "", version = 11 : i64, node_name = "conv", node_attrs = {kernel_shape = array<i64: 1, 1>}} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %n = onnx.node "BatchNormalization"(%c, %s, %sh, %m, %v) {domain = "", version = 15 : i64, node_name = "bn", node_attrs = {epsilon = 0.0 : f32}} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %r = onnx.node "Relu"(%n) {domain = "", version = 14 : i64, node_name = "relu", node_attrs = {}} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %r : tensor<1x2x4x4xf32>
}

// -----

// Batch normalization that does not follow a synapse cannot be folded.
func.func @forward(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %s = onnx.constant "s" dense<1.0> : tensor<2xf32>
  // expected-error @+1 {{node 'bn' (BatchNormalization): batch normalization must directly follow a Conv or Gemm to be folded}}
  %n = onnx.node "BatchNormalization"(%x, %s, %s, %s, %s) {domain = "", version = 15 : i64, node_name = "bn", node_attrs = {}} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %n : tensor<1x2x4x4xf32>
}

// -----

// Overlapping max pooling has no sum-pool equivalent.
func.func @forward(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x3x3xf32> {
  // expected-error @+1 {{node 'pool' (MaxPool): only 2-D pooling with stride = kernel and no padding can become sum pooling}}
  %p = onnx.node "MaxPool"(%x) {domain = "", version = 12 : i64, node_name = "pool", node_attrs = {kernel_shape = array<i64: 2, 2>}} : (tensor<1x1x4x4xf32>) -> tensor<1x1x3x3xf32>
  return %p : tensor<1x1x3x3xf32>
}
