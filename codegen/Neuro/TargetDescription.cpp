// Strict reader of neuromorphic target descriptions (JSON) and the shipped
// ones.
//
// Every problem becomes one line "<file>: <dotted.field>: <what is wrong>":
// a target description decides what the mapper accepts and how the simulator
// computes, so a misspelt key or an impossible width must not be silently
// replaced by a default.
#include "codegen/Neuro/TargetDescription.h"

#include "runtime/MessageText.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>

using namespace snn::neuro;
using snn::core::DecayEncoding;
using snn::core::InputMode;
using snn::core::Overflow;
using snn::core::ResetRule;
using snn::core::SpikeCompare;
namespace json = llvm::json;
using llvm::StringRef;
using llvm::Twine;

namespace {

/// The format version this reader understands.
constexpr int64_t kFormatVersion = 1;
/// Counts (cores, neurons, axons) stay far below what the 32-bit indices of
/// the program file can address.
constexpr int64_t kMaxCount = int64_t(1) << 30;
/// A description is a few KiB; anything much larger is not one.
constexpr uint64_t kMaxFileBytes = 1 << 20;

struct ShippedTarget {
  const char *name;
  const char *text;
};

// Generated at build time from targets/*.json (EmbedTargets.cmake), so a
// shipped name works wherever the binary is installed.
const ShippedTarget kShippedTargets[] = {
#include "codegen/Neuro/ShippedTargets.inc"
};

const char *const kProvenanceLabels[] = {"source", "secondary", "unverified",
                                         "illustrative"};

/// A key as it may appear in a message: plain (dotted) identifiers as they
/// are, any other text (control bytes, huge keys) quoted and bounded.
std::string showKey(StringRef key) {
  bool plain =
      !key.empty() && key.size() <= 64 && llvm::all_of(key, [](char c) {
        return llvm::isAlnum(c) || c == '_' || c == '-' || c == '.';
      });
  return plain ? key.str() : snn::rt::quoteForMessage(key.str());
}

std::string dotted(StringRef path, StringRef key) {
  return path.empty() ? showKey(key) : (path + "." + showKey(key)).str();
}

std::string kindOf(const json::Value &value) {
  switch (value.kind()) {
  case json::Value::Null:
    return "null";
  case json::Value::Boolean:
    return "a boolean";
  case json::Value::Number:
    return "a number";
  case json::Value::String:
    return "a string";
  case json::Value::Array:
    return "an array";
  case json::Value::Object:
    return "an object";
  }
  return "a value";
}

/// The offending value for a message, short and on one line.
std::string showValue(const json::Value &value) {
  if (value.kind() == json::Value::Array || value.kind() == json::Value::Object)
    return kindOf(value);
  if (auto s = value.getAsString())
    return snn::rt::quoteForMessage(s->str()) + " (a string)";
  std::string text;
  llvm::raw_string_ostream os(text);
  os << value;
  return text;
}

/// The closest of `candidates` to `word`, or "" when none is plausibly meant.
std::string closest(StringRef word, llvm::ArrayRef<std::string> candidates) {
  std::string best;
  unsigned bestDistance = ~0u;
  for (const std::string &c : candidates) {
    unsigned d = word.edit_distance(c, /*AllowReplacements=*/true);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  unsigned limit = std::max<unsigned>(2, word.size() / 3);
  return bestDistance <= limit ? best : std::string();
}

std::string listOf(llvm::ArrayRef<std::string> names) {
  std::string text;
  for (const std::string &n : names)
    text += (text.empty() ? "\"" : ", \"") + n + "\"";
  return text;
}

/// Reads fields with their dotted names. The first problem is kept and every
/// later read becomes a no-op returning a default, so callers read straight
/// through and check `failed()` once per section.
class Reader {
public:
  explicit Reader(std::string file) : file(std::move(file)) {}

  bool failed() const { return !message.empty(); }
  const std::string &error() const { return message; }

  void fail(StringRef field, const Twine &what) {
    if (failed())
      return;
    message =
        file + ": " + (field.empty() ? "" : (field + ": ").str()) + what.str();
  }

  /// Unknown keys are errors: a misspelt optional field would otherwise be
  /// silently ignored and its default used.
  void checkKeys(const json::Object &object, StringRef path,
                 llvm::ArrayRef<std::string> allowed) {
    if (failed())
      return;
    std::vector<std::string> keys;
    for (const auto &entry : object)
      keys.push_back(entry.first.str());
    llvm::sort(keys);
    for (const std::string &key : keys) {
      if (llvm::is_contained(allowed, key))
        continue;
      std::string guess = closest(key, allowed);
      fail(dotted(path, key),
           guess.empty()
               ? "unknown field (expected one of " + listOf(allowed) + ")"
               : "unknown field; did you mean \"" + guess + "\"?");
      return;
    }
  }

  const json::Value *member(const json::Object &object, StringRef path,
                            StringRef key, bool required) {
    if (failed())
      return nullptr;
    const json::Value *value = object.get(key);
    if (!value && required)
      fail(dotted(path, key), "missing (required)");
    if (value)
      seen.insert(dotted(path, key));
    return value;
  }

  const json::Object *object(const json::Object &parent, StringRef path,
                             StringRef key, bool required = true) {
    const json::Value *value = member(parent, path, key, required);
    if (!value)
      return nullptr;
    const json::Object *result = value->getAsObject();
    if (!result)
      fail(dotted(path, key), "expected an object, got " + showValue(*value));
    return result;
  }

  /// An integer in [lo, hi]; `why` explains a bound that is not obvious.
  int64_t integer(const json::Object &parent, StringRef path, StringRef key,
                  int64_t lo, int64_t hi, bool required = true,
                  int64_t fallback = 0, StringRef why = "") {
    const json::Value *value = member(parent, path, key, required);
    if (!value)
      return fallback;
    std::optional<int64_t> n = value->getAsInteger();
    if (!n) {
      fail(dotted(path, key), "expected an integer, got " + showValue(*value));
      return fallback;
    }
    if (*n < lo || *n > hi) {
      fail(dotted(path, key), Twine(*n) + " is out of range " + Twine(lo) +
                                  ".." + Twine(hi) +
                                  (why.empty() ? "" : " (" + why + ")"));
      return fallback;
    }
    return *n;
  }

  /// A finite number >= 0 (energies and latencies).
  double nonNegative(const json::Object &parent, StringRef path,
                     StringRef key) {
    const json::Value *value = member(parent, path, key, /*required=*/true);
    if (!value)
      return 0;
    std::optional<double> x = value->getAsNumber();
    if (!x) {
      fail(dotted(path, key), "expected a number, got " + showValue(*value));
      return 0;
    }
    if (!std::isfinite(*x) || *x < 0) {
      fail(dotted(path, key),
           "expected a number >= 0, got " + showValue(*value));
      return 0;
    }
    return *x;
  }

  std::string string(const json::Object &parent, StringRef path, StringRef key,
                     bool required = true) {
    const json::Value *value = member(parent, path, key, required);
    if (!value)
      return "";
    std::optional<StringRef> s = value->getAsString();
    if (!s) {
      fail(dotted(path, key), "expected a string, got " + showValue(*value));
      return "";
    }
    return s->str();
  }

  /// One of `names`; returns its index (0 when absent or wrong).
  int choice(const json::Value &value, StringRef field,
             llvm::ArrayRef<std::string> names) {
    if (failed())
      return 0;
    std::optional<StringRef> s = value.getAsString();
    if (!s) {
      fail(field,
           "expected one of " + listOf(names) + ", got " + showValue(value));
      return 0;
    }
    auto it = llvm::find(names, s->str());
    if (it != names.end())
      return it - names.begin();
    std::string guess = closest(*s, names);
    fail(field, snn::rt::quoteForMessage(s->str()) + " is not one of " +
                    listOf(names) +
                    (guess.empty() ? "" : "; did you mean \"" + guess + "\"?"));
    return 0;
  }

  int choice(const json::Object &parent, StringRef path, StringRef key,
             llvm::ArrayRef<std::string> names, bool required = true,
             int fallback = 0) {
    const json::Value *value = member(parent, path, key, required);
    return value ? choice(*value, dotted(path, key), names) : fallback;
  }

  /// A non-empty array of distinct entries of `names`.
  std::vector<int> choices(const json::Object &parent, StringRef path,
                           StringRef key, llvm::ArrayRef<std::string> names) {
    std::vector<int> result;
    const json::Value *value = member(parent, path, key, /*required=*/true);
    if (!value)
      return result;
    const json::Array *array = value->getAsArray();
    std::string field = dotted(path, key);
    if (!array) {
      fail(field, "expected an array of " + listOf(names) + ", got " +
                      showValue(*value));
      return result;
    }
    if (array->empty())
      fail(field, "expected at least one of " + listOf(names));
    for (size_t i = 0; i < array->size() && !failed(); ++i) {
      int index =
          choice((*array)[i], (field + "[" + Twine(i) + "]").str(), names);
      if (failed())
        break;
      if (llvm::is_contained(result, index))
        fail((field + "[" + Twine(i) + "]").str(),
             "\"" + names[index] + "\" is listed twice");
      result.push_back(index);
    }
    return result;
  }

  /// Every dotted name that was present (objects and leaves), for checking
  /// the keys of "provenance".
  llvm::StringSet<> seen;

private:
  std::string file;
  std::string message;
};

std::vector<std::string> keys(std::initializer_list<const char *> names) {
  return std::vector<std::string>(names.begin(), names.end());
}

/// llvm::json reports "[line:column, byte=N]: message"; snnc says it in words.
std::string describeParseError(llvm::Error error) {
  std::string text = llvm::toString(std::move(error));
  StringRef rest(text);
  unsigned line = 0, column = 0;
  if (rest.consume_front("[") && !rest.consumeInteger(10, line) &&
      rest.consume_front(":") && !rest.consumeInteger(10, column)) {
    size_t end = rest.find("]: ");
    if (end != StringRef::npos)
      return ("line " + Twine(line) + ", column " + Twine(column) + ": " +
              rest.drop_front(end + 3) + " (malformed JSON)")
          .str();
  }
  return text + " (malformed JSON)";
}

/// llvm::json keeps one of two equal keys silently; in a hand-edited file a
/// repeated key is a mistake whose outcome nobody can tell, so it is an error.
/// `text` is valid JSON here. Returns "<dotted.key>: duplicate key (line L,
/// column C)" or "".
std::string findDuplicateKey(StringRef text) {
  struct Frame {
    bool object;
    std::string path;
    llvm::StringSet<> keys;
  };
  std::vector<Frame> stack;
  std::string lastKey;
  unsigned line = 1, column = 1;
  for (size_t i = 0; i < text.size(); ++i, ++column) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      column = 0;
    } else if (c == '{' || c == '[') {
      std::string path = stack.empty() ? "" : stack.back().path;
      if (!stack.empty() && stack.back().object)
        path = dotted(path, lastKey);
      stack.push_back({c == '{', path, {}});
    } else if (c == '}' || c == ']') {
      if (!stack.empty())
        stack.pop_back();
    } else if (c == '"') {
      unsigned startLine = line, startColumn = column;
      size_t end = i + 1;
      while (end < text.size() && text[end] != '"')
        end += text[end] == '\\' ? 2 : 1;
      StringRef raw = text.slice(i + 1, end);
      column += end - i;
      i = end;
      size_t next = text.find_first_not_of(" \t\r\n", i + 1);
      bool isKey = next != StringRef::npos && text[next] == ':' &&
                   !stack.empty() && stack.back().object;
      if (!isKey)
        continue;
      lastKey = raw.str();
      if (!stack.back().keys.insert(raw).second)
        return dotted(stack.back().path, raw) + ": duplicate key (line " +
               std::to_string(startLine) + ", column " +
               std::to_string(startColumn) + ")";
    }
  }
  return "";
}

