// `snnc sim DIR`: runs an emitted core program in the bit-exact core simulator (outputs, accuracy, counters).
#include "tools/snnc/Args.h"
#include "tools/snnc/Commands.h"
#include "tools/snnc/Datasets.h"

#include "runtime/AtomicFile.h"
#include "runtime/CoreSim.h"
#include "runtime/Dataset.h"
#include "runtime/Npy.h"
#include "runtime/Parallel.h"

#include "llvm/Support/FileSystem.h"

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>

namespace snn::driver {

namespace {

std::string shapeText(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

std::string jsonString(const std::string &text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += char(c);
    }
  }
  return out + "\"";
}

/// A sample's element count must be the program's input size (a [1, 28, 28]
/// image feeds a [784] input, as with `snnc run`).
bool checkSampleShape(const std::string &what, const std::vector<int64_t> &sample,
                      const core::Program &program, std::string *error) {
  int64_t n = 1;
  for (int64_t d : sample)
    n *= d;
  if (n == program.inputSize())
    return true;
  *error = what + ": samples of shape " + shapeText(sample) + " (" + std::to_string(n) +
           " values) do not fit the program's input " + shapeText(program.inputShape) + " (" +
           std::to_string(program.inputSize()) + " values)";
  return false;
}

const char *kCounterNames[] = {"spikes",         "spike_events", "synaptic_ops",
                               "neuron_updates", "routed_events", "hops"};

std::vector<int64_t> counterValues(const core::PopulationCounters &c) {
  return {c.spikes, c.spikeEvents, c.synapticOps, c.neuronUpdates, c.routedEvents, c.hops};
}

void printCounters(const core::Program &program, const core::SimCounters &c) {
  std::printf("counters over %" PRId64 " samples (each population inside its model window):\n",
              c.samples);
  std::printf("  %-22s %9s", "population", "neurons");
  for (const char *name : kCounterNames)
    std::printf(" %15s", name);
  std::printf("\n");
  auto row = [&](const std::string &label, int64_t neurons, const core::PopulationCounters &pc) {
    std::printf("  %-22s %9" PRId64, label.c_str(), neurons);
    for (int64_t v : counterValues(pc))
      std::printf(" %15" PRId64, v);
    std::printf("\n");
  };
  int64_t neurons = 0;
  for (size_t p = 0; p < program.populations.size(); ++p) {
    const core::Population &pop = program.populations[p];
    neurons += pop.size();
    row(std::to_string(p) + " " + pop.name, pop.size(),
        p < c.populations.size() ? c.populations[p] : core::PopulationCounters());
  }
  row("total", neurons, c.total());
  if (program.inputMode == core::InputMode::Spikes)
    std::printf("  host input: %" PRId64 " events (spikes mode)\n", c.hostEvents);
  else
    std::printf("  host input: %" PRId64 " multiply-accumulates (%s mode)\n", c.hostMacs,
                program.inputMode == core::InputMode::Bias ? "bias" : "current");
}

std::string countersJson(const core::Program &program, const core::SimCounters &c) {
  auto fields = [](const core::PopulationCounters &pc) {
    std::string s;
    std::vector<int64_t> values = counterValues(pc);
    for (size_t i = 0; i < values.size(); ++i)
      s += std::string(i ? ", " : "") + "\"" + kCounterNames[i] + "\": " +
           std::to_string(values[i]);
    return s;
  };
  std::string s = "{\"samples\": " + std::to_string(c.samples) +
                  ", \"host_macs\": " + std::to_string(c.hostMacs) +
                  ", \"host_events\": " + std::to_string(c.hostEvents) + ", \"populations\": [";
  for (size_t p = 0; p < program.populations.size(); ++p) {
    const core::Population &pop = program.populations[p];
    s += std::string(p ? ", " : "") + "{\"index\": " + std::to_string(p) +
         ", \"name\": " + jsonString(pop.name) + ", \"neurons\": " + std::to_string(pop.size()) +
         ", " + fields(p < c.populations.size() ? c.populations[p] : core::PopulationCounters()) +
         "}";
  }
  return s + "], \"total\": {" + fields(c.total()) + "}}";
}

} // namespace

