// A neuromorphic chip and core as read from a declarative target description (JSON).
//
// The format is documented field by field in docs/neuromorphic.md; shipped
// descriptions live in targets/*.json. Every limit carries the dotted name of
// its JSON field so that mapping diagnostics can quote it ("core.neurons").
#ifndef SNN_CODEGEN_NEURO_TARGETDESCRIPTION_H
#define SNN_CODEGEN_NEURO_TARGETDESCRIPTION_H

#include "runtime/CoreProgram.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace snn::neuro {

/// How a core stores weights.
enum class WeightEncoding {
  /// Signed `bits`-bit integers with one exponent per projection in
  /// [exponentMin, exponentMax] (Loihi: w << (6 + exp); Xylo: a left shift).
  Exponent,
  /// TrueNorth-style: a binary crossbar, each input axon has one of
  /// `axonTypes` types and each neuron one signed `bits`-bit weight per type.
  AxonTypes,
};

enum class ConvWeights {
  Shared,   // one kernel per core, targets from the geometry
  Expanded, // every synapse stored (Loihi 1)
};

struct EnergyLatency {
  double synapticOp = 0, neuronUpdate = 0, spikeOut = 0, hop = 0;
};

struct TargetDescription {
  std::string name, summary;
  std::string path; // where it was read from ("<shipped>/loihi.json" or a file)

  // chip
  int64_t cores = 0;
  int64_t meshWidth = 0, meshHeight = 0;

  // core
  int64_t neuronsPerCore = 0;
  int64_t inputAxonsPerCore = 0;
  int64_t outputAxonsPerCore = 0;
  int64_t synapseMemoryBits = 0;
  int64_t bitsPerSynapse = 0; // weight + index bits of one stored synapse
  int64_t bitsPerAxon = 0;    // per used input axon (headers)
  int64_t maxFanIn = 0;       // distinct inputs of one neuron
  int64_t maxFanOut = 0;      // synapses driven by one neuron's spike
  bool supportsDense = true, supportsConv = true;
  ConvWeights convWeights = ConvWeights::Expanded;
  /// Neurons that may drive the host readout (Xylo: 8 output neurons); 0 = any.
  int64_t maxOutputNeurons = 0;
  /// Input channels the chip accepts (Xylo: 16); 0 = no limit.
  int64_t maxInputChannels = 0;

  // weights
  WeightEncoding weightEncoding = WeightEncoding::Exponent;
  int64_t weightBits = 8;
  int64_t weightExponentMin = 0, weightExponentMax = 0;
  int64_t axonTypes = 0; // AxonTypes only

  // the integer neuron: widths, overflow, decay, threshold, spike and reset
  // rules, delay and input shift, in the program's own terms
  snn::core::NeuronSemantics semantics;
  int64_t thresholdMantissaBits = 0, thresholdExponent = 0;

  /// Input modes the chip offers, in order of preference.
  std::vector<snn::core::InputMode> inputModes;
  /// Largest event count per channel and step in Spikes mode.
  int64_t maxInputEventsPerStep = 1;

  /// Per-event energy (pJ) and latency (ns).
  EnergyLatency energyPJ, latencyNS;

  /// Dotted field name -> "secondary", "unverified" or "illustrative" (from
  /// "provenance"; fields labelled "source" are sourced directly and absent).
  std::map<std::string, std::string> provenance;
  /// Dotted field name -> the whole "provenance" entry ("source: ...").
  std::map<std::string, std::string> provenanceNotes;

  /// The label of a field's figure for reports: "" when sourced directly.
  std::string provenanceOf(const std::string &field) const;
};

/// The names of the shipped descriptions (targets/*.json, installed with snnc).
std::vector<std::string> shippedTargetNames();

/// Reads `nameOrPath`: a shipped name ("loihi") or a path to a JSON file.
/// Every problem is one line naming the file and the dotted field
/// ("loihi.json: core.neurons: expected a positive integer, got -3").
std::optional<TargetDescription> loadTargetDescription(const std::string &nameOrPath,
                                                       std::string *error);

/// Parses JSON text (`path` only names it in messages).
std::optional<TargetDescription> parseTargetDescription(const std::string &text,
                                                        const std::string &path,
                                                        std::string *error);

} // namespace snn::neuro

#endif // SNN_CODEGEN_NEURO_TARGETDESCRIPTION_H
