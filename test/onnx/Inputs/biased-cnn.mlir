// A small CNN whose conv and dense synapses carry biases (ONNX Conv B, Gemm C).
snn.parameter @conv1 = dense<0.25> : tensor<2x1x3x3xf32>
snn.parameter @conv1.bias = dense<[5.000000e-01, -2.500000e-01]> : tensor<2xf32>
snn.parameter @fc1 = dense<0.125> : tensor<3x72xf32>
snn.parameter @fc1.bias = dense<[1.000000e+00, 0.000000e+00, -1.000000e+00]> : tensor<3xf32>
func.func @forward(%x: tensor<?x1x6x6xf32>, %wc: tensor<2x1x3x3xf32> {snn.parameter = @conv1},
                   %bc: tensor<2xf32> {snn.parameter = @conv1.bias},
                   %wf: tensor<3x72xf32> {snn.parameter = @fc1},
                   %bf: tensor<3xf32> {snn.parameter = @fc1.bias}) -> tensor<?x3xf32>
    attributes {snn.time_steps = 4 : i64} {
  %a = snn.psp %x : tensor<?x1x6x6xf32>
  %c = snn.synapse.conv2d %a, %wc {pads = array<i64: 1, 1, 1, 1>} : tensor<?x1x6x6xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x6x6xf32>
  %cb = snn.bias %c, %bc : tensor<?x2x6x6xf32>, tensor<2xf32>
  %o1 = snn.lif %cb : tensor<?x2x6x6xf32>
  %f = snn.flatten %o1 : tensor<?x2x6x6xf32> -> tensor<?x72xf32>
  %i = snn.synapse.dense %f, %wf : tensor<?x72xf32>, tensor<3x72xf32> -> tensor<?x3xf32>
  %ib = snn.bias %i, %bf : tensor<?x3xf32>, tensor<3xf32>
  %o2 = snn.lif %ib : tensor<?x3xf32>
  return %o2 : tensor<?x3xf32>
}
