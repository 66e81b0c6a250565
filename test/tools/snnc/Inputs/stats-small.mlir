// A 4-3-2 network with hand-chosen weights (zeros included) whose synaptic operations stats.test counts by hand.
module {
  snn.parameter @fc1 = dense<[[1.0, 0.0, 0.5, 0.0], [0.0, 1.0, 0.0, 0.0], [0.5, 0.0, 0.0, 1.0]]> : tensor<3x4xf32>
  snn.parameter @fc2 = dense<[[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]> : tensor<2x3xf32>
  func.func @forward(%x: tensor<?x4xf32>, %w1: tensor<3x4xf32> {snn.parameter = @fc1}, %w2: tensor<2x3xf32> {snn.parameter = @fc2}) -> tensor<?x2xf32> attributes {snn.time_steps = 5 : i64} {
    %a = snn.psp %x : tensor<?x4xf32>
    %i1 = snn.synapse.dense %a, %w1 : tensor<?x4xf32>, tensor<3x4xf32> -> tensor<?x3xf32>
    %s1 = snn.lif %i1 : tensor<?x3xf32>
    %i2 = snn.synapse.dense %s1, %w2 : tensor<?x3xf32>, tensor<2x3xf32> -> tensor<?x2xf32>
    %s2 = snn.lif %i2 : tensor<?x2xf32>
    return %s2 : tensor<?x2xf32>
  }
}
