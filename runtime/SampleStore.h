// SampleStore: dataset samples kept as 8-bit or 1-bit codes, decoded to float32 per batch.
#ifndef SNN_RUNTIME_SAMPLESTORE_H
#define SNN_RUNTIME_SAMPLESTORE_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace snn::rt {

/// A stack of equally shaped samples whose elements take at most 256 distinct values:
/// pixels (a byte each) or binary events (a bit each), mapped to the network's float32
/// input through a table. Holding codes instead of floats keeps Fashion-MNIST at a
/// quarter and event data such as N-MNIST at a 32nd of the float32 size (the full
/// N-MNIST training set at T = 100 is 1.7 GB instead of 55 GB); batches are decoded
/// into float32 just before they are fed to the compiled code.
class SampleStore {
public:
  /// 8-bit codes; `table[code]` is the decoded value.
  static SampleStore bytes(std::vector<int64_t> shape, const std::array<float, 256> &table);
  /// 1-bit codes decoding to 0 and 1, all initially 0.
  static SampleStore bits(std::vector<int64_t> shape);

  SampleStore() = default;

  /// [numSamples, per-sample dimensions...].
  const std::vector<int64_t> &shape() const { return dims; }
  int64_t numSamples() const { return dims.empty() ? 0 : dims[0]; }
  /// Elements per sample.
  int64_t sampleSize() const { return perSample; }
  bool isBits() const { return bitsPerCode == 1; }

  /// Sets element `element` of sample `sample` to `code` (0 or 1 for bit stores).
  void set(int64_t sample, int64_t element, uint8_t code);
  /// The 8-bit codes of one sample (byte stores only), for loaders that fill them.
  uint8_t *sampleBytes(int64_t sample) { return codes.data() + sample * perSample; }

  /// Decodes `count` samples from `begin` into `out` [count, sampleSize()].
  void decode(int64_t begin, int64_t count, float *out) const;
  /// Every sample decoded (tests and small sets).
  std::vector<float> decodeAll() const;

  /// Samples [begin, begin + count), which must exist.
  SampleStore slice(int64_t begin, int64_t count) const;
  /// Bytes held for the codes.
  size_t memoryBytes() const { return codes.size(); }

private:
  std::vector<int64_t> dims;
  int64_t perSample = 0;
  int64_t bytesPerSample = 0; // bit stores round each sample up to whole bytes
  int bitsPerCode = 8;
  std::array<float, 256> table{};
  std::vector<uint8_t> codes;
};

} // namespace snn::rt

#endif // SNN_RUNTIME_SAMPLESTORE_H
