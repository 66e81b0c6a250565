// `snnc eval MODEL --dataset D`: test accuracy (and confusion matrix) of compiled code.
#include "tools/snnc/CommonOptions.h"
#include "tools/snnc/Commands.h"
#include "tools/snnc/Datasets.h"
#include "tools/snnc/MemoryBudget.h"

#include "runtime/Dataset.h"
#include "runtime/Trainer.h"

#include <chrono>
#include <cstdio>

namespace snn::driver {

int evalCommand(const Argv &argv) {
  Args args("eval", "[MODEL] [options]",
            "Compiles MODEL (default: the Fashion-MNIST MLP 784-400-400-10) and reports its\n"
            "accuracy on the test split of the dataset; prediction = argmax over classes of\n"
            "the output PSP trace summed over time.");
  std::string dataset = "fashion-mnist", limit = "0", batch = "100", show = "0";
  bool confusion = false;
  CommonOptions common;
  args.option("dataset", "fashion-mnist|mnist|idx:DIR|nmnist:DIR", "dataset whose test split is used",
              &dataset);
  args.option("limit-test", "N", "use only the first N test samples (0 = all)", &limit);
  args.option("batch", "N", "samples per compiled-code call", &batch);
  args.option("show", "N", "print the prediction and label of the first N samples", &show);
  args.flag("confusion", "print the confusion matrix", &confusion);
  common.add(args);
  common.addSpikeSynapses(args);
  common.addExecutionTarget(args);
  std::string error;
  if (!args.parse(argv, 1, &error))
    return fail("eval", error);
  if (args.helpShown)
    return 0;
  std::string model = args.positionals().empty() ? "784-400-400-10" : args.positionals()[0];
  ModelOptions options;
  int threads = 0;
  long long limitN, batchN, showN;
  if (!common.resolve(options, threads, &error) ||
      !common.checkApplicable(args, model, /*training=*/false, &error) ||
      !toInt("limit-test", limit, 0, 1LL << 40, limitN, &error) ||
      !toInt("batch", batch, 1, 1 << 20, batchN, &error) ||
      !toInt("show", show, 0, 1LL << 40, showN, &error))
    return fail("eval", error);

  rt::Dataset test;
  int64_t steps = options.timeSteps > 0 ? options.timeSteps : 5;
  if (!loadDataset(dataset, steps, nullptr, test, options.sequenceInput, &error))
    return fail("eval", error);
  if (options.sequenceInput)
    options.timeSteps = steps;
  if (limitN > 0)
    test = test.slice(0, limitN);
  if (test.size() == 0)
    return fail("eval", "dataset '" + dataset + "' has no test samples");
  std::vector<int64_t> perSample(test.images.shape().begin() + 1, test.images.shape().end());

  auto start = std::chrono::steady_clock::now();
  auto ctx = createContext();
  auto module = loadModel(*ctx, model, perSample, options, &error);
  if (!module)
    return fail("eval", error);
  ModelSignature sig;
  if (!modelSignature(*module, sig, &error))
    return fail("eval", error);
  int64_t sampleSize = 1, modelSize = 1;
  for (int64_t d : perSample)
    sampleSize *= d;
  for (int64_t d : sig.inputShape)
    modelSize *= d;
  if (sampleSize != modelSize)
    return fail("eval", "dataset samples have " + std::to_string(sampleSize) +
                            " values but the model's input takes " + std::to_string(modelSize));
  if (sig.classes < test.numClasses)
    return fail("eval", "model has " + std::to_string(sig.classes) + " outputs but the dataset " +
                            std::to_string(test.numClasses) + " classes");
  if (!checkMemory("evaluating with --batch " + std::to_string(batchN) + " and T=" +
                       std::to_string(sig.timeSteps),
                   estimateMemory(*module, batchN, /*training=*/false, 1),
                   "reduce --batch or --time-steps", &error))
    return fail("eval", error);
  auto compiled = compileModel(*module, options, &error);
  if (!compiled)
    return fail("eval", error);
  double compileSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  int64_t n = test.size(), perOut = sig.classes * sig.timeSteps;
  std::vector<float> out(size_t(batchN * perOut)), inputs(size_t(batchN * sampleSize));
  std::vector<int64_t> matrix(size_t(sig.classes * sig.classes), 0);
  int64_t correct = 0;
  auto runStart = std::chrono::steady_clock::now();
  for (int64_t begin = 0; begin < n; begin += batchN) {
    int64_t count = std::min<int64_t>(batchN, n - begin);
    test.images.decode(begin, count, inputs.data());
    compiled->run(inputs.data(), count, out.data(), threads);
    for (int64_t i = 0; i < count; ++i) {
      int label = test.labels[begin + i];
      int guess = rt::predictClass(out.data() + i * perOut, sig.classes, sig.timeSteps);
      correct += guess == label;
      ++matrix[label * sig.classes + guess];
      if (begin + i < showN)
        std::printf("sample %lld: predicted %d, label %d\n", (long long)(begin + i), guess, label);
    }
  }
  double runSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count();
  std::printf("%s on %s test: accuracy %.2f%% (%lld/%lld), T=%lld, compile %.2fs, "
              "%.0f samples/s\n",
              model.c_str(), dataset.c_str(), 100.0 * correct / n, (long long)correct,
              (long long)n, (long long)sig.timeSteps, compileSeconds,
              runSeconds > 0 ? n / runSeconds : 0.0);
  if (confusion) {
    std::printf("confusion (rows = label, columns = prediction):\n");
    for (int64_t r = 0; r < sig.classes; ++r) {
      for (int64_t c = 0; c < sig.classes; ++c)
        std::printf(" %6lld", (long long)matrix[r * sig.classes + c]);
      std::printf("\n");
    }
  }
  return 0;
}

} // namespace snn::driver
