// A graph-level model whose input is a sequence (last dimension = time), as N-MNIST is.
snn.parameter @w = dense<0.5> : tensor<3x2xf32>
func.func @forward(%s: tensor<?x2x4xf32>, %w: tensor<3x2xf32> {snn.parameter = @w})
    -> tensor<?x3xf32> attributes {snn.time_steps = 4 : i64} {
  %x = snn.time.current %s : tensor<?x2x4xf32> -> tensor<?x2xf32>
  %a = snn.psp %x : tensor<?x2xf32>
  %i = snn.synapse.dense %a, %w : tensor<?x2xf32>, tensor<3x2xf32> -> tensor<?x3xf32>
  %o = snn.lif %i : tensor<?x3xf32>
  return %o : tensor<?x3xf32>
}
