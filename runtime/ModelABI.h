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

/* One TSSL-BP step: target one-hot [batch, classes]; writes the summed loss (one float),
 * the output traces [batch, classes, T] and dL/dparam into grads[i] (same shapes as
 * params[i]). Buffers must not overlap. */
typedef void (*snn_train_step_fn)(const float *input, int64_t batch, const float *target,
                                  const float *const *params, float *loss, float *output,
                                  float *const *grads);

#ifdef __cplusplus
}
#endif

#endif /* SNN_RUNTIME_MODELABI_H */
