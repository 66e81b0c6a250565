// Image-classification datasets in memory: IDX loading, normalisation, subsets.
#ifndef SNN_RUNTIME_DATASET_H
#define SNN_RUNTIME_DATASET_H

#include "runtime/SampleStore.h"

#include <cstdint>
#include <string>
#include <vector>

namespace snn::rt {

/// MNIST / Fashion-MNIST normalisation (tssl-bp.md §2.1; the same constants
/// serve both datasets).
constexpr float kMnistMean = 0.1307f;
constexpr float kMnistStd = 0.3081f;

/// A labelled set of images.
struct Dataset {
  SampleStore images;          ///< [N, 1, H, W] pixels, decoding to normalised floats.
  std::vector<int32_t> labels; ///< N labels in [0, numClasses).
  int64_t numClasses = 10;

  int64_t size() const { return static_cast<int64_t>(labels.size()); }

  /// The samples [begin, begin + count), clamped to the samples that exist,
  /// so `slice(0, limit)` implements a `--limit` larger than the set.
  Dataset slice(int64_t begin, int64_t count) const;
};

/// Maps a byte pixel to the network input: p/255, then (p - mean) / std, in
/// float32 arithmetic as torchvision's ToTensor + Normalize compute it.
float normalizePixel(uint8_t p);

/// Loads the training (`train` = true: train-images-idx3-ubyte,
/// train-labels-idx1-ubyte) or test (t10k-*) split from `dir`; each file may
/// also be NAME.gz. Checks that the image file holds a non-empty stack of 2-D
/// images, that image and label counts agree and that every label is below
/// 10. On failure returns false and sets `*error` to one line.
bool loadIdxSplit(const std::string &dir, bool train, Dataset &out,
                  std::string *error);

/// Resolves a `--dataset` value to a directory of IDX files:
/// `fashion-mnist` -> /usr/share/datasets/fashion-mnist (Debian package
/// dataset-fashion-mnist), `mnist` -> /usr/share/datasets/mnist, `idx:DIR` ->
/// DIR. Existence is checked later, by loadIdxSplit, which names the files it
/// tried.
bool resolveDatasetDir(const std::string &name, std::string &dir,
                       std::string *error);

} // namespace snn::rt

#endif // SNN_RUNTIME_DATASET_H
