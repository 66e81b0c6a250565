// RUN: snn-opt %s --split-input-file --convert-onnx-to-snn --verify-diagnostics

// Integer data is outside the float32 ANN ops.
func.func @forward(%a: tensor<3xi32>, %b: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{node 'add' (Add): the first operand must be a ranked float32 tensor}}
  %y = onnx.node "Add"(%a, %b) {domain = "", version = 14 : i64, node_name = "add", node_attrs = {}} : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %y : tensor<3xi32>
}

// -----

// Incompatible broadcast shapes are named with their sizes.
func.func @forward(%a: tensor<2x3xf32>, %b: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{node 'mul' (Mul): operand shapes are not broadcast-compatible (3 vs 4 in dimension 1)}}
  %y = onnx.node "Mul"(%a, %b) {domain = "", version = 14 : i64, node_name = "mul", node_attrs = {}} : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// BatchNormalization in training mode (opset 14+) is rejected.
func.func @forward(%x: tensor<2x3xf32>, %s: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{node 'bn' (BatchNormalization): training_mode = 1 is not supported (inference only)}}
  %y = onnx.node "BatchNormalization"(%x, %s, %s, %s, %s) {domain = "", version = 15 : i64, node_name = "bn", node_attrs = {training_mode = 1 : i64}} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Opset 13 Reshape has no allowzero attribute.
