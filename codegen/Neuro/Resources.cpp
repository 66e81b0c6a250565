// Resource accounting of population slices against a core's limits.
#include "codegen/Neuro/Resources.h"

using namespace mlir;
using namespace mlir::neuro;
using snn::neuro::ConvWeights;
using snn::neuro::WeightEncoding;

std::string mlir::neuro::withCommas(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0)
      out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

SliceCounter::SliceCounter(const Connectivity &conn,
                           const snn::neuro::TargetDescription &target, bool onChip)
    : conn(conn), target(target), onChip(onChip),
      axonsPerSource(target.weightEncoding == WeightEncoding::AxonTypes ? 2 : 1),
      stamp(static_cast<size_t>(conn.numSources()), 0) {}

int64_t SliceCounter::bitsOf(int64_t inputAxons, int64_t synapses, int64_t neurons) const {
  if (!onChip)
    return 0;
  int64_t bits = inputAxons * target.bitsPerAxon;
  if (target.weightEncoding == WeightEncoding::AxonTypes)
    // A binary crossbar of axons × neurons plus each neuron's weight per axon type.
    return bits + inputAxons * neurons * target.bitsPerSynapse +
           neurons * target.axonTypes * target.weightBits;
  if (conn.isConv() && target.convWeights == ConvWeights::Shared) {
    int64_t kernel = 1;
    for (int64_t d : conn.weightShape())
      kernel *= d;
    return bits + kernel * target.bitsPerSynapse;
  }
  return bits + synapses * target.bitsPerSynapse;
}

SliceUsage SliceCounter::tryAdd(int64_t neuron) {
  SliceUsage next = current;
  next.neurons += 1;
  pending.clear();
  if (onChip) {
    int64_t fanIn = 0;
    conn.forEachInput(neuron, [&](int64_t source, int64_t) {
      ++fanIn;
      if (stamp[source] != generation) {
        stamp[source] = generation;
        pending.push_back(source);
      }
    });
    // Undo the marks: they become permanent only in add().
    for (int64_t s : pending)
      stamp[s] = 0;
    next.inputAxons += static_cast<int64_t>(pending.size()) * axonsPerSource;
    next.synapses += fanIn;
    next.maxFanIn = std::max(next.maxFanIn, fanIn);
  }
  next.synapseBits = bitsOf(next.inputAxons, next.synapses, next.neurons);
  return next;
}

void SliceCounter::add(int64_t neuron) {
  SliceUsage next = tryAdd(neuron);
  for (int64_t s : pending)
    stamp[s] = generation;
  current = next;
}

void SliceCounter::clear() {
  ++generation;
  current = SliceUsage();
}

std::string SliceCounter::limitName(const SliceUsage &u) const {
  if (u.neurons > target.neuronsPerCore)
    return "core.neurons";
  if (target.maxFanIn > 0 && u.maxFanIn > target.maxFanIn)
    return "core.max_fan_in";
  if (u.inputAxons > target.inputAxonsPerCore)
    return "core.input_axons";
  if (u.synapseBits > target.synapseMemoryBits)
    return "core.synapse_memory_bits";
  return "";
}

std::string SliceCounter::overLimit(const SliceUsage &u) const {
  std::string name = limitName(u);
  auto say = [&](int64_t amount, int64_t limit, const char *what) {
    return std::string(what) + " " + withCommas(amount) + " > " + withCommas(limit) + " (" +
           name + ")";
  };
  if (name == "core.neurons")
    return say(u.neurons, target.neuronsPerCore, "neurons");
  if (name == "core.max_fan_in")
    return say(u.maxFanIn, target.maxFanIn, "fan-in");
  if (name == "core.input_axons")
    return say(u.inputAxons, target.inputAxonsPerCore, "input axons");
  if (name == "core.synapse_memory_bits")
    return say(u.synapseBits, target.synapseMemoryBits, "synapse bits");
  return "";
}
