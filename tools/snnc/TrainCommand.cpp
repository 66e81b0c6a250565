// `snnc train [MODEL]`: TSSL-BP training through the compiled forward and backward code.
#include "tools/snnc/CheckpointFolder.h"
#include "dialect/SNN/KernelLossSteps.h"
#include "tools/snnc/CommonOptions.h"
#include "tools/snnc/Commands.h"
#include "tools/snnc/CudaModel.h"
#include "tools/snnc/Datasets.h"
#include "tools/snnc/MemoryBudget.h"
#include "tools/snnc/ModelOutput.h"
#include "tools/snnc/MpiCollective.h"

#include "runtime/AtomicFile.h"
#include "runtime/Dataset.h"
#include "runtime/MessageText.h"
#include "runtime/MetricsLog.h"
#include "runtime/Parallel.h"
#include "runtime/Progress.h"
#include "runtime/Signals.h"
#include "runtime/Trainer.h"
#include "frontend/NIR/NIRExporter.h"
#include "frontend/ONNX/ONNXExporter.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <tuple>

namespace snn::driver {

namespace {

/// Estimated traces (MemoryBudget's training estimate) one call of the training
/// step may hold; bench/compare.py measured the peak memory and speed it gives.
constexpr double kTrainCallActivationBytes = 64.0 * 1024 * 1024;

/// The shortest text that parses back to the same double (settings comparison).
std::string exact(double v) {
  char text[32];
  for (int digits = 6; digits <= 17; ++digits) {
    std::snprintf(text, sizeof(text), "%.*g", digits, v);
    if (std::strtod(text, nullptr) == v)
      break;
  }
  return text;
}

} // namespace

int trainCommand(const Argv &argv) {
  // Under `mpirun -n K` this is one of K processes (ranks) training one model; each
  // reads the same arguments and data, rank 0 prints and writes.
  std::string error;
  std::unique_ptr<rt::Collective> collective = joinLaunchedJob(&error);
  if (!collective && !error.empty())
    return fail("train", error);
  const int rank = collective ? collective->rank() : 0;
  // Every rank takes part in one agreement before training: a failure that only rank 0
  // meets (its checkpoint folder) must stop the others too, which would otherwise wait
  // in the first step's sum. Failures after it are agreed by the trainer itself.
  bool agreed = !collective;
  auto agree = [&](bool failed) {
    agreed = true;
    float flag = failed ? 1.0f : 0.0f;
    std::string why;
    if (!collective->sumInPlace(&flag, 1, &why)) {
      if (rank == 0)
        fail("train", why);
      collective->abortAll(1);
    }
    return flag == 0.0f;
  };
  auto failTrain = [&](const std::string &message) {
    if (!agreed)
      agree(/*failed=*/true);
    return rank == 0 ? fail("train", message) : 1;
  };
  Args args("train", "[MODEL] [options]",
            "Trains MODEL with TSSL-BP (Zhang & Li, NeurIPS 2020): the compiler derives the\n"
            "backward pass from the forward (snn-derive-training) and the runtime applies the\n"
            "optimiser. MODEL is a layer string (e.g. 784-400-D0.2-400-10: Dr = dropout of\n"
            "rate r on the previous layer's traces), a graph-level .mlir file or an .onnx\n"
            "model (the snn profile; an ANN with --convert-ann); default: the Fashion-MNIST\n"
            "MLP 784-400-400-10. Defaults follow the paper's Fashion-MNIST MLP configuration\n"
            "(T = 5, tau_m = 5, tau_s = 3, kernel loss, AdamW lr 5e-4, batch 100); the\n"
            "paper-era values --tau-s 2 --lr 2e-4 reach 90.07% (docs/results.md).");
  std::string dataset = "fashion-mnist", epochs = "100", batch = "100", lr = "5e-4",
              optimizer = "adamw", weightDecay = "0.01", clip = "1.0", clamp = "4.0",
              loss = "kernel", desired = "15", undesired = "3", limitTrain = "0",
              limitTest = "0", out, checkpointDir, metrics;
  bool noShuffle = false, resume = false, force = false;
  CommonOptions common;
  args.option("dataset", "fashion-mnist|mnist|idx:DIR|nmnist:DIR", "training and test data", &dataset);
  args.option("epochs", "N", "epochs to train", &epochs);
  args.option("batch", "N", "samples per optimiser step", &batch);
  args.option("lr", "X", "learning rate", &lr);
  args.option("optimizer", "adamw|sgd", "optimiser (SGD: plain, no momentum)", &optimizer);
  args.option("weight-decay", "X", "decoupled weight decay", &weightDecay);
  args.option("clip", "X", "global gradient-norm clip, 0 = off", &clip);
  args.option("weight-clamp", "X", "clamp weights to [-X, X] after each step, 0 = off", &clamp);
  args.option("loss", "kernel|count", "TSSL-BP loss", &loss);
  args.option("desired", "X", "count loss: PSP sum wanted from the correct class", &desired);
  args.option("undesired", "X", "count loss: PSP sum allowed to the other classes", &undesired);
  args.option("limit-train", "N", "use only the first N training samples (0 = all)", &limitTrain);
  args.option("limit-test", "N", "use only the first N test samples (0 = all)", &limitTest);
  args.flag("no-shuffle", "keep the training samples in file order", &noShuffle);
  args.option("out", "FILE.onnx|FILE.mlir|FILE.nir",
              "write the trained model (ONNX snn profile, or graph-level snn dialect)", &out);
  args.option("checkpoint-dir", "DIR", "write a checkpoint after every epoch", &checkpointDir);
  args.flag("resume", "continue from the checkpoint in --checkpoint-dir", &resume);
  args.option("metrics", "FILE.csv",
              "write one row per epoch (loss, accuracies, samples/s, lr, wall time), "
              "complete after every epoch; --resume continues it",
              &metrics);
  args.flag("force",
            "replace an existing checkpoint without --resume, or resume with changed settings",
            &force);
  common.add(args, /*withSchedule=*/false);
  common.addExecutionTarget(args);
  if (!args.parse(argv, 1, &error))
    return failTrain(error);
  if (args.helpShown)
    return 0;

  std::string model = args.positionals().empty() ? "784-400-400-10" : args.positionals()[0];
  ModelOptions options;
  int threads = 0;
  rt::TrainerConfig config;
  long long v;
  if (!common.resolve(options, threads, &error) ||
      !common.checkApplicable(args, model, /*training=*/true, &error) ||
      !toInt("epochs", epochs, 1, 1000000, v, &error))
    return failTrain(error);
  config.epochs = v;
  if (!toInt("batch", batch, 1, 1 << 20, v, &error))
    return failTrain(error);
  config.batch = v;
  long long trainLimit, testLimit;
  if (!toInt("limit-train", limitTrain, 0, 1LL << 40, trainLimit, &error) ||
      !toInt("limit-test", limitTest, 0, 1LL << 40, testLimit, &error) ||
      !toFloat("lr", lr, config.optimizer.lr, &error) ||
      !toFloat("weight-decay", weightDecay, config.optimizer.weightDecay, &error) ||
      !toFloat("clip", clip, config.optimizer.clip, &error) ||
      !toFloat("weight-clamp", clamp, config.optimizer.weightClamp, &error) ||
      !toFloat("desired", desired, options.desired, &error) ||
      !toFloat("undesired", undesired, options.undesired, &error))
    return failTrain(error);
  if (!(config.optimizer.lr > 0))
    return failTrain("option '--lr' must be > 0, got '" + lr + "'");
  for (auto [name, value, text] : {std::tuple{"weight-decay", config.optimizer.weightDecay,
                                              weightDecay},
                                   std::tuple{"clip", config.optimizer.clip, clip},
                                   std::tuple{"weight-clamp", config.optimizer.weightClamp,
                                              clamp}})
    if (value < 0)
      return failTrain(std::string("option '--") + name + "' must be >= 0 (0 = off), got '" +
                               text + "'");
  if (optimizer != "adamw" && optimizer != "sgd")
    return failTrain("option '--optimizer': expected 'adamw' or 'sgd', got " +
                             rt::quoteForMessage(optimizer));
  config.optimizer.kind =
      optimizer == "sgd" ? rt::OptimizerConfig::SGD : rt::OptimizerConfig::AdamW;
  if (loss != "kernel" && loss != "count")
    return failTrain("option '--loss': expected 'kernel' or 'count', got " +
                             rt::quoteForMessage(loss));
  options.loss = loss;
  if (loss != "count" && (args.given("desired") || args.given("undesired")))
    return failTrain("options '--desired' and '--undesired' apply to '--loss count' only");
  if (loss == "count" && (options.desired < 0 || options.undesired < 0 ||
                          options.undesired >= options.desired))
    return failTrain("options '--desired' and '--undesired' must satisfy 0 <= undesired < "
                         "desired");
  if (!out.empty() && !llvm::StringRef(out).ends_with(".mlir") &&
      !llvm::StringRef(out).ends_with(".onnx") && !llvm::StringRef(out).ends_with(".nir"))
    return failTrain("--out " + out + ": expected a .onnx, .mlir or .nir file name");
  if (resume && checkpointDir.empty())
    return failTrain("--resume needs --checkpoint-dir DIR");
  if (force && checkpointDir.empty())
    return failTrain("--force applies to --checkpoint-dir only");
  // Everything a run will write is checked before it starts: an unwritable
  // path found after hours of training loses them.
  // Only rank 0 writes: the others neither probe nor lock (they read a resumed
  // checkpoint themselves, in the trainer).
  if (rank == 0 && !out.empty() && !rt::checkOutputPath("--out", out, &error))
    return failTrain(error);
  if (rank == 0 && !metrics.empty() && !rt::checkOutputPath("--metrics", metrics, &error))
    return failTrain(error);
  CheckpointFolder folder;
  if (rank == 0 && !checkpointDir.empty() && !folder.open(checkpointDir, resume, force, &error))
    return failTrain(error);
  if (folder.hasExisting && folder.existing.epoch > config.epochs)
    return failTrain(folder.path + " has already trained " +
                             std::to_string(folder.existing.epoch) + " epochs; --epochs " +
                             epochs + " is fewer (give --epochs " +
                             std::to_string(folder.existing.epoch) + " or more)");
  config.threads = threads;
  config.shuffle = !noShuffle;
  config.seed = options.seed;
  config.checkpointDir = checkpointDir;
  config.resume = resume;
  config.resumeFrom = folder.hasExisting ? &folder.existing : nullptr;

  rt::Dataset trainSet, testSet;
  int64_t steps = options.timeSteps > 0 ? options.timeSteps : 5;
  if (!loadDataset(dataset, steps, &trainSet, testSet, options.sequenceInput, &error))
    return failTrain(error);
  if (options.sequenceInput)
    options.timeSteps = steps;
  if (trainLimit > 0)
    trainSet = trainSet.slice(0, trainLimit);
  if (testLimit > 0)
    testSet = testSet.slice(0, testLimit);
  std::vector<int64_t> perSample(trainSet.images.shape().begin() + 1,
                                 trainSet.images.shape().end());

  auto ctx = createContext();
  auto module = loadModel(*ctx, model, perSample, options, &error);
  if (!module)
    return failTrain(error);
  ModelSignature sig;
  if (!modelSignature(*module, sig, &error))
    return failTrain(error);
  if (sig.classes != trainSet.numClasses)
    return failTrain("model has " + std::to_string(sig.classes) + " outputs but the dataset " +
                             std::to_string(trainSet.numClasses) + " classes");
  if (sig.ann)
    return failTrain("the model is an ANN (no snn node): add --convert-ann to train it as "
                         "an SNN");
  // The kernel loss places desired spikes every 5 steps (TSSL-BP §3.1); say so
  // here rather than through the verifier of a generated op.
  if (loss == "kernel" && !mlir::snn::kernelLossSupportsSteps(sig.timeSteps))
    return failTrain("the kernel loss needs T = 5 or a multiple of 10, got T=" +
                             std::to_string(sig.timeSteps) +
                             "; use --loss count for other T (or change --time-steps)");
  config.classes = sig.classes;
  config.timeSteps = sig.timeSteps;
  config.modelDescription = model + " T=" + std::to_string(sig.timeSteps);
  TrainSettings settings = {
      {"dataset", dataset},       {"batch", std::to_string(config.batch)},
      {"seed", std::to_string(options.seed)}, {"loss", loss},
      {"lr", exact(config.optimizer.lr)},     {"optimizer", optimizer},
      {"weight-decay", exact(config.optimizer.weightDecay)},
      {"clip", exact(config.optimizer.clip)},
      {"weight-clamp", exact(config.optimizer.weightClamp)},
      {"time-steps", std::to_string(sig.timeSteps)},
      {"limit-train", std::to_string(trainLimit)},
      {"shuffle", noShuffle ? "no" : "yes"}};
  if (loss == "count") {
    settings["desired"] = exact(options.desired);
    settings["undesired"] = exact(options.undesired);
  }
  if (modelKind(model) == ModelKind::LayerString || common.convertANN) {
    settings["tau-m"] = exact(options.tauM);
    settings["tau-s"] = exact(options.tauS);
    settings["threshold"] = exact(options.threshold);
  }
  config.settings = formatSettings(settings);
  if (folder.hasExisting) {
    if (folder.existing.model != config.modelDescription)
      return failTrain(folder.path + ": the checkpoint is of model " +
                               rt::quoteForMessage(folder.existing.model) + ", not " +
                               rt::quoteForMessage(config.modelDescription));
    if (!checkResumeSettings(folder.existing, folder.path, settings, force, &error))
      return failTrain(error);
  }
  rt::ModelParams params;
  if (!parameterInfo(*module, params.names, params.shapes, &error) ||
      !collectParameters(*module, params.values, &error))
    return failTrain(error);
  mlir::OwningOpRef<mlir::ModuleOp> graph = module->clone();
  if (llvm::StringRef(out).ends_with(".onnx")) {
    // Refuse before training what the profile cannot hold, not after hours of it.
    std::string bytes;
    if (!snn::onnx::exportModelBytes(*graph, bytes, &error))
      return failTrain("--out " + out + ": " + error);
  }
  if (llvm::StringRef(out).ends_with(".nir")) {
    snn::nir::File file;
    if (!snn::nir::exportGraph(*graph, snn::nir::ExportOptions(), file, &error))
      return failTrain("--out " + out + ": " + error);
  }

  // A call of the compiled training step holds every layer's traces over all T
  // steps for its samples (one [T, 32, 28, 28] trace of the CNN is 0.5 MB each), so
  // each worker trains its share of a batch in calls of at most this many
  // samples: peak memory stops growing with --batch, and a call's traces stay
  // nearer the caches. The gradients of the calls are summed, so the step is the
  // same up to float rounding.
  double tracesPerSample = estimateMemory(*module, 1, /*training=*/true, 0).activations;
  config.maxRowsPerCall =
      tracesPerSample > 0
          ? std::max<int64_t>(1, int64_t(kTrainCallActivationBytes / tracesPerSample))
          : 0;
  rt::CallPlan plan = rt::planCalls(config.batch, rt::resolveThreadCount(threads),
                                    config.maxRowsPerCall);
  int64_t rowsAtOnce = std::min<int64_t>(
      config.batch, plan.workers * (config.batch + plan.chunks - 1) / plan.chunks);
  int64_t gradientSets = plan.workers * (plan.chunks > plan.workers ? 2 : 1);
  if (!checkMemory("training with --batch " + std::to_string(config.batch) + " and T=" +
                       std::to_string(sig.timeSteps),
                   estimateMemory(*module, rowsAtOnce, /*training=*/true, gradientSets),
                   config.maxRowsPerCall == 1 ? "reduce --time-steps or the layers' sizes"
                                              : "reduce --batch or --time-steps",
                   &error))
    return failTrain(error);
  auto compileStart = std::chrono::steady_clock::now();
  auto compiled = compileModel(*module, options, &error, /*training=*/true);
  if (!compiled)
    return failTrain(error);
  // Lowering and JIT compilation of both functions (forward and train_step).
  double compileSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - compileStart).count();
  auto trainStep = reinterpret_cast<snn_train_step_fn>(compiled->jit->lookup("snn_train_step"));
  auto forward = reinterpret_cast<snn_forward_fn>(compiled->jit->forward());
  if (compiled->hostForward) {
    // The entry points take device buffers: run them through the host-buffer ABI.
    trainStep = cudaTrainStepOnHostBuffers();
    forward = compiled->hostForward;
  }
  if (!trainStep)
    return failTrain("the compiled model has no snn_train_step");

