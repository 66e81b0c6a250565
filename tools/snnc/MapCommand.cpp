// `snnc map MODEL --target-desc DESC -o DIR`: map a model onto a neuromorphic target and emit its core program.
#include "tools/snnc/CommonOptions.h"
#include "tools/snnc/Commands.h"
#include "tools/snnc/Datasets.h"
#include "tools/snnc/Model.h"
#include "tools/snnc/NeuroSupport.h"

#include "codegen/Neuro/Passes.h"
#include "codegen/Neuro/TargetDescription.h"
#include "runtime/AtomicFile.h"
#include "runtime/CoreProgram.h"
#include "runtime/Dataset.h"

#include "llvm/Support/FileSystem.h"

#include <cstdio>

namespace snn::driver {

int mapCommand(const Argv &argv) {
  Args args("map", "[MODEL] --target-desc NAME|FILE -o DIR [options]",
            "Maps MODEL (default: the Fashion-MNIST MLP 784-400-400-10) onto a neuromorphic\n"
            "target: quantise, choose the input encoding, align time, partition, place,\n"
            "route, check resources, and write DIR/program.bin (run it with `snnc sim DIR`),\n"
            "DIR/program.txt, DIR/report.txt, DIR/report.json and DIR/placement.svg.\n"
            "With --dataset, the float model and the program are run on the test split and\n"
            "the accuracy cost of the mapping is reported (DIR/accuracy.json).");
  std::string targetDesc, outDir, inputMode, inputMax = "2.8215", dataset, limit = "0",
                                               inputShapeText;
  bool allowApprox = false;
  CommonOptions common;
  args.option("target-desc", "NAME|FILE",
              "target description: generic, loihi, xylo, truenorth or a JSON file", &targetDesc);
  args.option("output-file", "DIR", "folder to write the program and reports into (also -o)",
              &outDir);
  args.option("input-mode", "current|bias|spikes",
              "how the host feeds the input (default: the target's first usable mode)",
              &inputMode);
  args.option("input-max", "X",
              "largest absolute input value, mapped to the largest input integer "
              "(default 2.8215, Fashion-MNIST's normalised maximum)",
              &inputMax);
  args.flag("allow-approx", "approximate dynamics the target cannot represent exactly",
            &allowApprox);
  args.option("dataset", "fashion-mnist|mnist|idx:DIR",
              "measure the accuracy of the float model and of the program on its test split",
              &dataset);
  args.option("limit-test", "N", "with --dataset: only the first N test samples (0 = all)",
              &limit);
  args.option("input-shape", "F|CxHxW", "per-sample input shape of layer-string models",
              &inputShapeText);
  common.add(args);
  std::string error;
  if (!args.parse(argv, 1, &error))
    return fail("map", error);
  if (args.helpShown)
    return 0;
  if (targetDesc.empty())
    return fail("map", "needs --target-desc NAME|FILE (shipped: generic, loihi, xylo, truenorth)");
  if (outDir.empty())
    return fail("map", "needs -o DIR, the folder for the program and reports");
  std::string model = args.positionals().empty() ? "784-400-400-10" : args.positionals()[0];
  ModelOptions options;
  int threads = 0;
  long long limitN;
  double inputMaxValue;
  if (!common.resolve(options, threads, &error) ||
      !common.checkApplicable(args, model, /*training=*/false, &error) ||
      !toInt("limit-test", limit, 0, 1LL << 40, limitN, &error) ||
      !toFloat("input-max", inputMax, inputMaxValue, &error))
    return fail("map", error);
  if (!(inputMaxValue > 0))
    return fail("map", "option '--input-max' must be positive, got " + inputMax);
  if (args.given("limit-test") && dataset.empty())
    return fail("map", "option '--limit-test' needs --dataset");
  std::vector<int64_t> inputShape;
  if (!inputShapeText.empty() && !parseInputShape(inputShapeText, inputShape, &error))
    return fail("map", error);
  if (!snn::neuro::loadTargetDescription(targetDesc, &error))
    return fail("map", error);
  if (!outDir.empty() && llvm::sys::fs::exists(outDir) && !llvm::sys::fs::is_directory(outDir))
    return fail("map", "-o " + outDir + ": exists and is not a folder");
  if (std::error_code ec = llvm::sys::fs::create_directories(outDir))
    return fail("map", "-o " + outDir + ": cannot create the folder: " + ec.message());
  if (!rt::checkOutputPath("-o", outDir + "/program.bin", &error))
    return fail("map", error);

  rt::Dataset test;
  if (!dataset.empty()) {
    if (!loadStaticTestSplit(dataset, limitN, test, &error))
      return fail("map", error);
    if (inputShape.empty())
      inputShape.assign(test.images.shape().begin() + 1, test.images.shape().end());
  }

  auto ctx = createContext();
  auto module = loadModel(*ctx, model, inputShape, options, &error);
  if (!module)
    return fail("map", error);
  mlir::OwningOpRef<mlir::ModuleOp> floatModel(module->clone());
  mlir::neuro::NeuroMappingOptions mapping;
  mapping.target = targetDesc;
  mapping.inputMode = inputMode;
  mapping.allowApprox = allowApprox;
  mapping.inputMax = inputMaxValue;
  mapping.outputDir = outDir;
  if (!runPasses(*module,
                 [&](mlir::PassManager &pm) {
                   mlir::neuro::buildNeuroMappingPipeline(pm, mapping);
                 },
                 &error))
    return fail("map", error);

  if (FILE *report = std::fopen((outDir + "/report.txt").c_str(), "rb")) {
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, report)) > 0)
      std::fwrite(buffer, 1, n, stdout);
    std::fclose(report);
  }
  std::printf("\nwrote %s/program.bin, program.txt, report.txt, report.json, placement.svg\n",
              outDir.c_str());
  if (dataset.empty())
    return 0;

  core::Program program;
  if (!core::readProgramBinary(outDir + "/program.bin", &program, &error))
    return fail("map", error);
  double floatAcc = 0;
  if (!measureFloatAccuracy(*floatModel, options, test, threads, &floatAcc, &error))
    return fail("map", error);
  double chipAcc = measureProgramAccuracy(program, test, threads);
  std::printf("accuracy on %lld %s test samples: float %.2f%%, %s program %.2f%% "
              "(cost %.2f points)\n",
              (long long)test.size(), dataset.c_str(), floatAcc, program.target.c_str(),
              chipAcc, floatAcc - chipAcc);
  char json[512];
  std::snprintf(json, sizeof json,
                "{\n  \"dataset\": \"%s\",\n  \"samples\": %lld,\n  \"float_accuracy\": %.4f,\n"
                "  \"program_accuracy\": %.4f,\n  \"cost_points\": %.4f\n}\n",
                dataset.c_str(), (long long)test.size(), floatAcc, chipAcc, floatAcc - chipAcc);
  if (!rt::writeFileAtomically(outDir + "/accuracy.json", json, &error))
    return fail("map", error);
  return 0;
}

} // namespace snn::driver
