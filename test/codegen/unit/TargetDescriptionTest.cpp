// Unit tests of the target-description loader: the shipped targets with their
// documented figures, and every kind of error with its exact one-line message.
#include "codegen/Neuro/TargetDescription.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace snn::neuro;
using snn::core::DecayEncoding;
using snn::core::InputMode;
using snn::core::Overflow;
using snn::core::ResetRule;
using snn::core::SpikeCompare;

namespace {

TargetDescription loadOk(const std::string &name) {
  std::string error;
  std::optional<TargetDescription> t = loadTargetDescription(name, &error);
  EXPECT_TRUE(t.has_value()) << error;
  EXPECT_EQ(error, "");
  return t ? *t : TargetDescription();
}

// A complete, valid description that the error tests edit one field at a time.
const char *const kBase = R"({
  "snnc_target": 1,
  "name": "test",
  "summary": "a test core",
  "chip": {"cores": 4, "mesh": {"width": 2, "height": 2}},
  "core": {"neurons": 1024, "input_axons": 4096, "output_axons": 4096,
           "synapse_memory_bits": 1048576, "bits_per_synapse": 18,
           "bits_per_axon": 10, "max_fan_in": 4096, "max_fan_out": 4096,
           "layer_kinds": ["dense", "conv"], "conv_weights": "expanded"},
  "weights": {"encoding": "exponent", "bits": 8, "exponent_min": -7,
              "exponent_max": 7, "input_shift": 6},
  "state": {"accumulator": {"bits": 22, "overflow": "wrap"},
            "current": {"bits": 24, "overflow": "wrap"},
            "voltage": {"bits": 24, "overflow": "saturate"}},
  "decay": {"encoding": "multiplier", "bits": 12, "current_offset": 1,
            "voltage_offset": 0, "rounding": "toward_zero"},
  "threshold": {"mantissa_bits": 17, "exponent": 6},
  "spike": {"compare": "gt", "max_per_step": 1},
  "reset": "zero",
  "synaptic_delay": 1,
  "input": {"modes": ["bias"]},
  "bias": {"mantissa_bits": 13, "exponent_max": 7},
  "energy_pj": {"synaptic_op": 1, "neuron_update": 2, "spike_out": 3, "hop": 4},
  "latency_ns": {"synaptic_op": 1, "neuron_update": 2, "spike_out": 3, "hop": 4},
  "provenance": {"core.neurons": "source: a paper",
                 "energy_pj": "illustrative: made up"}
})";

/// kBase with `from` (which must occur exactly once) replaced by `to`.
std::string edited(const std::string &from, const std::string &to) {
  std::string text = kBase;
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << from;
  if (at != std::string::npos)
    text.replace(at, from.size(), to);
  return text;
}

std::string parseError(const std::string &text) {
  std::string error;
  std::optional<TargetDescription> t =
      parseTargetDescription(text, "t.json", &error);
  EXPECT_FALSE(t.has_value());
  return error;
}

TEST(TargetDescription, ShippedNames) {
  EXPECT_EQ(
      shippedTargetNames(),
      std::vector<std::string>({"generic", "loihi", "truenorth", "xylo"}));
  for (const std::string &name : shippedTargetNames()) {
    TargetDescription t = loadOk(name);
    EXPECT_EQ(t.name, name);
    EXPECT_EQ(t.path, "<shipped>/" + name + ".json");
    EXPECT_FALSE(t.summary.empty());
    EXPECT_GE(t.meshWidth * t.meshHeight, t.cores);
  }
}

