// `snnc compile MODEL --target TARGET --emit STAGE -o OUT`: staged compilation, Toy-style.
#include "tools/snnc/CommonOptions.h"
#include "tools/snnc/Commands.h"
#include "tools/snnc/ModelOutput.h"

#include "codegen/Backend.h"

#include "runtime/AtomicFile.h"
#include "runtime/MessageText.h"

namespace snn::driver {

namespace {

using mlir::snn::Backend;
using mlir::snn::BackendStage;

/// The stages every target shares: the model before any target lowering.
const BackendStage kModelStages[] = {
    {"snn", "the imported graph-level snn dialect (one time step)"},
    {"train", "the model with its generated TSSL-BP training function @train_step "
              "(snn-derive-training; --loss kernel|count)"},
    {"onnx", "the model in the ONNX snn profile (architecture.md §2)", /*binary=*/true},
    {"nir", "the model as a NIR graph (HDF5; Linear/Conv2d → CubaLIF, exact under forward "
            "Euler with dt = 1e-4 s per step; docs/nir.md)",
     /*binary=*/true},
};

/// `--help` text: the shared stages, then each target's, from the backends themselves.
std::string stageHelp() {
  std::string text = "Compiles MODEL and writes the chosen stage of the pipeline.\n"
                     "Stages of every target:\n";
  auto add = [&](const BackendStage &stage) {
    std::string name = stage.name.str();
    text += "  " + name + std::string(name.size() < 9 ? 10 - name.size() : 1, ' ') +
            stage.help.str() + "\n";
  };
  for (const BackendStage &stage : kModelStages)
    add(stage);
  for (const Backend *backend : mlir::snn::allBackends()) {
    text += "--target " + backend->name().str() +
            (backend->defaultDescriptor().empty() ? "" : "[:DESC]") + ": " +
            backend->summary().str() + "\n";
    if (!backend->unavailableReason().empty())
      continue;
    for (const BackendStage &stage : backend->stages())
      add(stage);
  }
  text += "The C ABI (cpu): void snn_forward(const float *input, int64_t batch,\n"
          "  const float *const *params, float *output); output is [batch, classes, T].";
  return text;
}

std::string stageNames(const Backend &backend) {
  std::string names;
  for (const BackendStage &stage : kModelStages)
    names += (names.empty() ? "" : ", ") + stage.name.str();
  for (const BackendStage &stage : backend.stages())
    names += ", " + stage.name.str();
  return names;
}

} // namespace

int compileCommand(const Argv &argv) {
  Args args("compile", "MODEL --emit STAGE -o OUT [options]", stageHelp());
  std::string targetSpec = "cpu", emit = "snn", out = "-", inputShape = "1x28x28";
  CommonOptions common;
  args.option("target", mlir::snn::backendSpellings(), "code generation target", &targetSpec);
  args.option("emit", "STAGE", "the stage to write (see above)", &emit);
  mlir::snn::BackendOptions target;
  args.flag("allow-approx",
            "--target neuro: approximate dynamics the target cannot represent exactly",
            &target.allowApprox);
  std::string loss = "kernel";
  args.option("soname", "NAME",
              "--emit so: the shared object's SONAME (default: none, so a program linked "
              "against a copy or a renamed file loads that file)",
              &target.soname);
  args.option("loss", "kernel|count", "--emit train or --with-training: the TSSL-BP loss",
              &loss);
  bool withTraining = false;
  args.flag("with-training",
            "target stages: also lower the generated TSSL-BP training function @train_step "
            "(cpu: snn_train_step in llvm/obj/so; cuda: its kernels in gpu/ptx)",
            &withTraining);
  args.option("output-file", "OUT", "output file, also -o; '-' = stdout for text stages", &out);
  args.option("input-shape", "F|CxHxW", "per-sample input shape of layer-string models",
              &inputShape);
  common.add(args);
  common.addSpikeSynapses(args);
  std::string error;
  if (!args.parse(argv, 1, &error))
    return fail("compile", error);
  if (args.helpShown)
    return 0;
  if (args.positionals().empty())
    return fail("compile", "missing MODEL (see 'snnc compile --help')");
  const Backend *backend = mlir::snn::selectBackend(targetSpec, target.descriptor, &error);
  if (!backend)
    return fail("compile", error);
  // A stage of every target, or one of the selected target's own.
  const BackendStage *stage = nullptr;
  for (const BackendStage &shared : kModelStages)
    if (shared.name == emit)
      stage = &shared;
  bool targetStage = !stage;
  if (targetStage && !(stage = backend->findStage(emit))) {
    for (const Backend *other : mlir::snn::allBackends()) {
      if (other == backend || !other->findStage(emit))
        continue;
      if (!other->unavailableReason().empty())
        return fail("compile", "--emit " + emit + " is a stage of --target " +
                                   other->name().str() +
                                   ", which is not available in this build yet");
      return fail("compile", "--emit " + emit + " is a stage of --target " +
                                 other->name().str() + "; target '" + backend->name().str() +
                                 "' has " + stageNames(*backend));
    }
    return fail("compile", "unknown stage " + rt::quoteForMessage(emit) + " for --emit (" +
                               stageNames(*backend) + ")");
  }
  for (const char *flag : {"allow-approx", "soname", "spike-synapses", "with-training"})
    if (args.given(flag) && !backend->readsOption(flag))
      return fail("compile", std::string("option '--") + flag +
                                 "' does not apply to --target " + backend->name().str());
  if (args.given("soname") && emit != "so")
    return fail("compile", "option '--soname' applies to '--emit so' only");
  if (withTraining && !targetStage) {
    std::string own;
    for (const BackendStage &s : backend->stages())
      own += (own.empty() ? "" : ", ") + s.name.str();
    return fail("compile", "option '--with-training' applies to the stages of --target " +
                               backend->name().str() + " (" + own + ")");
  }
  if (args.given("loss") && emit != "train" && !withTraining)
    return fail("compile", "option '--loss' applies to '--emit train' and '--with-training' "
                           "only");
  if (loss != "kernel" && loss != "count")
    return fail("compile", "option '--loss': expected 'kernel' or 'count', got " +
                               rt::quoteForMessage(loss));
  if (stage->binary && out == "-")
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
  if (!lowerTo(*module, *backend, targetStage ? emit : "", options, target, &error,
               /*training=*/emit == "train" || withTraining))
    return fail("compile", error);

  if (emit == "onnx" || emit == "nir") {
    if (!llvm::StringRef(out).ends_with("." + emit))
      return fail("compile", "--emit " + emit + " writes a ." + emit + " file; -o " + out +
                                 " has another extension");
    return writeModelFile(*module, out, &error) ? 0 : fail("compile", error);
  }
  if (stage->binary)
    return backend->writeBinary(*module, emit, out, target, &error) ? 0
                                                                     : fail("compile", error);
  bool written = writeTextFile(
      out,
      [&](llvm::raw_ostream &os, std::string *err) {
        return backend->writeText(*module, emit, os, target, err);
      },
      &error);
  return written ? 0 : fail("compile", error);
}

} // namespace snn::driver
