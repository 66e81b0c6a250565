// A neuron that emits raw spikes into a synapse (output = spikes): NIR export refuses it.
module {
  snn.parameter @w1 = dense<0.5> : tensor<3x784xf32>
  snn.parameter @w2 = dense<0.5> : tensor<10x3xf32>
  func.func @forward(%x: tensor<?x784xf32>, %w1: tensor<3x784xf32> {snn.parameter = @w1},
                     %w2: tensor<10x3xf32> {snn.parameter = @w2}) -> tensor<?x10xf32>
      attributes {snn.time_steps = 5 : i64} {
    %0 = snn.psp %x : tensor<?x784xf32>
    %1 = snn.synapse.dense %0, %w1 : tensor<?x784xf32>, tensor<3x784xf32> -> tensor<?x3xf32>
    %2 = snn.lif %1 {output = #snn.output<spikes>} : tensor<?x3xf32>
    %3 = snn.synapse.dense %2, %w2 : tensor<?x3xf32>, tensor<10x3xf32> -> tensor<?x10xf32>
    %4 = snn.lif %3 : tensor<?x10xf32>
    return %4 : tensor<?x10xf32>
  }
}
