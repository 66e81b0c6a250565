// Every verifier message of the snn dialect (ops, function and argument attributes).
// RUN: snn-opt %s -split-input-file -verify-diagnostics

// Proves: a membrane time constant below one step is rejected.
func.func @lif_tau_m(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'snn.lif' op tau_m must be a finite time constant >= 1 step, got 5.000000e-01}}
  %0 = snn.lif %x {tau_m = 0.5 : f32} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Proves: an infinite synaptic time constant is rejected.
func.func @lif_tau_s_inf(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'snn.lif' op tau_s must be a finite time constant >= 1 step, got INF}}
  %0 = snn.lif %x {tau_s = 0x7F800000 : f32} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Proves: a NaN time constant is rejected (the comparison is written NaN-safe).
func.func @psp_tau_s_nan(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'snn.psp' op tau_s must be a finite time constant >= 1 step, got nan}}
  %0 = snn.psp %x {tau_s = 0x7FC00000 : f32} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Proves: a zero threshold is rejected (a neuron would fire on any positive input).
func.func @lif_threshold(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'snn.lif' op threshold must be finite and > 0, got 0.000000e+00}}
  %0 = snn.lif %x {threshold = 0.0 : f32} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Proves: a negative threshold is rejected.
func.func @lif_threshold_negative(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'snn.lif' op threshold must be finite and > 0, got -1.000000e+00}}
  %0 = snn.lif %x {threshold = -1.0 : f32} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Proves: the step form of the PSP filter checks its time constant.
func.func @psp_step_tau(%x: tensor<?x4xf32>, %y: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'snn.psp.step' op tau_s must be a finite time constant >= 1 step, got 0.000000e+00}}
  %0 = snn.psp.step %x, %y {tau_s = 0.0 : f32} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Proves: the step form of the LIF neuron checks its parameters.
func.func @lif_step_threshold(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'snn.lif.step' op threshold must be finite and > 0, got -2.000000e+00}}
  %o, %v, %a = snn.lif.step %x, %x, %x {threshold = -2.0 : f32} : tensor<?x4xf32>
  return %o : tensor<?x4xf32>
}

// -----

// Proves: the sequence form of the LIF neuron checks its parameters.
func.func @lif_seq_tau(%x: tensor<5x?x4xf32>) -> tensor<5x?x4xf32> {
  // expected-error @+1 {{'snn.lif.seq' op tau_m must be a finite time constant >= 1 step, got 2.500000e-01}}
  %0 = snn.lif.seq %x {tau_m = 0.25 : f32} : tensor<5x?x4xf32>
  return %0 : tensor<5x?x4xf32>
}

// -----

// Proves: the sequence form of the PSP filter checks its time constant.
func.func @psp_seq_tau(%x: tensor<5x?x4xf32>) -> tensor<5x?x4xf32> {
  // expected-error @+1 {{'snn.psp.seq' op tau_s must be a finite time constant >= 1 step, got 5.000000e-01}}
  %0 = snn.psp.seq %x {tau_s = 0.5 : f32} : tensor<5x?x4xf32>
  return %0 : tensor<5x?x4xf32>
}

// -----

// Proves: a sequence op needs a static time dimension to iterate over.
func.func @lif_seq_dynamic_time(%x: tensor<?x?x4xf32>) -> tensor<?x?x4xf32> {
  // expected-error @+1 {{'snn.lif.seq' op expects a static time dimension, got 'tensor<?x?x4xf32>'}}
  %0 = snn.lif.seq %x : tensor<?x?x4xf32>
  return %0 : tensor<?x?x4xf32>
}

// -----

// Proves: a sequence op needs a batch dimension after time.
func.func @psp_seq_rank(%x: tensor<5xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{'snn.psp.seq' op expects [T, batch, ...] with rank >= 2, got 'tensor<5xf32>'}}
  %0 = snn.psp.seq %x : tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// Proves: the PSP filter over a sequence also rejects a dynamic time dimension.
func.func @psp_seq_dynamic_time(%x: tensor<?x2x4xf32>) -> tensor<?x2x4xf32> {
  // expected-error @+1 {{'snn.psp.seq' op expects a static time dimension, got 'tensor<?x2x4xf32>'}}
  %0 = snn.psp.seq %x : tensor<?x2x4xf32>
  return %0 : tensor<?x2x4xf32>
}

// -----

// Proves: a dense synapse is 2-D.
func.func @dense_rank(%x: tensor<?x2x4xf32>, %w: tensor<3x4xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{'snn.synapse.dense' op expects 2-D input [N, K], weight [M, K] and result [N, M]}}
  %0 = snn.synapse.dense %x, %w : tensor<?x2x4xf32>, tensor<3x4xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// Proves: a dense weight must be static.
func.func @dense_dynamic_weight(%x: tensor<?x4xf32>, %w: tensor<?x4xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{'snn.synapse.dense' op weight must have a static shape, got 'tensor<?x4xf32>'}}
  %0 = snn.synapse.dense %x, %w : tensor<?x4xf32>, tensor<?x4xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// Proves: input features must match the weight's columns.
