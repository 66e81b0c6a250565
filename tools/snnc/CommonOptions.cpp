// Options shared by the subcommands that build a model (neuron parameters, seed, schedule).
#include "tools/snnc/CommonOptions.h"

#include <cmath>

namespace snn::driver {

void CommonOptions::add(Args &args, bool withSchedule) {
  args.option("time-steps", "T", "time steps (default: the model's, 5 for layer strings)",
              &timeSteps);
  args.option("tau-m", "X", "membrane time constant of layer-string and --convert-ann models",
              &tauM);
  args.option("tau-s", "X", "synaptic time constant of layer-string and --convert-ann models",
              &tauS);
  args.option("threshold", "X", "firing threshold of layer-string and --convert-ann models",
              &threshold);
  args.flag("convert-ann",
            "ONNX ANN: Relu becomes a LIF neuron, MaxPool sum pooling, BatchNormalization is "
            "folded into the synapse before it (see docs/onnx.md)",
            &convertANN);
  args.option("nir-dt", "SECONDS",
              "NIR models: seconds per time step (default: the file's metadata, else 1e-4)",
              &nirDt);
  args.option("nir-integrator", "forward-euler|exponential",
              "NIR models: how neuron dynamics are discretised (default: the file's "
              "metadata, else forward-euler)",
              &nirIntegrator);
  args.option("nir-reset", "zero|subtract",
              "NIR models: after a spike, set the membrane to v_reset or subtract the "
              "threshold (default: the file's metadata, else zero)",
              &nirReset);
  args.option("seed", "N",
              "seed of the weight initialisation of layer-string models (train: and of "
              "the shuffling)",
              &seed);
  args.option("threads", "N", "worker threads, 0 = one per core", &threads);
  if (!withSchedule)
    return;
  args.option("schedule", "layer|step",
              "time schedule: each layer over all steps, or step by step", &schedule);
  args.option("unroll", "N", "step schedule: fully unroll loops of up to N steps", &unroll);
}

void CommonOptions::addSpikeSynapses(Args &args) {
  args.flag("spike-synapses",
            "layer schedule: dense layers after dense layers read the spikes and add only "
            "the weights of neurons that fired (pays when few fire)",
            &spikeSynapses);
}

void CommonOptions::addExecutionTarget(Args &args) {
  executes = true;
  args.option("target", mlir::snn::backendSpellings(), "where the model runs (default cpu)",
              &target);
}

bool CommonOptions::resolve(ModelOptions &model, int &threadCount, std::string *error) const {
  // Selected before anything is compiled, so a target that cannot run is refused at once.
  if (executes) {
    std::string descriptor;
    const mlir::snn::Backend *backend = mlir::snn::selectBackend(target, descriptor, error);
    if (!backend)
      return false;
    if (std::string why = backend->executionUnsupportedReason(descriptor); !why.empty()) {
      *error = why;
      return false;
    }
    model.target = target;
  }
  long long v;
  model.convertANN = convertANN;
  if (!timeSteps.empty()) {
    if (!toInt("time-steps", timeSteps, 1, 100000, v, error))
      return false;
    model.timeSteps = v;
  }
  if (!toFloat("tau-m", tauM, model.tauM, error) || !toFloat("tau-s", tauS, model.tauS, error) ||
      !toFloat("threshold", threshold, model.threshold, error))
    return false;
  if (model.tauM < 1 || model.tauS < 1) {
    *error = "options '--tau-m' and '--tau-s' must be >= 1 time step";
    return false;
  }
  if (model.threshold <= 0) {
    *error = "option '--threshold' must be > 0";
    return false;
  }
  if (!toInt("seed", seed, 0, (1LL << 62), v, error))
    return false;
  model.seed = v;
  if (!toInt("threads", threads, 0, 1024, v, error))
    return false;
  threadCount = int(v);
  // On a GPU the device runs a batch in parallel; the host side is one thread (the
  // compiled model's device buffers are not shared between host threads).
  if (llvm::StringRef(model.target).starts_with("cuda"))
    threadCount = 1;
  if (schedule != "layer" && schedule != "step") {
    *error = "option '--schedule': expected 'layer' or 'step', got '" + schedule + "'";
    return false;
  }
  model.schedule = schedule == "step" ? mlir::snn::Schedule::StepByStep
                                      : mlir::snn::Schedule::LayerByLayer;
  if (!toInt("unroll", unroll, 0, 4096, v, error))
    return false;
  model.unroll = v;
  model.spikeSynapses = spikeSynapses;
  if (!nirDt.empty()) {
    if (!toFloat("nir-dt", nirDt, model.nirDt, error))
      return false;
    if (!(model.nirDt > 0) || !std::isfinite(model.nirDt)) {
      *error = "option '--nir-dt' must be a positive number of seconds, got '" + nirDt + "'";
      return false;
    }
  }
  if (!nirIntegrator.empty() && nirIntegrator != "forward-euler" && nirIntegrator != "exponential") {
    *error = "option '--nir-integrator': expected 'forward-euler' or 'exponential', got '" +
             nirIntegrator + "'";
    return false;
  }
  if (!nirReset.empty() && nirReset != "zero" && nirReset != "subtract") {
    *error = "option '--nir-reset': expected 'zero' or 'subtract', got '" + nirReset + "'";
    return false;
  }
  model.nirIntegrator = nirIntegrator;
  model.nirReset = nirReset;
  return true;
}

bool CommonOptions::checkApplicable(const Args &args, const std::string &model, bool training,
                                    std::string *error) const {
  ModelKind kind = modelKind(model);
  const char *kindName = kind == ModelKind::ONNX   ? "an ONNX model"
                         : kind == ModelKind::MLIR ? "a .mlir model"
                         : kind == ModelKind::NIR  ? "a NIR model"
                                                   : "a layer string";
  for (const char *name : {"nir-dt", "nir-integrator", "nir-reset"})
    if (args.given(name) && kind != ModelKind::NIR) {
      *error = std::string("option '--") + name + "' applies to NIR models (.nir) only, not to " +
               kindName;
      return false;
    }
  if (convertANN && kind != ModelKind::ONNX) {
    *error = "option '--convert-ann' applies to ONNX models only, not to " + std::string(kindName);
    return false;
  }
  // Neuron parameters come from the file for .mlir and snn-profile ONNX models.
  bool ownNeurons = kind == ModelKind::LayerString || convertANN;
  for (const char *name : {"tau-m", "tau-s", "threshold"})
    if (args.given(name) && !ownNeurons) {
      *error = std::string("option '--") + name + "' applies to layer strings and " +
               "--convert-ann models only; " + kindName + " carries its own neuron parameters";
      return false;
    }
  if (args.given("seed") && !training && kind != ModelKind::LayerString) {
    *error = std::string("option '--seed' initialises the weights of layer strings; ") +
             kindName + " carries its own weights";
    return false;
  }
  if (args.given("unroll") && schedule != "step") {
    *error = "option '--unroll' applies to '--schedule step' only";
    return false;
  }
  if (spikeSynapses && schedule != "layer") {
    *error = "option '--spike-synapses' applies to '--schedule layer' only";
    return false;
  }
  return true;
}

} // namespace snn::driver
