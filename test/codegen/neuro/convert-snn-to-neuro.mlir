// convert-snn-to-neuro: the snn forward function becomes a neuro.program in spike form.
// RUN: snn-opt %S/Inputs/mlp.mlir --convert-snn-to-neuro | FileCheck %s --check-prefix=MLP --implicit-check-not=snn.
// RUN: snn-opt %S/Inputs/cnn.mlir --convert-snn-to-neuro --mlir-elide-elementsattrs-if-larger=40 | FileCheck %s --check-prefix=CNN
// RUN: snn-opt %s --split-input-file --convert-snn-to-neuro --verify-diagnostics

// Proves: the input PSP becomes neuro.input; weights are divided by the filter's tau_s
// (0.6/3 = 0.2) because the filter moves into the next neuron's current; dropout
// disappears; the function and its parameters are replaced by the program.
// MLP: neuro.program @forward_neuro attributes {target = "generic", time_steps = 5 : i64}
// MLP-NEXT: %[[X:.+]] = neuro.input : <4>
// MLP-NEXT: %[[C1:.+]] = neuro.dense %[[X]] {weights = dense<{{\[\[}}0.200000018, -0.100000009, 0.000000e+00, 3.000000e-01]
// MLP-NEXT: %[[S1:.+]] = neuro.lif %[[C1]] {name = "layer1", tau_m = 5.000000e+00 : f32, tau_s = 3.000000e+00 : f32, threshold = 1.000000e+00 : f32} : <3> -> <3>
// MLP-NEXT: %[[C2:.+]] = neuro.dense %[[S1]] {weights = dense<{{\[\[}}5.000000e-01, 0.000000e+00, -2.500000e-01], [0.000000e+00, 2.500000e-01, 2.500000e-01]]> : tensor<2x3xf32>}
// MLP-NEXT: %[[S2:.+]] = neuro.lif %[[C2]] {name = "layer2"
// MLP-NEXT: neuro.output %[[S2]] {tau_s = 3.000000e+00 : f32} : <2>

// Proves: a 2x2 sum pooling (1.1) before a 3x3 conv becomes a 6x6 conv with stride 2 and
// doubled pads, weights 0.25 * 1.1 / 3; a 4x4 pooling before a dense layer gives each of
// the 32 unpooled inputs its pooled input's weight.
// CNN: neuro.conv %{{.+}} {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, weights = dense<0.166666672> : tensor<2x1x3x3xf32>} : <1x8x8> -> <2x8x8>
// CNN: neuro.conv %{{.+}} {pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 2, 2>, weights = dense<0.0916666686> : tensor<2x2x6x6xf32>} : <2x8x8> -> <2x4x4>
// CNN: neuro.dense %{{.+}} {weights = dense_resource<__elided__> : tensor<3x32xf32>} : <2x4x4> -> <3>

module {
  snn.parameter @w = dense<1.0> : tensor<2x4xf32>
  func.func @forward(%x: tensor<?x4xf32>, %w: tensor<2x4xf32> {snn.parameter = @w}) -> tensor<?x2xf32>
      attributes {snn.time_steps = 5 : i64} {
    %a = snn.psp %x : tensor<?x4xf32>
    %i = snn.synapse.dense %a, %w : tensor<?x4xf32>, tensor<2x4xf32> -> tensor<?x2xf32>
    // Proves: an op outside the chain is refused with the supported set.
    // expected-error @+1 {{is not supported on a neuromorphic target}}
    %e = tensor.empty() : tensor<1xf32>
    %o = snn.lif %i : tensor<?x2xf32>
    return %o : tensor<?x2xf32>
  }
}

// -----

