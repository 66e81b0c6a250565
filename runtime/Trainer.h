// The TSSL-BP training loop: batches, compiled train steps on threads, optimiser, checkpoints.
#ifndef SNN_RUNTIME_TRAINER_H
#define SNN_RUNTIME_TRAINER_H

#include "runtime/Checkpoint.h"
#include "runtime/Dataset.h"
#include "runtime/ModelABI.h"
#include "runtime/Optimizer.h"

#include <functional>
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
  /// Stop after this many optimiser steps in total (0 = no limit); for tests of resume.
  int64_t maxSteps = 0;
};

struct EpochResult {
  int64_t epoch = 0, epochs = 0;
  double loss = 0, trainAccuracy = 0, testAccuracy = 0, samplesPerSecond = 0, elapsed = 0;
};

/// TSSL-BP prediction: argmax over classes of the trace summed over time (ties → lowest).
int32_t predictClass(const float *traces, int64_t classes, int64_t steps);

/// Accuracy of the forward entry point on `data` (batches of `batch` on `threads`).
double evaluate(snn_forward_fn forward, const ModelParams &params, const Dataset &data,
                int64_t classes, int64_t steps, int64_t batch, int threads);

/// Trains `params` in place. `onEpoch` receives each epoch's summary. Stops early,
/// keeping the last checkpoint, when an interrupt was requested (rt::Signals).
bool train(snn_train_step_fn trainStep, snn_forward_fn forward, ModelParams &params,
           const Dataset &trainSet, const Dataset &testSet, const TrainerConfig &config,
           const std::function<void(const EpochResult &)> &onEpoch, std::string *error);

} // namespace snn::rt

#endif // SNN_RUNTIME_TRAINER_H
