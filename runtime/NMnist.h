// Loader for N-MNIST samples pre-binned into text files (tssl-bp.md §2.1).
#ifndef SNN_RUNTIME_NMNIST_H
#define SNN_RUNTIME_NMNIST_H

#include "runtime/Dataset.h"

#include <cstdint>
#include <string>

namespace snn::rt {

/// The sensor is 34 x 34 pixels with two event polarities.
constexpr int64_t kNMnistSide = 34;
constexpr int64_t kNMnistPolarities = 2;
/// Channel ids in the text files run over 1..kNMnistChannels; the second half
/// (ids > kNMnistSide^2) is the second polarity.
constexpr int64_t kNMnistChannels =
    kNMnistPolarities * kNMnistSide * kNMnistSide;

/// Loads the training (`train` = true) or test split of a pre-binned N-MNIST
/// directory `dir` with `timeSteps` time steps.
///
/// Layout. The reference code keeps one text file per sample and takes the
/// label from elsewhere, so snnc fixes the layout as
///   DIR/train/<label>/<name>.txt   and   DIR/test/<label>/<name>.txt
/// where <label> is a directory named `0` .. `9` (any label may be absent).
/// Within the split directory, entries whose name starts with '.' and
/// entries that are not directories are ignored; any other directory whose
/// name is not a single digit is an error, because silently dropping it
/// would drop samples. Within a label directory, only files named `*.txt`
/// (not starting with '.') are samples. Samples are ordered by label, then
/// by file name compared byte-wise (so `10.txt` precedes `2.txt`), which
/// makes the sample order independent of the file system.
///
/// File format. One line per active input channel: integers separated by
/// spaces or tabs, first the 1-based channel id (1..2312), then the time bins
/// of that channel's events in time order. Blank lines are skipped. As the
/// reference loader does: pos = id - 1; polarity 1 if pos >= 1156 (then
/// pos -= 1156); row = pos / 34, col = pos % 34; the bins are read until the
/// first one >= `timeSteps`, and each earlier bin b sets step b - 1. Bin 0
/// therefore sets the LAST step, T - 1 (Python's index -1); we keep this
/// quirk so that inputs match the reference exactly. Repeated events set the
/// same 1. Every token on a line must be a non-negative integer (channel ids
/// in range), also after the stop, so a file is valid or not regardless of
/// `timeSteps`.
///
/// Result: `out.images` has shape [N, 2, 34, 34, T] (time last, values 0/1,
/// not normalised), `out.labels` N labels, `out.numClasses` 10. On failure
/// returns false and sets `*error` (if non-null) to one line naming the path
/// (and `file:line` for a bad sample); `out` is then unspecified.
bool loadNMnistSplit(const std::string &dir, bool train, int64_t timeSteps,
                     Dataset &out, std::string *error);

} // namespace snn::rt

#endif // SNN_RUNTIME_NMNIST_H
