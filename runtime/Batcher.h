// Mini-batches for training: the epoch's sample order and batch gathering.
#ifndef SNN_RUNTIME_BATCHER_H
#define SNN_RUNTIME_BATCHER_H

#include "runtime/Dataset.h"
#include "runtime/Rng.h"

#include <cstdint>
#include <string>
#include <vector>

namespace snn::rt {

/// Splits N samples into batches of B per epoch. The last batch holds the
/// remaining N mod B samples when B does not divide N (nothing is dropped).
class Batcher {
public:
  /// `numSamples` >= 0 and `batchSize` >= 1. Until the first beginEpoch the
  /// order is sequential.
  Batcher(int64_t numSamples, int64_t batchSize, bool shuffle);

  /// Fixes the order of the next epoch: with shuffling, a fresh Fisher–Yates
  /// permutation of 0..N-1 drawn from `rng` (Rng::shuffle, so the same RNG
  /// state gives the same order on every platform); without, 0..N-1 and
  /// `rng` is not used. The order depends only on `rng`'s state, so a trainer
  /// that saves that state before each epoch can resume it exactly.
  void beginEpoch(Rng &rng);

  int64_t numSamples() const { return static_cast<int64_t>(indices.size()); }
  int64_t numBatches() const;
  /// B, or the remainder for a short last batch.
  int64_t batchSize(int64_t batch) const;
  /// The sample indices of `batch` (batchSize(batch) of them).
  const int64_t *batchIndices(int64_t batch) const;
  /// The whole epoch's order.
  const std::vector<int64_t> &order() const { return indices; }

  /// gatherBatch for `batch` of the current order.
  bool gather(const Dataset &data, int64_t batch, float *images, float *targets,
              int32_t *labels, std::string *error) const;

private:
  std::vector<int64_t> indices;
  int64_t fullBatch;
  bool shuffled;
};

/// Copies samples `indices[0..count)` of `data` into caller buffers, row k
/// from sample indices[k]:
///   images  [count, ...]          the sample's image, data.images' layout;
///   targets [count, numClasses]   one-hot float (1 at the label, else 0);
///   labels  [count]               the labels (optional: may be null).
/// Fails (one line, naming the sample) if an index is out of range, a label
/// is not in [0, numClasses) or the dataset's images and labels disagree;
/// the rows before the bad one are then already written.
bool gatherBatch(const Dataset &data, const int64_t *indices, int64_t count,
                 float *images, float *targets, int32_t *labels,
                 std::string *error);

} // namespace snn::rt

#endif // SNN_RUNTIME_BATCHER_H