int simCommand(const Argv &argv) {
  Args args("sim", "DIR|DIR/program.bin (--input X.npy --output Y.npy | --dataset D) [options]",
            "Runs a core program emitted by 'snnc map' (DIR/program.bin) in the bit-exact\n"
            "core simulator. With --input, writes the output population's spike counts per\n"
            "model step to Y.npy ([N, classes, T] float32; model step t is chip step\n"
            "outputOffset + t). With --dataset, runs the test split and prints the accuracy\n"
            "(prediction = argmax of the PSP readout sum_t n_t (1 - alpha^(T-t)), alpha =\n"
            "1 - 1/tau_s, ties to the lowest class). --counters adds spikes, synaptic\n"
            "operations, routed events and hops per population (docs/neuromorphic.md).");
  std::string input, output, dataset, batchText = "256", limitText = "0", threadsText = "0";
  bool counters = false, json = false;
  args.option("input", "X.npy", "input samples [N, ...] (float32 or convertible)", &input);
  args.option("output", "Y.npy", "where to write the output spike counts [N, classes, T]",
              &output);
  args.option("batch", "N", "samples held in memory at a time (default 256)", &batchText);
  args.option("dataset", "fashion-mnist|mnist|idx:DIR", "run the test split of this dataset",
              &dataset);
  args.option("limit-test", "N", "with --dataset: only the first N test samples (0 = all)",
              &limitText);
  args.option("threads", "N", "worker threads, 0 = one per core", &threadsText);
  args.flag("counters", "print the activity counters", &counters);
  args.flag("json", "print the result (and counters) as one JSON object", &json);
  std::string error;
  if (!args.parse(argv, 1, &error))
    return fail("sim", error);
  if (args.helpShown)
    return 0;
  if (args.positionals().empty())
    return fail("sim", "missing DIR (a folder written by 'snnc map', or its program.bin)");
  long long batch, limit, threadCount;
  if (!toInt("batch", batchText, 1, 1 << 20, batch, &error) ||
      !toInt("limit-test", limitText, 0, 1LL << 40, limit, &error) ||
      !toInt("threads", threadsText, 0, 1024, threadCount, &error))
    return fail("sim", error);
  if (input.empty() == dataset.empty())
    return fail("sim", "give either --input X.npy --output Y.npy or --dataset D");
  if (!input.empty() && output.empty())
    return fail("sim", "--input needs --output Y.npy");
  if (input.empty() && !output.empty())
    return fail("sim", "--output goes with --input (with --dataset nothing is written)");
  if (!dataset.empty() && args.given("batch"))
    return fail("sim", "--batch goes with --input");
  if (!input.empty() && args.given("limit-test"))
    return fail("sim", "--limit-test goes with --dataset");
  const int threads = rt::resolveThreadCount(int(threadCount));

  std::string path = args.positionals()[0];
  if (!llvm::sys::fs::exists(path))
    return fail("sim", path + ": no such folder or program file (expected a folder written "
                              "by 'snnc map', or its program.bin)");
  if (llvm::sys::fs::is_directory(path))
    path += "/program.bin";
  core::Program program;
  if (!core::readProgramBinary(path, &program, &error))
    return fail("sim", error);
  const int64_t classes = program.populations[program.outputPopulation].size();
  const int64_t steps = program.timeSteps;
  const int64_t inSize = program.inputSize();
  core::SimCounters totals;

  if (!input.empty()) {
    if (!rt::checkOutputPath("--output", output, &error))
      return fail("sim", error);
    rt::NpyReader reader;
    reader.rejectNonFinite(true);
    if (!reader.open(input, &error))
      return fail("sim", error);
    const std::vector<int64_t> &xShape = reader.shape();
    if (xShape.size() < 2)
      return fail("sim", input + ": expected samples [N, ...], got " +
                             std::to_string(xShape.size()) + "-D data");
    if (!checkSampleShape(input, std::vector<int64_t>(xShape.begin() + 1, xShape.end()),
                          program, &error))
      return fail("sim", error);
    batch = std::max<long long>(1, std::min<long long>(batch, reader.rows()));
    rt::NpyWriter writer;
    if (!writer.open(output, {reader.rows(), classes, steps}, &error))
      return fail("sim", error);
    std::vector<float> x(size_t(batch * inSize)), y(size_t(batch * classes * steps));
    std::vector<int32_t> counts(y.size());
    for (;;) {
      int64_t count = 0;
      if (!reader.readRows(batch, x.data(), &count, &error))
        return fail("sim", error);
      if (count == 0)
        break;
      core::simulateBatch(program, x.data(), count, counts.data(), threads, &totals);
      std::copy(counts.begin(), counts.begin() + count * classes * steps, y.begin());
      if (!writer.writeRows(y.data(), count, &error))
        return fail("sim", error);
    }
    if (!reader.finish(&error) || !writer.commit(&error))
      return fail("sim", error);
    if (json)
      std::printf("{\"program\": %s, \"samples\": %" PRId64 ", \"counters\": %s}\n",
                  jsonString(path).c_str(), totals.samples,
                  countersJson(program, totals).c_str());
    else if (counters)
      printCounters(program, totals);
    return 0;
  }

  rt::Dataset test;
  if (!loadStaticTestSplit(dataset, limit, test, &error))
    return fail("sim", error);
  if (!checkSampleShape("dataset '" + dataset + "'",
                        std::vector<int64_t>(test.images.shape().begin() + 1,
                                             test.images.shape().end()),
                        program, &error))
    return fail("sim", error);
  if (classes < test.numClasses)
    return fail("sim", "the program has " + std::to_string(classes) +
                           " outputs but the dataset " + std::to_string(test.numClasses) +
                           " classes");
  const int64_t n = test.size(), chunk = std::min<int64_t>(n, 1024);
  std::vector<float> x(size_t(chunk * inSize));
  std::vector<int32_t> counts(size_t(chunk * classes * steps));
  int64_t correct = 0;
  auto start = std::chrono::steady_clock::now();
  for (int64_t begin = 0; begin < n; begin += chunk) {
    int64_t count = std::min(chunk, n - begin);
    test.images.decode(begin, count, x.data());
    core::simulateBatch(program, x.data(), count, counts.data(), threads, &totals);
    for (int64_t i = 0; i < count; ++i)
      correct += core::predict(counts.data() + i * classes * steps, classes, steps,
                               program.tauS) == test.labels[begin + i];
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double accuracy = double(correct) / double(n);
  if (json) {
    std::printf("{\"program\": %s, \"dataset\": %s, \"samples\": %" PRId64
                ", \"correct\": %" PRId64 ", \"accuracy\": %.6f, \"time_steps\": %" PRId64
                ", \"seconds\": %.3f, \"counters\": %s}\n",
                jsonString(path).c_str(), jsonString(dataset).c_str(), n, correct, accuracy,
                steps, seconds, countersJson(program, totals).c_str());
    return 0;
  }
  std::printf("%s on %s test: accuracy %.2f%% (%" PRId64 "/%" PRId64 "), T=%" PRId64
              ", %.0f samples/s\n",
              path.c_str(), dataset.c_str(), 100.0 * accuracy, correct, n, steps,
              seconds > 0 ? double(n) / seconds : 0.0);
  if (counters)
    printCounters(program, totals);
  return 0;
}

} // namespace snn::driver
