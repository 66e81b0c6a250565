// In-memory mapping to a core program, and the float and program accuracy on a test split.
// First: its unqualified `snn::core` would resolve to mlir::snn once
// passes/Passes.h (through Model.h) has declared that namespace.
#include "codegen/Neuro/BuildCoreProgram.h"

#include "tools/snnc/NeuroSupport.h"

#include "runtime/CoreSim.h"
#include "runtime/Trainer.h"

#include "mlir/IR/Diagnostics.h"

#include <algorithm>

namespace snn::driver {

bool mapToCoreProgram(mlir::ModuleOp module, const mlir::neuro::NeuroMappingOptions &mapping,
                      const snn::neuro::TargetDescription &target, core::Program *program,
                      std::string *error) {
  mlir::neuro::NeuroMappingOptions inMemory = mapping;
  // Without a folder the pipeline stops after the resource check and leaves
  // the neuro.program in the module, which is all an in-memory run needs.
  inMemory.outputDir.clear();
  if (!runPasses(
          module,
          [&](mlir::PassManager &pm) { mlir::neuro::buildNeuroMappingPipeline(pm, inMemory); },
          error))
    return false;
  mlir::neuro::ProgramOp op;
  module.walk([&](mlir::neuro::ProgramOp found) {
    op = found;
    return mlir::WalkResult::interrupt();
  });
  if (!op) {
    *error = "internal error: the mapping pipeline left no neuro.program";
    return false;
  }
  std::string first;
  mlir::ScopedDiagnosticHandler handler(module.getContext(), [&](mlir::Diagnostic &diag) {
    if (diag.getSeverity() == mlir::DiagnosticSeverity::Error && first.empty())
      first = diag.str();
    return mlir::success();
  });
  mlir::FailureOr<core::Program> built = mlir::neuro::buildCoreProgram(op, target);
  if (mlir::failed(built)) {
    *error = first.empty() ? "cannot build the core program" : first;
    std::replace(error->begin(), error->end(), '\n', ' ');
    return false;
  }
  // The simulator trusts its program; the same check guards the file writer.
  if (!core::validateProgram(*built, "internal error: invalid program", error))
    return false;
  *program = std::move(*built);
  return true;
}

bool measureFloatAccuracy(mlir::ModuleOp floatModel, const ModelOptions &options,
                          const rt::Dataset &test, int threads, double *accuracy,
                          std::string *error) {
  auto compiled = compileForCPU(floatModel, options, error);
  if (!compiled)
    return false;
  const ModelSignature &sig = compiled->signature;
  int64_t n = test.size(), sampleSize = test.images.sampleSize(), batch = 100;
  std::vector<float> inputs(size_t(batch * sampleSize)),
      out(size_t(batch * sig.classes * sig.timeSteps));
  int64_t right = 0;
  for (int64_t begin = 0; begin < n; begin += batch) {
    int64_t count = std::min(batch, n - begin);
    test.images.decode(begin, count, inputs.data());
    compiled->run(inputs.data(), count, out.data(), threads);
    for (int64_t i = 0; i < count; ++i)
      right += rt::predictClass(out.data() + i * sig.classes * sig.timeSteps, sig.classes,
                                sig.timeSteps) == test.labels[begin + i];
  }
  *accuracy = 100.0 * double(right) / double(n);
  return true;
}

double measureProgramAccuracy(const core::Program &program, const rt::Dataset &test, int threads) {
  const int64_t classes = program.populations[program.outputPopulation].size();
  const int64_t steps = program.timeSteps;
  int64_t n = test.size(), sampleSize = program.inputSize(), batch = 100;
  std::vector<float> inputs(size_t(batch * sampleSize));
  std::vector<int32_t> counts(size_t(batch * classes * steps));
  int64_t right = 0;
  for (int64_t begin = 0; begin < n; begin += batch) {
    int64_t count = std::min(batch, n - begin);
    test.images.decode(begin, count, inputs.data());
    core::simulateBatch(program, inputs.data(), count, counts.data(), threads, nullptr);
    for (int64_t i = 0; i < count; ++i)
      right += core::predict(counts.data() + i * classes * steps, classes, steps, program.tauS) ==
               test.labels[begin + i];
  }
  return 100.0 * double(right) / double(n);
}

} // namespace snn::driver
