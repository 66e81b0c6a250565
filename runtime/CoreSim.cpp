// The event-driven core simulator: routes, per-core synapses or shared conv kernels, integer neurons.
//
// Every rule here is one of docs/neuromorphic.md, "Simulator semantics". The
// state is flat arrays indexed by a global neuron number (cores in order,
// each core's neurons contiguous); events wait in a ring of per-step lists
// that keep their capacity, so a sample allocates nothing after the first.
#include "runtime/CoreSim.h"

#include "runtime/Parallel.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <mutex>

namespace snn::core {

void PopulationCounters::add(const PopulationCounters &o) {
  spikes += o.spikes;
  spikeEvents += o.spikeEvents;
  synapticOps += o.synapticOps;
  neuronUpdates += o.neuronUpdates;
  routedEvents += o.routedEvents;
  hops += o.hops;
}

PopulationCounters SimCounters::total() const {
  PopulationCounters sum;
  for (const PopulationCounters &p : populations)
    sum.add(p);
  return sum;
}

void SimCounters::add(const SimCounters &o) {
  if (populations.size() < o.populations.size())
    populations.resize(o.populations.size());
  for (size_t p = 0; p < o.populations.size(); ++p)
    populations[p].add(o.populations[p]);
  samples += o.samples;
  hostMacs += o.hostMacs;
  hostEvents += o.hostEvents;
}

namespace {

// The primitives, inline for the neuron loop; sem:: wraps them.

inline int64_t fitWidth(int bits, Overflow overflow, int64_t x) {
  if (overflow == Overflow::Wrap) {
    // Low `bits` bits, sign-extended (the right shift of a negative int64 is
    // arithmetic on every compiler snnc supports).
    int up = 64 - bits;
    return int64_t(uint64_t(x) << up) >> up;
  }
  int64_t limit = (int64_t(1) << (bits - 1)) - 1;
  return x > limit ? limit : x < -limit ? -limit : x;
}

inline int64_t decayValue(DecayEncoding encoding, int bits, int64_t x, int64_t d,
                          int64_t offset) {
  switch (encoding) {
  case DecayEncoding::None:
    return x;
  case DecayEncoding::Multiplier: {
    // (|x| * m) >> bits without a 128-bit product: |x| = hi * 2^bits + lo,
    // so the result is hi * m + ((lo * m) >> bits), exactly; lo, m <= 2^31.
    uint64_t m = (uint64_t(1) << bits) - uint64_t(d) - uint64_t(offset);
    uint64_t a = x < 0 ? uint64_t(0) - uint64_t(x) : uint64_t(x);
    uint64_t lowMask = (uint64_t(1) << bits) - 1;
    uint64_t r = (a >> bits) * m + (((a & lowMask) * m) >> bits);
    return x < 0 ? int64_t(uint64_t(0) - r) : int64_t(r);
  }
  case DecayEncoding::Shift:
    return x - (x >> d);
  }
  return x;
}

inline int64_t shiftValue(int64_t x, int64_t k) {
  if (k >= 0)
    return k >= 64 ? 0 : int64_t(uint64_t(x) << k);
  if (k <= -63)
    return x < 0 ? -1 : 0;
  return x >> -k;
}

inline bool crosses(SpikeCompare compare, int64_t v, int64_t threshold) {
  return compare == SpikeCompare::Greater ? v > threshold : v >= threshold;
}

/// floor(a / b) and ceil(a / b) for b > 0.
inline int64_t floorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
inline int64_t ceilDiv(int64_t a, int64_t b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }

} // namespace

namespace sem {
int64_t fit(const StateWidth &w, int64_t x) { return fitWidth(w.bits, w.overflow, x); }
int64_t decay(const NeuronSemantics &s, int64_t x, int64_t d, int64_t offset) {
  return decayValue(s.decay, s.decayBits, x, d, offset);
}
int64_t shiftBy(int64_t x, int64_t k) { return shiftValue(x, k); }
int64_t quantize(float x, double scale, int32_t min, int32_t max) {
  double y = double(x) * scale;
  if (std::isnan(y))
    y = 0;
  // Clamping first keeps llround in range; the bounds are integers, so
  // clamp-then-round equals round-then-clamp.
  if (y <= double(min))
    return min;
  if (y >= double(max))
    return max;
  return std::llround(y);
}
int64_t encodeBias(int64_t b, int mantissaBits, int exponentMax) {
  int64_t limit = (int64_t(1) << (mantissaBits - 1)) - 1;
  for (int e = 0; e <= exponentMax; ++e) {
    int64_t m = b / (int64_t(1) << e); // C++ division truncates toward zero
    if (m >= -limit && m <= limit)
      return m * (int64_t(1) << e);
  }
  int64_t m = b / (int64_t(1) << exponentMax);
  m = std::clamp(m, -limit, limit);
  return m * (int64_t(1) << exponentMax);
}
} // namespace sem

CoreSimulator::CoreSimulator(const Program &program) : program(program) {
  const NeuronSemantics &s = program.semantics;
  inputCount = program.inputSize();
  classCount = program.populations[program.outputPopulation].size();
  steps = program.timeSteps;
  std::vector<int64_t> depth = populationDepths(program);
  for (size_t p = 0; p < program.populations.size(); ++p) {
    windowStart.push_back(depth[p] * s.synapticDelay);
    shift.push_back(int64_t(s.inputShift) + program.populations[p].weightExponent);
  }
  for (size_t i = 0; i < program.projections.size(); ++i)
    if (program.projections[i].source == -1) {
      hostProjection = int32_t(i);
      firstPopulation = program.projections[i].target;
    }

  int64_t neurons = 0;
  coreInfo.resize(program.cores.size());
  for (size_t c = 0; c < program.cores.size(); ++c) {
    const Core &core = program.cores[c];
    CoreInfo &info = coreInfo[c];
    info.base = neurons;
    info.population = core.population;
    neurons += core.numNeurons;
    if (core.kind != ProjectionKind::Conv)
      continue;
    const Projection &p = program.projections[core.projection];
    const std::vector<int64_t> &src =
        p.source == -1 ? program.inputShape : program.populations[p.source].shape;
    const std::vector<int64_t> &dst = program.populations[p.target].shape;
    info.conv = true;
    info.kernel = p.weights.data();
    info.channels = src[0];
    info.height = src[1];
    info.width = src[2];
    info.outHeight = dst[1];
    info.outWidth = dst[2];
    info.kernelH = p.weightShape[2];
    info.kernelW = p.weightShape[3];
    info.strideH = p.strides[0];
    info.strideW = p.strides[1];
    info.padTop = p.pads[0];
    info.padLeft = p.pads[1];
  }
  acc.assign(size_t(neurons), 0);
  u.assign(size_t(neurons), 0);
  v.assign(size_t(neurons), 0);
  quantised.assign(size_t(inputCount), 0);
  if (program.inputMode != InputMode::Spikes)
    hostValue.assign(size_t(program.populations[firstPopulation].size()), 0);
  const Projection &host = program.projections[hostProjection];
  if (program.inputMode != InputMode::Spikes && host.kind == ProjectionKind::Dense) {
    hostNonzeroPerInput.assign(size_t(inputCount), 0);
    for (size_t k = 0; k < host.weights.size(); ++k)
      hostNonzeroPerInput[k % size_t(inputCount)] += host.weights[k] != 0;
  }
  ring.resize(size_t(s.synapticDelay) + 1);
  stats.populations.resize(program.populations.size());
}

void CoreSimulator::resetCounters() {
  stats = SimCounters();
  stats.populations.resize(program.populations.size());
}

void CoreSimulator::prepareHost(const float *input) {
  for (int64_t j = 0; j < inputCount; ++j)
    quantised[j] = sem::quantize(input[j], program.inputScale, program.inputMin, program.inputMax);
  if (program.inputMode == InputMode::Spikes)
    return;
  // The host evaluates its projection once per sample (the input is
  // constant over time) and counts it once per model step.
  const Projection &p = program.projections[hostProjection];
  int64_t pairs = 0;
  if (p.kind == ProjectionKind::Dense) {
    int64_t rows = int64_t(hostValue.size());
    for (int64_t i = 0; i < rows; ++i) {
      const int16_t *w = p.weights.data() + i * inputCount;
      int64_t sum = 0;
      for (int64_t j = 0; j < inputCount; ++j)
        sum += int64_t(w[j]) * quantised[j];
      hostValue[i] = sum;
    }
    for (int64_t j = 0; j < inputCount; ++j)
      if (quantised[j] != 0)
        pairs += hostNonzeroPerInput[j];
  } else {
    std::fill(hostValue.begin(), hostValue.end(), 0);
    forEachConvTap(program, p, [&](int64_t target, int64_t source, int64_t w) {
      int64_t weight = p.weights[w], q = quantised[source];
      hostValue[target] += weight * q;
      pairs += weight != 0 && q != 0;
    });
  }
  stats.hostMacs += pairs * steps;
  // Bias mode: the raw product stays in hostValue; the host runs the current
  // register on it step by step (run) and writes the current as the bias.
  hostRegister.assign(hostValue.size(), 0);
}

int64_t CoreSimulator::deliverConv(const CoreInfo &info, uint32_t axon, int64_t count) {
  const Core &core = program.cores[&info - coreInfo.data()];
  int64_t plane = info.height * info.width;
  int64_t c = axon / plane, iy = axon % plane / info.width, ix = axon % info.width;
  // Output rows whose kernel window covers iy: ky = iy + padTop - oy * sh in [0, KH).
  int64_t yNum = iy + info.padTop, xNum = ix + info.padLeft;
  int64_t oyLo = std::max<int64_t>(0, ceilDiv(yNum - info.kernelH + 1, info.strideH));
  int64_t oyHi = std::min<int64_t>(info.outHeight - 1, floorDiv(yNum, info.strideH));
  int64_t oxLo = std::max<int64_t>(0, ceilDiv(xNum - info.kernelW + 1, info.strideW));
  int64_t oxHi = std::min<int64_t>(info.outWidth - 1, floorDiv(xNum, info.strideW));
  if (oyLo > oyHi || oxLo > oxHi)
    return 0;
  int64_t outPlane = info.outHeight * info.outWidth;
  int64_t first = core.firstNeuron, last = first + core.numNeurons;
  int64_t kernelSize = info.kernelH * info.kernelW;
  uint64_t *target = acc.data() + info.base - first;
  int64_t touched = 0;
  for (int64_t f = first / outPlane; f <= (last - 1) / outPlane; ++f) {
    const int16_t *k = info.kernel + (f * info.channels + c) * kernelSize;
    for (int64_t oy = oyLo; oy <= oyHi; ++oy) {
      const int16_t *kernelRow = k + (yNum - oy * info.strideH) * info.kernelW;
      int64_t row = f * outPlane + oy * info.outWidth;
      // Only the part of the row inside the core's slice.
      int64_t from = std::max(oxLo, first - row), to = std::min(oxHi, last - 1 - row);
      for (int64_t ox = from; ox <= to; ++ox)
        target[row + ox] += uint64_t(count * kernelRow[xNum - ox * info.strideW]);
      touched += std::max<int64_t>(0, to - from + 1);
    }
  }
  return touched;
}

void CoreSimulator::deliver(const Pending &event, uint32_t step) {
  const Route *routes;
  size_t begin, end;
  int x = 0, y = 0;
  bool host = event.core < 0;
  if (host) {
    routes = program.hostRoutes.data();
    begin = program.hostRouteStart[event.index];
    end = program.hostRouteStart[event.index + 1];
  } else {
    const Core &source = program.cores[event.core];
    routes = source.routes.data();
    begin = source.routeStart[event.index];
    end = source.routeStart[event.index + 1];
    x = source.x;
    y = source.y;
  }
  for (size_t r = begin; r < end; ++r) {
    const Route &route = routes[r];
    const CoreInfo &info = coreInfo[route.core];
    int64_t touched;
    if (info.conv) {
      touched = deliverConv(info, route.axon, event.count);
    } else {
      const Core &dst = program.cores[route.core];
      uint32_t k = dst.axonSynapseStart[route.axon], e = dst.axonSynapseStart[route.axon + 1];
      uint64_t *target = acc.data() + info.base;
      for (uint32_t i = k; i < e; ++i)
        target[dst.synapses[i].target] += uint64_t(event.count * dst.synapses[i].weight);
      touched = int64_t(e - k);
    }
    int64_t window = windowStart[info.population];
    if (int64_t(step) >= window && int64_t(step) < window + steps) {
      PopulationCounters &pc = stats.populations[info.population];
      pc.synapticOps += touched;
      ++pc.routedEvents;
      if (!host) {
        const Core &dst = program.cores[route.core];
        pc.hops += std::abs(int(dst.x) - x) + std::abs(int(dst.y) - y);
      }
    }
  }
}

void CoreSimulator::run(const float *input, int32_t *outputCounts) {
  run(input, outputCounts, nullptr);
}

void CoreSimulator::run(const float *input, int32_t *outputCounts,
                        std::vector<std::vector<int32_t>> *trace) {
  const NeuronSemantics &s = program.semantics;
  std::fill(acc.begin(), acc.end(), 0);
  std::fill(u.begin(), u.end(), 0);
  std::fill(v.begin(), v.end(), 0);
  for (auto &slot : ring)
    slot.clear();
  std::fill(outputCounts, outputCounts + classCount * steps, 0);
  if (trace) {
    trace->resize(program.populations.size());
    for (size_t p = 0; p < program.populations.size(); ++p)
      (*trace)[p].assign(size_t(program.populations[p].size() * steps), 0);
  }
  prepareHost(input);

  const uint32_t runSteps = program.runSteps, delay = s.synapticDelay;
  const size_t ringSize = ring.size();
  // Local copies: the semantics are bytes, which the compiler must assume
  // every state store may change, so it would reload them per neuron.
  const int curBits = s.current.bits, voltBits = s.voltage.bits, accBits = s.accumulator.bits;
  const Overflow curOver = s.current.overflow, voltOver = s.voltage.overflow,
                 accOver = s.accumulator.overflow;
  const DecayEncoding decay = s.decay;
  const int decayBits = s.decayBits;
  const int64_t curOffset = s.currentDecayOffset, voltOffset = s.voltageDecayOffset;
  const SpikeCompare compare = s.compare;
  const bool subtract = s.reset == ResetRule::Subtract;
  const int32_t maxSpikes = s.maxSpikesPerStep;
  for (uint32_t t = 0; t < runSteps; ++t) {
    std::vector<Pending> &arriving = ring[t % ringSize];
    for (const Pending &event : arriving)
      deliver(event, t);
    arriving.clear();
    std::vector<Pending> &later = ring[(size_t(t) + delay) % ringSize];
    const bool sends = uint64_t(t) + delay < runSteps;

    for (size_t c = 0; c < program.cores.size(); ++c) {
      const Core &core = program.cores[c];
      const CoreInfo &info = coreInfo[c];
      const int32_t p = info.population;
      const Population &pop = program.populations[p];
      const bool hostCurrent =
          program.inputMode == InputMode::Current && p == firstPopulation && t < steps;
      const bool hostBias =
          program.inputMode == InputMode::Bias && p == firstPopulation && t < steps;
      const int64_t k = shift[p], threshold = pop.threshold;
      const int64_t cd = pop.currentDecay, vd = pop.voltageDecay;
      const int64_t local = int64_t(t) - windowStart[p];
      const bool inWindow = local >= 0 && local < steps;
      const bool isOutput = p == program.outputPopulation;
      int32_t *traceRow =
          trace && inWindow ? (*trace)[p].data() + local * pop.size() + core.firstNeuron
                            : nullptr;
      PopulationCounters &pc = stats.populations[p];
      for (uint32_t n = 0; n < core.numNeurons; ++n) {
        size_t g = size_t(info.base) + n;
        uint64_t raw = acc[g];
        acc[g] = 0;
        if (hostCurrent)
          raw += uint64_t(hostValue[core.firstNeuron + n]);
        int64_t in = shiftValue(fitWidth(accBits, accOver, int64_t(raw)), k);
        int64_t drive = in;
        if (curBits > 0) {
          u[g] = fitWidth(curBits, curOver, decayValue(decay, decayBits, u[g], cd, curOffset) + in);
          drive = u[g];
        }
        int64_t volt = decayValue(decay, decayBits, v[g], vd, voltOffset) + drive;
        if (hostBias) {
          // The host's current register, the neuron's own rule, then the bias encoding.
          int64_t &hc = hostRegister[core.firstNeuron + n];
          int64_t hin = shiftValue(fitWidth(accBits, accOver, hostValue[core.firstNeuron + n]), k);
          hc = curBits > 0
                   ? fitWidth(curBits, curOver, decayValue(decay, decayBits, hc, cd, curOffset) + hin)
                   : hin;
          volt += sem::encodeBias(hc, program.semantics.biasMantissaBits,
                                  program.semantics.biasExponentMax);
        }
        volt = fitWidth(voltBits, voltOver, volt);
        int32_t spikes = 0;
        if (subtract) {
          while (spikes < maxSpikes && crosses(compare, volt, threshold)) {
            volt -= threshold;
            ++spikes;
          }
        } else if (crosses(compare, volt, threshold)) {
          spikes = 1;
          volt = 0;
        }
        v[g] = volt;
        if (spikes && sends)
          later.push_back({spikes, int32_t(c), n});
        if (inWindow) {
          if (spikes) {
            pc.spikes += spikes;
            ++pc.spikeEvents;
          }
          if (traceRow)
            traceRow[n] = spikes;
          if (isOutput)
            outputCounts[(int64_t(core.firstNeuron) + n) * steps + local] = spikes;
        }
      }
      if (inWindow)
        pc.neuronUpdates += core.numNeurons;
    }

    if (program.inputMode == InputMode::Spikes && t < steps) {
      for (int64_t j = 0; j < inputCount; ++j) {
        if (quantised[j] == 0)
          continue;
        ++stats.hostEvents;
        if (sends)
          later.push_back({quantised[j], -1, uint32_t(j)});
      }
    }
  }
  ++stats.samples;
}

double readoutScore(const int32_t *counts, int64_t steps, double tauS) {
  double alpha = 1.0 - 1.0 / tauS, score = 0;
  for (int64_t t = 0; t < steps; ++t)
    if (counts[t])
      score += counts[t] * (1.0 - std::pow(alpha, double(steps - t)));
  return score;
}

int predict(const int32_t *counts, int64_t classes, int64_t steps, double tauS) {
  int best = 0;
  double bestScore = 0;
  for (int64_t i = 0; i < classes; ++i) {
    double score = readoutScore(counts + i * steps, steps, tauS);
    if (i == 0 || score > bestScore) {
      best = int(i);
      bestScore = score;
    }
  }
  return best;
}

void simulateBatch(const Program &program, const float *inputs, int64_t samples,
                   int32_t *outputs, int threads, SimCounters *counters) {
  std::mutex merge;
  const int64_t inSize = program.inputSize();
  const int64_t outSize =
      program.populations[program.outputPopulation].size() * int64_t(program.timeSteps);
  rt::parallelFor(samples, rt::resolveThreadCount(threads), [&](int64_t begin, int64_t end) {
    CoreSimulator sim(program);
    for (int64_t i = begin; i < end; ++i)
      sim.run(inputs + i * inSize, outputs + i * outSize);
    if (counters) {
      std::lock_guard<std::mutex> lock(merge);
      counters->add(sim.counters());
    }
  });
}

} // namespace snn::core
