// `snnc compile MODEL --target cpu|neuro[:DESC] --emit STAGE -o OUT`: staged compilation, Toy-style.
#include "tools/snnc/CommonOptions.h"
#include "tools/snnc/Commands.h"
#include "tools/snnc/ModelOutput.h"

#include "codegen/Neuro/Passes.h"

#include "runtime/AtomicFile.h"
#include "runtime/MessageText.h"

#include <sstream>

namespace snn::driver {

namespace {


} // namespace

int compileCommand(const Argv &argv) {
  Args args("compile", "MODEL --emit STAGE -o OUT [options]",
            "Compiles MODEL and writes the chosen stage of the pipeline:\n"
            "  snn       the imported graph-level snn dialect (one time step)\n"
            "  train     the model with its generated TSSL-BP training function\n"
            "            @train_step (snn-derive-training; --loss kernel|count)\n"
            "  onnx      the model in the ONNX snn profile (architecture.md §2)\n"
            "  unrolled  time made explicit (--schedule layer|step, --unroll N)\n"
            "  lowered   linalg/tensor/scf on tensors\n"
            "  llvm      LLVM IR, optimised for the host CPU\n"
            "  obj       relocatable object with the C entry point snn_forward\n"
            "  so        shared object with snn_forward, snn_model_params and\n"
            "            snn_model_num_params (weights embedded)\n"
            "  isa       (--target neuro[:DESC]) the neuro program mapped onto the\n"
            "            target description: quantised, partitioned, placed, routed\n"
            "            and checked (snnc map writes the binary core program)\n"
            "The C ABI: void snn_forward(const float *input, int64_t batch,\n"
            "  const float *const *params, float *output); output is [batch, classes, T].");
  std::string target = "cpu", emit = "snn", out = "-", inputShape = "1x28x28";
  CommonOptions common;
  args.option("target", "cpu|cuda|neuro[:DESC]", "code generation target", &target);
  args.option("emit", "STAGE",
              "snn, train, onnx, unrolled, lowered, llvm, obj, so; isa with --target neuro "
              "(ptx, cu: later)",
              &emit);
  bool allowApprox = false;
  args.flag("allow-approx",
            "--target neuro: approximate dynamics the target cannot represent exactly",
            &allowApprox);
  std::string loss = "kernel", soname;
  args.option("soname", "NAME",
              "--emit so: the shared object's SONAME (default: none, so a program linked "
              "against a copy or a renamed file loads that file)",
              &soname);
  args.option("loss", "kernel|count", "--emit train: the TSSL-BP loss", &loss);
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
  // neuro[:DESC] maps onto a target description (default generic); the isa
  // stage is the mapped, checked neuro program (`snnc map` also emits it).
  bool neuro = target == "neuro" || target.rfind("neuro:", 0) == 0;
  std::string targetDesc = target.size() > 6 ? target.substr(6) : "generic";
  if (target != "cpu" && !neuro)
    return fail("compile", "target " + rt::quoteForMessage(target) +
                               " is not available in this build yet (cpu, neuro[:DESC])");
  if (neuro && emit != "snn" && emit != "isa")
    return fail("compile", "--target neuro emits 'snn' or 'isa', not " +
                               rt::quoteForMessage(emit));
  if (!neuro && emit == "isa")
    return fail("compile", "--emit isa needs --target neuro[:DESC]");
  if (!neuro && allowApprox)
    return fail("compile", "option '--allow-approx' applies to --target neuro only");
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
  else if (emit == "train")
    stage = Stage::SNN;
  else if (emit == "isa")
    stage = Stage::SNN;
  else if (emit == "ptx" || emit == "cu")
    return fail("compile", "--emit " + emit + " is not available in this build yet");
  else
    return fail("compile", "unknown stage " + rt::quoteForMessage(emit) +
                               " for --emit (snn, train, onnx, unrolled, lowered, llvm, obj, so)");
  if (args.given("soname") && emit != "so")
    return fail("compile", "option '--soname' applies to '--emit so' only");
  if (args.given("loss") && emit != "train")
    return fail("compile", "option '--loss' applies to '--emit train' only");
  if (loss != "kernel" && loss != "count")
    return fail("compile", "option '--loss': expected 'kernel' or 'count', got " +
                               rt::quoteForMessage(loss));
  if (binary && out == "-")
    return fail("compile", "--emit " + emit + " writes a binary file: give -o FILE");

  ModelOptions options;
  int threads = 0;
  std::vector<int64_t> shape;
  const std::string &model = args.positionals()[0];
  if (!common.resolve(options, threads, &error) ||
      !common.checkApplicable(args, model, /*training=*/false, &error) ||
      !parseInputShape(inputShape, shape, &error))
    return fail("compile", error);
  if (args.given("input-shape") && modelKind(model) != ModelKind::LayerString)
    return fail("compile", "option '--input-shape' applies to layer strings only; the model "
                           "file declares its own input");
  if (args.given("threads"))
    return fail("compile", "option '--threads' applies to running code (run, eval, train), "
                           "not to compile");
  if (out != "-" && !rt::checkOutputPath("-o", out, &error))
    return fail("compile", error);
  auto ctx = createContext();
  auto module = loadModel(*ctx, model, shape, options, &error);
  if (!module)
    return fail("compile", error);
  options.loss = loss;
  if (emit == "isa") {
    mlir::neuro::NeuroMappingOptions mapping;
    mapping.target = targetDesc;
    mapping.allowApprox = allowApprox;
    if (!runPasses(*module,
                   [&](mlir::PassManager &pm) { mlir::neuro::buildNeuroMappingPipeline(pm, mapping); },
                   &error))
      return fail("compile", error);
  } else if (!lowerTo(*module, stage, options, /*embedParameters=*/true, &error,
               /*training=*/emit == "train"))
    return fail("compile", error);

  if (emit == "onnx")
    return writeModelFile(*module, out, &error) ? 0 : fail("compile", error);
  if (emit == "obj" || emit == "so") {
    bool ok = emit == "obj" ? mlir::snn::emitObjectFile(*module, out, &error)
                            : mlir::snn::emitSharedObject(*module, out, soname, &error);
    return ok ? 0 : fail("compile", error);
  }
  bool written = writeTextFile(
      out,
      [&](llvm::raw_ostream &os, std::string *err) {
        if (emit == "llvm")
          return mlir::snn::emitLLVMIR(*module, os, err);
        module->print(os);
        os << "\n";
        return true;
      },
      &error);
  return written ? 0 : fail("compile", error);
}

} // namespace snn::driver
