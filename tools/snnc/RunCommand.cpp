// `snnc run MODEL --input X.npy --output Y.npy`: forward pass through JIT-compiled code.
#include "tools/snnc/CommonOptions.h"
#include "tools/snnc/Commands.h"

#include "runtime/Npy.h"

#include <cstdio>

namespace snn::driver {

int runCommand(const Argv &argv) {
  Args args("run", "MODEL --input X.npy --output Y.npy [options]",
            "Runs the model on the samples of X.npy ([N, ...] float32) and writes the\n"
            "output-layer PSP traces [N, classes, T] to Y.npy (an ONNX ANN: its output\n"
            "[N, ...]). MODEL is a layer string (e.g. 784-400-400-10), a graph-level .mlir\n"
            "file or an .onnx file.");
  std::string input, output;
  CommonOptions common;
  args.option("input", "X.npy", "input samples", &input);
  args.option("output", "Y.npy", "where to write the output traces", &output);
  common.add(args);
  std::string error;
  if (!args.parse(argv, 1, &error))
    return fail("run", error);
  if (args.helpShown)
    return 0;
  if (args.positionals().empty())
    return fail("run", "missing MODEL (see 'snnc run --help')");
  if (input.empty() || output.empty())
    return fail("run", "both --input X.npy and --output Y.npy are required");
  ModelOptions options;
  int threads = 0;
  if (!common.resolve(options, threads, &error))
    return fail("run", error);

  rt::Array x;
  if (!rt::readNpy(input, x, &error))
    return fail("run", error);
  if (x.shape.size() < 2 || x.shape[0] < 1)
    return fail("run", input + ": expected samples [N, ...] with N >= 1, got " +
                           std::to_string(x.shape.size()) + "-D data");
  std::vector<int64_t> perSample(x.shape.begin() + 1, x.shape.end());

  auto ctx = createContext();
  const std::string &modelName = args.positionals()[0];
  auto module = loadModel(*ctx, modelName, perSample, options, &error);
  if (!module)
    return fail("run", error);
  ModelSignature sig;
  if (!modelSignature(*module, sig, &error))
    return fail("run", error);
  // Samples match when their element counts do (a 1x28x28 image feeds a 784 input).
  int64_t expected = 1, got = 1;
  for (int64_t d : sig.inputShape)
    expected *= d;
  for (int64_t d : perSample)
    got *= d;
  if (expected != got)
    return fail("run", input + ": each sample has " + std::to_string(got) +
                           " values but the model's input takes " + std::to_string(expected));
  auto compiled = compileForCPU(*module, options, &error);
  if (!compiled)
    return fail("run", error);

  rt::Array y;
  y.shape = {x.shape[0], sig.classes, sig.timeSteps};
  if (sig.ann) {
    y.shape = {x.shape[0]};
    y.shape.insert(y.shape.end(), sig.outputShape.begin(), sig.outputShape.end());
  }
  y.data.assign(size_t(y.numel()), 0.0f);
  compiled->run(x.data.data(), x.shape[0], y.data.data(), threads);
  if (!rt::writeNpy(output, y, &error))
    return fail("run", error);
  return 0;
}

} // namespace snn::driver
