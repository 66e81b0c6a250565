// The TSSL-BP training loop: batches, compiled train steps on threads, optimiser, checkpoints.
#ifndef SNN_RUNTIME_TRAINER_H
#define SNN_RUNTIME_TRAINER_H

#include "runtime/Checkpoint.h"
#include "runtime/Collective.h"
#include "runtime/Dataset.h"
#include "runtime/ModelABI.h"
#include "runtime/Optimizer.h"

#include <functional>
#include <utility>
#include <string>
#include <vector>

namespace snn::rt {

/// The model's weights, in the argument order of the compiled entry points.
struct ModelParams {
  std::vector<std::string> names;
  std::vector<std::vector<int64_t>> shapes;
  std::vector<std::vector<float>> values;
};

struct TrainerConfig {
  int64_t epochs = 1, batch = 100, threads = 0, classes = 10, timeSteps = 5;
  bool shuffle = true;
  uint64_t seed = 0;
  OptimizerConfig optimizer;
  /// Where `checkpoint.snnckpt` is written after every epoch ("" = no checkpoints).
  std::string checkpointDir;
  /// Continue from the checkpoint in checkpointDir.
  bool resume = false;
  /// With `resume`: the checkpoint already read by the caller (which checks it
  /// before any work), so it is not read twice; null reads it from checkpointDir.
  const Checkpoint *resumeFrom = nullptr;
  /// Identifies the model in checkpoints; a resume with another model is refused.
  std::string modelDescription;
  /// The run's settings ("name=value" lines), recorded in checkpoints so that
  /// a resume can compare its own with them.
  std::string settings;
  /// The most samples one call of the compiled code gets (0 = no bound). A worker
  /// whose share of a batch is larger makes several calls and adds their
  /// gradients, so the traces the compiled code holds stay bounded by this.
  int64_t maxRowsPerCall = 0;
  /// The processes of a data-parallel run (null: this one alone). Each computes the
  /// gradient of its share of every batch; the sums are combined before every
  /// optimiser step, so all apply the same step. Only rank 0 writes checkpoints and
  /// receives `onEpoch`; every rank reads a resumed checkpoint.
  Collective *collective = nullptr;
};

/// How one batch of `count` samples is split over calls of the compiled code:
/// `workers` threads (one gradient set each), each making `calls` of the
/// `chunks` contiguous calls (the last workers may make one fewer).
struct CallPlan {
  int64_t workers = 1, chunks = 1;
  /// [first, end) chunk of worker `w`.
  std::pair<int64_t, int64_t> workerChunks(int64_t w) const {
    return {w * chunks / workers, (w + 1) * chunks / workers};
  }
  /// [begin, end) samples of chunk `c` of a batch of `count`.
  static std::pair<int64_t, int64_t> chunkRows(int64_t count, int64_t chunks, int64_t c) {
    return {c * count / chunks, (c + 1) * count / chunks};
  }
};

/// One call per thread, and more where a thread's share exceeds `maxRowsPerCall`
/// (0 = no bound): the same number of calls on every worker, at most `count`.
CallPlan planCalls(int64_t count, int threads, int64_t maxRowsPerCall);

struct EpochResult {
  int64_t epoch = 0, epochs = 0;
  double loss = 0, trainAccuracy = 0, testAccuracy = 0, samplesPerSecond = 0, elapsed = 0;
};

/// TSSL-BP prediction: argmax over classes of the trace summed over time (ties → lowest).
int32_t predictClass(const float *traces, int64_t classes, int64_t steps);

/// Accuracy of the forward entry point on `data` (batches of `batch` on `threads`,
/// at most `maxRowsPerCall` samples per call, 0 = no bound).
double evaluate(snn_forward_fn forward, const ModelParams &params, const Dataset &data,
                int64_t classes, int64_t steps, int64_t batch, int threads,
                int64_t maxRowsPerCall = 0);

/// Trains `params` in place. `onEpoch` receives each epoch's summary. Stops early,
/// keeping the last checkpoint, when an interrupt was requested (rt::Signals).
bool train(snn_train_step_fn trainStep, snn_forward_fn forward, ModelParams &params,
           const Dataset &trainSet, const Dataset &testSet, const TrainerConfig &config,
           const std::function<void(const EpochResult &)> &onEpoch, std::string *error);

} // namespace snn::rt

#endif // SNN_RUNTIME_TRAINER_H