module {
  snn.parameter @w = dense<1.0> : tensor<2x2x3x3xf32>
  func.func @forward(%x: tensor<?x2x7x7xf32>, %w: tensor<2x2x3x3xf32> {snn.parameter = @w}) -> tensor<?x2x1x1xf32>
      attributes {snn.time_steps = 5 : i64} {
    %a = snn.psp %x : tensor<?x2x7x7xf32>
    %p = snn.pool.sum %a {kernel = array<i64: 2, 2>} : tensor<?x2x7x7xf32> -> tensor<?x2x3x3xf32>
    // Proves: pooling that drops a row cannot be folded into the conv after it.
    // expected-error @+1 {{drops rows}}
    %i = snn.synapse.conv2d %p, %w : tensor<?x2x3x3xf32>, tensor<2x2x3x3xf32> -> tensor<?x2x1x1xf32>
    %o = snn.lif %i : tensor<?x2x1x1xf32>
    return %o : tensor<?x2x1x1xf32>
  }
}

// -----

// Proves: a model without a graph-level forward function is refused.
// expected-error @+1 {{no graph-level snn forward function}}
module {
  func.func @f() {
    return
  }
}

// -----

module {
  snn.parameter @w = dense<1.0> : tensor<2x1x2x2xf32>
  func.func @forward(%x: tensor<?x1x2x2xf32>, %w: tensor<2x1x2x2xf32> {snn.parameter = @w}) -> tensor<?x2x1x1xf32>
      attributes {snn.time_steps = 5 : i64} {
    %a = snn.psp %x : tensor<?x1x2x2xf32>
    %i = snn.synapse.conv2d %a, %w : tensor<?x1x2x2xf32>, tensor<2x1x2x2xf32> -> tensor<?x2x1x1xf32>
    %o = snn.lif %i : tensor<?x2x1x1xf32>
    %p = snn.pool.sum %o {kernel = array<i64: 1, 1>} : tensor<?x2x1x1xf32> -> tensor<?x2x1x1xf32>
    // Proves: an output that is not a neuron's own (here pooled) is refused, not dropped.
    // expected-error @+1 {{the model output must be a neuron's output}}
    return %p : tensor<?x2x1x1xf32>
  }
}

// -----

// Proves: the cores have no constant input current, so a non-zero bias is refused.
module {
  snn.parameter @w = dense<1.0> : tensor<2x4xf32>
  snn.parameter @b = dense<[0.0, 0.5]> : tensor<2xf32>
  func.func @forward(%x: tensor<?x4xf32>, %w: tensor<2x4xf32> {snn.parameter = @w},
                     %b: tensor<2xf32> {snn.parameter = @b}) -> tensor<?x2xf32>
      attributes {snn.time_steps = 5 : i64} {
    %a = snn.psp %x : tensor<?x4xf32>
    %i = snn.synapse.dense %a, %w : tensor<?x4xf32>, tensor<2x4xf32> -> tensor<?x2xf32>
    // expected-error @+1 {{'snn.bias' op a non-zero bias is not supported on a neuromorphic target (the cores have no constant input current)}}
    %ib = snn.bias %i, %b : tensor<?x2xf32>, tensor<2xf32>
    %o = snn.lif %ib : tensor<?x2xf32>
    return %o : tensor<?x2xf32>
  }
}

// -----

// Proves: an all-zero bias (an ONNX model's default) maps, adding nothing.
module {
  snn.parameter @w = dense<1.0> : tensor<2x4xf32>
  snn.parameter @b = dense<0.0> : tensor<2xf32>
  func.func @forward(%x: tensor<?x4xf32>, %w: tensor<2x4xf32> {snn.parameter = @w},
                     %b: tensor<2xf32> {snn.parameter = @b}) -> tensor<?x2xf32>
      attributes {snn.time_steps = 5 : i64} {
    %a = snn.psp %x : tensor<?x4xf32>
    %i = snn.synapse.dense %a, %w : tensor<?x4xf32>, tensor<2x4xf32> -> tensor<?x2xf32>
    %ib = snn.bias %i, %b : tensor<?x2xf32>, tensor<2xf32>
    %o = snn.lif %ib : tensor<?x2xf32>
    return %o : tensor<?x2xf32>
  }
}