void readChip(Reader &r, const json::Object &root, TargetDescription &t) {
  const json::Object *chip = r.object(root, "", "chip");
  if (!chip)
    return;
  r.checkKeys(*chip, "chip", keys({"cores", "mesh"}));
  t.cores = r.integer(*chip, "chip", "cores", 1, kMaxCount);
  const json::Object *mesh = r.object(*chip, "chip", "mesh");
  if (!mesh)
    return;
  r.checkKeys(*mesh, "chip.mesh", keys({"width", "height"}));
  // Core positions are 16-bit in the program file.
  t.meshWidth = r.integer(*mesh, "chip.mesh", "width", 1, 65535);
  t.meshHeight = r.integer(*mesh, "chip.mesh", "height", 1, 65535);
  if (!r.failed() && t.meshWidth * t.meshHeight < t.cores)
    r.fail("chip.mesh", "width x height = " + Twine(t.meshWidth) + " x " +
                            Twine(t.meshHeight) + " = " +
                            Twine(t.meshWidth * t.meshHeight) +
                            " positions for " + Twine(t.cores) + " cores");
}

void readCore(Reader &r, const json::Object &root, TargetDescription &t) {
  const json::Object *core = r.object(root, "", "core");
  if (!core)
    return;
  StringRef p = "core";
  r.checkKeys(*core, p,
              keys({"neurons", "input_axons", "output_axons",
                    "synapse_memory_bits", "bits_per_synapse", "bits_per_axon",
                    "max_fan_in", "max_fan_out", "layer_kinds", "conv_weights",
                    "max_output_neurons", "max_input_channels"}));
  t.neuronsPerCore = r.integer(*core, p, "neurons", 1, kMaxCount);
  t.inputAxonsPerCore = r.integer(*core, p, "input_axons", 1, kMaxCount);
  t.outputAxonsPerCore = r.integer(*core, p, "output_axons", 1, kMaxCount);
  t.bitsPerSynapse = r.integer(*core, p, "bits_per_synapse", 1, 64);
  t.synapseMemoryBits = r.integer(
      *core, p, "synapse_memory_bits", std::max<int64_t>(1, t.bitsPerSynapse),
      int64_t(1) << 40, true, 0, "at least one synapse");
  t.bitsPerAxon = r.integer(*core, p, "bits_per_axon", 0, 4096);
  // A neuron sees only the input axons of its own core.
  t.maxFanIn = r.integer(*core, p, "max_fan_in", 1,
                         std::max<int64_t>(1, t.inputAxonsPerCore), true, 0,
                         "at most core.input_axons");
  t.maxFanOut = r.integer(*core, p, "max_fan_out", 1, kMaxCount);

  std::vector<int> kinds =
      r.choices(*core, p, "layer_kinds", keys({"dense", "conv"}));
  t.supportsDense = llvm::is_contained(kinds, 0);
  t.supportsConv = llvm::is_contained(kinds, 1);
  // The kernel format only means something where convolutions are mapped.
  if (t.supportsConv) {
    t.convWeights =
        r.choice(*core, p, "conv_weights", keys({"shared", "expanded"})) == 0
            ? ConvWeights::Shared
            : ConvWeights::Expanded;
  } else if (core->get("conv_weights")) {
    r.fail("core.conv_weights",
           "only allowed when core.layer_kinds contains \"conv\"");
  }
  t.maxOutputNeurons =
      r.integer(*core, p, "max_output_neurons", 0,
                std::max<int64_t>(0, t.neuronsPerCore * t.cores), false, 0,
                "0 = any; at most the chip's neurons");
  t.maxInputChannels =
      r.integer(*core, p, "max_input_channels", 0, kMaxCount, false, 0);
}

