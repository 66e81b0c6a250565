// The TSSL-BP training loop: batches, compiled train steps on threads, optimiser, checkpoints.
#include "runtime/Trainer.h"

#include "runtime/Batcher.h"
#include "runtime/Checkpoint.h"
#include "runtime/Parallel.h"
#include "runtime/Progress.h"
#include "runtime/Rng.h"
#include "runtime/Signals.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sys/stat.h>

namespace snn::rt {

namespace {

int64_t sampleSize(const Dataset &data) { return data.images.sampleSize(); }

std::string checkpointPath(const std::string &dir) { return dir + "/checkpoint.snnckpt"; }

bool restore(const TrainerConfig &config, ModelParams &params, Rng &rng, Optimizer &opt,
             int64_t &epoch, int64_t &step, std::string *error) {
  Checkpoint loaded;
  std::string path = checkpointPath(config.checkpointDir);
  if (!config.resumeFrom && !loadCheckpoint(path, loaded, error))
    return false;
  const Checkpoint &ck = config.resumeFrom ? *config.resumeFrom : loaded;
  if (ck.model != config.modelDescription) {
    *error = path + ": checkpoint is of model '" + ck.model + "', not '" +
             config.modelDescription + "'";
    return false;
  }
  if (ck.params.size() != params.values.size()) {
    *error = path + ": checkpoint has " + std::to_string(ck.params.size()) +
             " parameters, the model " + std::to_string(params.values.size());
    return false;
  }
  for (size_t i = 0; i < ck.params.size(); ++i) {
    if (ck.params[i].value.shape != params.shapes[i]) {
      *error = path + ": parameter '" + ck.params[i].name + "' has another shape in the model";
      return false;
    }
    params.values[i] = ck.params[i].value.data;
  }
  if (ck.optimizerConfig.kind != config.optimizer.kind) {
    *error = path + ": checkpoint was trained with optimizer '" +
             optimizerKindName(ck.optimizerConfig.kind) + "'";
    return false;
  }
  if (!opt.setState(ck.optimizerState, error))
    return false;
  rng.setState(ck.rngState);
  epoch = ck.epoch;
  step = ck.globalStep;
  return true;
}

bool save(const TrainerConfig &config, const ModelParams &params, const Rng &rng,
          const Optimizer &opt, int64_t epoch, int64_t step, std::string *error) {
  ::mkdir(config.checkpointDir.c_str(), 0755);
  Checkpoint ck;
  ck.model = config.modelDescription;
  ck.settings = config.settings;
  ck.epoch = epoch;
  ck.globalStep = step;
  ck.rngState = rng.state();
  ck.optimizerConfig = opt.config();
  ck.optimizerState = opt.state();
  for (size_t i = 0; i < params.values.size(); ++i) {
    CheckpointParam p;
    p.name = params.names[i];
    p.value.shape = params.shapes[i];
    p.value.data = params.values[i];
    ck.params.push_back(std::move(p));
  }
  return saveCheckpoint(checkpointPath(config.checkpointDir), ck, error);
}

} // namespace

int32_t predictClass(const float *traces, int64_t classes, int64_t steps) {
  int32_t best = 0;
  double bestSum = 0;
  for (int64_t c = 0; c < classes; ++c) {
    double sum = 0;
    for (int64_t t = 0; t < steps; ++t)
      sum += traces[c * steps + t];
    if (c == 0 || sum > bestSum)
      best = int32_t(c), bestSum = sum;
  }
  return best;
}

CallPlan planCalls(int64_t count, int threads, int64_t maxRowsPerCall) {
  CallPlan plan;
  plan.workers = std::max<int64_t>(1, std::min<int64_t>(threads, count));
  int64_t calls = 1;
  if (maxRowsPerCall > 0)
    calls = (count + plan.workers * maxRowsPerCall - 1) / (plan.workers * maxRowsPerCall);
  plan.chunks = std::max<int64_t>(1, std::min<int64_t>(count, plan.workers * calls));
  return plan;
}

namespace {
/// The samples of `data` the forward entry point classifies correctly.
int64_t countCorrect(snn_forward_fn forward, const ModelParams &params, const Dataset &data,
                     int64_t classes, int64_t steps, int64_t batch, int threads,
                     int64_t maxRowsPerCall) {
  if (data.size() == 0)
    return 0;
  std::vector<const float *> ptrs;
  for (const auto &v : params.values)
    ptrs.push_back(v.data());
  int64_t n = data.size(), sample = sampleSize(data), perOut = classes * steps;
  std::vector<float> out(size_t(std::min(batch, n) * perOut));
  std::vector<float> inputs(size_t(std::min(batch, n) * sample));
  int64_t correct = 0;
  for (int64_t begin = 0; begin < n; begin += batch) {
    int64_t count = std::min(batch, n - begin);
    CallPlan plan = planCalls(count, threads, maxRowsPerCall);
    parallelFor(plan.chunks, threads, [&](int64_t cb, int64_t ce) {
      for (int64_t c = cb; c < ce; ++c) {
        auto [b, e] = CallPlan::chunkRows(count, plan.chunks, c);
        data.images.decode(begin + b, e - b, inputs.data() + b * sample);
        forward(inputs.data() + b * sample, e - b, ptrs.data(), out.data() + b * perOut);
      }
    });
    for (int64_t i = 0; i < count; ++i)
      correct += predictClass(out.data() + i * perOut, classes, steps) == data.labels[begin + i];
  }
  return correct;
}
} // namespace

double evaluate(snn_forward_fn forward, const ModelParams &params, const Dataset &data,
                int64_t classes, int64_t steps, int64_t batch, int threads,
                int64_t maxRowsPerCall) {
  if (data.size() == 0)
    return std::nan("");
  return double(countCorrect(forward, params, data, classes, steps, batch, threads,
                             maxRowsPerCall)) /
         double(data.size());
}

bool train(snn_train_step_fn trainStep, snn_forward_fn forward, ModelParams &params,
           const Dataset &trainSet, const Dataset &testSet, const TrainerConfig &config,
           const std::function<void(const EpochResult &)> &onEpoch, std::string *error) {
  size_t numParams = params.values.size();
  std::vector<size_t> sizes;
  for (const auto &v : params.values)
    sizes.push_back(v.size());
  Optimizer opt(config.optimizer, sizes);
  Rng rng(config.seed + 0x5eed);
  int64_t startEpoch = 0, step = 0;
  if (config.resume && !restore(config, params, rng, opt, startEpoch, step, error))
    return false;
  if (trainSet.size() == 0) {
    *error = "the training set is empty";
    return false;
  }
  // The compiled code reads rows of the training samples' size; a test set of
  // another shape would be read out of bounds.
  if (testSet.size() > 0 && sampleSize(testSet) != sampleSize(trainSet)) {
    *error = "the test samples have " + std::to_string(sampleSize(testSet)) +
             " values but the training samples " + std::to_string(sampleSize(trainSet));
    return false;
  }

  const int64_t classes = config.classes, steps = config.timeSteps,
                sample = sampleSize(trainSet), perOut = classes * steps;
  const int threads = resolveThreadCount(int(config.threads));
  // Data-parallel processes: rank r computes the gradient of rows [r·n/K, (r+1)·n/K)
  // of every global batch of n, and of its share of the test set.
  const int rank = config.collective ? config.collective->rank() : 0;
  const int ranks = config.collective ? config.collective->size() : 1;
  const CallPlan fullBatch =
      planCalls((config.batch + ranks - 1) / ranks, threads, config.maxRowsPerCall);
  const int64_t workers = fullBatch.workers;
  Batcher batcher(trainSet.size(), config.batch, config.shuffle);
  std::vector<float> images(size_t(config.batch * sample));
  std::vector<float> targets(size_t(config.batch * classes));
  std::vector<float> outputs(size_t(config.batch * perOut));
  std::vector<float> losses(static_cast<size_t>(fullBatch.chunks));
  std::vector<int32_t> labels(size_t(config.batch));
  // One gradient set per worker (worker 0's receives the sum), and a second one
  // for the later calls of a worker that makes several.
  auto gradientSets = [&](int64_t count) {
    std::vector<std::vector<std::vector<float>>> sets(count);
    for (auto &set : sets)
      for (size_t p = 0; p < numParams; ++p)
        set.emplace_back(sizes[p]);
    return sets;
  };
  auto pointers = [](std::vector<std::vector<std::vector<float>>> &sets) {
    std::vector<std::vector<float *>> ptrs(sets.size());
    for (size_t s = 0; s < sets.size(); ++s)
      for (auto &g : sets[s])
        ptrs[s].push_back(g.data());
    return ptrs;
  };
  // Worker 0's gradients (which receive the sum), then the batch's loss, correct count
  // and stop flags, in one flat buffer: the sum over processes is one call per step.
  enum Extra { kLoss, kCorrect, kInterrupted, kFailed, kExtras };
  size_t gradientCount = 0;
  for (size_t n : sizes)
    gradientCount += n;
  std::vector<float> reduced(gradientCount + kExtras);
  float *extra = reduced.data() + gradientCount;
  auto grads = gradientSets(workers - 1); // workers 1, 2, …
  std::vector<std::vector<float *>> gradPtrs(workers);
  for (size_t p = 0, offset = 0; p < numParams; offset += sizes[p++])
    gradPtrs[0].push_back(reduced.data() + offset);
  for (int64_t w = 1; w < workers; ++w)
    for (auto &g : grads[w - 1])
      gradPtrs[w].push_back(g.data());
  auto partial = gradientSets(fullBatch.chunks > workers ? workers : 0);
  auto partialPtrs = pointers(partial);
  std::vector<float *> paramPtrs;
  for (auto &v : params.values)
    paramPtrs.push_back(v.data());
  std::vector<const float *> constParams(paramPtrs.begin(), paramPtrs.end());

  auto [testBegin, testEnd] = CallPlan::chunkRows(testSet.size(), ranks, rank);
  const Dataset testShard = ranks == 1 ? Dataset() : testSet.slice(testBegin, testEnd - testBegin);
  const Dataset &myTests = ranks == 1 ? testSet : testShard;
  // A failure of this process only (rank 0's checkpoint write): the others learn of it
  // through the next step's flags instead of waiting for this one forever.
  std::string pendingError;

  auto runStart = std::chrono::steady_clock::now();
  for (int64_t epoch = startEpoch; epoch < config.epochs; ++epoch) {
    auto epochStart = std::chrono::steady_clock::now();
    batcher.beginEpoch(rng);
    ProgressBar bar(rank == 0 && stderrIsTerminal());
    bar.beginEpoch(epoch + 1, config.epochs, batcher.numBatches());
    double lossSum = 0;
    int64_t correct = 0, seen = 0;
    for (int64_t b = 0; b < batcher.numBatches(); ++b) {
      int64_t count = batcher.batchSize(b);
      if (!batcher.gather(trainSet, b, images.data(), targets.data(), labels.data(), error))
        return false;
      // This process's rows [first, first + mine) of the batch (all of them alone).
      auto [first, shardEnd] = CallPlan::chunkRows(count, ranks, rank);
      const int64_t mine = shardEnd - first;
      const CallPlan plan = planCalls(mine, threads, config.maxRowsPerCall);
      // Dropout masks follow (seed, step) and the sample's place in the batch, not the
      // thread count, so --resume and other --threads values draw the same masks.
      uint64_t mixState = config.seed ^ (uint64_t(step) * 0xD6E8FEB86659FD93ull);
      const uint64_t batchSeed = splitmix64(mixState);
      if (mine == 0) // fewer rows than processes: this one adds nothing
        std::fill(reduced.begin(), reduced.begin() + int64_t(gradientCount), 0.0f);
      else
        parallelFor(plan.workers, threads, [&](int64_t wb, int64_t we) {
          for (int64_t w = wb; w < we; ++w) {
            auto [firstChunk, lastChunk] = plan.workerChunks(w);
            for (int64_t c = firstChunk; c < lastChunk; ++c) {
              auto [chunkBegin, chunkEnd] = CallPlan::chunkRows(mine, plan.chunks, c);
              int64_t begin = first + chunkBegin; // the row in the whole batch
              float *const *out =
                  c == firstChunk ? gradPtrs[w].data() : partialPtrs[w].data();
              trainStep(images.data() + begin * sample, chunkEnd - chunkBegin,
                        targets.data() + begin * classes, constParams.data(),
                        batchSeed + uint64_t(begin) * SNN_DROPOUT_SAMPLE_STRIDE, &losses[c],
                        outputs.data() + begin * perOut, out);
              if (c != firstChunk)
                for (size_t p = 0; p < numParams; ++p)
                  for (size_t i = 0; i < sizes[p]; ++i)
                    gradPtrs[w][p][i] += partial[w][p][i];
            }
          }
        });
      double batchLoss = 0;
      for (int64_t c = 0; mine > 0 && c < plan.chunks; ++c)
        batchLoss += losses[c];
      // The workers' gradients are added in worker order, whatever thread adds them.
      if (plan.workers > 1)
        forEachBlock(sizes, threads, [&](size_t, const ParamBlock &k) {
          for (int64_t w = 1; w < plan.workers; ++w)
            for (size_t i = k.begin; i < k.end; ++i)
              gradPtrs[0][k.param][i] += gradPtrs[w][k.param][i];
        });
      int64_t batchCorrect = 0;
      for (int64_t i = first; i < shardEnd; ++i)
        batchCorrect += predictClass(outputs.data() + i * perOut, classes, steps) == labels[i];
      bool stop = interruptRequested();
      if (ranks > 1) {
        extra[kLoss] = float(batchLoss);
        extra[kCorrect] = float(batchCorrect);
        extra[kInterrupted] = stop ? 1.0f : 0.0f;
        extra[kFailed] = pendingError.empty() ? 0.0f : 1.0f;
        if (!config.collective->sumInPlace(reduced.data(), reduced.size(), error))
          return false;
        if (extra[kFailed] > 0) {
          // The process that failed reports it; the others stop without a message.
          *error = pendingError;
          return false;
        }
        batchLoss = extra[kLoss];
        batchCorrect = int64_t(std::lround(extra[kCorrect]));
        stop = extra[kInterrupted] > 0;
      }
      correct += batchCorrect;
      double norm = opt.step(paramPtrs, gradPtrs[0], threads);
      if (!std::isfinite(norm)) {
        *error = "training diverged: the gradient norm is " + std::to_string(norm) +
                 " at epoch " + std::to_string(epoch + 1) + ", batch " + std::to_string(b + 1);
        return false;
      }
      ++step;
      lossSum += batchLoss;
      seen += count;
      bar.update(b + 1, seen, lossSum / double(seen));
      if (stop) {
        bar.clear();
        *error = "interrupted during epoch " + std::to_string(epoch + 1) +
                 (config.checkpointDir.empty()
                      ? std::string(" (no checkpoint directory)")
                      : "; the last checkpoint (" + std::to_string(epoch) +
                            " epochs) is in " + config.checkpointDir);
        return false;
      }
    }
    bar.clear();
    EpochResult r;
    r.epoch = epoch + 1;
    r.epochs = config.epochs;
    r.loss = lossSum / double(seen);
    r.trainAccuracy = double(correct) / double(seen);
    double trainSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - epochStart).count();
    r.samplesPerSecond = trainSeconds > 0 ? double(seen) / trainSeconds : 0;
    int64_t testCorrect = countCorrect(forward, params, myTests, classes, steps, config.batch,
                                       threads, config.maxRowsPerCall);
    if (ranks > 1) {
      float total = float(testCorrect);
      if (!config.collective->sumInPlace(&total, 1, error))
        return false;
      testCorrect = int64_t(std::lround(total));
    }
    r.testAccuracy = testSet.size() ? double(testCorrect) / double(testSet.size()) : std::nan("");
    r.elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count();
    if (rank == 0 && !config.checkpointDir.empty() &&
        !save(config, params, rng, opt, epoch + 1, step, error)) {
      if (ranks == 1)
        return false;
      pendingError = *error;
    }
    if (rank == 0)
      onEpoch(r);
  }
  if (!pendingError.empty()) {
    *error = pendingError;
    return false;
  }
  return true;
}

} // namespace snn::rt