func.func @dense_features(%x: tensor<?x5xf32>, %w: tensor<3x4xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{'snn.synapse.dense' op input has 5 features but the weight expects 4}}
  %0 = snn.synapse.dense %x, %w : tensor<?x5xf32>, tensor<3x4xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// Proves: two static batch sizes must agree.
func.func @dense_batch(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>) -> tensor<7x3xf32> {
  // expected-error @+1 {{'snn.synapse.dense' op result batch 7 differs from input batch 2}}
  %0 = snn.synapse.dense %x, %w : tensor<2x4xf32>, tensor<3x4xf32> -> tensor<7x3xf32>
  return %0 : tensor<7x3xf32>
}

// -----

// Proves: result features must match the weight's rows.
func.func @dense_rows(%x: tensor<?x4xf32>, %w: tensor<3x4xf32>) -> tensor<?x6xf32> {
  // expected-error @+1 {{'snn.synapse.dense' op result has 6 features but the weight has 3 rows}}
  %0 = snn.synapse.dense %x, %w : tensor<?x4xf32>, tensor<3x4xf32> -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// -----

// Proves: the result features must be static (the weight fixes them). The message's
// number is left unchecked: it prints the dynamic-size sentinel.
func.func @dense_dynamic_result(%x: tensor<?x4xf32>, %w: tensor<3x4xf32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'snn.synapse.dense' op result has}}
  %0 = snn.synapse.dense %x, %w : tensor<?x4xf32>, tensor<3x4xf32> -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// Proves: a convolution is 4-D.
