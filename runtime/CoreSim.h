// The bit-exact, event-driven simulator of a core program (docs/neuromorphic.md, "Simulator semantics").
#ifndef SNN_RUNTIME_CORESIM_H
#define SNN_RUNTIME_CORESIM_H

#include "runtime/CoreProgram.h"

#include <cstdint>
#include <vector>

namespace snn::core {

/// Activity of one population, counted only inside its model window (chip
/// steps [depth * delay, depth * delay + T)), per sample summed over samples.
struct PopulationCounters {
  int64_t spikes = 0;        ///< sum of spike counts n
  int64_t spikeEvents = 0;   ///< neuron-steps with n > 0 (one routed packet each)
  int64_t synapticOps = 0;   ///< per event delivered to this population: synapses it touched
  int64_t neuronUpdates = 0; ///< neurons x window steps
  int64_t routedEvents = 0;  ///< events delivered to this population's cores (one per route)
  int64_t hops = 0;          ///< per delivered event: |dx| + |dy| between the cores (host: 0)
  void add(const PopulationCounters &other);
};

struct SimCounters {
  std::vector<PopulationCounters> populations; ///< by population index
  int64_t samples = 0;
  /// Current and Bias modes: the host's multiply-accumulates, counted as the
  /// nonzero (weight, input) pairs of the host projection, once per model step.
  int64_t hostMacs = 0;
  /// Spikes mode: events the host emits (input channels with q != 0, per step).
  int64_t hostEvents = 0;
  PopulationCounters total() const;
  void add(const SimCounters &other);
};

/// The integer primitives of the neuron update, exposed for tests and tools.
namespace sem {
/// fit(w, x): Wrap keeps the low w.bits bits sign-extended; Saturate clamps
/// to ±(2^(bits-1) - 1). w.bits in 1..62.
int64_t fit(const StateWidth &w, int64_t x);
/// decay(x, d, off): None: x; Multiplier: sign(x) * ((|x| * (2^bits - d - off))
/// >> bits), i.e. truncated toward zero; Shift: x - (x >> d) (arithmetic).
int64_t decay(const NeuronSemantics &s, int64_t x, int64_t d, int64_t offset);
/// x * 2^k for k >= 0, floor(x / 2^-k) for k < 0.
int64_t shiftBy(int64_t x, int64_t k);
/// clamp(round_half_away(x * scale), min, max); NaN becomes 0.
int64_t quantize(float x, double scale, int32_t min, int32_t max);
/// The bias a host value b becomes: m * 2^e with the smallest e in
/// [0, exponentMax] for which |trunc(b / 2^e)| <= 2^(mantissaBits-1) - 1,
/// else e = exponentMax and m clamped to that range.
int64_t encodeBias(int64_t b, int mantissaBits, int exponentMax);
} // namespace sem

/// Runs one sample at a time through the cores of a program. The program
/// must be valid (readProgramBinary or validateProgram) and outlive the
/// simulator. Not thread-safe: use one simulator per thread (simulateBatch).
class CoreSimulator {
public:
  explicit CoreSimulator(const Program &program);

  int64_t inputSize() const { return inputCount; }
  /// Output population size: the rows of `outputCounts`.
  int64_t classes() const { return classCount; }
  int64_t timeSteps() const { return steps; }

  /// Runs one sample (`inputSize()` floats) for `runSteps` chip steps and
  /// writes the output population's spike counts [classes, T], model step t
  /// taken at chip step outputOffset + t. Counters accumulate over calls.
  void run(const float *input, int32_t *outputCounts);
  /// The same, also writing every population's counts in its model window:
  /// (*trace)[p] = [T, size(p)].
  void run(const float *input, int32_t *outputCounts, std::vector<std::vector<int32_t>> *trace);

  const SimCounters &counters() const { return stats; }
  void resetCounters();

private:
  struct CoreInfo {
    int64_t base = 0; ///< global number of the core's first neuron
    int32_t population = 0;
    bool conv = false;
    // Conv geometry (the projection's kernel is shared by the population's cores).
    const int16_t *kernel = nullptr;
    int64_t channels = 0, height = 0, width = 0, outHeight = 0, outWidth = 0;
    int64_t kernelH = 0, kernelW = 0, strideH = 1, strideW = 1, padTop = 0, padLeft = 0;
  };
  struct Pending {
    int64_t count;
    int32_t core; ///< -1: host input channel `index`
    uint32_t index;
  };
  void prepareHost(const float *input);
  void deliver(const Pending &event, uint32_t step);
  int64_t deliverConv(const CoreInfo &info, uint32_t axon, int64_t count);

  const Program &program;
  int64_t inputCount = 0, classCount = 0, steps = 0;
  int32_t hostProjection = -1, firstPopulation = -1;
  std::vector<int64_t> windowStart; ///< per population
  std::vector<int64_t> shift;       ///< per population: inputShift + weightExponent
  std::vector<CoreInfo> coreInfo;
  std::vector<int64_t> hostNonzeroPerInput; ///< dense host projection: nonzero weights per input
  int64_t hostNonzeroPairs = 0;

  // Per-sample state (reused: no allocation per step or event).
  std::vector<uint64_t> acc; ///< exact sums, wrapping (the reader bounds them below 2^62)
  std::vector<int64_t> u, v;
  std::vector<int64_t> quantised, hostValue;
  /// Bias mode: the host's copy of the first population's current register.
  std::vector<int64_t> hostRegister;
  std::vector<std::vector<Pending>> ring;
  SimCounters stats;
};

/// The PSP readout of one class's spike counts row [T]: sum over t of
/// n_t * (1 - alpha^(T - t)), alpha = 1 - 1/tauS.
double readoutScore(const int32_t *counts, int64_t steps, double tauS);
/// argmax over classes of readoutScore (ties: the lowest index); counts [classes, T].
int predict(const int32_t *counts, int64_t classes, int64_t steps, double tauS);

/// Runs `samples` inputs ([samples, inputSize] floats) on `threads` threads
/// (0: all hardware threads), writing outputs [samples, classes, T]. Adds
/// the counters to `*counters` when non-null (its population table is sized
/// on first use).
void simulateBatch(const Program &program, const float *inputs, int64_t samples,
                   int32_t *outputs, int threads, SimCounters *counters);

} // namespace snn::core

#endif // SNN_RUNTIME_CORESIM_H
