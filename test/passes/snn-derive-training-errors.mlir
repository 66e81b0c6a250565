// Proves: what training does not support is rejected with a clear error naming the op.
// RUN: snn-opt %s -split-input-file --snn-derive-training -verify-diagnostics

// expected-error @+1 {{snn-derive-training needs a graph-level function @forward}}
module {
  func.func @other(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
    return %x : tensor<?x3xf32>
  }
}

// -----

// expected-error @+1 {{a symbol @train_step already exists}}
module {
  snn.parameter @fc = dense<0.1> : tensor<2x3xf32>
  func.func @forward(%x: tensor<?x3xf32>, %w: tensor<2x3xf32> {snn.parameter = @fc}) -> tensor<?x2xf32>
      attributes {snn.time_steps = 5 : i64} {
    %a = snn.psp %x : tensor<?x3xf32>
    %i = snn.synapse.dense %a, %w : tensor<?x3xf32>, tensor<2x3xf32> -> tensor<?x2xf32>
    %o = snn.lif %i : tensor<?x2xf32>
    return %o : tensor<?x2xf32>
  }
  func.func @train_step() {
    return
  }
}