func.func @conv_rank(%x: tensor<?x8x8xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<?x2x6x6xf32> {
  // expected-error @+1 {{'snn.synapse.conv2d' op expects 4-D input [N, C, H, W], weight [F, C, KH, KW] and result}}
  %0 = snn.synapse.conv2d %x, %w : tensor<?x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x6x6xf32>
  return %0 : tensor<?x2x6x6xf32>
}

// -----

// Proves: only the batch of a convolution input may be dynamic.
func.func @conv_dynamic_spatial(%x: tensor<?x1x?x8xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<?x2x6x6xf32> {
  // expected-error @+1 {{'snn.synapse.conv2d' op expects static channel, spatial and weight dimensions}}
  %0 = snn.synapse.conv2d %x, %w : tensor<?x1x?x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x6x6xf32>
  return %0 : tensor<?x2x6x6xf32>
}

// -----

// Proves: a zero stride is rejected.
func.func @conv_stride_zero(%x: tensor<?x1x8x8xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<?x2x6x6xf32> {
  // expected-error @+1 {{'snn.synapse.conv2d' op strides must be two values >= 1}}
  %0 = snn.synapse.conv2d %x, %w {strides = array<i64: 0, 1>} : tensor<?x1x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x6x6xf32>
  return %0 : tensor<?x2x6x6xf32>
}

// -----

// Proves: strides need exactly two values.
func.func @conv_stride_count(%x: tensor<?x1x8x8xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<?x2x6x6xf32> {
  // expected-error @+1 {{'snn.synapse.conv2d' op strides must be two values >= 1}}
  %0 = snn.synapse.conv2d %x, %w {strides = array<i64: 1>} : tensor<?x1x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x6x6xf32>
  return %0 : tensor<?x2x6x6xf32>
}

// -----

// Proves: negative padding is rejected.
func.func @conv_pad_negative(%x: tensor<?x1x8x8xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<?x2x6x6xf32> {
  // expected-error @+1 {{'snn.synapse.conv2d' op pads must be four values [top, left, bottom, right] >= 0}}
  %0 = snn.synapse.conv2d %x, %w {pads = array<i64: 0, -1, 0, 1>} : tensor<?x1x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x6x6xf32>
  return %0 : tensor<?x2x6x6xf32>
}

// -----

// Proves: pads need exactly four values.
func.func @conv_pad_count(%x: tensor<?x1x8x8xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<?x2x6x6xf32> {
  // expected-error @+1 {{'snn.synapse.conv2d' op pads must be four values [top, left, bottom, right] >= 0}}
  %0 = snn.synapse.conv2d %x, %w {pads = array<i64: 1, 1>} : tensor<?x1x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x6x6xf32>
  return %0 : tensor<?x2x6x6xf32>
}

// -----

// Proves: input channels must match the weight's.
func.func @conv_channels(%x: tensor<?x3x8x8xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<?x2x6x6xf32> {
  // expected-error @+1 {{'snn.synapse.conv2d' op input has 3 channels but the weight expects 1}}
  %0 = snn.synapse.conv2d %x, %w : tensor<?x3x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x6x6xf32>
  return %0 : tensor<?x2x6x6xf32>
}

// -----

// Proves: a kernel larger than the padded input is rejected.
func.func @conv_kernel_too_large(%x: tensor<?x1x2x8xf32>, %w: tensor<2x1x5x3xf32>) -> tensor<?x2x1x6xf32> {
  // expected-error @+1 {{'snn.synapse.conv2d' op kernel 5x3 is larger than the padded input 4x8}}
  %0 = snn.synapse.conv2d %x, %w {pads = array<i64: 1, 0, 1, 0>} : tensor<?x1x2x8xf32>, tensor<2x1x5x3xf32> -> tensor<?x2x1x6xf32>
  return %0 : tensor<?x2x1x6xf32>
}

// -----

// Proves: the result shape must follow (H + top + bottom - KH) / sh + 1.
func.func @conv_result(%x: tensor<?x1x8x8xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<?x2x6x6xf32> {
  // expected-error @+1 {{'snn.synapse.conv2d' op result type 'tensor<?x2x6x6xf32>' does not match the expected [N, 2, 4, 4]}}
  %0 = snn.synapse.conv2d %x, %w {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<?x1x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x6x6xf32>
  return %0 : tensor<?x2x6x6xf32>
}

// -----

// Proves: the result filter count must match the weight.
func.func @conv_filters(%x: tensor<?x1x8x8xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<?x4x6x6xf32> {
  // expected-error @+1 {{'snn.synapse.conv2d' op result type 'tensor<?x4x6x6xf32>' does not match the expected [N, 2, 6, 6]}}
  %0 = snn.synapse.conv2d %x, %w : tensor<?x1x8x8xf32>, tensor<2x1x3x3xf32> -> tensor<?x4x6x6xf32>
  return %0 : tensor<?x4x6x6xf32>
}

// -----

// Proves: pooling is 4-D.
func.func @pool_rank(%x: tensor<?x16xf32>) -> tensor<?x8xf32> {
  // expected-error @+1 {{'snn.pool.sum' op expects 4-D input and result [N, C, H, W]}}
  %0 = snn.pool.sum %x {kernel = array<i64: 2, 2>} : tensor<?x16xf32> -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

// Proves: a zero-sized pooling window is rejected.
func.func @pool_kernel_zero(%x: tensor<?x2x4x4xf32>) -> tensor<?x2x4x4xf32> {
  // expected-error @+1 {{'snn.pool.sum' op kernel must be two values >= 1}}
  %0 = snn.pool.sum %x {kernel = array<i64: 0, 1>} : tensor<?x2x4x4xf32> -> tensor<?x2x4x4xf32>
  return %0 : tensor<?x2x4x4xf32>
}

// -----

// Proves: a pooling kernel needs exactly two values.
func.func @pool_kernel_count(%x: tensor<?x2x4x4xf32>) -> tensor<?x2x2x2xf32> {
  // expected-error @+1 {{'snn.pool.sum' op kernel must be two values >= 1}}
  %0 = snn.pool.sum %x {kernel = array<i64: 2, 2, 1>} : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>
  return %0 : tensor<?x2x2x2xf32>
}

// -----

// Proves: pooling needs static channel and spatial dimensions.
func.func @pool_dynamic(%x: tensor<?x2x?x4xf32>) -> tensor<?x2x2x2xf32> {
  // expected-error @+1 {{'snn.pool.sum' op expects static channel and spatial dimensions}}
  %0 = snn.pool.sum %x {kernel = array<i64: 2, 2>} : tensor<?x2x?x4xf32> -> tensor<?x2x2x2xf32>
  return %0 : tensor<?x2x2x2xf32>
}

// -----

// Proves: a pooling window larger than the input is rejected.
func.func @pool_window_too_large(%x: tensor<?x2x4x4xf32>) -> tensor<?x2x0x1xf32> {
  // expected-error @+1 {{'snn.pool.sum' op window 5x2 is larger than the input 4x4}}
  %0 = snn.pool.sum %x {kernel = array<i64: 5, 2>} : tensor<?x2x4x4xf32> -> tensor<?x2x0x1xf32>
  return %0 : tensor<?x2x0x1xf32>
}

// -----

// Proves: the pooled size is the floor of H / k (a 5x5 input pools to 2x2 with k = 2).
func.func @pool_result(%x: tensor<?x2x5x5xf32>) -> tensor<?x2x3x3xf32> {
  // expected-error @+1 {{'snn.pool.sum' op result type 'tensor<?x2x3x3xf32>' does not match the expected [N, 2, 2, 2]}}
  %0 = snn.pool.sum %x {kernel = array<i64: 2, 2>} : tensor<?x2x5x5xf32> -> tensor<?x2x3x3xf32>
  return %0 : tensor<?x2x3x3xf32>
}

// -----

// Proves: a non-finite pooling scale is rejected.
func.func @pool_scale(%x: tensor<?x2x4x4xf32>) -> tensor<?x2x2x2xf32> {
  // expected-error @+1 {{'snn.pool.sum' op scale must be finite}}
  %0 = snn.pool.sum %x {kernel = array<i64: 2, 2>, scale = 0x7F800000 : f32} : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>
  return %0 : tensor<?x2x2x2xf32>
}

// -----

// Proves: flatten produces a 2-D result.
func.func @flatten_rank(%x: tensor<?x2x4xf32>) -> tensor<?x2x4xf32> {
  // expected-error @+1 {{'snn.flatten' op expects an input of rank >= 2 and a 2-D result}}
  %0 = snn.flatten %x : tensor<?x2x4xf32> -> tensor<?x2x4xf32>
  return %0 : tensor<?x2x4xf32>
}

// -----

// Proves: flatten keeps the batch.
func.func @flatten_batch(%x: tensor<3x2x4xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'snn.flatten' op result batch differs from input batch}}
  %0 = snn.flatten %x : tensor<3x2x4xf32> -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// Proves: flatten keeps the number of elements per sample.
func.func @flatten_elements(%x: tensor<?x2x4xf32>) -> tensor<?x9xf32> {
  // expected-error @+1 {{'snn.flatten' op result has 9 features but the input has 8 per sample}}
  %0 = snn.flatten %x : tensor<?x2x4xf32> -> tensor<?x9xf32>
  return %0 : tensor<?x9xf32>
}

// -----

// Proves: flatten needs static per-sample dimensions to know its feature count.
func.func @flatten_dynamic(%x: tensor<?x?xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'snn.flatten' op result has 4 features but the input has}}
  %0 = snn.flatten %x : tensor<?x?xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Proves: reshape needs a batch dimension.
func.func @reshape_rank0(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'snn.reshape' op expects ranked input and result with a batch dimension}}
  %0 = snn.reshape %x : tensor<f32> -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Proves: reshape keeps the batch.
func.func @reshape_batch(%x: tensor<2x8xf32>) -> tensor<4x2x4xf32> {
  // expected-error @+1 {{'snn.reshape' op reshape must keep the batch dimension}}
  %0 = snn.reshape %x : tensor<2x8xf32> -> tensor<4x2x4xf32>
  return %0 : tensor<4x2x4xf32>
}

// -----

// Proves: reshape keeps the number of elements per sample.
func.func @reshape_elements(%x: tensor<?x8xf32>) -> tensor<?x3x3xf32> {
  // expected-error @+1 {{'snn.reshape' op per-sample element counts differ: 8 vs 9}}
  %0 = snn.reshape %x : tensor<?x8xf32> -> tensor<?x3x3xf32>
  return %0 : tensor<?x3x3xf32>
}

// -----

// Proves: reshape needs static per-sample dimensions, even when both sides agree.
func.func @reshape_dynamic(%x: tensor<4x?xf32>) -> tensor<4x?xf32> {
  // expected-error @+1 {{'snn.reshape' op per-sample element counts differ}}
  %0 = snn.reshape %x : tensor<4x?xf32> -> tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

// Proves: a NaN dropout rate is rejected (the range test is written NaN-safe).
func.func @dropout_nan(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'snn.dropout' op rate must be in [0, 1), got nan}}
  %0 = snn.dropout %x {rate = 0x7FC00000 : f32} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Proves: a dropout rate of 1 (dropping everything) is rejected.
func.func @dropout_one(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'snn.dropout' op rate must be in [0, 1), got 1.000000e+00}}
  %0 = snn.dropout %x {rate = 1.0 : f32} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Proves: a negative dropout rate is rejected.
func.func @dropout_negative(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'snn.dropout' op rate must be in [0, 1), got -5.000000e-01}}
  %0 = snn.dropout %x {rate = -0.5 : f32} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Proves: a time loop runs at least one step.
func.func @loop_steps(%x: tensor<4xf32>) -> tensor<0x4xf32> {
  // expected-error @+1 {{'snn.time_loop' op steps must be at least 1, got 0}}
  %0 = snn.time_loop steps 0 -> (tensor<0x4xf32>) {
  ^bb0(%t: index):
    snn.time.yield outputs %x : tensor<4xf32>
  }
  return %0 : tensor<0x4xf32>
}

// -----

// Proves: every carried value needs a final-state result.
func.func @loop_too_few_results(%x: tensor<4xf32>) {
  // expected-error @+1 {{'snn.time_loop' op expects one result per carried value after the step outputs}}
  %0 = snn.time_loop steps 2 carry(%x, %x : tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>) {
  ^bb0(%t: index, %a: tensor<4xf32>, %b: tensor<4xf32>):
    snn.time.yield carry %a, %b : tensor<4xf32>, tensor<4xf32>
  }
  return
}

// -----

// Proves: the final carried value has the type of its initial value.
func.func @loop_final_type(%x: tensor<4xf32>) {
  // expected-error @+1 {{'snn.time_loop' op final carried value type 'tensor<5xf32>' differs from its initial value type 'tensor<4xf32>'}}
  %0 = snn.time_loop steps 2 carry(%x : tensor<4xf32>) -> (tensor<5xf32>) {
  ^bb0(%t: index, %a: tensor<4xf32>):
    snn.time.yield carry %a : tensor<4xf32>
  }
  return
}

// -----

// Proves: the body takes the step index first.
func.func @loop_body_index(%x: tensor<4xf32>) {
  // expected-error @+1 {{'snn.time_loop' op body must take the step index and one argument per carried value}}
  %0 = snn.time_loop steps 2 carry(%x : tensor<4xf32>) -> (tensor<4xf32>) {
  ^bb0(%t: i64, %a: tensor<4xf32>):
    snn.time.yield carry %a : tensor<4xf32>
  }
  return
}

// -----

// Proves: the body takes one argument per carried value.
func.func @loop_body_arity(%x: tensor<4xf32>) {
  // expected-error @+1 {{'snn.time_loop' op body must take the step index and one argument per carried value}}
  %0 = snn.time_loop steps 2 carry(%x : tensor<4xf32>) -> (tensor<4xf32>) {
  ^bb0(%t: index):
    snn.time.yield carry %x : tensor<4xf32>
  }
  return
}

// -----

// Proves: a body argument has the type of its initial value.
func.func @loop_body_arg_type(%x: tensor<4xf32>) {
  // expected-error @+1 {{'snn.time_loop' op body argument type 'tensor<?xf32>' differs from its initial value type 'tensor<4xf32>'}}
  %0 = snn.time_loop steps 2 carry(%x : tensor<4xf32>) -> (tensor<4xf32>) {
  ^bb0(%t: index, %a: tensor<?xf32>):
    snn.time.yield carry %x : tensor<4xf32>
  }
  return
}

// -----

// Proves: the body must end with snn.time.yield, not another terminator. (Generic
// form: a loop without results prints as `-> ()`, which the custom parser rejects.)
func.func @loop_terminator(%x: tensor<4xf32>) {
  // expected-error @+1 {{'snn.time_loop' op body must end with snn.time.yield}}
  "snn.time_loop"() <{steps = 2 : i64}> ({
  ^bb0(%t: index):
    llvm.unreachable
  }) : () -> ()
  return
}

// -----

// Proves: the yield gives one next value per carried value.
func.func @loop_yield_carried_count(%x: tensor<4xf32>) {
  // expected-error @+1 {{'snn.time_loop' op yields 2 carried values, expected 1}}
  %0 = snn.time_loop steps 2 carry(%x : tensor<4xf32>) -> (tensor<4xf32>) {
  ^bb0(%t: index, %a: tensor<4xf32>):
    snn.time.yield carry %a, %a : tensor<4xf32>, tensor<4xf32>
  }
  return
}

// -----

// Proves: a yielded next state has the type of the state.
func.func @loop_yield_carried_type(%x: tensor<4xf32>, %y: tensor<?xf32>) {
  // expected-error @+1 {{'snn.time_loop' op yielded carried type 'tensor<?xf32>' differs from 'tensor<4xf32>'}}
  %0 = snn.time_loop steps 2 carry(%x : tensor<4xf32>) -> (tensor<4xf32>) {
  ^bb0(%t: index, %a: tensor<4xf32>):
    snn.time.yield carry %y : tensor<?xf32>
  }
  return
}

// -----

// Proves: the yield gives one per-step output per stacked result.
func.func @loop_yield_output_count(%x: tensor<4xf32>) {
  // expected-error @+1 {{'snn.time_loop' op yields 0 step outputs but has 1 stacked results}}
  %0:2 = snn.time_loop steps 2 carry(%x : tensor<4xf32>) -> (tensor<2x4xf32>, tensor<4xf32>) {
  ^bb0(%t: index, %a: tensor<4xf32>):
    snn.time.yield carry %a : tensor<4xf32>
  }
  return
}

// -----

// Proves: a stacked result is the step output with the step count prepended.
func.func @loop_stacked_shape(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{'snn.time_loop' op stacked result 'tensor<3x?x4xf32>' must be the step output 'tensor<?x4xf32>' with a leading dimension of 2}}
  %0 = snn.time_loop steps 2 -> (tensor<3x?x4xf32>) {
  ^bb0(%t: index):
    snn.time.yield outputs %x : tensor<?x4xf32>
  }
  return
}

// -----

// Proves: repeat adds exactly one static leading time dimension.
func.func @repeat_dynamic_time(%x: tensor<?x4xf32>) -> tensor<?x?x4xf32> {
  // expected-error @+1 {{'snn.time.repeat' op result must be the input with a static leading time dimension}}
  %0 = snn.time.repeat %x : tensor<?x4xf32> -> tensor<?x?x4xf32>
  return %0 : tensor<?x?x4xf32>
}

// -----

// Proves: repeat rejects a result that is not one rank higher.
func.func @repeat_rank(%x: tensor<?x4xf32>) -> tensor<5x4xf32> {
  // expected-error @+1 {{'snn.time.repeat' op result must be the input with a static leading time dimension}}
  %0 = snn.time.repeat %x : tensor<?x4xf32> -> tensor<5x4xf32>
  return %0 : tensor<5x4xf32>
}

// -----

// Proves: repeat keeps the per-step shape.
func.func @repeat_shape(%x: tensor<?x4xf32>) -> tensor<5x?x3xf32> {
  // expected-error @+1 {{'snn.time.repeat' op result 'tensor<5x?x3xf32>' is not 'tensor<?x4xf32>' repeated over time}}
  %0 = snn.time.repeat %x : tensor<?x4xf32> -> tensor<5x?x3xf32>
  return %0 : tensor<5x?x3xf32>
}

// -----

// Proves: to_traces works on [T, N, C] only.
func.func @traces_rank(%x: tensor<5x?x2x2xf32>) -> tensor<?x4x5xf32> {
  // expected-error @+1 {{'snn.time.to_traces' op expects [T, N, C] in and [N, C, T] out}}
  %0 = snn.time.to_traces %x : tensor<5x?x2x2xf32> -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}

// -----

// Proves: to_traces moves time last; keeping it first is rejected.
func.func @traces_transpose(%x: tensor<5x?x10xf32>) -> tensor<5x?x10xf32> {
  // expected-error @+1 {{'snn.time.to_traces' op result 'tensor<5x?x10xf32>' is not the transpose [N, C, T] of 'tensor<5x?x10xf32>'}}
  %0 = snn.time.to_traces %x : tensor<5x?x10xf32> -> tensor<5x?x10xf32>
  return %0 : tensor<5x?x10xf32>
}

// -----

// Proves: a parameter value must be f32.
// expected-error @+1 {{'snn.parameter' op value must be a statically shaped f32 tensor, got 'tensor<2xi32>'}}
snn.parameter @p = dense<1> : tensor<2xi32>

// -----

// Proves: a parameter value must be a tensor (not a vector).
// expected-error @+1 {{'snn.parameter' op value must be a statically shaped f32 tensor, got 'vector<2xf32>'}}
snn.parameter @p = dense<1.0> : vector<2xf32>

// -----

// Proves: parameters live at module level.
func.func @nested_parameter() {
  // expected-error @+1 {{'snn.parameter' op expects parent op 'builtin.module'}}
  snn.parameter @p = dense<1.0> : tensor<2xf32>
  return
}

// -----

// Proves: T must be at least one step.
// expected-error @+1 {{'snn.time_steps' must be in [1, 100000], got 0}}
func.func @zero_steps(%x: tensor<?x4xf32>) -> tensor<?x4xf32> attributes {snn.time_steps = 0 : i64} {
  return %x : tensor<?x4xf32>
}

// -----

// Proves: an absurd T from a hostile file is refused before any pass sizes
// state by it.
// expected-error @+1 {{'snn.time_steps' must be in [1, 100000], got 4611686018427387904}}
func.func @huge_steps(%x: tensor<?x4xf32>) -> tensor<?x4xf32> attributes {snn.time_steps = 4611686018427387904 : i64} {
  return %x : tensor<?x4xf32>
}

// -----

// Proves: T must be an i64 (an i32 is rejected rather than silently widened).
// expected-error @+1 {{'snn.time_steps' must be a 64-bit integer}}
func.func @i32_steps(%x: tensor<?x4xf32>) -> tensor<?x4xf32> attributes {snn.time_steps = 5 : i32} {
  return %x : tensor<?x4xf32>
}

// -----

// Proves: T must be an integer.
// expected-error @+1 {{'snn.time_steps' must be a 64-bit integer}}
func.func @string_steps(%x: tensor<?x4xf32>) -> tensor<?x4xf32> attributes {snn.time_steps = "5"} {
  return %x : tensor<?x4xf32>
}

// -----

// Proves: the schedule marker is "step" or "layer".
// expected-error @+1 {{'snn.schedule' must be "step" or "layer"}}
func.func @bad_schedule(%x: tensor<?x4xf32>) -> tensor<?x4xf32> attributes {snn.schedule = "both"} {
  return %x : tensor<?x4xf32>
}

// -----

// Proves: unknown snn-prefixed function attributes are rejected (catches typos).
// expected-error @+1 {{unknown snn attribute 'snn.timesteps'}}
func.func @typo(%x: tensor<?x4xf32>) -> tensor<?x4xf32> attributes {snn.timesteps = 5 : i64} {
  return %x : tensor<?x4xf32>
}

// -----

// Proves: unknown snn-prefixed argument attributes are rejected.
// expected-error @+1 {{unknown snn argument attribute 'snn.param'}}
func.func @arg_typo(%x: tensor<?x4xf32> {snn.param = @w}) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}

// -----

// Proves: the parameter tag is a symbol reference.
// expected-error @+1 {{'snn.parameter' of argument #1 must be a symbol reference}}
func.func @arg_not_symbol(%x: tensor<?x4xf32>, %w: tensor<4x4xf32> {snn.parameter = "fc1"}) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}

// -----

// Proves: the parameter tag must name an snn.parameter of the module.
snn.parameter @fc1 = dense<0.5> : tensor<4x4xf32>
// expected-error @+1 {{argument #1 refers to unknown parameter @fc2}}
func.func @arg_unknown(%x: tensor<?x4xf32>, %w: tensor<4x4xf32> {snn.parameter = @fc2}) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}

// -----

// Proves: a symbol that is not an snn.parameter does not count as one.
// expected-error @+1 {{argument #1 refers to unknown parameter @other}}
func.func @arg_not_parameter(%x: tensor<?x4xf32>, %w: tensor<4x4xf32> {snn.parameter = @other}) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}
func.func private @other()

// -----

// Proves: the argument has the parameter's shape.
snn.parameter @fc1 = dense<0.5> : tensor<4x3xf32>
// expected-error @+1 {{argument #1 has type 'tensor<3x4xf32>' but parameter @fc1 is 'tensor<4x3xf32>'}}
func.func @arg_shape(%x: tensor<?x3xf32>, %w: tensor<3x4xf32> {snn.parameter = @fc1}) -> tensor<?x3xf32> {
  return %x : tensor<?x3xf32>
}

// -----

// Proves: a dynamically shaped argument cannot stand for a static parameter.
snn.parameter @fc1 = dense<0.5> : tensor<4x3xf32>
// expected-error @+1 {{argument #1 has type 'tensor<?x3xf32>' but parameter @fc1 is 'tensor<4x3xf32>'}}
func.func @arg_dynamic(%x: tensor<?x3xf32>, %w: tensor<?x3xf32> {snn.parameter = @fc1}) -> tensor<?x3xf32> {
  return %x : tensor<?x3xf32>
}

// -----

// Proves: a parameter tag on an argument that is neither a tensor nor a memref is rejected.
module {
  snn.parameter @fc1 = dense<0.5> : tensor<4x3xf32>
  // expected-error @+1 {{argument #0 tagged with @fc1 must be a tensor or memref, got 'f32'}}
  func.func @f(%w: f32 {snn.parameter = @fc1}) {
    return
  }
}

// -----

// Proves: snn.time.current needs a sequence [N, ..., T] whose step slice is the result.
func.func @current_bad(%s: tensor<?x2x5xf32>) {
  // expected-error @+1 {{step type 'tensor<?x3xf32>' is not 'tensor<?x2x5xf32>' without its last (time) dimension}}
  %x = snn.time.current %s : tensor<?x2x5xf32> -> tensor<?x3xf32>
  return
}

// -----

// Proves: snn.time.from_sequence must lead with the sequence length.
func.func @from_sequence_bad(%s: tensor<?x2x5xf32>) {
  // expected-error @+1 {{must lead with the sequence length 5}}
  %x = snn.time.from_sequence %s : tensor<?x2x5xf32> -> tensor<4x?x2xf32>
  return
}

// -----

// Proves: the kernel loss needs T a multiple of 5 (T < 10) or of 10.
func.func @kernel_loss_steps(%a: tensor<7x?x4xf32>, %t: tensor<?x4xf32>) {
  // expected-error @+1 {{the kernel loss needs T a multiple of 5 (T < 10) or of 10, got 7}}
  %l, %g = snn.loss.kernel %a, %t : tensor<7x?x4xf32>, tensor<?x4xf32> -> tensor<f32>
  return
}

// -----

// Proves: a loss target must be one-hot [N, C] for outputs [T, N, C].
func.func @loss_target(%a: tensor<5x?x4xf32>, %t: tensor<?x3xf32>) {
  // expected-error @+1 {{target 'tensor<?x3xf32>' must be one-hot [N, C] for outputs 'tensor<5x?x4xf32>'}}
  %l, %g = snn.loss.count %a, %t {desired = 4.0 : f32, undesired = 1.0 : f32} : tensor<5x?x4xf32>, tensor<?x3xf32> -> tensor<f32>
  return
}

// -----

// Proves: a dense weight gradient must have the weight's [M, K] shape.
func.func @dense_grad_weight(%d: tensor<?x4xf32>, %x: tensor<?x3xf32>) {
  // expected-error @+1 {{expects δ [R, M], input [R, K] and result [M, K]}}
  %w = snn.synapse.dense.grad_weight %d, %x : tensor<?x4xf32>, tensor<?x3xf32> -> tensor<3x4xf32>
  return
}

// -----

// Proves: conv gradient strides must be positive.
func.func @conv_grad_stride(%d: tensor<?x2x2x2xf32>, %x: tensor<?x1x6x6xf32>) {
  // expected-error @+1 {{strides must be two values >= 1}}
  %w = snn.synapse.conv2d.grad_weight %d, %x {strides = array<i64: 0, 2>} : tensor<?x2x2x2xf32>, tensor<?x1x6x6xf32> -> tensor<2x1x3x3xf32>
  return
}

// -----

// Proves: a strided conv gradient must have the strided output shape ((6 - 3) / 2 + 1 = 2).
func.func @conv_grad_stride_shape(%d: tensor<?x2x4x4xf32>, %x: tensor<?x1x6x6xf32>) {
  // expected-error @+1 {{gradient 'tensor<?x2x4x4xf32>' does not match a convolution of 'tensor<?x1x6x6xf32>' with 'tensor<2x1x3x3xf32>'}}
  %w = snn.synapse.conv2d.grad_weight %d, %x {strides = array<i64: 2, 2>} : tensor<?x2x4x4xf32>, tensor<?x1x6x6xf32> -> tensor<2x1x3x3xf32>
  return
}

// -----

// Proves: the pooling gradient's input must be the pooled shape of its result.
func.func @pool_grad_shape(%d: tensor<?x2x3x3xf32>) {
  // expected-error @+1 {{is not the pooled shape of}}
  %x = snn.pool.sum.grad %d {kernel = array<i64: 2, 2>} : tensor<?x2x3x3xf32> -> tensor<?x2x8x8xf32>
  return
}

// -----

// Proves: training dropout needs a time-major [T, N, ...] sequence.
func.func @dropout_seq_rank(%x: tensor<?x4xf32>, %seed: i64) -> tensor<?x4xf32> {
  // expected-error @+1 {{'snn.dropout.seq' op expects a time-major [T, N, ...] sequence, got 'tensor<?x4xf32>'}}
  %0 = snn.dropout.seq %x, %seed {rate = 0.2 : f32, stream = 0 : i64} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Proves: training dropout's rate is checked like inference dropout's.
func.func @dropout_seq_rate(%x: tensor<5x?x4xf32>, %seed: i64) -> tensor<5x?x4xf32> {
  // expected-error @+1 {{'snn.dropout.seq' op rate must be in [0, 1), got 1.000000e+00}}
  %0 = snn.dropout.seq %x, %seed {rate = 1.0 : f32, stream = 0 : i64} : tensor<5x?x4xf32>
  return %0 : tensor<5x?x4xf32>
}

// -----

// Proves: the held-input PSP adjoint needs a static time dimension.
func.func @psp_held_grad_time(%d: tensor<?x?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{expects a static time dimension}}
  %0 = snn.psp.held.grad %d : tensor<?x?x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Proves: its result is the gradient without the time dimension.
func.func @psp_held_grad_shape(%d: tensor<5x?x4xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{is not the gradient 'tensor<5x?x4xf32>' without its time dimension}}
  %0 = snn.psp.held.grad %d : tensor<5x?x4xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// Proves: its time constant is checked like the filter's.
func.func @psp_held_grad_tau(%d: tensor<5x?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{tau_s must be a finite time constant >= 1 step, got 5.000000e-01}}
  %0 = snn.psp.held.grad %d {tau_s = 0.5 : f32} : tensor<5x?x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Proves: a bias needs one value per channel (dimension 1) of its input.
func.func @bias_size(%x: tensor<?x2x4x4xf32>, %b: tensor<4xf32>) -> tensor<?x2x4x4xf32> {
  // expected-error @+1 {{'snn.bias' op bias has 4 values but the input has 2 channels (dimension 1)}}
  %0 = snn.bias %x, %b : tensor<?x2x4x4xf32>, tensor<4xf32>
  return %0 : tensor<?x2x4x4xf32>
}

// -----

// Proves: a bias is a 1-D tensor.
func.func @bias_rank(%x: tensor<?x3xf32>, %b: tensor<1x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{'snn.bias' op bias must be a static 1-D tensor [C], got 'tensor<1x3xf32>'}}
  %0 = snn.bias %x, %b : tensor<?x3xf32>, tensor<1x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// Proves: the input needs a channel dimension after the batch.
func.func @bias_input_rank(%x: tensor<?xf32>, %b: tensor<3xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'snn.bias' op expects input of rank >= 2 [N, C, ...], got 'tensor<?xf32>'}}
  %0 = snn.bias %x, %b : tensor<?xf32>, tensor<3xf32>
  return %0 : tensor<?xf32>
}

// -----

// Proves: the channel dimension must be static.
func.func @bias_dynamic_channels(%x: tensor<?x?xf32>, %b: tensor<3xf32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'snn.bias' op expects a static channel dimension (1), got 'tensor<?x?xf32>'}}
  %0 = snn.bias %x, %b : tensor<?x?xf32>, tensor<3xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// Proves: the bias gradient has one value per channel of the result gradient.
func.func @bias_grad_size(%d: tensor<?x3xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'snn.bias.grad' op bias has 4 values but the gradient has 3 channels (dimension 1)}}
  %0 = snn.bias.grad %d : tensor<?x3xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