TEST(TargetDescription, Generic) {
  TargetDescription t = loadOk("generic");
  EXPECT_EQ(t.cores, 64);
  EXPECT_EQ(t.meshWidth, 8);
  EXPECT_EQ(t.meshHeight, 8);
  EXPECT_EQ(t.neuronsPerCore, 8192);
  EXPECT_EQ(t.inputAxonsPerCore, 65536);
  EXPECT_EQ(t.outputAxonsPerCore, 262144);
  EXPECT_EQ(t.synapseMemoryBits, 16 * 1024 * 1024);
  EXPECT_EQ(t.bitsPerSynapse, 21);
  EXPECT_TRUE(t.supportsDense);
  EXPECT_TRUE(t.supportsConv);
  EXPECT_EQ(t.convWeights, ConvWeights::Shared);
  EXPECT_EQ(t.weightEncoding, WeightEncoding::Exponent);
  EXPECT_EQ(t.weightBits, 8);
  EXPECT_EQ(t.weightExponentMin, -8);
  EXPECT_EQ(t.weightExponentMax, 8);
  const auto &s = t.semantics;
  EXPECT_EQ(s.inputShift, 0);
  EXPECT_EQ(s.accumulator.bits, 32);
  EXPECT_EQ(s.accumulator.overflow, Overflow::Wrap);
  EXPECT_EQ(s.current.bits, 24);
  EXPECT_EQ(s.current.overflow, Overflow::Saturate);
  EXPECT_EQ(s.voltage.bits, 24);
  EXPECT_EQ(s.voltage.overflow, Overflow::Saturate);
  EXPECT_EQ(s.decay, DecayEncoding::Multiplier);
  EXPECT_EQ(s.decayBits, 12);
  EXPECT_EQ(s.currentDecayOffset, 0);
  EXPECT_EQ(s.voltageDecayOffset, 0);
  EXPECT_EQ(t.thresholdMantissaBits, 23);
  EXPECT_EQ(t.thresholdExponent, 0);
  EXPECT_EQ(s.compare, SpikeCompare::Greater);
  EXPECT_EQ(s.maxSpikesPerStep, 1);
  EXPECT_EQ(s.reset, ResetRule::Zero);
  EXPECT_EQ(s.synapticDelay, 1);
  EXPECT_EQ(t.inputModes,
            std::vector<InputMode>(
                {InputMode::Current, InputMode::Bias, InputMode::Spikes}));
  EXPECT_EQ(t.maxInputEventsPerStep, 255);
  EXPECT_EQ(s.biasMantissaBits, 24);
  EXPECT_EQ(s.biasExponentMax, 0);
  EXPECT_EQ(t.provenanceOf("energy_pj.synaptic_op"), "illustrative");
  EXPECT_EQ(t.provenanceOf("core.neurons"), "illustrative");
}

TEST(TargetDescription, Loihi) {
  TargetDescription t = loadOk("loihi");
  EXPECT_EQ(t.cores, 128);
  EXPECT_EQ(t.meshWidth, 8);
  EXPECT_EQ(t.meshHeight, 16);
  EXPECT_EQ(t.neuronsPerCore, 1024);
  EXPECT_EQ(t.inputAxonsPerCore, 4096);
  EXPECT_EQ(t.outputAxonsPerCore, 4096);
  EXPECT_EQ(t.synapseMemoryBits, 16384 * 64);
  EXPECT_EQ(t.bitsPerSynapse, 18);
  EXPECT_EQ(t.bitsPerAxon, 10);
  EXPECT_EQ(t.maxFanIn, 4096);
  EXPECT_EQ(t.maxFanOut, 4096);
  EXPECT_EQ(t.convWeights, ConvWeights::Expanded);
  EXPECT_EQ(t.maxOutputNeurons, 0);
  EXPECT_EQ(t.maxInputChannels, 0);
  EXPECT_EQ(t.weightBits, 8);
  EXPECT_EQ(t.weightExponentMin, -7);
  EXPECT_EQ(t.weightExponentMax, 7);
  const auto &s = t.semantics;
  EXPECT_EQ(s.inputShift, 7);
  EXPECT_EQ(s.accumulator.bits, 22);
  EXPECT_EQ(s.accumulator.overflow, Overflow::Wrap);
  EXPECT_EQ(s.current.bits, 24);
  EXPECT_EQ(s.current.overflow, Overflow::Wrap);
  EXPECT_EQ(s.voltage.bits, 24);
  EXPECT_EQ(s.voltage.overflow, Overflow::Saturate);
  EXPECT_EQ(s.decay, DecayEncoding::Multiplier);
  EXPECT_EQ(s.decayBits, 12);
  EXPECT_EQ(s.currentDecayOffset, 1);
  EXPECT_EQ(s.voltageDecayOffset, 0);
  EXPECT_EQ(t.thresholdMantissaBits, 17);
  EXPECT_EQ(t.thresholdExponent, 6);
  EXPECT_EQ(s.compare, SpikeCompare::Greater);
  EXPECT_EQ(s.maxSpikesPerStep, 1);
  EXPECT_EQ(s.reset, ResetRule::Zero);
  EXPECT_EQ(s.synapticDelay, 1);
  EXPECT_EQ(t.inputModes,
            std::vector<InputMode>({InputMode::Bias, InputMode::Spikes}));
  EXPECT_EQ(t.maxInputEventsPerStep, 1);
  EXPECT_EQ(s.biasMantissaBits, 13);
  EXPECT_EQ(s.biasExponentMax, 7);
  EXPECT_DOUBLE_EQ(t.energyPJ.synapticOp, 35.5);
  EXPECT_DOUBLE_EQ(t.energyPJ.neuronUpdate, 72.8);
  EXPECT_DOUBLE_EQ(t.energyPJ.spikeOut, 69.3);
  EXPECT_DOUBLE_EQ(t.latencyNS.synapticOp, 3.8);
  EXPECT_EQ(t.provenanceOf("energy_pj.synaptic_op"), "secondary");
  EXPECT_EQ(t.provenanceOf("core.neurons"), "");
  EXPECT_EQ(t.provenanceOf("state.accumulator.overflow"), "unverified");
  EXPECT_EQ(t.provenanceNotes.at("core.neurons").rfind("source: ", 0), 0u);
}

