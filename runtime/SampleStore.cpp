// SampleStore: coding, decoding and slicing of compactly held samples.
#include "runtime/SampleStore.h"

#include <cstring>

namespace snn::rt {
namespace {

int64_t product(const std::vector<int64_t> &shape, size_t from) {
  int64_t n = 1;
  for (size_t i = from; i < shape.size(); ++i)
    n *= shape[i];
  return n;
}

} // namespace

SampleStore SampleStore::bytes(std::vector<int64_t> shape, const std::array<float, 256> &table) {
  SampleStore s;
  s.dims = std::move(shape);
  s.perSample = product(s.dims, 1);
  s.bytesPerSample = s.perSample;
  s.bitsPerCode = 8;
  s.table = table;
  s.codes.assign(size_t(s.numSamples() * s.bytesPerSample), 0);
  return s;
}

SampleStore SampleStore::bits(std::vector<int64_t> shape) {
  SampleStore s;
  s.dims = std::move(shape);
  s.perSample = product(s.dims, 1);
  s.bytesPerSample = (s.perSample + 7) / 8;
  s.bitsPerCode = 1;
  s.table[1] = 1.0f;
  s.codes.assign(size_t(s.numSamples() * s.bytesPerSample), 0);
  return s;
}

void SampleStore::set(int64_t sample, int64_t element, uint8_t code) {
  uint8_t *row = codes.data() + sample * bytesPerSample;
  if (bitsPerCode == 8) {
    row[element] = code;
    return;
  }
  uint8_t mask = uint8_t(1u << (element & 7));
  row[element >> 3] = code ? uint8_t(row[element >> 3] | mask) : uint8_t(row[element >> 3] & ~mask);
}

void SampleStore::decode(int64_t begin, int64_t count, float *out) const {
  for (int64_t s = 0; s < count; ++s) {
    const uint8_t *row = codes.data() + (begin + s) * bytesPerSample;
    float *dst = out + s * perSample;
    if (bitsPerCode == 8) {
      for (int64_t i = 0; i < perSample; ++i)
        dst[i] = table[row[i]];
      continue;
    }
    for (int64_t i = 0; i < perSample; ++i)
      dst[i] = table[(row[i >> 3] >> (i & 7)) & 1u];
  }
}

std::vector<float> SampleStore::decodeAll() const {
  std::vector<float> all(size_t(numSamples() * perSample));
  decode(0, numSamples(), all.data());
  return all;
}

SampleStore SampleStore::slice(int64_t begin, int64_t count) const {
  SampleStore s;
  s.dims = dims;
  if (!s.dims.empty())
    s.dims[0] = count;
  s.perSample = perSample;
  s.bytesPerSample = bytesPerSample;
  s.bitsPerCode = bitsPerCode;
  s.table = table;
  s.codes.assign(codes.begin() + begin * bytesPerSample,
                 codes.begin() + (begin + count) * bytesPerSample);
  return s;
}

} // namespace snn::rt
