// Epoch order and gathering of mini-batches into contiguous buffers.
#include "runtime/Batcher.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <numeric>

namespace snn::rt {

Batcher::Batcher(int64_t numSamples, int64_t batchSize, bool shuffle)
    : indices(static_cast<std::size_t>(std::max<int64_t>(numSamples, 0))),
      fullBatch(batchSize), shuffled(shuffle) {
  assert(batchSize >= 1 && "batch size must be positive");
  std::iota(indices.begin(), indices.end(), int64_t(0));
}

void Batcher::beginEpoch(Rng &rng) {
  // Always restart from the identity so the order is a function of the RNG
  // state alone, not of earlier epochs.
  std::iota(indices.begin(), indices.end(), int64_t(0));
  if (shuffled)
    rng.shuffle(indices);
}

int64_t Batcher::numBatches() const {
  return (numSamples() + fullBatch - 1) / fullBatch;
}

int64_t Batcher::batchSize(int64_t batch) const {
  assert(batch >= 0 && batch < numBatches() && "batch out of range");
  return std::min(fullBatch, numSamples() - batch * fullBatch);
}

const int64_t *Batcher::batchIndices(int64_t batch) const {
  assert(batch >= 0 && batch < numBatches() && "batch out of range");
  return indices.data() + batch * fullBatch;
}

bool Batcher::gather(const Dataset &data, int64_t batch, float *images,
                     float *targets, int32_t *labels,
                     std::string *error) const {
  return gatherBatch(data, batchIndices(batch), batchSize(batch), images,
                     targets, labels, error);
}

bool gatherBatch(const Dataset &data, const int64_t *indices, int64_t count,
                 float *images, float *targets, int32_t *labels,
                 std::string *error) {
  auto fail = [&](const std::string &why) {
    if (error)
      *error = "cannot gather batch: " + why;
    return false;
  };
  const int64_t n = data.size();
  if (data.images.numSamples() != n)
    return fail("the dataset's images do not match its " + std::to_string(n) +
                " labels");
  const int64_t sampleSize = data.images.sampleSize();
  const int64_t classes = data.numClasses;
  for (int64_t k = 0; k < count; ++k) {
    const int64_t i = indices[k];
    if (i < 0 || i >= n)
      return fail("sample index " + std::to_string(i) +
                  " out of range (dataset has " + std::to_string(n) +
                  " samples)");
    const int32_t label = data.labels[i];
    if (label < 0 || label >= classes)
      return fail("sample " + std::to_string(i) + " has label " +
                  std::to_string(label) + ", not in [0, " +
                  std::to_string(classes) + ")");
    data.images.decode(i, 1, images + k * sampleSize);
    float *row = targets + k * classes;
    std::fill(row, row + classes, 0.0f);
    row[label] = 1.0f;
    if (labels)
      labels[k] = label;
  }
  return true;
}

} // namespace snn::rt