TEST(TargetDescription, Xylo) {
  TargetDescription t = loadOk("xylo");
  EXPECT_EQ(t.cores, 2);
  EXPECT_EQ(t.neuronsPerCore, 1000);
  EXPECT_EQ(t.maxFanOut, 64);
  EXPECT_EQ(t.maxOutputNeurons, 8);
  EXPECT_EQ(t.maxInputChannels, 16);
  EXPECT_TRUE(t.supportsDense);
  EXPECT_FALSE(t.supportsConv);
  EXPECT_EQ(t.weightBits, 8);
  EXPECT_EQ(t.weightExponentMin, 0);
  EXPECT_EQ(t.weightExponentMax, 7);
  const auto &s = t.semantics;
  EXPECT_EQ(s.inputShift, 0);
  EXPECT_EQ(s.current.bits, 16);
  EXPECT_EQ(s.voltage.bits, 16);
  EXPECT_EQ(s.voltage.overflow, Overflow::Saturate);
  EXPECT_EQ(s.decay, DecayEncoding::Shift);
  EXPECT_EQ(s.decayBits, 4);
  EXPECT_EQ(t.thresholdMantissaBits, 15);
  EXPECT_EQ(s.compare, SpikeCompare::GreaterEqual);
  EXPECT_EQ(s.maxSpikesPerStep, 31);
  EXPECT_EQ(s.reset, ResetRule::Subtract);
  EXPECT_EQ(t.inputModes, std::vector<InputMode>({InputMode::Spikes}));
  EXPECT_EQ(t.maxInputEventsPerStep, 15);
  EXPECT_EQ(s.biasMantissaBits, 0);
  EXPECT_EQ(t.provenanceOf("state.voltage.overflow"), "unverified");
  EXPECT_EQ(t.provenanceOf("energy_pj.synaptic_op"), "illustrative");
}

TEST(TargetDescription, TrueNorth) {
  TargetDescription t = loadOk("truenorth");
  EXPECT_EQ(t.cores, 4096);
  EXPECT_EQ(t.meshWidth, 64);
  EXPECT_EQ(t.meshHeight, 64);
  EXPECT_EQ(t.neuronsPerCore, 256);
  EXPECT_EQ(t.inputAxonsPerCore, 256);
  EXPECT_EQ(t.bitsPerSynapse, 1);
  EXPECT_EQ(t.weightEncoding, WeightEncoding::AxonTypes);
  EXPECT_EQ(t.axonTypes, 4);
  EXPECT_EQ(t.weightBits, 9);
  const auto &s = t.semantics;
  EXPECT_EQ(s.current.bits, 0);
  EXPECT_EQ(s.voltage.bits, 20);
  EXPECT_EQ(s.decay, DecayEncoding::None);
  EXPECT_EQ(s.decayBits, 0);
  EXPECT_EQ(t.thresholdMantissaBits, 18);
  EXPECT_EQ(s.compare, SpikeCompare::GreaterEqual);
  EXPECT_EQ(s.reset, ResetRule::Zero);
  EXPECT_EQ(t.inputModes,
            std::vector<InputMode>({InputMode::Bias, InputMode::Spikes}));
  EXPECT_EQ(s.biasMantissaBits, 9);
  EXPECT_DOUBLE_EQ(t.energyPJ.synapticOp, 26.0);
  EXPECT_EQ(t.provenanceOf("energy_pj.synaptic_op"), "unverified");
  EXPECT_EQ(t.provenanceOf("weights.bits"), "unverified");
}

