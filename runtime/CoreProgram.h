// The emitted neuromorphic program: its in-memory form and its binary and text files.
//
// One file holds two views of the same quantised network. The layer view
// (`populations`, `projections`) is what the fixed-point reference under test/
// runs; the core view (`cores`, `hostRoutes`) is what the core simulator runs:
// per-core neurons, input axons with their synapses, and routing tables. The
// compiler fills this structure and writes it; the simulator reads it. Every
// integer rule the two runs must agree on is stated in docs/neuromorphic.md.
#ifndef SNN_RUNTIME_COREPROGRAM_H
#define SNN_RUNTIME_COREPROGRAM_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace snn::core {

/// Version written into and required from binary program files.
constexpr uint32_t kProgramVersion = 1;

enum class Overflow : uint8_t { Wrap = 0, Saturate = 1 };
enum class DecayEncoding : uint8_t { None = 0, Multiplier = 1, Shift = 2 };
enum class SpikeCompare : uint8_t { Greater = 0, GreaterEqual = 1 };
enum class ResetRule : uint8_t { Zero = 0, Subtract = 1 };
/// How the host feeds the model's input (a static image is a constant current):
/// Current: the host evaluates the first projection on the quantised input and
///   adds it to the first population's accumulator every step (graded input);
/// Bias: the same product, encoded as a per-neuron bias added to the voltage;
/// Spikes: the quantised input value is sent as an event count per channel
///   every step, through `hostRoutes`, to on-chip synapses.
enum class InputMode : uint8_t { Current = 0, Bias = 1, Spikes = 2 };
enum class ProjectionKind : uint8_t { Dense = 0, Conv = 1 };

/// A state register: `bits` wide (two's complement) and what happens past it.
/// bits == 0 for `current` means the core has no current state (input goes to
/// the voltage directly).
struct StateWidth {
  uint8_t bits = 0;
  Overflow overflow = Overflow::Wrap;
};

/// The integer neuron of every core of the chip (docs/neuromorphic.md,
/// "Simulator semantics", gives the exact update).
struct NeuronSemantics {
  StateWidth accumulator, current, voltage;
  DecayEncoding decay = DecayEncoding::Multiplier;
  uint8_t decayBits = 12;
  uint8_t currentDecayOffset = 0;
  uint8_t voltageDecayOffset = 0;
  SpikeCompare compare = SpikeCompare::Greater;
  uint8_t maxSpikesPerStep = 1;
  ResetRule reset = ResetRule::Zero;
  /// Steps between a spike and its arrival at the next population (≥ 1).
  uint8_t synapticDelay = 1;
  /// The accumulated input is shifted by `inputShift + weightExponent` (left
  /// if positive, arithmetic right if negative) before it joins the current.
  int8_t inputShift = 0;
  /// Bias = mantissa << exponent, |mantissa| < 2^(biasMantissaBits-1),
  /// 0 ≤ exponent ≤ biasExponentMax (input mode Bias only).
  uint8_t biasMantissaBits = 0;
  uint8_t biasExponentMax = 0;
};

/// One neuron layer of the network, with its integer parameters.
struct Population {
  std::string name;
  std::vector<int64_t> shape; // [N] or [C, H, W]
  int32_t currentDecay = 0;   // du in `decay`'s encoding
  int32_t voltageDecay = 0;   // dv
  int64_t threshold = 0;      // effective threshold (mantissa << exponent)
  int32_t weightExponent = 0; // of the projection that feeds this population
  int64_t size() const;
};

/// A layer-level connection with integer weights (the reference's view).
/// source == -1 is the host input. Dense weights are [target size, source
/// size]; conv weights are [F, C, KH, KW] over the source's [C, H, W].
struct Projection {
  ProjectionKind kind = ProjectionKind::Dense;
  int32_t source = -1;
  int32_t target = 0;
  std::vector<int64_t> weightShape;
  std::vector<int16_t> weights;
  int64_t strides[2] = {1, 1};
  int64_t pads[4] = {0, 0, 0, 0}; // top, left, bottom, right
};

/// A synapse inside a core: an input axon's event adds count × weight to the
/// accumulator of local neuron `target`.
struct Synapse {
  uint32_t target = 0;
  int16_t weight = 0;
};

/// A routing-table entry: events of a neuron go to input axon `axon` of core `core`.
struct Route {
  uint32_t core = 0;
  uint32_t axon = 0;
};

/// One core: a contiguous slice [firstNeuron, firstNeuron + numNeurons) of one
/// population, the synapses of its input axons, and where its spikes go.
struct Core {
  uint32_t id = 0;
  uint16_t x = 0, y = 0; // position on the mesh
  int32_t population = 0;
  uint32_t firstNeuron = 0;
  uint32_t numNeurons = 0;
  /// Dense: the core stores its synapses (below). Conv: the core stores only a
  /// reference to projection `projection`, whose kernel it shares with the
  /// other cores of the population (a target with shared conv weights); its
  /// input axon a is neuron a of that projection's source population and the
  /// targets of an event follow from the convolution's geometry.
  ProjectionKind kind = ProjectionKind::Dense;
  int32_t projection = -1;
  /// Dense only. axonSynapseStart[a] .. axonSynapseStart[a+1]: the synapses of input axon a
  /// (size = input axons + 1).
  std::vector<uint32_t> axonSynapseStart;
  std::vector<Synapse> synapses;
  /// routeStart[n] .. routeStart[n+1]: the routes of local neuron n
  /// (size = numNeurons + 1).
  std::vector<uint32_t> routeStart;
  std::vector<Route> routes;
};

