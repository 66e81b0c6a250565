// The neuromorphic target: its one compile stage (isa) over the mapping pipeline.
#include "codegen/Neuro/NeuroBackend.h"

#include "codegen/Neuro/Passes.h"
#include "dialect/Neuro/NeuroDialect.h"

namespace mlir::neuro {

namespace {

class NeuroBackend final : public snn::Backend {
public:
  StringRef name() const override { return "neuro"; }
  StringRef summary() const override {
    return "a neuromorphic core described by a target description (neuro:generic, "
           "neuro:loihi, neuro:xylo, neuro:truenorth or neuro:FILE.json)";
  }
  StringRef defaultDescriptor() const override { return "generic"; }
  void registerDialects(DialectRegistry &registry) const override {
    registry.insert<NeuroDialect>();
  }
  void registerPasses() const override { registerNeuroPipelines(); }
  ArrayRef<snn::BackendStage> stages() const override {
    static const snn::BackendStage list[] = {
        {"isa", "the neuro program mapped onto the target description: quantised, "
                "partitioned, placed, routed and checked (snnc map writes the binary core "
                "program)"},
    };
    return list;
  }
  ArrayRef<StringRef> optionNames() const override {
    static const StringRef list[] = {"allow-approx"};
    return list;
  }
  void buildPipeline(OpPassManager &pm, StringRef stage,
                     const snn::BackendOptions &options) const override {
    NeuroMappingOptions mapping;
    mapping.target = options.descriptor;
    mapping.allowApprox = options.allowApprox;
    buildNeuroMappingPipeline(pm, mapping);
  }
  std::string executionUnsupportedReason(StringRef) const override {
    return "target 'neuro' runs mapped programs in the core simulator: use 'snnc map' "
           "and 'snnc sim'";
  }
};

} // namespace

const snn::Backend &getNeuroBackend() {
  static const NeuroBackend backend;
  return backend;
}

} // namespace mlir::neuro