TEST(TargetDescription, BaseParses) {
  std::string error;
  std::optional<TargetDescription> t =
      parseTargetDescription(kBase, "t.json", &error);
  ASSERT_TRUE(t.has_value()) << error;
  EXPECT_EQ(t->name, "test");
  EXPECT_EQ(t->path, "t.json");
  EXPECT_EQ(t->provenance.count("core.neurons"), 0u);
  EXPECT_EQ(t->provenanceOf("energy_pj.hop"), "illustrative");
  EXPECT_EQ(t->maxInputEventsPerStep, 1);
}

TEST(TargetDescription, UnknownKey) {
  EXPECT_EQ(parseError(edited("\"neurons\": 1024", "\"neuron\": 1024")),
            "t.json: core.neuron: unknown field; did you mean \"neurons\"?");
  EXPECT_EQ(parseError(edited("\"reset\": \"zero\",",
                              "\"reset\": \"zero\", \"resets\": 1,")),
            "t.json: resets: unknown field; did you mean \"reset\"?");
  EXPECT_EQ(parseError(edited("\"hop\": 4},\n  \"latency",
                              "\"hop\": 4, \"area\": 1},\n  \"latency")),
            "t.json: energy_pj.area: unknown field (expected one of "
            "\"synaptic_op\", \"neuron_update\", \"spike_out\", \"hop\")");
  // Keys that are not identifiers are quoted.
  EXPECT_EQ(parseError(edited("\"reset\": \"zero\",",
                              "\"reset\": \"zero\", \"a b\": 1,")),
            "t.json: 'a b': unknown field (expected one of \"snnc_target\", "
            "\"name\", \"summary\", \"chip\", \"core\", \"weights\", "
            "\"state\", \"decay\", \"threshold\", \"spike\", \"reset\", "
            "\"synaptic_delay\", \"input\", \"bias\", \"energy_pj\", "
            "\"latency_ns\", \"provenance\")");
  // Keys the chosen encoding does not use are unknown too.
  EXPECT_EQ(parseError(edited("\"encoding\": \"multiplier\", \"bits\": 12",
                              "\"encoding\": \"shift\", \"bits\": 4")),
            "t.json: decay.current_offset: unknown field (expected one of "
            "\"encoding\", \"bits\")");
}

TEST(TargetDescription, WrongType) {
  EXPECT_EQ(parseError(edited("\"neurons\": 1024", "\"neurons\": \"1024\"")),
            "t.json: core.neurons: expected an integer, got '1024' (a string)");
  EXPECT_EQ(parseError(edited("\"neurons\": 1024", "\"neurons\": 10.5")),
            "t.json: core.neurons: expected an integer, got 10.5");
  EXPECT_EQ(parseError(edited("\"chip\": {", "\"chip\": [], \"x\": {")),
            "t.json: x: unknown field (expected one of \"snnc_target\", "
            "\"name\", \"summary\", \"chip\", \"core\", \"weights\", "
            "\"state\", \"decay\", \"threshold\", \"spike\", \"reset\", "
            "\"synaptic_delay\", \"input\", \"bias\", \"energy_pj\", "
            "\"latency_ns\", \"provenance\")");
  EXPECT_EQ(
      parseError(edited("\"summary\": \"a test core\"", "\"summary\": 3")),
      "t.json: summary: expected a string, got 3");
  EXPECT_EQ(parseError(edited("\"synaptic_op\": 1, \"neuron_update\": 2, "
                              "\"spike_out\": 3, \"hop\": 4},\n  \"latency",
                              "\"synaptic_op\": true, \"neuron_update\": 2, "
                              "\"spike_out\": 3, \"hop\": 4},\n  \"latency")),
            "t.json: energy_pj.synaptic_op: expected a number, got true");
  EXPECT_EQ(parseError(edited("\"modes\": [\"bias\"]", "\"modes\": \"bias\"")),
            "t.json: input.modes: expected an array of \"current\", \"bias\", "
            "\"spikes\", got 'bias' (a string)");
  EXPECT_EQ(parseError(edited("\"mesh\": {\"width\": 2, \"height\": 2}",
                              "\"mesh\": 4")),
            "t.json: chip.mesh: expected an object, got 4");
  EXPECT_EQ(parseError("[1, 2]"),
            "t.json: expected a JSON object at the top level, got an array");
}

