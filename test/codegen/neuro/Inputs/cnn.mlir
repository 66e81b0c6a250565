// conv -> lif -> 2x2 sum pool (scale 1.1) -> conv -> lif -> pool -> dense -> lif: pooling folding.
module {
  snn.parameter @c1 = dense<0.5> : tensor<2x1x3x3xf32>
  snn.parameter @c2 = dense<0.25> : tensor<2x2x3x3xf32>
  snn.parameter @fc = dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  func.func @forward(%x: tensor<?x1x8x8xf32>, %w1: tensor<2x1x3x3xf32> {snn.parameter = @c1},
                     %w2: tensor<2x2x3x3xf32> {snn.parameter = @c2},
                     %w3: tensor<3x2xf32> {snn.parameter = @fc}) -> tensor<?x3xf32>
      attributes {snn.time_steps = 4 : i64} {
    %a = snn.psp %x : tensor<?x1x8x8xf32>
    %i1 = snn.synapse.conv2d %a, %w1 {pads = array<i64: 1, 1, 1, 1>} : tensor<?x1x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x8x8xf32>
    %o1 = snn.lif %i1 : tensor<?x2x8x8xf32>
    %p1 = snn.pool.sum %o1 {kernel = array<i64: 2, 2>} : tensor<?x2x8x8xf32> -> tensor<?x2x4x4xf32>
    %i2 = snn.synapse.conv2d %p1, %w2 {pads = array<i64: 1, 1, 1, 1>} : tensor<?x2x4x4xf32>, tensor<2x2x3x3xf32> -> tensor<?x2x4x4xf32>
    %o2 = snn.lif %i2 : tensor<?x2x4x4xf32>
    %p2 = snn.pool.sum %o2 {kernel = array<i64: 4, 4>, scale = 1.0 : f32} : tensor<?x2x4x4xf32> -> tensor<?x2x1x1xf32>
    %f = snn.flatten %p2 : tensor<?x2x1x1xf32> -> tensor<?x2xf32>
    %i3 = snn.synapse.dense %f, %w3 : tensor<?x2xf32>, tensor<3x2xf32> -> tensor<?x3xf32>
    %o3 = snn.lif %i3 : tensor<?x3xf32>
    return %o3 : tensor<?x3xf32>
  }
}