func.func @forward(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %s = onnx.constant "shape" dense<[3, 2]> : tensor<2xi64>
  // expected-error @+1 {{node 'rs' (Reshape): unsupported attribute 'allowzero'}}
  %y = onnx.node "Reshape"(%x, %s) {domain = "", version = 13 : i64, node_name = "rs", node_attrs = {allowzero = 1 : i64}} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

// A Reshape shape computed at run time, with no static output shape, is not supported.
func.func @forward(%x: tensor<2x3xf32>, %s: tensor<2xi64>) -> tensor<?x?xf32> {
  // expected-error @+1 {{node 'rs' (Reshape): the shape input must be a constant 1-D int64 tensor (or the output shape known statically)}}
  %y = onnx.node "Reshape"(%x, %s) {domain = "", version = 14 : i64, node_name = "rs", node_attrs = {}} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// A shape computed at run time is compiled for the node's static output shape.
func.func @forward(%x: tensor<2x3xf32>, %s: tensor<2xi64>) -> tensor<4x2xf32> {
  // expected-error @+1 {{node 'rs' (Reshape): the shape has 8 elements, the input 6}}
  %y = onnx.node "Reshape"(%x, %s) {domain = "", version = 14 : i64, node_name = "rs", node_attrs = {}} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// A Reshape whose element count differs from the input's.
func.func @forward(%x: tensor<2x3xf32>) -> tensor<4x2xf32> {
  %s = onnx.constant "shape" dense<[4, 2]> : tensor<2xi64>
  // expected-error @+1 {{node 'rs' (Reshape): the shape has 8 elements, the input 6}}
  %y = onnx.node "Reshape"(%x, %s) {domain = "", version = 14 : i64, node_name = "rs", node_attrs = {}} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// 3-D convolution is outside the 1-D and 2-D support.
func.func @forward(%x: tensor<1x1x5x5x5xf32>, %w: tensor<1x1x3x3x3xf32>) -> tensor<1x1x3x3x3xf32> {
  // expected-error @+1 {{node 'c3' (Conv): only 1-D and 2-D windows are supported}}
  %y = onnx.node "Conv"(%x, %w) {domain = "", version = 11 : i64, node_name = "c3", node_attrs = {}} : (tensor<1x1x5x5x5xf32>, tensor<1x1x3x3x3xf32>) -> tensor<1x1x3x3x3xf32>
  return %y : tensor<1x1x3x3x3xf32>
}

// -----

// A window attribute whose length does not match the input's spatial rank.
func.func @forward(%x: tensor<1x1x5x5xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32> {
  // expected-error @+1 {{node 'c' (Conv): 'strides' must have 2 entries for a 2-D input}}
  %y = onnx.node "Conv"(%x, %w) {domain = "", version = 11 : i64, node_name = "c", node_attrs = {strides = array<i64: 1, 1, 1>}} : (tensor<1x1x5x5xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32>
  return %y : tensor<1x1x3x3xf32>
}

// -----

// A group that does not divide the channels.
func.func @forward(%x: tensor<1x4x5x5xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x3x3xf32> {
  // expected-error @+1 {{node 'g' (Conv): group 2 does not divide the channels (X has 4, W expects 2 per group)}}
  %y = onnx.node "Conv"(%x, %w) {domain = "", version = 11 : i64, node_name = "g", node_attrs = {group = 2 : i64}} : (tensor<1x4x5x5xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x3x3xf32>
  return %y : tensor<1x3x3x3xf32>
}

// -----

// MaxPool's Indices output is not supported.
func.func @forward(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xi64> {
  // expected-error @+1 {{node 'mp' (MaxPool): the Indices output is not supported}}
  %y, %i = onnx.node "MaxPool"(%x) {domain = "", version = 12 : i64, node_name = "mp", node_attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}} : (tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  return %i : tensor<1x1x2x2xi64>
}

// -----

// 3-D pooling is rejected.
func.func @forward(%x: tensor<1x1x4x4x4xf32>) -> tensor<1x1x2x2x2xf32> {
  // expected-error @+1 {{node 'ap' (AveragePool): only 1-D and 2-D windows are supported}}
  %y = onnx.node "AveragePool"(%x) {domain = "", version = 11 : i64, node_name = "ap", node_attrs = {kernel_shape = array<i64: 2, 2, 2>}} : (tensor<1x1x4x4x4xf32>) -> tensor<1x1x2x2x2xf32>
  return %y : tensor<1x1x2x2x2xf32>
}

// -----

// Random (training) Dropout is rejected.
func.func @forward(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = onnx.constant "ratio" dense<0.5> : tensor<f32>
  %t = onnx.constant "training" dense<true> : tensor<i1>
  // expected-error @+1 {{node 'd' (Dropout): training_mode = true (random dropout) is not supported}}
  %y = onnx.node "Dropout"(%x, %r, %t) {domain = "", version = 13 : i64, node_name = "d", node_attrs = {}} : (tensor<2x3xf32>, tensor<f32>, tensor<i1>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// A Gemm bias that does not broadcast to [M, N].
func.func @forward(%a: tensor<2x4xf32>, %b: tensor<4x3xf32>, %c: tensor<2xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{node 'g' (Gemm): C is not unidirectionally broadcastable to [M, N]}}
  %y = onnx.node "Gemm"(%a, %b, %c) {domain = "", version = 13 : i64, node_name = "g", node_attrs = {}} : (tensor<2x4xf32>, tensor<4x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Softmax's axis must lie inside the rank.
func.func @forward(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{node 'sm' (Softmax): axis 2 is out of range for rank 2}}
  %y = onnx.node "Softmax"(%x) {domain = "", version = 13 : i64, node_name = "sm", node_attrs = {axis = 2 : i64}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Gather is supported only on shapes (1-D int64 data, constant indices).
func.func @forward(%x: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %i = onnx.constant "i" dense<[0, 2]> : tensor<2xi64>
  // expected-error @+1 {{node 'g' (Gather): only gathering constant indices from a 1-D int64 tensor (a shape) is supported}}
  %y = onnx.node "Gather"(%x, %i) {domain = "", version = 13 : i64, node_name = "g", node_attrs = {axis = 0 : i64}} : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// Squeeze of a dimension that is not 1.
func.func @forward(%x: tensor<3x4xf32>) -> tensor<4xf32> {
  %a = onnx.constant "axes" dense<[0]> : tensor<1xi64>
  // expected-error @+1 {{node 'sq' (Squeeze): axis 0 is out of range or not of size 1}}
  %y = onnx.node "Squeeze"(%x, %a) {domain = "", version = 13 : i64, node_name = "sq", node_attrs = {}} : (tensor<3x4xf32>, tensor<1xi64>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// A perm that is not a permutation.
func.func @forward(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{node 't' (Transpose): perm is not a permutation of the 2 dimensions}}
  %y = onnx.node "Transpose"(%x) {domain = "", version = 13 : i64, node_name = "t", node_attrs = {perm = array<i64: 1, 1>}} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

// Flatten's axis may be at most the rank.
func.func @forward(%x: tensor<2x3xf32>) -> tensor<6x1xf32> {
  // expected-error @+1 {{node 'f' (Flatten): axis 3 is out of range for rank 2}}
  %y = onnx.node "Flatten"(%x) {domain = "", version = 13 : i64, node_name = "f", node_attrs = {axis = 3 : i64}} : (tensor<2x3xf32>) -> tensor<6x1xf32>
  return %y : tensor<6x1xf32>
}

// -----

// A Reshape shape with two inferred entries.
func.func @forward(%x: tensor<2x3xf32>) -> tensor<?x?xf32> {
  %s = onnx.constant "shape" dense<[-1, -1]> : tensor<2xi64>
  // expected-error @+1 {{node 'rs' (Reshape): the shape has more than one -1 entry}}
  %y = onnx.node "Reshape"(%x, %s) {domain = "", version = 14 : i64, node_name = "rs", node_attrs = {}} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// A pooling window larger than the padded input.
func.func @forward(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32> {
  // expected-error @+1 {{node 'mp' (MaxPool): the window (3) is larger than the padded input (2)}}
  %y = onnx.node "MaxPool"(%x) {domain = "", version = 12 : i64, node_name = "mp", node_attrs = {kernel_shape = array<i64: 3, 3>}} : (tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32>
  return %y : tensor<1x1x1x1xf32>
}

// -----

// MatMul operands whose inner dimensions differ.
func.func @forward(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{node 'mm' (MatMul): inner dimensions differ (3 vs 4)}}
  %y = onnx.node "MatMul"(%a, %b) {domain = "", version = 13 : i64, node_name = "mm", node_attrs = {}} : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return %y : tensor<2x5xf32>
}

// -----

// Concat inputs that differ outside the axis.
func.func @forward(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+1 {{node 'cat' (Concat): inputs differ in dimension 0}}
  %y = onnx.node "Concat"(%a, %b) {domain = "", version = 13 : i64, node_name = "cat", node_attrs = {axis = 1 : i64}} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// -----

// A missing required input is named with the expected count.
func.func @forward(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{node 'g' (Gemm): expects 2 to 3 inputs, got 1}}
  %y = onnx.node "Gemm"(%x) {domain = "", version = 13 : i64, node_name = "g", node_attrs = {}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// The computed result type must agree with the importer's inferred one.
func.func @forward(%x: tensor<2x3xf32>) -> tensor<3x3xf32> {
  // expected-error @+1 {{node 'r' (Relu): computed type tensor<2x3xf32> does not match the inferred type tensor<3x3xf32>}}
  %y = onnx.node "Relu"(%x) {domain = "", version = 14 : i64, node_name = "r", node_attrs = {}} : (tensor<2x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

// -----

// Pad modes other than constant are rejected.
func.func @forward(%x: tensor<2x3xf32>) -> tensor<2x5xf32> {
  %p = onnx.constant "pads" dense<[0, 1, 0, 1]> : tensor<4xi64>
  // expected-error @+1 {{node 'pad' (Pad): mode 'reflect' is not supported (only 'constant')}}
  %y = onnx.node "Pad"(%x, %p) {domain = "", version = 13 : i64, node_name = "pad", node_attrs = {mode = "reflect"}} : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<2x5xf32>
  return %y : tensor<2x5xf32>
}

// -----

// With a dynamic batch, a leading -1 must stand for exactly the batch.
func.func @forward(%x: tensor<?x16xf32>) -> tensor<?x8xf32> {
  %s = onnx.constant "shape" dense<[-1, 8]> : tensor<2xi64>
  // expected-error @+1 {{node 'view' (Reshape): the shape has 8 elements, the input 16}}
  %y = onnx.node "Reshape"(%x, %s) {domain = "", version = 13 : i64, node_name = "view", node_attrs = {}} : (tensor<?x16xf32>, tensor<2xi64>) -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

// A pool without kernel_shape is rejected (MaxPool and AveragePool share the check).
func.func @forward(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{node 'ap' (AveragePool): kernel_shape is required}}
  %y = onnx.node "AveragePool"(%x) {domain = "", version = 13 : i64, node_name = "ap", node_attrs = {strides = array<i64: 2, 2>}} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}