void readWeights(Reader &r, const json::Object &root, TargetDescription &t) {
  const json::Object *w = r.object(root, "", "weights");
  if (!w)
    return;
  StringRef p = "weights";
  r.checkKeys(*w, p,
              keys({"encoding", "bits", "exponent_min", "exponent_max",
                    "axon_types", "input_shift"}));
  bool exponent =
      r.choice(*w, p, "encoding", keys({"exponent", "axon_types"})) == 0;
  t.weightEncoding =
      exponent ? WeightEncoding::Exponent : WeightEncoding::AxonTypes;
  // Weights are stored as int16 in the program.
  t.weightBits = r.integer(*w, p, "bits", 1, 16);
  t.semantics.inputShift = r.integer(*w, p, "input_shift", -16, 16);
  if (r.failed())
    return;
  if (exponent) {
    if (w->get("axon_types"))
      return r.fail("weights.axon_types",
                    "only allowed with encoding \"axon_types\"");
    t.weightExponentMin = r.integer(*w, p, "exponent_min", -16, 16);
    t.weightExponentMax = r.integer(*w, p, "exponent_max", -16, 16);
    if (!r.failed() && t.weightExponentMin > t.weightExponentMax)
      r.fail("weights.exponent_min", Twine(t.weightExponentMin) +
                                         " is greater than exponent_max " +
                                         Twine(t.weightExponentMax));
    return;
  }
  for (const char *key : {"exponent_min", "exponent_max"})
    if (w->get(key))
      return r.fail(dotted(p, key), "only allowed with encoding \"exponent\"");
  t.axonTypes = r.integer(*w, p, "axon_types", 1, 16);
}

