// Options shared by the subcommands that build a model (neuron parameters, seed, schedule).
#ifndef SNN_TOOLS_SNNC_COMMONOPTIONS_H
#define SNN_TOOLS_SNNC_COMMONOPTIONS_H

#include "tools/snnc/Args.h"
#include "tools/snnc/Model.h"

namespace snn::driver {

struct CommonOptions {
  std::string timeSteps, tauM = "5", tauS = "3", threshold = "1", seed = "0", threads = "0",
                         schedule = "layer", unroll = "0";
  bool convertANN = false, spikeSynapses = false;
  /// `--target` of the commands that execute the model in-process (run, eval, train);
  /// resolve() checks it only where addExecutionTarget registered it.
  std::string target = "cpu";
  std::string nirDt, nirIntegrator, nirReset;
  bool executes = false;
  void addExecutionTarget(Args &args);
  /// Registers the options; training always uses the layer-by-layer schedule, so it
  /// leaves out --schedule and --unroll.
  void add(Args &args, bool withSchedule = true);
  /// --spike-synapses, for the commands that generate CPU code (compile, run, eval).
  void addSpikeSynapses(Args &args);
  /// Converts into `model` and `threadCount` and checks that the execution target
  /// (if added) runs models in this build; false with a one-line error.
  bool resolve(ModelOptions &model, int &threadCount, std::string *error) const;
  /// Refuses options given for `model` that it would silently ignore (e.g.
  /// --convert-ann with a layer string, --tau-m with a .mlir model, --unroll
  /// without --schedule step); `training` uses --seed for shuffling too.
  bool checkApplicable(const Args &args, const std::string &model, bool training,
                       std::string *error) const;
};

} // namespace snn::driver

#endif // SNN_TOOLS_SNNC_COMMONOPTIONS_H
