// RUN: snn-opt --convert-onnx-to-snn --split-input-file --verify-diagnostics %s

// An op outside the snn profile is named with its node.
func.func @forward(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %a = onnx.node "PSP"(%x) {domain = "snn", version = 1 : i64, node_name = "psp", node_attrs = {}} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  // expected-error @+1 {{node 'sig' (Sigmoid): operator is not part of the snn profile}}
  %y = onnx.node "Sigmoid"(%a) {domain = "", version = 13 : i64, node_name = "sig", node_attrs = {}} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

// An op no ONNX opset defines.
func.func @forward(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+1 {{node 'frob' (snn.Frobnicate): unknown operator (no such op in opset 1 of its domain)}}
  %y = onnx.node "Frobnicate"(%x) {domain = "snn", version = 1 : i64, node_name = "frob", node_attrs = {}} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

// Opsets outside 11..17 are rejected.
func.func @forward(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+1 {{node 'relu' (Relu): opset 9 is outside the supported 11..17}}
  %y = onnx.node "Relu"(%x) {domain = "", version = 9 : i64, node_name = "relu", node_attrs = {}} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

// An attribute the pattern does not know.
func.func @forward(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+1 {{node 'psp' (snn.PSP): unsupported attribute 'tau_m'}}
  %y = onnx.node "PSP"(%x) {domain = "snn", version = 1 : i64, node_name = "psp", node_attrs = {tau_m = 2.0 : f32}} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

// Invalid neuron parameters.
func.func @forward(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+1 {{node 'lif' (snn.LIF): threshold must be finite and positive}}
  %y = onnx.node "LIF"(%x) {domain = "snn", version = 1 : i64, node_name = "lif", node_attrs = {threshold = -1.0 : f32}} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

func.func @forward(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+1 {{node 'lif' (snn.LIF): output must be "psp" or "spikes", got "voltage"}}
  %y = onnx.node "LIF"(%x) {domain = "snn", version = 1 : i64, node_name = "lif", node_attrs = {output = "voltage"}} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

// A Gemm C that differs per row is not a bias (the batch is dynamic in the snn profile).
func.func @forward(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
  %w = onnx.constant "w" dense<1.0> : tensor<3x4xf32>
  %b = onnx.constant "b" dense<1.0> : tensor<2x3xf32>
  // expected-error @+1 {{node 'fc' (Gemm): the bias must have one value per output feature (3) or a single value}}
  %i = onnx.node "Gemm"(%x, %w, %b) {domain = "", version = 13 : i64, node_name = "fc", node_attrs = {transB = 1 : i64}} : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = onnx.node "LIF"(%i) {domain = "snn", version = 1 : i64, node_name = "lif", node_attrs = {}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Weights must be initializers (they become parameters).
func.func @forward(%x: tensor<1x4xf32>, %w: tensor<3x4xf32>) -> tensor<1x3xf32> {
  // expected-error @+1 {{node 'fc' (Gemm): the weight must be an initializer in the snn profile}}
  %i = onnx.node "Gemm"(%x, %w) {domain = "", version = 13 : i64, node_name = "fc", node_attrs = {transB = 1 : i64}} : (tensor<1x4xf32>, tensor<3x4xf32>) -> tensor<1x3xf32>
  %y = onnx.node "LIF"(%i) {domain = "snn", version = 1 : i64, node_name = "lif", node_attrs = {}} : (tensor<1x3xf32>) -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}

// -----

// Grouped, dilated or SAME-padded convolutions are outside the profile.
func.func @forward(%x: tensor<1x2x6x6xf32>) -> tensor<1x2x4x4xf32> {
  %w = onnx.constant "w" dense<1.0> : tensor<2x1x3x3xf32>
  // expected-error @+1 {{node 'conv' (Conv): grouped convolution is not supported in the snn profile}}
  %c = onnx.node "Conv"(%x, %w) {domain = "", version = 11 : i64, node_name = "conv", node_attrs = {group = 2 : i64, kernel_shape = array<i64: 3, 3>}} : (tensor<1x2x6x6xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x4x4xf32>
  %y = onnx.node "LIF"(%c) {domain = "snn", version = 1 : i64, node_name = "lif", node_attrs = {}} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}

// -----

func.func @forward(%x: tensor<1x1x6x6xf32>) -> tensor<1x1x6x6xf32> {
  %w = onnx.constant "w" dense<1.0> : tensor<1x1x3x3xf32>
  // expected-error @+1 {{node 'conv' (Conv): auto_pad SAME_UPPER is not supported (use explicit pads)}}
  %c = onnx.node "Conv"(%x, %w) {domain = "", version = 11 : i64, node_name = "conv", node_attrs = {auto_pad = "SAME_UPPER", kernel_shape = array<i64: 3, 3>}} : (tensor<1x1x6x6xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x6x6xf32>
  %y = onnx.node "LIF"(%c) {domain = "snn", version = 1 : i64, node_name = "lif", node_attrs = {}} : (tensor<1x1x6x6xf32>) -> tensor<1x1x6x6xf32>
  return %y : tensor<1x1x6x6xf32>
}

// -----

// Overlapping pooling cannot be a TSSL-BP sum pool.
func.func @forward(%x: tensor<1x1x6x6xf32>) -> tensor<1x1x5x5xf32> {
  %a = onnx.node "PSP"(%x) {domain = "snn", version = 1 : i64, node_name = "psp", node_attrs = {}} : (tensor<1x1x6x6xf32>) -> tensor<1x1x6x6xf32>
  // expected-error @+1 {{node 'pool' (AveragePool): only 2-D pooling with stride = kernel and no padding is supported in the snn profile}}
  %p = onnx.node "AveragePool"(%a) {domain = "", version = 11 : i64, node_name = "pool", node_attrs = {kernel_shape = array<i64: 2, 2>}} : (tensor<1x1x6x6xf32>) -> tensor<1x1x5x5xf32>
  return %p : tensor<1x1x5x5xf32>
}

// -----

// A Mul that does not scale a pool.
func.func @forward(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %a = onnx.node "PSP"(%x) {domain = "snn", version = 1 : i64, node_name = "psp", node_attrs = {}} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  // expected-error @+1 {{node 'mul' (Mul): Mul is supported in the snn profile only as the scalar scale of a preceding AveragePool}}
  %y = onnx.node "Mul"(%a, %a) {domain = "", version = 14 : i64, node_name = "mul", node_attrs = {}} : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

// Flatten must keep the batch dimension.
func.func @forward(%x: tensor<1x2x2xf32>) -> tensor<1x4xf32> {
  %a = onnx.node "PSP"(%x) {domain = "snn", version = 1 : i64, node_name = "psp", node_attrs = {}} : (tensor<1x2x2xf32>) -> tensor<1x2x2xf32>
  // expected-error @+1 {{node 'flat' (Flatten): only axis = 1 (keep the batch dimension) is supported}}
  %f = onnx.node "Flatten"(%a) {domain = "", version = 13 : i64, node_name = "flat", node_attrs = {axis = 0 : i64}} : (tensor<1x2x2xf32>) -> tensor<1x4xf32>
  return %f : tensor<1x4xf32>
}

// -----

// A time_steps metadata entry too large for an integer says so.
module attributes {onnx.metadata = {"snn.time_steps" = "99999999999999999999999"}} {
// expected-error @-1 {{metadata 'snn.time_steps' is 99999999999999999999999, more than the 100000 steps snnc allows}}
func.func @forward(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %a = onnx.node "PSP"(%x) {domain = "snn", version = 1 : i64, node_name = "psp", node_attrs = {}} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %a : tensor<1x4xf32>
}
}

// -----

// A time_steps metadata entry that is not a positive integer.
module attributes {onnx.metadata = {"snn.time_steps" = "lots"}} {
// expected-error @-1 {{metadata 'snn.time_steps' must be an integer in [1, 100000], got 'lots'}}
func.func @forward(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %a = onnx.node "PSP"(%x) {domain = "snn", version = 1 : i64, node_name = "psp", node_attrs = {}} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %a : tensor<1x4xf32>
}
}