snn::core::StateWidth readWidth(Reader &r, const json::Object &state,
                                StringRef key, int64_t minBits) {
  snn::core::StateWidth width;
  const json::Object *o = r.object(state, "state", key);
  if (!o)
    return width;
  std::string p = dotted("state", key);
  r.checkKeys(*o, p, keys({"bits", "overflow"}));
  // 62 leaves the simulator headroom for one addition in int64.
  width.bits = r.integer(*o, p, "bits", minBits, 62);
  // An absent current (bits 0) has no overflow rule to state.
  int overflow = r.choice(*o, p, "overflow", keys({"wrap", "saturate"}),
                          /*required=*/width.bits != 0);
  width.overflow = overflow == 0 ? Overflow::Wrap : Overflow::Saturate;
  return width;
}

void readState(Reader &r, const json::Object &root, TargetDescription &t) {
  const json::Object *state = r.object(root, "", "state");
  if (!state)
    return;
  r.checkKeys(*state, "state", keys({"accumulator", "current", "voltage"}));
  auto &s = t.semantics;
  s.accumulator = readWidth(r, *state, "accumulator", 1);
  s.current = readWidth(r, *state, "current", 0);
  s.voltage = readWidth(r, *state, "voltage", 1);
  if (!r.failed() && s.accumulator.bits < t.weightBits)
    r.fail(
        "state.accumulator.bits",
        Twine(int(s.accumulator.bits)) +
            " cannot hold one weight of weights.bits = " + Twine(t.weightBits));
}

