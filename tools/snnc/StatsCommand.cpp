// `snnc stats MODEL`: NeuroBench-style activity, synaptic operations, energy and latency.
#include "tools/snnc/Commands.h"
#include "tools/snnc/CommonOptions.h"
#include "tools/snnc/Datasets.h"
#include "tools/snnc/Model.h"
#include "tools/snnc/NeuroSupport.h"

#include "codegen/Neuro/TargetDescription.h"
#include "runtime/AtomicFile.h"
#include "runtime/CoreProgram.h"
#include "runtime/CoreSim.h"
#include "runtime/Dataset.h"
#include "runtime/Npy.h"
#include "runtime/Parallel.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>
#include <mutex>

namespace snn::driver {

namespace {

/// Per projection: how many weights one nonzero value of each source element
/// drives. NeuroBench counts nonzero weights (conv: in-bounds nonzero taps)
/// for the effective operations and every in-bounds weight for the dense ones.
struct Fanout {
  std::vector<int64_t> effective, dense;
};

Fanout fanoutOf(const core::Program &program, const core::Projection &proj) {
  Fanout f;
  const std::vector<int64_t> &srcShape =
      proj.source < 0 ? program.inputShape : program.populations[proj.source].shape;
  int64_t sources = 1;
  for (int64_t d : srcShape)
    sources *= d;
  f.effective.assign(size_t(sources), 0);
  f.dense.assign(size_t(sources), 0);
  if (proj.kind == core::ProjectionKind::Dense) {
    int64_t rows = proj.weightShape[0];
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < sources; ++j)
        f.effective[j] += proj.weights[i * sources + j] != 0;
    std::fill(f.dense.begin(), f.dense.end(), rows);
    return f;
  }
  core::forEachConvTap(program, proj, [&](int64_t, int64_t j, int64_t w) {
    ++f.dense[j];
    f.effective[j] += proj.weights[w] != 0;
  });
  return f;
}

/// Operations a projection performed over all samples: AC when every value
/// of the step was in {-1, 0, 1}, MAC otherwise (NeuroBench's rule).
struct OpTally {
  int64_t acs = 0, macs = 0;
};

/// Adds the effective operations of one step whose source values are `values`.
void tallyStep(const Fanout &fanout, const int64_t *values, int64_t repeat, OpTally &tally) {
  int64_t ops = 0;
  bool binary = true;
  for (size_t j = 0; j < fanout.effective.size(); ++j) {
    if (values[j] == 0)
      continue;
    ops += fanout.effective[j];
    binary &= values[j] == 1 || values[j] == -1;
  }
  (binary ? tally.acs : tally.macs) += ops * repeat;
}

struct Activity {
  std::vector<OpTally> ops; // by population (its incoming projection)
  core::SimCounters counters;
  std::vector<int32_t> outputs; // [samples, classes, T], only for accuracy
};

/// Runs `samples` inputs through the simulator with traces and tallies the
/// effective operations of every projection from the values that fed it.
void simulate(const core::Program &program, const std::vector<Fanout> &fanouts, const float *inputs,
              int64_t samples, int threads, Activity &activity, int32_t *outputs) {
  const int64_t inSize = program.inputSize(), steps = program.timeSteps;
  const int64_t classes = program.populations[program.outputPopulation].size();
  std::mutex merge;
  rt::parallelFor(samples, threads, [&](int64_t begin, int64_t end) {
    core::CoreSimulator sim(program);
    std::vector<OpTally> ops(program.populations.size());
    std::vector<std::vector<int32_t>> trace;
    std::vector<int64_t> quantised(static_cast<size_t>(inSize)), values;
    for (int64_t i = begin; i < end; ++i) {
      const float *x = inputs + i * inSize;
      sim.run(x, outputs + i * classes * steps, &trace);
      // The chip sees the quantised input, so zeros are judged after rounding.
      for (int64_t j = 0; j < inSize; ++j)
        quantised[j] =
            core::sem::quantize(x[j], program.inputScale, program.inputMin, program.inputMax);
      for (size_t k = 0; k < program.projections.size(); ++k) {
        const core::Projection &proj = program.projections[k];
        if (proj.source < 0) {
          // A static input: the same values every model step.
          tallyStep(fanouts[k], quantised.data(), steps, ops[proj.target]);
          continue;
        }
        int64_t size = program.populations[proj.source].size();
        values.resize(size_t(size));
        for (int64_t t = 0; t < steps; ++t) {
          const int32_t *row = trace[proj.source].data() + t * size;
          std::copy(row, row + size, values.begin());
          tallyStep(fanouts[k], values.data(), 1, ops[proj.target]);
        }
      }
    }
    std::lock_guard<std::mutex> lock(merge);
    for (size_t p = 0; p < ops.size(); ++p) {
      activity.ops[p].acs += ops[p].acs;
      activity.ops[p].macs += ops[p].macs;
    }
    activity.counters.add(sim.counters());
  });
}

/// A file-name-safe form of a population name.
std::string fileSafe(const std::string &name) {
  std::string out;
  for (char c : name)
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
  return out.empty() ? "layer" : out;
}

/// Runs the first `samples` inputs again, one after another, and writes each
/// population's spike counts as DIR/<index>-<name>.npy [samples, T, neurons] (float32),
/// what scripts/plot-raster.py draws.
bool writeSpikeTraces(const core::Program &program, const float *inputs, int64_t samples,
                      const std::string &dir, std::string *error) {
  const int64_t steps = program.timeSteps;
  const int64_t classes = program.populations[program.outputPopulation].size();
  std::vector<rt::Array> counts(program.populations.size());
  for (size_t p = 0; p < counts.size(); ++p) {
    counts[p].shape = {samples, steps, program.populations[p].size()};
    counts[p].data.resize(size_t(counts[p].numel()));
  }
  core::CoreSimulator sim(program);
  std::vector<int32_t> outputs(size_t(classes * steps));
  std::vector<std::vector<int32_t>> trace;
  for (int64_t i = 0; i < samples; ++i) {
    sim.run(inputs + i * program.inputSize(), outputs.data(), &trace);
    for (size_t p = 0; p < counts.size(); ++p)
      std::copy(trace[p].begin(), trace[p].end(),
                counts[p].data.begin() + i * int64_t(trace[p].size()));
  }
  for (size_t p = 0; p < counts.size(); ++p) {
    std::string path = dir + "/" + std::to_string(p) + "-" +
                       fileSafe(program.populations[p].name) + ".npy";
    if (!rt::writeNpy(path, counts[p], error))
      return false;
  }
  return true;
}

const char *inputModeText(core::InputMode mode) {
  switch (mode) {
  case core::InputMode::Current:
    return "current";
  case core::InputMode::Bias:
    return "bias";
  case core::InputMode::Spikes:
    return "spikes";
  }
  return "?";
}

/// "1.23 nJ" or "4.56 uJ" from picojoules.
std::string energyText(double pj) {
  char text[64];
  if (pj >= 1e6)
    std::snprintf(text, sizeof text, "%.3f \u00b5J", pj / 1e6);
  else
    std::snprintf(text, sizeof text, "%.3f nJ", pj / 1e3);
  return text;
}

std::string timeText(double ns) {
  char text[64];
  if (ns >= 1e6)
    std::snprintf(text, sizeof text, "%.3f ms", ns / 1e6);
  else if (ns >= 1e3)
    std::snprintf(text, sizeof text, "%.3f \u00b5s", ns / 1e3);
  else
    std::snprintf(text, sizeof text, "%.1f ns", ns);
  return text;
}

struct LayerRow {
  std::string name, fedBy, runsOn;
  int64_t neurons = 0;
  double spikeRate = 0, sparsity = 0, acs = 0, macs = 0, dense = 0, updates = 0;
};

} // namespace

