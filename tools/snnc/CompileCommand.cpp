// `snnc compile MODEL --target cpu --emit STAGE -o OUT`: staged compilation, Toy-style.
#include "tools/snnc/CommonOptions.h"
#include "frontend/ONNX/ONNXExporter.h"
#include "tools/snnc/Commands.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ToolOutputFile.h"

#include <sstream>

namespace snn::driver {

namespace {

bool parseShape(const std::string &text, std::vector<int64_t> &shape, std::string *error) {
  shape.clear();
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, 'x')) {
    long long v;
    if (!toInt("input-shape", part, 1, 1 << 24, v, error))
      return false;
    shape.push_back(v);
  }
  if (shape.empty() || shape.size() > 3) {
    *error = "option '--input-shape': expected F or CxHxW, got '" + text + "'";
    return false;
  }
  return true;
}

} // namespace

int compileCommand(const Argv &argv) {
  Args args("compile", "MODEL --emit STAGE -o OUT [options]",
            "Compiles MODEL and writes the chosen stage of the pipeline:\n"
            "  snn       the imported graph-level snn dialect (one time step)\n"
            "  onnx      the model in the ONNX snn profile (architecture.md §2)\n"
            "  unrolled  time made explicit (--schedule layer|step, --unroll N)\n"
            "  lowered   linalg/tensor/scf on tensors\n"
            "  llvm      LLVM IR, optimised for the host CPU\n"
            "  obj       relocatable object with the C entry point snn_forward\n"
            "  so        shared object with snn_forward, snn_model_params and\n"
            "            snn_model_num_params (weights embedded)\n"
            "The C ABI: void snn_forward(const float *input, int64_t batch,\n"
            "  const float *const *params, float *output); output is [batch, classes, T].");
  std::string target = "cpu", emit = "snn", out = "-", inputShape = "1x28x28";
  CommonOptions common;
  args.option("target", "cpu|cuda|neuro[:DESC]", "code generation target", &target);
  args.option("emit", "STAGE", "snn, onnx, unrolled, lowered, llvm, obj, so (ptx, cu, isa: later)",
              &emit);
  args.option("output-file", "OUT", "output file, also -o; '-' = stdout for text stages", &out);
  args.option("input-shape", "F|CxHxW", "per-sample input shape of layer-string models",
              &inputShape);
  common.add(args);
  std::string error;
  if (!args.parse(argv, 1, &error))
    return fail("compile", error);
  if (args.helpShown)
    return 0;
  if (args.positionals().empty())
    return fail("compile", "missing MODEL (see 'snnc compile --help')");
  if (target != "cpu")
    return fail("compile", "target '" + target + "' is not available in this build yet "
                                                 "(only 'cpu')");
  Stage stage;
  bool binary = false;
  if (emit == "snn")
    stage = Stage::SNN;
  else if (emit == "unrolled")
    stage = Stage::Unrolled;
  else if (emit == "lowered")
    stage = Stage::Lowered;
  else if (emit == "llvm" || emit == "obj" || emit == "so")
    stage = Stage::LLVMDialect, binary = emit != "llvm";
  else if (emit == "onnx")
    stage = Stage::SNN, binary = true;
  else if (emit == "ptx" || emit == "cu" || emit == "isa")
    return fail("compile", "--emit " + emit + " is not available in this build yet");
  else
    return fail("compile", "unknown stage '" + emit +
                               "' for --emit (snn, onnx, unrolled, lowered, llvm, obj, so)");
  if (binary && out == "-")
    return fail("compile", "--emit " + emit + " writes a binary file: give -o FILE");

  ModelOptions options;
  int threads = 0;
  std::vector<int64_t> shape;
  if (!common.resolve(options, threads, &error) || !parseShape(inputShape, shape, &error))
    return fail("compile", error);
  auto ctx = createContext();
  auto module = loadModel(*ctx, args.positionals()[0], shape, options, &error);
  if (!module)
    return fail("compile", error);
  if (!lowerTo(*module, stage, options, /*embedParameters=*/true, &error))
    return fail("compile", error);

  if (emit == "onnx")
    return snn::onnx::exportModelFile(*module, out, &error) ? 0 : fail("compile", error);
  if (emit == "obj" || emit == "so") {
    bool ok = emit == "obj" ? mlir::snn::emitObjectFile(*module, out, &error)
                            : mlir::snn::emitSharedObject(*module, out, &error);
    return ok ? 0 : fail("compile", error);
  }
  std::error_code ec;
  llvm::ToolOutputFile file(out, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return fail("compile", out + ": cannot write: " + ec.message());
  if (emit == "llvm") {
    if (!mlir::snn::emitLLVMIR(*module, file.os(), &error))
      return fail("compile", error);
  } else {
    module->print(file.os());
    file.os() << "\n";
  }
  file.keep();
  return 0;
}

} // namespace snn::driver