void readDecay(Reader &r, const json::Object &root, TargetDescription &t) {
  const json::Object *d = r.object(root, "", "decay");
  if (!d)
    return;
  StringRef p = "decay";
  auto &s = t.semantics;
  int encoding =
      r.choice(*d, p, "encoding", keys({"multiplier", "shift", "none"}));
  if (r.failed())
    return;
  if (encoding == 2) {
    r.checkKeys(*d, p, keys({"encoding"}));
    s.decay = DecayEncoding::None;
    s.decayBits = 0;
    return;
  }
  if (encoding == 1) {
    // v - (v >> d): the field holds d, and shifts stay below 64.
    r.checkKeys(*d, p, keys({"encoding", "bits"}));
    s.decay = DecayEncoding::Shift;
    s.decayBits = r.integer(*d, p, "bits", 1, 6, true, 0,
                            "a shift up to 2^bits - 1 must stay below 64");
    return;
  }
  r.checkKeys(*d, p,
              keys({"encoding", "bits", "current_offset", "voltage_offset",
                    "rounding"}));
  s.decay = DecayEncoding::Multiplier;
  s.decayBits = r.integer(*d, p, "bits", 1, 30);
  // The multiplier 2^bits - d - offset must stay >= 0 for every d up to
  // 2^bits - 1, so an offset above 1 would make the largest d negative.
  StringRef why = "the multiplier 2^bits - d - offset must stay >= 0 for "
                  "d up to 2^bits - 1";
  s.currentDecayOffset = r.integer(*d, p, "current_offset", 0, 1, true, 0, why);
  s.voltageDecayOffset = r.integer(*d, p, "voltage_offset", 0, 1, true, 0, why);
  r.choice(*d, p, "rounding", keys({"toward_zero"}));
}

