/* The C ABI of compiled snnc models (the entry points the compiler generates). */
#ifndef SNN_RUNTIME_MODELABI_H
#define SNN_RUNTIME_MODELABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Forward pass: input [batch, ...], params in argument order, output [batch, classes, T]. */
typedef void (*snn_forward_fn)(const float *input, int64_t batch, const float *const *params,
                               float *output);

/* One TSSL-BP step: target one-hot [batch, classes]; `seed` draws the dropout masks
 * (counter based: the part of a batch starting at sample `first` passes
 * seed + first * SNN_DROPOUT_SAMPLE_STRIDE to get the whole batch's masks); writes the
 * summed loss (one float), the output traces [batch, classes, T] and dL/dparam into
 * grads[i] (same shapes as params[i]). Buffers must not overlap. */
typedef void (*snn_train_step_fn)(const float *input, int64_t batch, const float *target,
                                  const float *const *params, uint64_t seed, float *loss,
                                  float *output, float *const *grads);

/* The per-sample stride of the dropout mask counter (snn.dropout.seq). */
#define SNN_DROPOUT_SAMPLE_STRIDE 0x9E3779B97F4A7C15ull

#ifdef __cplusplus
}
#endif

#endif /* SNN_RUNTIME_MODELABI_H */