  // Started once everything else is ready, so a run that fails before training leaves
  // an old log as it was.
  rt::MetricsLog metricsLog;
  if (rank == 0 && !metrics.empty() &&
      !metricsLog.open(metrics, folder.hasExisting ? folder.existing.epoch : -1, &error))
    return failTrain("--metrics " + error);
  if (!agreed && !agree(/*failed=*/false))
    return 1; // another rank failed and said why
  config.collective = collective.get();
  if (rank != 0 && !std::freopen("/dev/null", "w", stdout))
    return 1; // rank 0 speaks for all
  std::printf("training %s on %s: %lld train / %lld test samples, T=%lld, %lld epochs, "
              "batch %lld, %s lr %g, loss %s, compile %.2fs\n",
              model.c_str(), dataset.c_str(), (long long)trainSet.size(),
              (long long)testSet.size(), (long long)sig.timeSteps, (long long)config.epochs,
              (long long)config.batch, optimizer.c_str(), config.optimizer.lr, loss.c_str(),
              compileSeconds);
  if (rank == 0 && out.empty() && checkpointDir.empty())
    std::fprintf(stderr, "snnc train: warning: neither --out nor --checkpoint-dir is given: "
                         "the trained model will not be saved\n");
  if (folder.hasExisting)
    std::printf("resuming from epoch %lld of %lld (%s)\n", (long long)folder.existing.epoch,
                (long long)config.epochs, folder.path.c_str());
  std::fflush(stdout);
  rt::installInterruptHandler("snnc train: interrupt: stopping after this batch\n");
  bool ok = rt::train(
      trainStep, forward, params, trainSet, testSet, config,
      [&](const rt::EpochResult &r) {
        std::printf("%s\n", rt::formatEpochSummary(r.epoch, r.epochs, r.loss, r.trainAccuracy,
                                                   r.testAccuracy, r.samplesPerSecond,
                                                   r.elapsed)
                                .c_str());
        std::fflush(stdout);
        if (metrics.empty())
          return;
        rt::EpochMetrics row{r.epoch,         r.loss,
                             r.trainAccuracy, r.testAccuracy,
                             r.samplesPerSecond, config.optimizer.lr,
                             r.elapsed};
        std::string why;
        // The checkpoint is written; a lost metrics row does not stop the training.
        if (!metricsLog.append(row, &why))
          std::fprintf(stderr, "snnc train: warning: --metrics %s\n", why.c_str());
      },
      &error);
  if (!ok)
    return failTrain(error);
  if (rank == 0 && !out.empty()) {
    setParameters(*graph, params.values);
    if (!writeModelFile(*graph, out, &error))
      return failTrain(error);
    std::printf("wrote %s\n", out.c_str());
  }
  return 0;
}

} // namespace snn::driver