void readNeuron(Reader &r, const json::Object &root, TargetDescription &t) {
  auto &s = t.semantics;
  if (const json::Object *th = r.object(root, "", "threshold")) {
    r.checkKeys(*th, "threshold", keys({"mantissa_bits", "exponent"}));
    t.thresholdMantissaBits =
        r.integer(*th, "threshold", "mantissa_bits", 1, 62);
    t.thresholdExponent = r.integer(*th, "threshold", "exponent", 0, 62);
    // The largest threshold, (2^m - 1) << e, must be reachable by a voltage
    // of `voltage.bits` two's-complement bits.
    if (!r.failed() && s.voltage.bits > 0 &&
        t.thresholdMantissaBits + t.thresholdExponent > s.voltage.bits - 1)
      r.fail("threshold",
             "mantissa_bits + exponent = " +
                 Twine(t.thresholdMantissaBits + t.thresholdExponent) +
                 " exceeds state.voltage.bits - 1 = " +
                 Twine(int(s.voltage.bits) - 1) +
                 " (the largest threshold must be reachable)");
  }
  if (const json::Object *spike = r.object(root, "", "spike")) {
    r.checkKeys(*spike, "spike", keys({"compare", "max_per_step"}));
    s.compare = r.choice(*spike, "spike", "compare", keys({"gt", "ge"})) == 0
                    ? SpikeCompare::Greater
                    : SpikeCompare::GreaterEqual;
    s.maxSpikesPerStep = r.integer(*spike, "spike", "max_per_step", 1, 255);
  }
  s.reset = r.choice(root, "", "reset", keys({"zero", "subtract"})) == 0
                ? ResetRule::Zero
                : ResetRule::Subtract;
  s.synapticDelay = r.integer(root, "", "synaptic_delay", 0, 255);
}

void readInput(Reader &r, const json::Object &root, TargetDescription &t) {
  const json::Object *in = r.object(root, "", "input");
  if (!in)
    return;
  r.checkKeys(*in, "input", keys({"modes", "max_events_per_step"}));
  std::vector<int> modes =
      r.choices(*in, "input", "modes", keys({"current", "bias", "spikes"}));
  for (int m : modes)
    t.inputModes.push_back(static_cast<InputMode>(m));
  if (r.failed())
    return;
  bool spikes = llvm::is_contained(t.inputModes, InputMode::Spikes);
  if (spikes)
    t.maxInputEventsPerStep =
        r.integer(*in, "input", "max_events_per_step", 1, 65535);
  else if (in->get("max_events_per_step"))
    return r.fail("input.max_events_per_step",
                  "only allowed when input.modes contains \"spikes\"");

  // The bias encoding exists exactly when the chip takes bias input.
  bool bias = llvm::is_contained(t.inputModes, InputMode::Bias);
  if (!bias) {
    if (root.get("bias"))
      r.fail("bias", "only allowed when input.modes contains \"bias\"");
    return;
  }
  const json::Object *b = r.object(root, "", "bias");
  if (!b)
    return;
  auto &s = t.semantics;
  r.checkKeys(*b, "bias", keys({"mantissa_bits", "exponent_max"}));
  // A signed mantissa needs a sign bit and one magnitude bit.
  s.biasMantissaBits = r.integer(*b, "bias", "mantissa_bits", 2, 62);
  s.biasExponentMax = r.integer(*b, "bias", "exponent_max", 0, 62);
  if (!r.failed() && s.voltage.bits > 0 &&
      s.biasMantissaBits - 1 + s.biasExponentMax > s.voltage.bits - 1)
    r.fail("bias", "mantissa_bits - 1 + exponent_max = " +
                       Twine(s.biasMantissaBits - 1 + s.biasExponentMax) +
                       " exceeds state.voltage.bits - 1 = " +
                       Twine(int(s.voltage.bits) - 1));
}