TEST(TargetDescription, BadEnum) {
  EXPECT_EQ(parseError(edited("\"reset\": \"zero\"", "\"reset\": \"zer0\"")),
            "t.json: reset: 'zer0' is not one of \"zero\", \"subtract\"; did "
            "you mean \"zero\"?");
  EXPECT_EQ(parseError(edited("\"modes\": [\"bias\"]",
                              "\"modes\": [\"bias\", \"spike\"]")),
            "t.json: input.modes[1]: 'spike' is not one of \"current\", "
            "\"bias\", \"spikes\"; did you mean \"spikes\"?");
  EXPECT_EQ(parseError(edited("\"modes\": [\"bias\"]",
                              "\"modes\": [\"bias\", \"bias\"]")),
            "t.json: input.modes[1]: \"bias\" is listed twice");
  EXPECT_EQ(parseError(edited("\"modes\": [\"bias\"]", "\"modes\": []")),
            "t.json: input.modes: expected at least one of \"current\", "
            "\"bias\", \"spikes\"");
  EXPECT_EQ(parseError(edited("\"toward_zero\"", "\"nearest\"")),
            "t.json: decay.rounding: 'nearest' is not one of \"toward_zero\"");
}

TEST(TargetDescription, OutOfRange) {
  EXPECT_EQ(parseError(edited("\"bits\": 8", "\"bits\": 17")),
            "t.json: weights.bits: 17 is out of range 1..16");
  EXPECT_EQ(parseError(edited("\"neurons\": 1024", "\"neurons\": -3")),
            "t.json: core.neurons: -3 is out of range 1..1073741824");
  EXPECT_EQ(parseError(edited("\"bits\": 24, \"overflow\": \"saturate\"",
                              "\"bits\": 63, \"overflow\": \"saturate\"")),
            "t.json: state.voltage.bits: 63 is out of range 1..62");
  EXPECT_EQ(parseError(edited("\"bits\": 12", "\"bits\": 31")),
            "t.json: decay.bits: 31 is out of range 1..30");
  EXPECT_EQ(
      parseError(edited("\"current_offset\": 1", "\"current_offset\": 2")),
      "t.json: decay.current_offset: 2 is out of range 0..1 (the "
      "multiplier 2^bits - d - offset must stay >= 0 for d up to "
      "2^bits - 1)");
  EXPECT_EQ(parseError(edited("\"width\": 2", "\"width\": 1")),
            "t.json: chip.mesh: width x height = 1 x 2 = 2 positions for 4 "
            "cores");
  EXPECT_EQ(parseError(edited("\"exponent_min\": -7", "\"exponent_min\": 8")),
            "t.json: weights.exponent_min: 8 is greater than exponent_max 7");
  EXPECT_EQ(parseError(edited("\"max_fan_in\": 4096", "\"max_fan_in\": 4097")),
            "t.json: core.max_fan_in: 4097 is out of range 1..4096 (at most "
            "core.input_axons)");
  EXPECT_EQ(
      parseError(edited("\"mantissa_bits\": 17", "\"mantissa_bits\": 18")),
      "t.json: threshold: mantissa_bits + exponent = 24 exceeds "
      "state.voltage.bits - 1 = 23 (the largest threshold must be "
      "reachable)");
  EXPECT_EQ(parseError(edited("\"accumulator\": {\"bits\": 22",
                              "\"accumulator\": {\"bits\": 7")),
            "t.json: state.accumulator.bits: 7 cannot hold one weight of "
            "weights.bits = 8");
  EXPECT_EQ(parseError(edited("\"hop\": 4},\n  \"latency",
                              "\"hop\": -4},\n  \"latency")),
            "t.json: energy_pj.hop: expected a number >= 0, got -4");
}

