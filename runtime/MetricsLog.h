// Per-epoch training metrics as CSV (snnc train --metrics), rewritten atomically after every epoch.
#ifndef SNN_RUNTIME_METRICSLOG_H
#define SNN_RUNTIME_METRICSLOG_H

#include <cstdint>
#include <string>

namespace snn::rt {

/// One row: an epoch's figures. Accuracies are fractions in [0, 1]; `wallSeconds`
/// counts from the start of the first run of the training (resumed runs continue it).
struct EpochMetrics {
  int64_t epoch = 0;
  double loss = 0, trainAccuracy = 0, testAccuracy = 0, samplesPerSecond = 0,
         learningRate = 0, wallSeconds = 0;
};

/// The CSV log of a training run. The whole file is rewritten through AtomicFile
/// after each epoch (a few bytes per row), so it is complete after every epoch and
/// an interruption never leaves half a row.
class MetricsLog {
public:
  /// The first line of every metrics file.
  static const char *header();

  /// Starts the log at `path` and writes it at once, so an unwritable path fails
  /// before training. `resumedEpochs` < 0: a new run, any old file is replaced.
  /// Otherwise a run resumed after that many epochs: the file's rows of those epochs
  /// are kept (rows of later epochs, written after the last checkpoint, are dropped)
  /// and new rows follow them; a missing file starts empty. False with a one-line
  /// `*error` for a file that is not a metrics log or cannot be written.
  bool open(const std::string &path, int64_t resumedEpochs, std::string *error);

  /// Adds `row` (its wallSeconds counted from this run's start; the kept rows' last
  /// wall time is added) and rewrites the file.
  bool append(EpochMetrics row, std::string *error);

private:
  std::string path, text;
  double wallOffset = 0;
};

} // namespace snn::rt

#endif // SNN_RUNTIME_METRICSLOG_H
