// A synapse reading the raw input (no snn.psp first): NIR export refuses it.
module {
  snn.parameter @w = dense<0.5> : tensor<3x4xf32>
  func.func @forward(%x: tensor<?x4xf32>, %w: tensor<3x4xf32> {snn.parameter = @w})
      -> tensor<?x3xf32> attributes {snn.time_steps = 5 : i64} {
    %1 = snn.synapse.dense %x, %w : tensor<?x4xf32>, tensor<3x4xf32> -> tensor<?x3xf32>
    %2 = snn.lif %1 : tensor<?x3xf32>
    return %2 : tensor<?x3xf32>
  }
}
