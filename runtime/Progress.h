// Training progress: a redrawn one-line bar on a terminal, one line per epoch.
#ifndef SNN_RUNTIME_PROGRESS_H
#define SNN_RUNTIME_PROGRESS_H

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace snn::rt {

/// Whether stderr is a terminal (isatty(fileno(stderr))).
bool stderrIsTerminal();

/// Formats seconds as HH:MM:SS (hours grow past 99; negative or non-finite
/// input prints 00:00:00).
std::string formatDuration(double seconds);

/// The line printed after each epoch, e.g.
///   epoch 3/10  loss 0.4123  train 85.21%  test 84.90%  1234 samples/s elapsed
///   00:01:23
/// Accuracies are fractions in [0, 1]; a NaN accuracy (e.g. no test set)
/// prints as "n/a". No trailing newline.
std::string formatEpochSummary(int64_t epoch, int64_t epochs, double loss,
                               double trainAcc, double testAcc,
                               double samplesPerSec, double elapsedSec);

/// The progress bar's text (without the leading '\r'), e.g.
///   epoch 3/10 [##########..........] 120/240  loss 0.4123  1234 samples/s eta
///   00:00:09
std::string formatProgressLine(int64_t epoch, int64_t epochs, int64_t batch,
                               int64_t batches, double loss,
                               double samplesPerSec, double etaSec);

/// Per-batch progress. When enabled (by default: when stderr is a terminal)
/// it redraws one line with '\r' at most every `minInterval` and on the last
/// batch; when disabled it writes nothing, so logs get only the summaries.
class ProgressBar {
public:
  explicit ProgressBar(
      bool enabled = stderrIsTerminal(), std::FILE *out = stderr,
      std::chrono::milliseconds minInterval = std::chrono::milliseconds(100));
  ~ProgressBar();

  bool enabled() const { return on; }

  /// Starts epoch `epoch` (1-based) of `epochs` with `batches` batches and
  /// restarts the clock used for samples/s.
  void beginEpoch(int64_t epoch, int64_t epochs, int64_t batches);
  /// After batch `batch` (1-based) finished; `samples` counts the samples of
  /// this epoch so far, `runningLoss` is the mean loss so far.
  void update(int64_t batch, int64_t samples, double runningLoss);
  /// Erases the bar so the next line (the summary) starts clean. Also done by
  /// the destructor if a bar is still shown.
  void clear();

private:
  bool on;
  std::FILE *out;
  std::chrono::milliseconds minInterval;
  int64_t epoch = 0, epochs = 0, batches = 0;
  std::chrono::steady_clock::time_point start, lastDraw;
  bool drawn = false;
};

} // namespace snn::rt

#endif // SNN_RUNTIME_PROGRESS_H
