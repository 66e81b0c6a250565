// A bias that does not follow a synapse: the ONNX profile has no node for it.
snn.parameter @b = dense<[1.0, 2.0]> : tensor<2xf32>
func.func @forward(%x: tensor<?x2xf32>, %b: tensor<2xf32> {snn.parameter = @b}) -> tensor<?x2xf32>
    attributes {snn.time_steps = 5 : i64} {
  %a = snn.psp %x : tensor<?x2xf32>
  %ab = snn.bias %a, %b : tensor<?x2xf32>, tensor<2xf32>
  %o = snn.lif %ab : tensor<?x2xf32>
  return %o : tensor<?x2xf32>
}
