// `snnc run MODEL --input X.npy --output Y.npy`: JIT-compiled forward pass, streamed in batches.
#include "tools/snnc/CommonOptions.h"
#include "tools/snnc/Commands.h"
#include "tools/snnc/MemoryBudget.h"

#include "runtime/AtomicFile.h"
#include "runtime/Npy.h"

#include <algorithm>

namespace snn::driver {

int runCommand(const Argv &argv) {
  Args args("run", "MODEL --input X.npy --output Y.npy [options]",
            "Runs the model on the samples of X.npy ([N, ...] float32) and writes the\n"
            "output-layer PSP traces [N, classes, T] to Y.npy (an ONNX ANN: its output\n"
            "[N, ...]). MODEL is a layer string (e.g. 784-400-400-10), a graph-level .mlir\n"
            "file or an .onnx file. Samples are read, run and written --batch at a time,\n"
            "so memory does not grow with N and X.npy may be a pipe or a FIFO; Y.npy is\n"
            "replaced only once every row is written (on any failure the previous Y.npy\n"
            "stays).");
  std::string input, output, batchText = "256";
  CommonOptions common;
  args.option("input", "X.npy", "input samples", &input);
  args.option("output", "Y.npy", "where to write the output traces", &output);
  args.option("batch", "N", "samples held in memory at a time (default 256)", &batchText);
  common.add(args);
  common.addSpikeSynapses(args);
  common.addExecutionTarget(args);
  std::string error;
  if (!args.parse(argv, 1, &error))
    return fail("run", error);
  if (args.helpShown)
    return 0;
  if (args.positionals().empty())
    return fail("run", "missing MODEL (see 'snnc run --help')");
  if (input.empty() || output.empty())
    return fail("run", "both --input X.npy and --output Y.npy are required");
  const std::string &modelName = args.positionals()[0];
  ModelOptions options;
  int threads = 0;
  long long batch = 0;
  if (!common.resolve(options, threads, &error) ||
      !common.checkApplicable(args, modelName, /*training=*/false, &error) ||
      !toInt("batch", batchText, 1, 1 << 20, batch, &error))
    return fail("run", error);

  // Everything that can be found out without the model is checked before the
  // (slow) compilation: the output's folder, the input's header and, for a
  // regular file, its size.
  if (!rt::checkOutputPath("--output", output, &error))
    return fail("run", error);
  rt::NpyReader reader;
  reader.rejectNonFinite(true);
  if (!reader.open(input, &error))
    return fail("run", error);
  const std::vector<int64_t> &xShape = reader.shape();
  if (xShape.size() < 2 || xShape[0] < 1)
    return fail("run", input + ": expected samples [N, ...] with N >= 1, got " +
                           std::to_string(xShape.size()) + "-D data");
  std::vector<int64_t> perSample(xShape.begin() + 1, xShape.end());
  const int64_t samples = xShape[0];

  auto ctx = createContext();
  auto module = loadModel(*ctx, modelName, perSample, options, &error);
  if (!module)
    return fail("run", error);
  ModelSignature sig;
  if (!modelSignature(*module, sig, &error))
    return fail("run", error);
  // Samples match when their element counts do (a 1x28x28 image feeds a 784 input).
  int64_t expected = 1;
  for (int64_t d : sig.inputShape)
    expected *= d;
  if (expected != reader.rowElements())
    return fail("run", input + ": each sample has " + std::to_string(reader.rowElements()) +
                           " values but the model's input takes " + std::to_string(expected));
  // A model with a fixed batch pads every call to a multiple of it: whole
  // multiples waste nothing.
  if (sig.staticBatch > 0)
    batch = (batch + sig.staticBatch - 1) / sig.staticBatch * sig.staticBatch;
  batch = std::min<long long>(batch, samples);
  // The compiled code's buffers grow with the batch (all T steps of every layer).
  if (!checkMemory("running with --batch " + std::to_string(batch) + " and T=" +
                       std::to_string(sig.timeSteps),
                   estimateMemory(*module, batch, /*training=*/false, 1),
                   "reduce --batch or --time-steps", &error))
    return fail("run", error);
  auto compiled = compileModel(*module, options, &error);
  if (!compiled)
    return fail("run", error);

  std::vector<int64_t> yShape = {samples, sig.classes, sig.timeSteps};
  if (sig.ann) {
    yShape = {samples};
    yShape.insert(yShape.end(), sig.outputShape.begin(), sig.outputShape.end());
  }

  rt::NpyWriter writer;
  if (!writer.open(output, yShape, &error))
    return fail("run", error);
  std::vector<float> x(size_t(batch * reader.rowElements())),
      y(size_t(batch * writer.rowElements()));
  for (;;) {
    int64_t count = 0;
    if (!reader.readRows(batch, x.data(), &count, &error))
      return fail("run", error);
    if (count == 0)
      break;
    compiled->run(x.data(), count, y.data(), threads);
    if (!writer.writeRows(y.data(), count, &error))
      return fail("run", error);
  }
  if (!reader.finish(&error) || !writer.commit(&error))
    return fail("run", error);
  return 0;
}

} // namespace snn::driver