int statsCommand(const Argv &argv) {
  Args args("stats", "[MODEL] [--dataset D | --input X.npy] [--target-desc T] [options]",
            "Maps MODEL (default: the Fashion-MNIST MLP 784-400-400-10) onto a neuromorphic\n"
            "target, runs the bit-exact core simulator on test samples and prints, per\n"
            "layer, the spike rate, activation sparsity, NeuroBench effective synaptic\n"
            "operations (ACs for spike inputs, MACs for graded ones), dense synaptic\n"
            "operations and neuron updates, then the chip's energy and latency per sample\n"
            "from the target's per-event figures, and the float and program accuracy\n"
            "(docs/neuromorphic.md, \"snnc stats\").");
  std::string targetDesc = "generic", inputMode, inputMax = "2.8215", dataset, limit = "1000",
              input, inputShapeText, spikesDir, spikeSamples = "8";
  bool allowApprox = false, json = false;
  CommonOptions common;
  args.option("target-desc", "NAME|FILE",
              "target description: generic (default), loihi, xylo, truenorth or a JSON file",
              &targetDesc);
  args.option("input-mode", "current|bias|spikes",
              "how the host feeds the input (default: the target's first usable mode)", &inputMode);
  args.option("input-max", "X",
              "largest absolute input value, mapped to the largest input integer "
              "(default 2.8215, Fashion-MNIST's normalised maximum)",
              &inputMax);
  args.flag("allow-approx", "approximate dynamics the target cannot represent exactly",
            &allowApprox);
  args.option("dataset", "fashion-mnist|mnist|idx:DIR",
              "run the test split of this dataset (default fashion-mnist)", &dataset);
  args.option("limit-test", "N", "only the first N test samples (default 1000, 0 = all)", &limit);
  args.option("input", "X.npy", "run these samples [N, ...] instead of a dataset (no accuracy)",
              &input);
  args.option("input-shape", "F|CxHxW", "per-sample input shape of layer-string models",
              &inputShapeText);
  args.flag("json", "print the result as one JSON object", &json);
  args.option("spikes", "DIR",
              "also write every layer's spike counts of the first --spike-samples samples "
              "as DIR/<index>-<layer>.npy [N, T, neurons] (scripts/plot-raster.py draws them)",
              &spikesDir);
  args.option("spike-samples", "N", "samples written by --spikes (default 8)", &spikeSamples);
  common.add(args);
  std::string error;
  if (!args.parse(argv, 1, &error))
    return fail("stats", error);
  if (args.helpShown)
    return 0;
  if (!input.empty() && !dataset.empty())
    return fail("stats", "give either --dataset D or --input X.npy, not both");
  if (!input.empty() && args.given("limit-test"))
    return fail("stats", "option '--limit-test' goes with --dataset");
  if (input.empty() && dataset.empty())
    dataset = "fashion-mnist";
  std::string model = args.positionals().empty() ? "784-400-400-10" : args.positionals()[0];
  ModelOptions options;
  int threads = 0;
  long long limitN, spikeSampleCount;
  double inputMaxValue;
  if (!common.resolve(options, threads, &error) ||
      !common.checkApplicable(args, model, /*training=*/false, &error) ||
      !toInt("limit-test", limit, 0, 1LL << 40, limitN, &error) ||
      !toInt("spike-samples", spikeSamples, 1, 1 << 20, spikeSampleCount, &error) ||
      !toFloat("input-max", inputMax, inputMaxValue, &error))
    return fail("stats", error);
  threads = rt::resolveThreadCount(threads);
  if (args.given("spike-samples") && spikesDir.empty())
    return fail("stats", "option '--spike-samples' goes with --spikes DIR");
  // The folder is made (its parent must exist) and probed before any work.
  if (!spikesDir.empty() &&
      ((::mkdir(spikesDir.c_str(), 0755) != 0 && errno != EEXIST) ||
       !rt::checkOutputPath("--spikes", spikesDir + "/0-probe.npy", &error)))
    return fail("stats", error.empty() ? "--spikes " + spikesDir + ": cannot create the folder: " +
                                             std::strerror(errno)
                                       : error);
  if (!(inputMaxValue > 0))
    return fail("stats", "option '--input-max' must be positive, got " + inputMax);
  std::vector<int64_t> inputShape;
  if (!inputShapeText.empty() && !parseInputShape(inputShapeText, inputShape, &error))
    return fail("stats", error);
  std::optional<snn::neuro::TargetDescription> target =
      snn::neuro::loadTargetDescription(targetDesc, &error);
  if (!target)
    return fail("stats", error);

  // The samples: a dataset's test split (with labels) or an .npy file.
  rt::Dataset test;
  std::vector<float> samples;
  int64_t sampleCount = 0;
  std::vector<int64_t> sampleShape;
  if (!dataset.empty()) {
    if (!loadStaticTestSplit(dataset, limitN, test, &error))
      return fail("stats", error);
    sampleCount = test.size();
    sampleShape.assign(test.images.shape().begin() + 1, test.images.shape().end());
  } else {
    rt::NpyReader reader;
    reader.rejectNonFinite(true);
    if (!reader.open(input, &error))
      return fail("stats", error);
    if (reader.shape().size() < 2 || reader.rows() == 0)
      return fail("stats", input + ": expected samples [N, ...] with N >= 1");
    sampleCount = reader.rows();
    sampleShape.assign(reader.shape().begin() + 1, reader.shape().end());
    samples.resize(size_t(sampleCount * reader.rowElements()));
    int64_t read = 0;
    if (!reader.readRows(sampleCount, samples.data(), &read, &error) || !reader.finish(&error))
      return fail("stats", error);
  }
  if (inputShape.empty())
    inputShape = sampleShape;

  auto ctx = createContext();
  auto module = loadModel(*ctx, model, inputShape, options, &error);
  if (!module)
    return fail("stats", error);
  mlir::OwningOpRef<mlir::ModuleOp> floatModel(module->clone());
  mlir::neuro::NeuroMappingOptions mapping;
  mapping.target = targetDesc;
  mapping.inputMode = inputMode;
  mapping.allowApprox = allowApprox;
  mapping.inputMax = inputMaxValue;
  core::Program program;
  if (!mapToCoreProgram(*module, mapping, *target, &program, &error))
    return fail("stats", error);
  int64_t perSample = 1;
  for (int64_t d : sampleShape)
    perSample *= d;
  if (perSample != program.inputSize())
    return fail("stats", (dataset.empty() ? input : "dataset '" + dataset + "'") + ": " +
                             std::to_string(perSample) +
                             " values per sample do not fit the program's input of " +
                             std::to_string(program.inputSize()));
  const int64_t classes = program.populations[program.outputPopulation].size();
  const int64_t steps = program.timeSteps;
  if (!dataset.empty() && classes < test.numClasses)
    return fail("stats", "the model has " + std::to_string(classes) + " outputs but the dataset " +
                             std::to_string(test.numClasses) + " classes");

  // Simulate in chunks so a whole test split is never decoded at once.
  std::vector<Fanout> fanouts;
  for (const core::Projection &proj : program.projections)
    fanouts.push_back(fanoutOf(program, proj));
  Activity activity;
  activity.ops.resize(program.populations.size());
  int64_t chipRight = 0;
  {
    const int64_t chunk = std::min<int64_t>(sampleCount, 1024);
    std::vector<float> x;
    std::vector<int32_t> out(size_t(chunk * classes * steps));
    for (int64_t begin = 0; begin < sampleCount; begin += chunk) {
      int64_t count = std::min(chunk, sampleCount - begin);
      const float *data;
      if (!dataset.empty()) {
        x.resize(size_t(count * perSample));
        test.images.decode(begin, count, x.data());
        data = x.data();
      } else {
        data = samples.data() + begin * perSample;
      }
      simulate(program, fanouts, data, count, threads, activity, out.data());
      if (!dataset.empty())
        for (int64_t i = 0; i < count; ++i)
          chipRight += core::predict(out.data() + i * classes * steps, classes, steps,
                                     program.tauS) == test.labels[begin + i];
    }
  }
  if (!spikesDir.empty()) {
    int64_t count = std::min<int64_t>(spikeSampleCount, sampleCount);
    std::vector<float> x;
    const float *data = samples.data();
    if (!dataset.empty()) {
      x.resize(size_t(count * perSample));
      test.images.decode(0, count, x.data());
      data = x.data();
    }
    if (!writeSpikeTraces(program, data, count, spikesDir, &error))
      return fail("stats", error);
  }
  double floatAcc = 0, chipAcc = 0;
  if (!dataset.empty()) {
    if (!measureFloatAccuracy(*floatModel, options, test, threads, &floatAcc, &error))
      return fail("stats", error);
    chipAcc = 100.0 * double(chipRight) / double(sampleCount);
  }

  // Per-layer rows, all per sample.
  const core::SimCounters &c = activity.counters;
  const double n = double(sampleCount);
  std::vector<LayerRow> rows;
  LayerRow total;
  total.name = "total";
  int64_t spikeEventsAll = 0, outputsAll = 0;
  for (size_t p = 0; p < program.populations.size(); ++p) {
    const core::Population &pop = program.populations[p];
    const core::PopulationCounters &pc = c.populations[p];
    const core::Projection *in = nullptr;
    for (const core::Projection &proj : program.projections)
      if (proj.target == int32_t(p))
        in = &proj;
    LayerRow row;
    row.name = pop.name;
    row.neurons = pop.size();
    double outputs = double(pop.size()) * double(steps) * n;
    row.spikeRate = double(pc.spikes) / outputs;
    row.sparsity = 1.0 - double(pc.spikeEvents) / outputs;
    row.acs = double(activity.ops[p].acs) / n;
    row.macs = double(activity.ops[p].macs) / n;
    row.updates = double(pc.neuronUpdates) / n;
    if (in) {
      size_t k = size_t(in - program.projections.data());
      for (int64_t d : fanouts[k].dense)
        row.dense += double(d);
      row.dense *= double(steps);
      bool host = in->source < 0;
      row.fedBy = host ? "input values" : "spikes";
      row.runsOn = host && program.inputMode != core::InputMode::Spikes ? "host" : "chip";
    }
    spikeEventsAll += pc.spikeEvents;
    outputsAll += pop.size() * steps;
    total.neurons += row.neurons;
    total.acs += row.acs;
    total.macs += row.macs;
    total.dense += row.dense;
    total.updates += row.updates;
    rows.push_back(row);
  }
  core::PopulationCounters all = c.total();
  total.spikeRate = double(all.spikes) / (double(outputsAll) * n);
  total.sparsity = 1.0 - double(spikeEventsAll) / (double(outputsAll) * n);

  // The chip's own events per sample; host work is not chip energy.
  struct Term {
    const char *event, *field;
    double count, pj, ns;
  };
  const snn::neuro::EnergyLatency &e = target->energyPJ, &l = target->latencyNS;
  Term terms[] = {
      {"synaptic ops", "synaptic_op", double(all.synapticOps) / n, e.synapticOp, l.synapticOp},
      {"neuron updates", "neuron_update", double(all.neuronUpdates) / n, e.neuronUpdate,
       l.neuronUpdate},
      {"spike events", "spike_out", double(all.spikeEvents) / n, e.spikeOut, l.spikeOut},
      {"hops", "hop", double(all.hops) / n, e.hop, l.hop},
  };
  double energyPJ = 0, serialNS = 0;
  for (const Term &t : terms) {
    energyPJ += t.count * t.pj;
    serialNS += t.count * t.ns;
  }
  const int64_t coresUsed = int64_t(program.cores.size());
  const double latencyNS = serialNS / double(std::max<int64_t>(1, coresUsed));
  auto provenance = [&](const std::string &group, const char *field) {
    std::string label = target->provenanceOf(group + "." + field);
    return label.empty() ? std::string("source") : label;
  };
  const double hostMacs = double(c.hostMacs) / n;
  const char *updatesNote = "dense count: neurons x T (NeuroBench counts only changed "
                            "membranes for steps >= 1)";
  const char *latencyNote = "lower bound: the serial sum of per-event latencies divided by "
                            "the cores in use (perfectly balanced, no waiting on routes)";

  if (json) {
    llvm::json::Array layers;
    auto rowJson = [&](const LayerRow &r) {
      llvm::json::Object o{
          {"name", r.name},          {"neurons", r.neurons},       {"spike_rate", r.spikeRate},
          {"sparsity", r.sparsity},  {"effective_acs", r.acs},     {"effective_macs", r.macs},
          {"dense_synops", r.dense}, {"neuron_updates", r.updates}};
      if (!r.fedBy.empty()) {
        o["fed_by"] = r.fedBy;
        o["runs_on"] = r.runsOn;
      }
      return o;
    };
    for (const LayerRow &r : rows)
      layers.push_back(rowJson(r));
    llvm::json::Array energyTerms;
    for (const Term &t : terms)
      energyTerms.push_back(
          llvm::json::Object{{"event", t.field},
                             {"count", t.count},
                             {"energy_pj", t.pj},
                             {"latency_ns", t.ns},
                             {"energy_provenance", provenance("energy_pj", t.field)},
                             {"latency_provenance", provenance("latency_ns", t.field)}});
    llvm::json::Object result{{"model", model},
                              {"target", target->name},
                              {"target_path", target->path},
                              {"input_mode", inputModeText(program.inputMode)},
                              {"time_steps", steps},
                              {"samples", sampleCount},
                              {"samples_from", dataset.empty() ? input : dataset},
                              {"counts_from",
                               "bit-exact core simulation of this mapping; per sample, summed over "
                               "the T model steps"},
                              {"layers", std::move(layers)},
                              {"total", rowJson(total)},
                              {"activation_sparsity", total.sparsity},
                              {"neuron_updates_kind", updatesNote},
                              {"host_macs", hostMacs},
                              {"cores_used", coresUsed},
                              {"energy_pj_per_sample", energyPJ},
                              {"energy_terms", std::move(energyTerms)},
                              {"latency_ns_per_sample", latencyNS},
                              {"serial_latency_ns_per_sample", serialNS},
                              {"latency_formula", latencyNote}};
    if (!dataset.empty())
      result["accuracy"] = llvm::json::Object{{"float", floatAcc}, {"program", chipAcc}};
    std::printf("%s\n", llvm::formatv("{0:2}", llvm::json::Value(std::move(result))).str().c_str());
    return 0;
  }

  std::printf("%s on %s (%s), input mode %s, T = %lld, %u chip steps, %lld cores\n", model.c_str(),
              target->name.c_str(), target->path.c_str(), inputModeText(program.inputMode),
              (long long)steps, program.runSteps, (long long)coresUsed);
  std::printf("counts from the bit-exact core simulation of this mapping on %lld %s "
              "samples; per sample, summed over the T model steps\n\n",
              (long long)sampleCount, dataset.empty() ? input.c_str() : dataset.c_str());
  std::printf("%-12s %8s %10s %9s %12s %12s %12s %10s  %-12s  %s\n", "layer", "neurons",
              "spike_rate", "sparsity", "eff_ACs", "eff_MACs", "dense_synops", "updates", "fed_by",
              "runs_on");
  auto print = [](const LayerRow &r) {
    std::printf("%-12s %8lld %10.4f %9.4f %12.1f %12.1f %12.1f %10.1f  %-12s  %s\n", r.name.c_str(),
                (long long)r.neurons, r.spikeRate, r.sparsity, r.acs, r.macs, r.dense, r.updates,
                r.fedBy.c_str(), r.runsOn.c_str());
  };
  for (const LayerRow &r : rows)
    print(r);
  print(total);
  std::printf("\nactivation sparsity (all neuron layers): %.4f\n", total.sparsity);
  std::printf("effective synaptic ops: %.1f ACs + %.1f MACs per sample (dense %.1f)\n", total.acs,
              total.macs, total.dense);
  std::printf("neuron updates: %s\n", updatesNote);
  std::printf("host: %.1f multiply-accumulates per sample (%s mode)%s\n", hostMacs,
              inputModeText(program.inputMode),
              program.inputMode == core::InputMode::Spikes ? ", it only sends event counts" : "");
  std::printf("\nenergy per sample on %s: %s (chip events x pJ per event; host work "
              "excluded)\n",
              target->name.c_str(), energyText(energyPJ).c_str());
  for (const Term &t : terms)
    std::printf("  %-15s %14.1f x %8.2f pJ  (%s)\n", t.event, t.count, t.pj,
                provenance("energy_pj", t.field).c_str());
  std::printf("latency per sample: >= %s (serial sum %s / %lld cores in use: a lower bound "
              "that assumes balanced cores and no waiting on routes)\n",
              timeText(latencyNS).c_str(), timeText(serialNS).c_str(), (long long)coresUsed);
  for (const Term &t : terms)
    std::printf("  %-15s %14.1f x %8.2f ns  (%s)\n", t.event, t.count, t.ns,
                provenance("latency_ns", t.field).c_str());
  if (!dataset.empty())
    std::printf("\naccuracy on %lld %s test samples: float %.2f%%, %s program %.2f%%\n",
                (long long)sampleCount, dataset.c_str(), floatAcc, target->name.c_str(), chipAcc);
  return 0;
}

} // namespace snn::driver
