// Dataset loading from IDX files, pixel normalisation and subsetting.
#include "runtime/Dataset.h"

#include <array>
#include <cstring>

#include "runtime/Idx.h"

#include <algorithm>

namespace snn::rt {
namespace {

// Larger images are surely a corrupt header, not an MNIST-like dataset.
constexpr uint32_t kMaxImageSide = 4096;

bool fail(std::string *error, const std::string &why) {
  if (error)
    *error = why;
  return false;
}

} // namespace

float normalizePixel(uint8_t p) {
  float x = static_cast<float>(p) / 255.0f;
  return (x - kMnistMean) / kMnistStd;
}

Dataset Dataset::slice(int64_t begin, int64_t count) const {
  const int64_t n = size();
  begin = std::clamp<int64_t>(begin, 0, n);
  count = std::clamp<int64_t>(count, 0, n - begin);
  Dataset out;
  out.numClasses = numClasses;
  out.images = images.slice(begin, count);
  out.labels.assign(labels.begin() + begin, labels.begin() + begin + count);
  return out;
}

bool loadIdxSplit(const std::string &dir, bool train, Dataset &out,
                  std::string *error) {
  const std::string prefix =
      (dir.empty() ? std::string() : dir + "/") + (train ? "train" : "t10k");
  IdxData images, labels;
  if (!readIdx(prefix + "-images-idx3-ubyte", images, error) ||
      !readIdx(prefix + "-labels-idx1-ubyte", labels, error))
    return false;

  if (images.magic != kIdxImagesMagic)
    return fail(error, images.path + ": holds labels, expected images (magic "
                                     "0x00000803)");
  if (labels.magic != kIdxLabelsMagic)
    return fail(error, labels.path + ": holds images, expected labels (magic "
                                     "0x00000801)");
  const uint32_t n = images.dims[0], rows = images.dims[1],
                 cols = images.dims[2];
  if (n == 0)
    return fail(error, images.path + ": contains no images");
  if (rows == 0 || cols == 0 || rows > kMaxImageSide || cols > kMaxImageSide)
    return fail(error, images.path + ": implausible image size " +
                           std::to_string(rows) + "x" + std::to_string(cols));
  if (labels.dims[0] != n)
    return fail(error, images.path + " has " + std::to_string(n) +
                           " images but " + labels.path + " has " +
                           std::to_string(labels.dims[0]) + " labels");

  out.numClasses = 10;
  out.labels.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    if (labels.bytes[i] >= out.numClasses)
      return fail(error, labels.path + ": label " +
                             std::to_string(labels.bytes[i]) + " at index " +
                             std::to_string(i) + " is out of range [0, " +
                             std::to_string(out.numClasses) + ")");
    out.labels[i] = labels.bytes[i];
  }

  std::array<float, 256> lut;
  for (int p = 0; p < 256; ++p)
    lut[p] = normalizePixel(static_cast<uint8_t>(p));
  // The pixels stay bytes; batches are normalised as they are decoded.
  out.images = SampleStore::bytes({int64_t(n), 1, int64_t(rows), int64_t(cols)}, lut);
  if (images.bytes.size() != out.images.memoryBytes())
    return fail(error, images.path + ": holds " + std::to_string(images.bytes.size()) +
                           " pixel bytes, expected " + std::to_string(out.images.memoryBytes()));
  std::memcpy(out.images.sampleBytes(0), images.bytes.data(), images.bytes.size());
  return true;
}

bool resolveDatasetDir(const std::string &name, std::string &dir,
                       std::string *error) {
  const std::string idxPrefix = "idx:";
  if (name == "fashion-mnist") {
    dir = "/usr/share/datasets/fashion-mnist";
    return true;
  }
  if (name == "mnist") {
    dir = "/usr/share/datasets/mnist";
    return true;
  }
  if (name.compare(0, idxPrefix.size(), idxPrefix) == 0) {
    if (name.size() == idxPrefix.size())
      return fail(error, "dataset 'idx:' names no directory (expected "
                         "idx:DIR)");
    dir = name.substr(idxPrefix.size());
    return true;
  }
  return fail(error, "unknown dataset '" + name +
                         "' (expected fashion-mnist, mnist or idx:DIR)");
}

} // namespace snn::rt