void readCosts(Reader &r, const json::Object &root, StringRef key,
               EnergyLatency &costs) {
  const json::Object *o = r.object(root, "", key);
  if (!o)
    return;
  r.checkKeys(*o, key,
              keys({"synaptic_op", "neuron_update", "spike_out", "hop"}));
  costs.synapticOp = r.nonNegative(*o, key, "synaptic_op");
  costs.neuronUpdate = r.nonNegative(*o, key, "neuron_update");
  costs.spikeOut = r.nonNegative(*o, key, "spike_out");
  costs.hop = r.nonNegative(*o, key, "hop");
}

/// "provenance" maps dotted names of fields this file sets to
/// "<label>: <where the figure comes from>".
void readProvenance(Reader &r, const json::Object &root, TargetDescription &t) {
  std::vector<std::string> known;
  for (const auto &entry : r.seen)
    known.push_back(entry.getKey().str());
  llvm::sort(known);
  const json::Object *prov = r.object(root, "", "provenance", false);
  if (!prov)
    return;
  std::vector<std::string> fields;
  for (const auto &entry : *prov)
    fields.push_back(entry.first.str());
  llvm::sort(fields);
  for (const std::string &field : fields) {
    std::string where = "provenance." + showKey(field);
    if (!llvm::is_contained(known, field)) {
      std::string guess = closest(field, known);
      return r.fail(where,
                    "names no field set in this description" +
                        (guess.empty() ? std::string()
                                       : "; did you mean \"" + guess + "\"?"));
    }
    const json::Value &value = *prov->get(field);
    std::optional<StringRef> text = value.getAsString();
    if (!text)
      return r.fail(where, "expected a string, got " + showValue(value));
    auto [label, note] = text->split(':');
    if (!llvm::is_contained(kProvenanceLabels, label) || note.trim().empty())
      return r.fail(where, "expected \"<label>: <source>\" with label one of "
                           "\"source\", \"secondary\", \"unverified\", "
                           "\"illustrative\"");
    t.provenanceNotes[field] = text->str();
    if (label != "source")
      t.provenance[field] = label.str();
  }
}

} // namespace

std::string TargetDescription::provenanceOf(const std::string &field) const {
  // A label on a group ("energy_pj") covers every field inside it.
  StringRef name(field);
  while (!name.empty()) {
    auto it = provenance.find(name.str());
    if (it != provenance.end())
      return it->second;
    size_t dot = name.rfind('.');
    name = dot == StringRef::npos ? StringRef() : name.take_front(dot);
  }
  return "";
}

std::vector<std::string> snn::neuro::shippedTargetNames() {
  std::vector<std::string> names;
  for (const ShippedTarget &s : kShippedTargets)
    names.push_back(s.name);
  return names;
}

