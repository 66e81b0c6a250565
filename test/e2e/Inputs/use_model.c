/* Usage example of the C ABI of a model built with `snnc compile MODEL --emit so -o libX.so`. */
/*
 * Build:  cc use_model.c -L. -lmodel -Wl,-rpath,. -o use_model
 * Run:    use_model INPUT.f32 BATCH OUTPUT.f32 OUTPUTS_PER_SAMPLE
 *
 * INPUT.f32 holds BATCH samples as raw little-endian float32, row-major (the bytes
 * after the header of a C-order float32 .npy file). The model writes its output-layer
 * PSP traces [BATCH, classes, T]; OUTPUTS_PER_SAMPLE is classes * T (the .so does not
 * export the shapes: they come from the model, e.g. 4 classes * 5 steps for 20-16-4).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The three entry points of the shared object. The weights are embedded in the .so;
 * snn_model_params() returns them in the order snn_forward expects. Any other weights of
 * the same shapes (e.g. after training) can be passed instead. */
void snn_forward(const float *input, int64_t batch, const float *const *params, float *output);
const float *const *snn_model_params(void);
int64_t snn_model_num_params(void);

static float *read_all(const char *path, long *count) {
  FILE *f = fopen(path, "rb");
  if (!f || fseek(f, 0, SEEK_END) != 0) {
    perror(path);
    exit(1);
  }
  long bytes = ftell(f);
  rewind(f);
  float *data = malloc(bytes > 0 ? (size_t)bytes : 1);
  if (!data || fread(data, 1, (size_t)bytes, f) != (size_t)bytes) {
    fprintf(stderr, "%s: cannot read\n", path);
    exit(1);
  }
  fclose(f);
  *count = bytes / (long)sizeof(float);
  return data;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s INPUT.f32 BATCH OUTPUT.f32 OUTPUTS_PER_SAMPLE\n", argv[0]);
    return 2;
  }
  long count;
  float *input = read_all(argv[1], &count);
  int64_t batch = atoll(argv[2]);
  int64_t per_sample = atoll(argv[4]);
  if (batch < 1 || per_sample < 1 || count % batch != 0) {
    fprintf(stderr, "%s: %ld values do not split into %lld samples\n", argv[1], count,
            (long long)batch);
    return 1;
  }
  float *output = malloc((size_t)(batch * per_sample) * sizeof(float));
  if (!output)
    return 1;

  snn_forward(input, batch, snn_model_params(), output);

  FILE *out = fopen(argv[3], "wb");
  if (!out || fwrite(output, sizeof(float), (size_t)(batch * per_sample), out) !=
                  (size_t)(batch * per_sample)) {
    perror(argv[3]);
    return 1;
  }
  fclose(out);
  printf("parameters: %lld, samples: %lld, inputs per sample: %lld\n",
         (long long)snn_model_num_params(), (long long)batch, (long long)(count / batch));
  free(input);
  free(output);
  return 0;
}