struct Program {
  std::string target;         // the target description's name
  NeuronSemantics semantics;
  uint32_t timeSteps = 0;     // the model's T
  uint32_t runSteps = 0;      // steps the chip runs (T + pipeline depth)
  uint32_t outputOffset = 0;  // chip step of model step 0 at the output population
  float tauS = 3.0f;          // for the PSP readout of the output spikes
  /// Input: a value x becomes clamp(round_half_away(x * inputScale),
  /// inputMin, inputMax) before anything else (docs/neuromorphic.md).
  InputMode inputMode = InputMode::Current;
  std::vector<int64_t> inputShape; // per-sample, without the batch
  double inputScale = 1.0;
  int32_t inputMin = -127, inputMax = 127;
  int32_t outputPopulation = 0;

  std::vector<Population> populations;
  std::vector<Projection> projections;

  std::vector<Core> cores;
  /// Spikes mode: hostRouteStart[j] .. hostRouteStart[j+1] are the routes of
  /// input channel j (size = input size + 1); empty otherwise.
  std::vector<uint32_t> hostRouteStart;
  std::vector<Route> hostRoutes;

  int64_t inputSize() const;
};

/// Calls f(target, source, weightIndex) for every in-bounds tap of conv
/// projection `proj` (zero weights included), targets in [F, OH, OW] order:
/// the geometry the host's projection and the operation counts share.
template <typename Fn>
void forEachConvTap(const Program &program, const Projection &proj, Fn f) {
  const std::vector<int64_t> &in =
      proj.source < 0 ? program.inputShape : program.populations[proj.source].shape;
  const std::vector<int64_t> &out = program.populations[proj.target].shape;
  int64_t C = proj.weightShape[1], KH = proj.weightShape[2], KW = proj.weightShape[3];
  int64_t H = in[1], W = in[2], F = out[0], OH = out[1], OW = out[2];
  for (int64_t fo = 0; fo < F; ++fo)
    for (int64_t oy = 0; oy < OH; ++oy)
      for (int64_t ox = 0; ox < OW; ++ox) {
        int64_t target = (fo * OH + oy) * OW + ox;
        for (int64_t c = 0; c < C; ++c)
          for (int64_t ky = 0; ky < KH; ++ky) {
            int64_t iy = oy * proj.strides[0] - proj.pads[0] + ky;
            if (iy < 0 || iy >= H)
              continue;
            for (int64_t kx = 0; kx < KW; ++kx) {
              int64_t ix = ox * proj.strides[1] - proj.pads[1] + kx;
              if (ix >= 0 && ix < W)
                f(target, (c * H + iy) * W + ix, ((fo * C + c) * KH + ky) * KW + kx);
            }
          }
      }
}

/// Writes `program` as a versioned binary file (atomically). One-line error.
/// The program is validated first (validateProgram): an invalid one is refused
/// with "PATH: internal error: invalid program: ...", so that a file the
/// reader would reject is never written.
bool writeProgramBinary(const Program &program, const std::string &path,
                        std::string *error);
/// Reads a binary program and checks every index in it (a core's population,
/// synapse targets, routes, projection shapes), so the simulator can trust it.
bool readProgramBinary(const std::string &path, Program *program,
                       std::string *error);
/// Writes the readable, diffable text form (atomically).
bool writeProgramText(const Program &program, const std::string &path,
                      std::string *error);

/// The bytes of the binary file (layout in CoreProgram.cpp and
/// docs/neuromorphic.md, "Program format"); no validation.
std::string encodeProgramBinary(const Program &program);
/// Decodes and validates the bytes of a binary file; `name` starts every
/// error line ("NAME: core 3: route 7 targets core 99 of 12"). Never reads
/// past `size` and never allocates more than `size` bytes justify.
bool decodeProgramBinary(const void *data, std::size_t size,
                         const std::string &name, Program *program,
                         std::string *error);
/// The text form (what writeProgramText writes). Safe on invalid programs.
std::string programText(const Program &program);

/// Every structural and semantic rule the simulator relies on (indices in
/// range, shapes consistent, state widths that keep the int64 arithmetic of
/// docs/neuromorphic.md exact, timing). False with one line "NAME: ...".
bool validateProgram(const Program &program, const std::string &name,
                     std::string *error);
/// depth(p) of every population: 0 (1 in Spikes mode) for the target of the
/// host projection, depth(source) + 1 otherwise; -1 where undefined (no or
/// several incoming projections). Population p's model step t runs at chip
/// step t + depth(p) * synapticDelay; `outputOffset` must be that for t = 0
/// at the output population.
std::vector<int64_t> populationDepths(const Program &program);
/// Input axons of `core`: its dense axon table's size, or for a conv core
/// the size of its projection's source (the host input for source -1); -1
/// when that is undefined (an invalid program).
int64_t coreAxonCount(const Program &program, const Core &core);

} // namespace snn::core

#endif // SNN_RUNTIME_COREPROGRAM_H
