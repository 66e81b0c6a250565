// Core programs for the tests: hand-built small ones, random layer views and a test-side core mapping.
#ifndef SNN_TEST_RUNTIME_CORETESTPROGRAMS_H
#define SNN_TEST_RUNTIME_CORETESTPROGRAMS_H

#include "runtime/CoreProgram.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace snn::core::test {

struct Rng {
  explicit Rng(uint64_t seed) : g(seed) {}
  int64_t uniform(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(g);
  }
  bool coin(double p = 0.5) { return std::bernoulli_distribution(p)(g); }
  double real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(g); }
  template <typename T> void shuffle(std::vector<T> &v) { std::shuffle(v.begin(), v.end(), g); }
  std::mt19937_64 g;
};

/// FNV-1a over `bytes` without their last 8, stored little-endian in them:
/// a corrupted file that still passes the checksum, so that the structural
/// checks behind it are reached.
inline std::string resealed(std::string bytes) {
  if (bytes.size() < 8)
    return bytes;
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0, n = bytes.size() - 8; i < n; ++i) {
    h ^= uint8_t(bytes[i]);
    h *= 0x100000001b3ULL;
  }
  for (int i = 0; i < 8; ++i)
    bytes[bytes.size() - 8 + i] = char((h >> (8 * i)) & 0xff);
  return bytes;
}