std::optional<TargetDescription> snn::neuro::parseTargetDescription(
    const std::string &text, const std::string &path, std::string *error) {
  auto setError = [&](const std::string &message) {
    if (error)
      *error = message;
    return std::nullopt;
  };
  llvm::Expected<json::Value> parsed = json::parse(text);
  if (!parsed)
    return setError(path + ": " + describeParseError(parsed.takeError()));
  std::string duplicate = findDuplicateKey(text);
  if (!duplicate.empty())
    return setError(path + ": " + duplicate);
  const json::Object *root = parsed->getAsObject();
  if (!root)
    return setError(path + ": expected a JSON object at the top level, got " +
                    kindOf(*parsed));

  Reader r(path);
  // The version comes first: a newer file may use keys this reader lacks.
  const json::Value *version = root->get("snnc_target");
  if (!version)
    return setError(path +
                    ": snnc_target: missing (required: the format "
                    "version; this snnc reads version " +
                    std::to_string(kFormatVersion) + ")");
  std::optional<int64_t> v = version->getAsInteger();
  if (!v || *v != kFormatVersion)
    return setError(path + ": snnc_target: version " + showValue(*version) +
                    " is not supported; this snnc reads version " +
                    std::to_string(kFormatVersion));
  r.seen.insert("snnc_target");

  r.checkKeys(
      *root, "",
      keys({"snnc_target", "name", "summary", "chip", "core", "weights",
            "state", "decay", "threshold", "spike", "reset", "synaptic_delay",
            "input", "bias", "energy_pj", "latency_ns", "provenance"}));
  TargetDescription t;
  t.path = path;
  t.name = r.string(*root, "", "name");
  // The name ends up in program files and messages: keep it a plain word.
  if (!r.failed() && (t.name.empty() || t.name.size() > 64 ||
                      !llvm::all_of(t.name, [](char c) {
                        return llvm::isAlnum(c) || c == '_' || c == '-';
                      })))
    r.fail("name", "expected 1 to 64 letters, digits, '_' or '-', got " +
                       snn::rt::quoteForMessage(t.name));
  t.summary = r.string(*root, "", "summary");
  readChip(r, *root, t);
  readCore(r, *root, t);
  readWeights(r, *root, t);
  readState(r, *root, t);
  readDecay(r, *root, t);
  readNeuron(r, *root, t);
  readInput(r, *root, t);
  readCosts(r, *root, "energy_pj", t.energyPJ);
  readCosts(r, *root, "latency_ns", t.latencyNS);
  if (!r.failed())
    readProvenance(r, *root, t);
  if (r.failed())
    return setError(r.error());
  return t;
}

std::optional<TargetDescription>
snn::neuro::loadTargetDescription(const std::string &nameOrPath,
                                  std::string *error) {
  // A shipped name wins over a file of the same name in the working folder.
  for (const ShippedTarget &s : kShippedTargets)
    if (nameOrPath == s.name)
      return parseTargetDescription(
          s.text, std::string("<shipped>/") + s.name + ".json", error);

  if (!llvm::sys::fs::exists(nameOrPath)) {
    if (error) {
      std::string names;
      for (const ShippedTarget &s : kShippedTargets)
        names += (names.empty() ? "" : ", ") + std::string(s.name);
      *error = "target " + snn::rt::quoteForMessage(nameOrPath) +
               " is neither a shipped target (" + names +
               ") nor an existing file";
    }
    return std::nullopt;
  }
  uint64_t size = 0;
  if (!llvm::sys::fs::file_size(nameOrPath, size) && size > kMaxFileBytes) {
    if (error)
      *error = nameOrPath + ": " + std::to_string(size) +
               " bytes is too large for a target description (at most " +
               std::to_string(kMaxFileBytes) + ")";
    return std::nullopt;
  }
  auto buffer = llvm::MemoryBuffer::getFile(nameOrPath, /*IsText=*/true);
  if (!buffer) {
    if (error)
      *error = nameOrPath + ": cannot read: " + buffer.getError().message();
    return std::nullopt;
  }
  return parseTargetDescription((*buffer)->getBuffer().str(), nameOrPath,
                                error);
}
