// The interface of a code-generation target: its stages, its options and the passes behind them.
#ifndef SNN_CODEGEN_BACKEND_H
#define SNN_CODEGEN_BACKEND_H

#include "passes/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/LLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace mlir::snn {

/// What a backend may read when it builds a pipeline. The schedule and `training`
/// are model-level choices of the driver; the rest are per-target options, each named
/// in `Backend::optionNames()`, so the driver refuses one the selected target lacks
/// instead of ignoring it.
struct BackendOptions {
  /// `--target NAME:DESCRIPTOR` (neuro: a shipped target name or a description file).
  std::string descriptor;
  Schedule schedule = Schedule::LayerByLayer;
  int64_t unroll = 0;
  /// Layer schedule: dense synapses after a dense layer read its spikes
  /// (snn-synapse-on-spikes; event-driven products on the CPU).
  bool spikeSynapses = false;
  /// The module also holds a generated training function (@train_step) to expose.
  bool training = false;
  /// Freeze the parameter values into the code (files) or take them as arguments (JIT).
  bool embedParameters = true;
  /// neuro: approximate dynamics the target cannot represent exactly.
  bool allowApprox = false;
  /// cpu, `--emit so`: the shared object's SONAME (empty: none).
  std::string soname;
};

/// A stage a backend can stop at and write (`snnc compile --emit NAME`).
struct BackendStage {
  StringRef name;
  /// One line for `--help`.
  StringRef help;
  /// Written only to a file (`-o FILE`), never to stdout.
  bool binary = false;
};

/// The first two stages of every target that compiles through linalg (cpu, cuda).
inline constexpr BackendStage kUnrolledStage{
    "unrolled", "time made explicit (--schedule layer|step, --unroll N)"};
inline constexpr BackendStage kLoweredStage{"lowered", "linalg/tensor/scf on tensors"};

/// A code-generation target. Each `codegen/<Target>` folder implements one; the
/// driver selects it by `--target` and never names a target's passes itself.
class Backend {
public:
  virtual ~Backend() = default;

  /// The `--target` spelling: cpu, cuda, neuro.
  virtual StringRef name() const = 0;
  /// One line for `--help`.
  virtual StringRef summary() const = 0;
  /// Non-empty when the target takes `--target NAME:DESCRIPTOR`: the default descriptor.
  virtual StringRef defaultDescriptor() const { return {}; }
  /// Empty when `descriptor` (from `--target NAME:DESCRIPTOR`, or the default) names
  /// something this target can compile for; otherwise why not, as one line.
  virtual std::string descriptorError(StringRef descriptor) const { return {}; }
  /// Empty when the target is built; otherwise why it is not, as one line.
  virtual std::string unavailableReason() const { return {}; }

  /// Adds the dialects, interfaces and LLVM IR translations the target's pipelines need.
  virtual void registerDialects(DialectRegistry &registry) const {}
  /// Registers the target's passes and pipelines by name (upstream textual pipelines
  /// and snn-opt look them up); called once per process.
  virtual void registerPasses() const {}

  /// The stages past the target-independent ones (snn, train, onnx), in pipeline order.
  virtual ArrayRef<BackendStage> stages() const = 0;
  /// The per-target options of BackendOptions this target reads (their flag names).
  virtual ArrayRef<StringRef> optionNames() const { return {}; }

  /// Adds the passes that take a graph-level `snn` module (with its training function
  /// when `options.training`) to `stage`, one of `stages()`.
  virtual void buildPipeline(OpPassManager &pm, StringRef stage,
                             const BackendOptions &options) const = 0;
  /// Writes a text stage of a module the pipeline has run on; by default its IR.
  virtual bool writeText(ModuleOp module, StringRef stage, llvm::raw_ostream &os,
                         const BackendOptions &options, std::string *error) const {
    module->print(os);
    os << "\n";
    return true;
  }
  /// Writes a binary stage to `path` (atomically: the old file survives a failure).
  virtual bool writeBinary(ModuleOp module, StringRef stage, StringRef path,
                           const BackendOptions &options, std::string *error) const {
    *error = ("stage '" + stage + "' of target '" + name() + "' is not a binary").str();
    return false;
  }

  /// Empty when `snnc run|eval|train` execute models on this target (with this
  /// descriptor) in-process; otherwise what to use instead, as one line.
  virtual std::string executionUnsupportedReason(StringRef descriptor) const {
    return ("target '" + name() + "' does not execute models in-process").str();
  }

  /// The stage named `name`, or null.
  const BackendStage *findStage(StringRef name) const {
    for (const BackendStage &stage : stages())
      if (stage.name == name)
        return &stage;
    return nullptr;
  }
  bool readsOption(StringRef flag) const { return llvm::is_contained(optionNames(), flag); }
};

/// The targets this build knows, built or not, in `--help` order.
ArrayRef<const Backend *> allBackends();

/// The target `spec` names: "cpu", "cuda", "neuro" or "neuro:DESCRIPTOR". Sets
/// `descriptor` (the default one when `spec` gives none). Null with a one-line
/// `*error` for an unknown name, a descriptor on a target that takes none, or a
/// target this build lacks.
const Backend *selectBackend(StringRef spec, std::string &descriptor, std::string *error);

/// "cpu|cuda|neuro[:DESC]", for `--help`.
std::string backendSpellings();

} // namespace mlir::snn

#endif // SNN_CODEGEN_BACKEND_H