inline int64_t shapeSize(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

/// The dense [target, source] matrix of a projection (a conv expanded by its geometry).
inline std::vector<int64_t> denseMatrix(const Program &program, const Projection &p) {
  const std::vector<int64_t> &src =
      p.source < 0 ? program.inputShape : program.populations[p.source].shape;
  const std::vector<int64_t> &dst = program.populations[p.target].shape;
  int64_t rows = shapeSize(dst), cols = shapeSize(src);
  std::vector<int64_t> m(size_t(rows * cols), 0);
  if (p.kind == ProjectionKind::Dense) {
    for (size_t k = 0; k < p.weights.size(); ++k)
      m[k] = p.weights[k];
    return m;
  }
  int64_t C = src[0], H = src[1], W = src[2], F = dst[0], OH = dst[1], OW = dst[2];
  int64_t KH = p.weightShape[2], KW = p.weightShape[3];
  for (int64_t f = 0; f < F; ++f)
    for (int64_t oy = 0; oy < OH; ++oy)
      for (int64_t ox = 0; ox < OW; ++ox)
        for (int64_t c = 0; c < C; ++c)
          for (int64_t ky = 0; ky < KH; ++ky)
            for (int64_t kx = 0; kx < KW; ++kx) {
              int64_t iy = oy * p.strides[0] - p.pads[0] + ky;
              int64_t ix = ox * p.strides[1] - p.pads[1] + kx;
              if (iy >= 0 && iy < H && ix >= 0 && ix < W)
                m[((f * OH + oy) * OW + ox) * cols + (c * H + iy) * W + ix] +=
                    p.weights[((f * C + c) * KH + ky) * KW + kx];
            }
  return m;
}

/// outputOffset = depth * delay of the output population; runSteps covers
/// every population's model window (so that all of them can be compared
/// with the reference), plus `slack`.
inline void setTiming(Program &p, uint32_t slack) {
  std::vector<int64_t> depth = populationDepths(p);
  p.outputOffset = uint32_t(depth[p.outputPopulation] * p.semantics.synapticDelay);
  int64_t deepest = *std::max_element(depth.begin(), depth.end());
  p.runSteps = uint32_t(deepest * p.semantics.synapticDelay + p.timeSteps + slack);
}

/// Splits each population into 1..4 cores at random positions (core order
/// shuffled), gives every core its synapses (dense: only the source neurons
/// with a nonzero weight get an axon, in random order; conv: sometimes the
/// shared kernel, sometimes expanded into synapses) and routes every source
/// neuron to the axons that take it.
inline void mapToCores(Program &p, Rng &r) {
  size_t P = p.populations.size();
  struct Slice {
    int32_t population;
    uint32_t first, count;
  };
  std::vector<Slice> slices;
  for (size_t q = 0; q < P; ++q) {
    int64_t n = p.populations[q].size();
    int64_t parts = r.uniform(1, std::min<int64_t>(4, n));
    std::vector<int64_t> cuts;
    for (int64_t i = 1; i < n; ++i)
      cuts.push_back(i);
    r.shuffle(cuts);
    cuts.resize(size_t(parts - 1));
    cuts.push_back(0);
    cuts.push_back(n);
    std::sort(cuts.begin(), cuts.end());
    for (size_t i = 0; i + 1 < cuts.size(); ++i)
      slices.push_back({int32_t(q), uint32_t(cuts[i]), uint32_t(cuts[i + 1] - cuts[i])});
  }
  r.shuffle(slices);
  p.cores.assign(slices.size(), Core());
  std::vector<std::vector<uint32_t>> popCores(P);
  for (size_t c = 0; c < slices.size(); ++c) {
    Core &core = p.cores[c];
    core.id = uint32_t(c);
    core.x = uint16_t(r.uniform(0, 7));
    core.y = uint16_t(r.uniform(0, 7));
    core.population = slices[c].population;
    core.firstNeuron = slices[c].first;
    core.numNeurons = slices[c].count;
    popCores[core.population].push_back(uint32_t(c));
  }
  // Routes of each source neuron (per core and local neuron), and of each host channel.
  std::vector<std::vector<std::vector<Route>>> routes(p.cores.size());
  for (size_t c = 0; c < p.cores.size(); ++c)
    routes[c].resize(p.cores[c].numNeurons);
  std::vector<std::vector<Route>> hostRoutes(size_t(shapeSize(p.inputShape)));
  auto routesOf = [&](int32_t source, int64_t j) -> std::vector<Route> & {
    if (source < 0)
      return hostRoutes[j];
    for (uint32_t c : popCores[source]) {
      const Core &core = p.cores[c];
      if (j >= core.firstNeuron && j < int64_t(core.firstNeuron) + core.numNeurons)
        return routes[c][j - core.firstNeuron];
    }
    std::abort();
  };
  for (size_t pi = 0; pi < p.projections.size(); ++pi) {
    const Projection &proj = p.projections[pi];
    bool hostFed = proj.source < 0 && p.inputMode != InputMode::Spikes;
    int64_t cols = proj.source < 0 ? shapeSize(p.inputShape)
                                   : p.populations[proj.source].size();
    std::vector<int64_t> m = denseMatrix(p, proj);
    for (uint32_t c : popCores[proj.target]) {
      Core &core = p.cores[c];
      if (hostFed) {
        // The host adds its product itself: no axons (an empty table or one entry).
        if (r.coin())
          core.axonSynapseStart = {0};
        continue;
      }
      if (proj.kind == ProjectionKind::Conv && r.coin(0.7)) {
        core.kind = ProjectionKind::Conv;
        core.projection = int32_t(pi);
        for (int64_t j = 0; j < cols; ++j)
          routesOf(proj.source, j).push_back({c, uint32_t(j)});
        continue;
      }
      if (r.coin())
        core.projection = int32_t(pi);
      std::vector<int64_t> axonSources;
      for (int64_t j = 0; j < cols; ++j)
        for (uint32_t i = 0; i < core.numNeurons; ++i)
          if (m[(core.firstNeuron + i) * cols + j] != 0) {
            axonSources.push_back(j);
            break;
          }
      r.shuffle(axonSources);
      core.axonSynapseStart = {0};
      for (size_t a = 0; a < axonSources.size(); ++a) {
        int64_t j = axonSources[a];
        std::vector<Synapse> list;
        for (uint32_t i = 0; i < core.numNeurons; ++i)
          if (int64_t w = m[(core.firstNeuron + i) * cols + j])
            list.push_back({i, int16_t(w)});
        r.shuffle(list);
        core.synapses.insert(core.synapses.end(), list.begin(), list.end());
        core.axonSynapseStart.push_back(uint32_t(core.synapses.size()));
        routesOf(proj.source, j).push_back({c, uint32_t(a)});
      }
    }
  }
  for (size_t c = 0; c < p.cores.size(); ++c) {
    Core &core = p.cores[c];
    core.routeStart = {0};
    for (std::vector<Route> &list : routes[c]) {
      r.shuffle(list);
      core.routes.insert(core.routes.end(), list.begin(), list.end());
      core.routeStart.push_back(uint32_t(core.routes.size()));
    }
  }
  p.hostRouteStart.clear();
  p.hostRoutes.clear();
  if (p.inputMode == InputMode::Spikes) {
    p.hostRouteStart = {0};
    for (std::vector<Route> &list : hostRoutes) {
      p.hostRoutes.insert(p.hostRoutes.end(), list.begin(), list.end());
      p.hostRouteStart.push_back(uint32_t(p.hostRoutes.size()));
    }
  }
}

/// A random layer view: 1..4 populations, dense and conv projections (a
/// conv source must be [C, H, W]), random weights and semantics drawn from
/// every enum value, each input mode; then mapped with mapToCores.
inline Program randomProgram(uint64_t seed) {
  Rng r(seed);
  Program p;
  p.target = "random-" + std::to_string(seed);
  NeuronSemantics &s = p.semantics;
  auto width = [&](int lo) {
    return StateWidth{uint8_t(r.uniform(lo, 40)), r.coin() ? Overflow::Wrap : Overflow::Saturate};
  };
  s.accumulator = width(4);
  s.current = r.coin(0.4) ? StateWidth{0, Overflow::Wrap} : width(4);
  s.voltage = width(4);
  s.decay = DecayEncoding(r.uniform(0, 2));
  s.decayBits = uint8_t(r.uniform(1, 16));
  s.currentDecayOffset = uint8_t(r.uniform(0, 2));
  s.voltageDecayOffset = uint8_t(r.uniform(0, 2));
  s.compare = r.coin() ? SpikeCompare::Greater : SpikeCompare::GreaterEqual;
  s.maxSpikesPerStep = uint8_t(r.uniform(1, 4));
  s.reset = r.coin() ? ResetRule::Zero : ResetRule::Subtract;
  s.synapticDelay = uint8_t(r.coin(0.6) ? 1 : r.uniform(2, 3));
  s.inputShift = int8_t(r.uniform(-3, 2));
  s.biasMantissaBits = uint8_t(r.uniform(1, 12));
  s.biasExponentMax = uint8_t(r.uniform(0, 8));
  p.inputMode = InputMode(r.uniform(0, 2));
  p.timeSteps = uint32_t(r.uniform(1, 6));
  p.tauS = float(r.real(1.0, 5.0));
  p.inputScale = r.real(0.5, 20.0);
  if (p.inputMode == InputMode::Spikes) {
    p.inputMin = 0;
    p.inputMax = int32_t(r.uniform(1, 4));
  } else {
    p.inputMin = -int32_t(r.uniform(0, 127));
    p.inputMax = int32_t(r.uniform(1, 127));
  }
  if (r.coin())
    p.inputShape = {r.uniform(1, 3), r.uniform(2, 6), r.uniform(2, 6)};
  else
    p.inputShape = {r.uniform(1, 12)};

  int layers = int(r.uniform(1, 4));
  for (int l = 0; l < layers; ++l) {
    Projection proj;
    proj.source = l == 0 ? -1 : int32_t(r.coin(0.8) ? l - 1 : r.uniform(0, l - 1));
    proj.target = l;
    const std::vector<int64_t> src =
        proj.source < 0 ? p.inputShape : p.populations[proj.source].shape;
    Population pop;
    pop.name = "layer" + std::to_string(l);
    if (src.size() == 3 && r.coin(0.6)) {
      proj.kind = ProjectionKind::Conv;
      for (int64_t &pad : proj.pads)
        pad = r.uniform(0, 1);
      proj.strides[0] = r.uniform(1, 2);
      proj.strides[1] = r.uniform(1, 2);
      int64_t spanH = src[1] + proj.pads[0] + proj.pads[2];
      int64_t spanW = src[2] + proj.pads[1] + proj.pads[3];
      int64_t KH = r.uniform(1, std::min<int64_t>(3, spanH));
      int64_t KW = r.uniform(1, std::min<int64_t>(3, spanW));
      int64_t F = r.uniform(1, 3);
      proj.weightShape = {F, src[0], KH, KW};
      pop.shape = {F, (spanH - KH) / proj.strides[0] + 1, (spanW - KW) / proj.strides[1] + 1};
    } else {
      proj.kind = ProjectionKind::Dense;
      if (r.coin(0.3))
        pop.shape = {r.uniform(1, 2), r.uniform(2, 4), r.uniform(2, 4)};
      else
        pop.shape = {r.uniform(1, 10)};
      proj.weightShape = {shapeSize(pop.shape), shapeSize(src)};
    }
    int64_t wmax = std::vector<int64_t>{3, 20, 300, 32767}[size_t(r.uniform(0, 3))];
    double zeros = r.real(0.0, 0.6);
    proj.weights.resize(size_t(shapeSize(proj.weightShape)));
    for (int16_t &w : proj.weights)
      w = r.coin(zeros) ? 0 : int16_t(r.uniform(-wmax, wmax));
    pop.weightExponent = int32_t(r.uniform(-3, 2));
    int64_t k = s.inputShift + pop.weightExponent;
    int64_t typical = r.uniform(1, wmax * 3);
    pop.threshold = std::max<int64_t>(1, k >= 0 ? typical << k : typical >> -k);
    auto decayParam = [&](int offset) -> int32_t {
      if (s.decay == DecayEncoding::Multiplier)
        return int32_t(r.uniform(0, (int64_t(1) << s.decayBits) - offset));
      if (s.decay == DecayEncoding::Shift)
        return int32_t(r.coin(0.1) ? 62 : r.uniform(0, 6));
      return int32_t(r.uniform(0, 5));
    };
    pop.currentDecay = decayParam(s.currentDecayOffset);
    pop.voltageDecay = decayParam(s.voltageDecayOffset);
    p.populations.push_back(pop);
    p.projections.push_back(proj);
  }
  p.outputPopulation = int32_t(r.coin(0.8) ? layers - 1 : r.uniform(0, layers - 1));
  setTiming(p, uint32_t(r.uniform(0, 2)));
  mapToCores(p, r);
  return p;
}

/// Random inputs for a program: values spread around the quantisation range.
inline std::vector<float> randomInput(const Program &p, Rng &r) {
  std::vector<float> x(size_t(p.inputSize()));
  double span = double(std::max(std::abs(p.inputMin), std::abs(p.inputMax)) + 1) / p.inputScale;
  for (float &v : x)
    v = float(r.coin(0.2) ? 0.0 : r.real(-1.2 * span, 1.2 * span));
  return x;
}

/// One input channel, one population of one neuron fed by weight `weight`
/// through the host; semantics as given, one core.
inline Program singleNeuron(InputMode mode, int16_t weight, int64_t threshold,
                            const NeuronSemantics &s, uint32_t steps) {
  Program p;
  p.target = "single";
  p.semantics = s;
  p.inputMode = mode;
  p.timeSteps = steps;
  p.inputShape = {1};
  p.inputScale = 1;
  p.inputMin = mode == InputMode::Spikes ? 0 : -127;
  p.inputMax = 127;
  Population pop;
  pop.name = "n";
  pop.shape = {1};
  pop.threshold = threshold;
  p.populations = {pop};
  Projection proj;
  proj.weightShape = {1, 1};
  proj.weights = {weight};
  p.projections = {proj};
  Core core;
  core.numNeurons = 1;
  core.routeStart = {0, 0};
  if (mode == InputMode::Spikes) {
    core.axonSynapseStart = {0, 1};
    core.synapses = {{0, weight}};
    p.hostRouteStart = {0, 1};
    p.hostRoutes = {{0, 0}};
  }
  p.cores = {core};
  setTiming(p, 0);
  return p;
}

} // namespace snn::core::test

#endif // SNN_TEST_RUNTIME_CORETESTPROGRAMS_H