TEST(TargetDescription, MissingField) {
  EXPECT_EQ(parseError(edited("\"max_fan_out\": 4096,", "")),
            "t.json: core.max_fan_out: missing (required)");
  EXPECT_EQ(parseError(edited("\"reset\": \"zero\",", "")),
            "t.json: reset: missing (required)");
  EXPECT_EQ(parseError(edited("\"bias\": {\"mantissa_bits\": 13, "
                              "\"exponent_max\": 7},",
                              "")),
            "t.json: bias: missing (required)");
  EXPECT_EQ(parseError(edited("\"layer_kinds\": [\"dense\", \"conv\"]",
                              "\"layer_kinds\": [\"dense\"]")),
            "t.json: core.conv_weights: only allowed when core.layer_kinds "
            "contains \"conv\"");
  EXPECT_EQ(
      parseError(edited("\"modes\": [\"bias\"]", "\"modes\": [\"spikes\"]")),
      "t.json: input.max_events_per_step: missing (required)");
}

TEST(TargetDescription, Provenance) {
  EXPECT_EQ(parseError(edited("\"core.neurons\": \"source",
                              "\"core.neuron\": \"source")),
            "t.json: provenance.core.neuron: names no field set in this "
            "description; did you mean \"core.neurons\"?");
  EXPECT_EQ(parseError(edited("\"source: a paper\"", "\"from a paper\"")),
            "t.json: provenance.core.neurons: expected \"<label>: <source>\" "
            "with label one of \"source\", \"secondary\", \"unverified\", "
            "\"illustrative\"");
}

TEST(TargetDescription, DuplicateKey) {
  EXPECT_EQ(parseError(edited("\"reset\": \"zero\",",
                              "\"reset\": \"zero\", \"reset\": \"zero\",")),
            "t.json: reset: duplicate key (line 19, column 20)");
  EXPECT_EQ(parseError(edited("\"neurons\": 1024,",
                              "\"neurons\": 1024, \"neurons\": 1,")),
            "t.json: core.neurons: duplicate key (line 6, column 29)");
}

TEST(TargetDescription, Version) {
  EXPECT_EQ(parseError(edited("\"snnc_target\": 1", "\"snnc_target\": 2")),
            "t.json: snnc_target: version 2 is not supported; this snnc reads "
            "version 1");
  EXPECT_EQ(parseError(edited("\"snnc_target\": 1,", "")),
            "t.json: snnc_target: missing (required: the format version; this "
            "snnc reads version 1)");
}

TEST(TargetDescription, MalformedJson) {
  EXPECT_EQ(parseError("{\n  \"snnc_target\": 1,\n}"),
            "t.json: line 3, column 1: Expected object key (malformed JSON)");
  EXPECT_EQ(parseError(edited("\"reset\": \"zero\",", "\"reset\": zero,")),
            "t.json: line 19, column 12: Invalid JSON value (malformed JSON)");
}

TEST(TargetDescription, Names) {
  std::string error;
  EXPECT_FALSE(loadTargetDescription("loihi2", &error));
  EXPECT_EQ(error, "target 'loihi2' is neither a shipped target (generic, "
                   "loihi, truenorth, xylo) nor an existing file");
  EXPECT_FALSE(loadTargetDescription("/nonexistent/dir/chip.json", &error));
  EXPECT_EQ(error, "target '/nonexistent/dir/chip.json' is neither a shipped "
                   "target (generic, loihi, truenorth, xylo) nor an existing "
                   "file");
}

TEST(TargetDescription, File) {
  llvm::SmallString<128> path;
  int fd = -1;
  ASSERT_FALSE(
      llvm::sys::fs::createTemporaryFile("snn-target", "json", fd, path));
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << kBase;
  }
  TargetDescription t = loadOk(std::string(path));
  EXPECT_EQ(t.name, "test");
  EXPECT_EQ(t.path, std::string(path));
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    os << edited("\"neurons\": 1024", "\"neurons\": 0");
  }
  std::string error;
  EXPECT_FALSE(loadTargetDescription(std::string(path), &error));
  EXPECT_EQ(error, std::string(path) +
                       ": core.neurons: 0 is out of range 1..1073741824");
  llvm::sys::fs::remove(path);
}

} // namespace
