// Proves: compiled code reproduces the forward values of tssl-bp.md §8 case A (two spike
// trains 11010 and 01101 through the PSP filter, weights (1.0, 0.8), one LIF neuron), in
// every schedule. Golden a = (0, 0.333333, 0.222222, 0.481481, 0.320988), printed to 6 digits.
// RUN: %python -c "import numpy as np; np.save('%t.in.npy', np.array([[[1,1,0,1,0],[0,1,1,0,1]]], dtype=np.float32))"
// RUN: snnc run %s --input %t.in.npy --output %t.layer.npy --schedule layer
// RUN: %python -c "import numpy as np; print(' '.join('%%.6f' %% v for v in np.load('%t.layer.npy').ravel()))" | FileCheck %s
// RUN: snnc run %s --input %t.in.npy --output %t.step.npy --schedule step
// RUN: %python -c "import numpy as np; print(' '.join('%%.6f' %% v for v in np.load('%t.step.npy').ravel()))" | FileCheck %s
// RUN: snnc run %s --input %t.in.npy --output %t.unrolled.npy --schedule step --unroll 5
// RUN: %python -c "import numpy as np; print(' '.join('%%.6f' %% v for v in np.load('%t.unrolled.npy').ravel()))" | FileCheck %s
// CHECK: 0.000000 0.333333 0.222222 0.481481 0.320988
module {
  snn.parameter @w = dense<[[1.0, 0.8]]> : tensor<1x2xf32>
  func.func @forward(%s: tensor<?x2x5xf32>, %w: tensor<1x2xf32> {snn.parameter = @w})
      -> tensor<?x1xf32> attributes {snn.time_steps = 5 : i64} {
    %x = snn.time.current %s : tensor<?x2x5xf32> -> tensor<?x2xf32>
    %a = snn.psp %x : tensor<?x2xf32>
    %i = snn.synapse.dense %a, %w : tensor<?x2xf32>, tensor<1x2xf32> -> tensor<?x1xf32>
    %o = snn.lif %i : tensor<?x1xf32>
    return %o : tensor<?x1xf32>
  }
}
