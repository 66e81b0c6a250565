/* Usage example of the C ABI of a model built with `snnc compile MODEL --emit so -o libX.so`. */
/*
 * Build:  cc use_model.c -L. -lmodel -Wl,-rpath,. -o use_model
 * Run:    use_model INPUT.f32 OUTPUT.f32
 *
 * INPUT.f32 holds samples as raw little-endian float32, row-major (the bytes after the
 * header of a C-order float32 .npy file); the batch is its size divided by
 * snn_model_input_size(). The model writes its output-layer PSP traces
 * [batch, classes, T] to OUTPUT.f32.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The entry points of the shared object. The weights are embedded in the .so;
 * snn_model_params() returns them in the order snn_forward expects. Any other weights of
 * the same shapes (e.g. after training) can be passed instead. */
void snn_forward(const float *input, int64_t batch, const float *const *params, float *output);
const float *const *snn_model_params(void);
int64_t snn_model_num_params(void);
/* The shapes, for sizing buffers: floats per input sample, floats per output sample
 * (= classes * time steps). */
int64_t snn_model_input_size(void);
int64_t snn_model_output_size(void);
int64_t snn_model_classes(void);
int64_t snn_model_time_steps(void);

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
  if (argc != 3) {
    fprintf(stderr, "usage: %s INPUT.f32 OUTPUT.f32\n", argv[0]);
    return 2;
  }
  long count;
  float *input = read_all(argv[1], &count);
  int64_t in_size = snn_model_input_size(), out_size = snn_model_output_size();
  if (count == 0 || count % in_size != 0) {
    fprintf(stderr, "%s: %ld values are not whole samples of %lld\n", argv[1], count,
            (long long)in_size);
    return 1;
  }
  int64_t batch = count / in_size;
  float *output = malloc((size_t)(batch * out_size) * sizeof(float));
  if (!output) {
    fprintf(stderr, "cannot allocate the output buffer\n");
    return 1;
  }

  snn_forward(input, batch, snn_model_params(), output);

  FILE *out = fopen(argv[2], "wb");
  if (!out || fwrite(output, sizeof(float), (size_t)(batch * out_size), out) !=
                  (size_t)(batch * out_size) ||
      fclose(out) != 0) {
    perror(argv[2]);
    return 1;
  }
  printf("parameters: %lld, samples: %lld, inputs per sample: %lld, outputs per sample: "
         "%lld (%lld classes x %lld steps)\n",
         (long long)snn_model_num_params(), (long long)batch, (long long)in_size,
         (long long)out_size, (long long)snn_model_classes(),
         (long long)snn_model_time_steps());
  free(input);
  free(output);
  return 0;
}
