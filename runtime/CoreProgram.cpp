// The core program file: binary encoding and decoding, validation, and the text form.
//
// Binary layout (version 1). Every integer is little-endian and fixed-width,
// floats are IEEE-754 little-endian; nothing depends on the host's layout.
//
//   magic      8 bytes "SNNCPROG"
//   u32        version (kProgramVersion)
//   string     target                      string = u32 byte count, bytes
//   semantics  3 x (u8 bits, u8 overflow)  accumulator, current, voltage
//              u8 decay, u8 decayBits, u8 currentDecayOffset, u8 voltageDecayOffset,
//              u8 compare, u8 maxSpikesPerStep, u8 reset, u8 synapticDelay,
//              i8 inputShift, u8 biasMantissaBits, u8 biasExponentMax
//   u32 timeSteps, u32 runSteps, u32 outputOffset, f32 tauS
//   u8 inputMode, dims inputShape, f64 inputScale, i32 inputMin, i32 inputMax,
//   i32 outputPopulation                   dims = u32 rank, rank x i64
//   u32 populations, each: string name, dims shape, i32 currentDecay,
//       i32 voltageDecay, i64 threshold, i32 weightExponent
//   u32 projections, each: u8 kind, i32 source, i32 target, dims weightShape,
//       2 x i64 strides, 4 x i64 pads, u32 n, n x i16 weights
//   u32 cores, each: u32 id, u16 x, u16 y, i32 population, u32 firstNeuron,
//       u32 numNeurons, u8 kind, i32 projection,
//       u32 n, n x u32 axonSynapseStart;  u32 n, n x (u32 target, i16 weight);
//       u32 n, n x u32 routeStart;        u32 n, n x (u32 core, u32 axon)
//   u32 n, n x u32 hostRouteStart;  u32 n, n x (u32 core, u32 axon) hostRoutes
//   u64        FNV-1a (64-bit) of every byte before it
//
// The reader checks magic, version and checksum, then decodes with every
// count bounded by the bytes left (so garbage cannot make it allocate more
// than the file's size justifies), then runs validateProgram.
#include "runtime/CoreProgram.h"

#include "runtime/AtomicFile.h"

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <sys/stat.h>

namespace snn::core {

namespace {

constexpr char kMagic[8] = {'S', 'N', 'N', 'C', 'P', 'R', 'O', 'G'};
/// Bounds that keep every size product and loop of the simulator in range
/// (a real program is far below them).
constexpr int64_t kMaxDim = int64_t(1) << 31;
constexpr int64_t kMaxElements = int64_t(1) << 40;
constexpr uint32_t kMaxSteps = uint32_t(1) << 24;
constexpr int64_t kSumLimit = int64_t(1) << 62;

uint64_t fnv1a(const unsigned char *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

//===----------------------------------------------------------------------===//
// Encoding
//===----------------------------------------------------------------------===//

class Encoder {
public:
  std::string bytes;
  void u8(uint8_t v) { bytes.push_back(char(v)); }
  void u16(uint16_t v) { little(v, 2); }
  void u32(uint32_t v) { little(v, 4); }
  void u64(uint64_t v) { little(v, 8); }
  void i8(int8_t v) { u8(uint8_t(v)); }
  void i16(int16_t v) { u16(uint16_t(v)); }
  void i32(int32_t v) { u32(uint32_t(v)); }
  void i64(int64_t v) { u64(uint64_t(v)); }
  void f32(float v) {
    uint32_t b;
    std::memcpy(&b, &v, 4);
    u32(b);
  }
  void f64(double v) {
    uint64_t b;
    std::memcpy(&b, &v, 8);
    u64(b);
  }
  void str(const std::string &s) {
    u32(uint32_t(s.size()));
    bytes += s;
  }
  void dims(const std::vector<int64_t> &d) {
    u32(uint32_t(d.size()));
    for (int64_t v : d)
      i64(v);
  }
  void u32s(const std::vector<uint32_t> &v) {
    u32(uint32_t(v.size()));
    for (uint32_t x : v)
      u32(x);
  }
  void routes(const std::vector<Route> &v) {
    u32(uint32_t(v.size()));
    for (const Route &r : v) {
      u32(r.core);
      u32(r.axon);
    }
  }

private:
  void little(uint64_t v, int n) {
    for (int i = 0; i < n; ++i)
      bytes.push_back(char((v >> (8 * i)) & 0xff));
  }
};

void encodeWidth(Encoder &e, const StateWidth &w) {
  e.u8(w.bits);
  e.u8(uint8_t(w.overflow));
}

//===----------------------------------------------------------------------===//
// Decoding
//===----------------------------------------------------------------------===//

/// Reads fixed-width fields; after the first failure every read returns 0 and
/// `failed` stays set with the first reason.
class Decoder {
public:
  Decoder(const unsigned char *p, size_t n) : data(p), size(n) {}
  bool failed = false;
  std::string why;

  size_t remaining() const { return size - pos; }
  uint8_t u8() { return uint8_t(little(1)); }
  uint16_t u16() { return uint16_t(little(2)); }
  uint32_t u32() { return uint32_t(little(4)); }
  uint64_t u64() { return little(8); }
  int8_t i8() { return int8_t(u8()); }
  int16_t i16() { return int16_t(u16()); }
  int32_t i32() { return int32_t(u32()); }
  int64_t i64() { return int64_t(u64()); }
  float f32() {
    uint32_t b = u32();
    float v;
    std::memcpy(&v, &b, 4);
    return v;
  }
  double f64() {
    uint64_t b = u64();
    double v;
    std::memcpy(&v, &b, 8);
    return v;
  }
  /// A count of `elementBytes`-byte entries that must fit in what is left.
  uint32_t count(size_t elementBytes, const char *what) {
    uint32_t n = u32();
    if (failed)
      return 0;
    if (uint64_t(n) * elementBytes > remaining()) {
      fail(std::string(what) + " claims " + std::to_string(n) + " entries but only " +
           std::to_string(remaining()) + " bytes remain");
      return 0;
    }
    return n;
  }
  std::string str(const char *what) {
    uint32_t n = count(1, what);
    std::string s;
    if (n) {
      s.assign(reinterpret_cast<const char *>(data + pos), n);
      pos += n;
    }
    return s;
  }
  std::vector<int64_t> dims(const char *what) {
    uint32_t n = count(8, what);
    if (n > 8) {
      fail(std::string(what) + " has rank " + std::to_string(n) + " (at most 8)");
      n = 0;
    }
    std::vector<int64_t> d(n);
    for (int64_t &v : d)
      v = i64();
    return d;
  }
  std::vector<uint32_t> u32s(const char *what) {
    uint32_t n = count(4, what);
    std::vector<uint32_t> v(n);
    for (uint32_t &x : v)
      x = u32();
    return v;
  }
  std::vector<Route> routes(const char *what) {
    uint32_t n = count(8, what);
    std::vector<Route> v(n);
    for (Route &r : v) {
      r.core = u32();
      r.axon = u32();
    }
    return v;
  }
  void fail(const std::string &reason) {
    if (!failed)
      why = reason;
    failed = true;
  }

private:
  uint64_t little(int n) {
    if (failed)
      return 0;
    if (remaining() < size_t(n)) {
      fail("truncated at byte " + std::to_string(pos));
      return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < n; ++i)
      v |= uint64_t(data[pos + i]) << (8 * i);
    pos += n;
    return v;
  }
  const unsigned char *data;
  size_t size, pos = 0;
};

StateWidth decodeWidth(Decoder &d) {
  StateWidth w;
  w.bits = d.u8();
  w.overflow = Overflow(d.u8());
  return w;
}

//===----------------------------------------------------------------------===//
// Validation helpers
//===----------------------------------------------------------------------===//

/// a * b, or kMaxElements + 1 when that is exceeded (both non-negative).
int64_t cappedMul(int64_t a, int64_t b) {
  if (a == 0 || b == 0)
    return 0;
  if (a > kMaxElements / b)
    return kMaxElements + 1;
  return a * b;
}

int64_t product(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n = cappedMul(n, std::max<int64_t>(d, 0));
  return n;
}

std::string shapeText(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

/// True when a * b (both ≥ 0) is below `limit`.
bool productBelow(int64_t a, int64_t b, int64_t limit) {
  if (a == 0 || b == 0)
    return true;
  return a <= (limit - 1) / b;
}

const char *overflowName(Overflow o) {
  return o == Overflow::Wrap ? "wrap" : o == Overflow::Saturate ? "saturate" : "?";
}
const char *decayName(DecayEncoding d) {
  switch (d) {
  case DecayEncoding::None:
    return "none";
  case DecayEncoding::Multiplier:
    return "multiplier";
  case DecayEncoding::Shift:
    return "shift";
  }
  return "?";
}
const char *modeName(InputMode m) {
  switch (m) {
  case InputMode::Current:
    return "current";
  case InputMode::Bias:
    return "bias";
  case InputMode::Spikes:
    return "spikes";
  }
  return "?";
}
const char *kindName(ProjectionKind k) {
  return k == ProjectionKind::Dense ? "dense" : k == ProjectionKind::Conv ? "conv" : "?";
}

/// Collects the first failure as "NAME: message".
struct Checker {
  const std::string &name;
  std::string *error;
  bool fail(const std::string &message) {
    if (error)
      *error = name + ": " + message;
    return false;
  }
};

bool checkWidth(Checker &c, const char *what, const StateWidth &w, int minBits) {
  if (w.bits < minBits || w.bits > 62)
    return c.fail(std::string("semantics: ") + what + " width " + std::to_string(w.bits) +
                  " bits (expected " + std::to_string(minBits) + "..62)");
  if (w.overflow != Overflow::Wrap && w.overflow != Overflow::Saturate)
    return c.fail(std::string("semantics: ") + what + " overflow rule " +
                  std::to_string(int(w.overflow)) + " is unknown");
  return true;
}

bool checkDecay(Checker &c, const NeuronSemantics &s, const std::string &where,
                const char *what, int64_t d, int64_t offset) {
  if (s.decay == DecayEncoding::Multiplier) {
    if (d < 0 || d + offset > (int64_t(1) << s.decayBits))
      return c.fail(where + ": " + what + " " + std::to_string(d) + " with offset " +
                    std::to_string(offset) + " is outside 0..2^" +
                    std::to_string(s.decayBits) + " (multiplier decay)");
  } else if (s.decay == DecayEncoding::Shift) {
    if (d < 0 || d >= 63)
      return c.fail(where + ": " + what + " " + std::to_string(d) +
                    " is outside 0..62 (shift decay)");
  }
  return true;
}

/// Fan-in of one target neuron of `p` (its source's size, or C·KH·KW) and
/// the largest |weight|.
void fanIn(const Projection &p, int64_t &terms, int64_t &maxWeight) {
  terms = p.kind == ProjectionKind::Dense
              ? (p.weightShape.size() == 2 ? p.weightShape[1] : 0)
              : (p.weightShape.size() == 4
                     ? cappedMul(cappedMul(p.weightShape[1], p.weightShape[2]), p.weightShape[3])
                     : 0);
  maxWeight = 0;
  for (int16_t w : p.weights)
    maxWeight = std::max<int64_t>(maxWeight, w < 0 ? -int64_t(w) : int64_t(w));
}

bool checkMonotone(Checker &c, const std::string &where, const char *what,
                   const std::vector<uint32_t> &start, size_t expectedSize, size_t entries) {
  if (start.size() != expectedSize)
    return c.fail(where + ": " + what + " has " + std::to_string(start.size()) +
                  " entries, expected " + std::to_string(expectedSize));
  if (start.empty())
    return true;
  if (start[0] != 0)
    return c.fail(where + ": " + what + " starts at " + std::to_string(start[0]) +
                  ", expected 0");
  for (size_t i = 1; i < start.size(); ++i)
    if (start[i] < start[i - 1])
      return c.fail(where + ": " + what + " decreases at entry " + std::to_string(i));
  if (start.back() != entries)
    return c.fail(where + ": " + what + " ends at " + std::to_string(start.back()) +
                  " but there are " + std::to_string(entries));
  return true;
}

bool checkRoutes(Checker &c, const Program &program, const std::string &where,
                 const std::vector<Route> &routes, const std::vector<int64_t> &axons) {
  for (size_t r = 0; r < routes.size(); ++r) {
    const Route &route = routes[r];
    if (route.core >= program.cores.size())
      return c.fail(where + ": route " + std::to_string(r) + " targets core " +
                    std::to_string(route.core) + " of " + std::to_string(program.cores.size()));
    if (int64_t(route.axon) >= axons[route.core])
      return c.fail(where + ": route " + std::to_string(r) + " targets axon " +
                    std::to_string(route.axon) + " of core " + std::to_string(route.core) +
                    ", which has " + std::to_string(axons[route.core]));
  }
  return true;
}

} // namespace

//===----------------------------------------------------------------------===//
// Program helpers
//===----------------------------------------------------------------------===//

int64_t Population::size() const { return product(shape); }

int64_t Program::inputSize() const { return product(inputShape); }

std::vector<int64_t> populationDepths(const Program &program) {
  size_t n = program.populations.size();
  std::vector<int64_t> depth(n, -1);
  std::vector<int> incoming(n, 0);
  for (const Projection &p : program.projections)
    if (p.target >= 0 && size_t(p.target) < n)
      ++incoming[p.target];
  // Sources have lower indices, so one pass in projection order per target
  // is enough once projections are visited by target index.
  std::vector<const Projection *> feeding(n, nullptr);
  for (const Projection &p : program.projections)
    if (p.target >= 0 && size_t(p.target) < n)
      feeding[p.target] = &p;
  for (size_t t = 0; t < n; ++t) {
    const Projection *p = feeding[t];
    if (incoming[t] != 1 || !p)
      continue;
    if (p->source == -1)
      depth[t] = program.inputMode == InputMode::Spikes ? 1 : 0;
    else if (p->source >= 0 && size_t(p->source) < t && depth[p->source] >= 0)
      depth[t] = depth[p->source] + 1;
  }
  return depth;
}

int64_t coreAxonCount(const Program &program, const Core &core) {
  if (core.kind == ProjectionKind::Dense)
    return core.axonSynapseStart.empty() ? 0 : int64_t(core.axonSynapseStart.size()) - 1;
  if (core.projection < 0 || size_t(core.projection) >= program.projections.size())
    return -1;
  int32_t source = program.projections[core.projection].source;
  if (source == -1)
    return program.inputSize();
  if (source < 0 || size_t(source) >= program.populations.size())
    return -1;
  return program.populations[source].size();
}

//===----------------------------------------------------------------------===//
// Validation
//===----------------------------------------------------------------------===//

bool validateProgram(const Program &program, const std::string &name, std::string *error) {
  Checker c{name, error};
  const NeuronSemantics &s = program.semantics;

  // Semantics.
  if (!checkWidth(c, "accumulator", s.accumulator, 1) ||
      !checkWidth(c, "current", s.current, 0) || !checkWidth(c, "voltage", s.voltage, 1))
    return false;
  if (s.decay != DecayEncoding::None && s.decay != DecayEncoding::Multiplier &&
      s.decay != DecayEncoding::Shift)
    return c.fail("semantics: decay encoding " + std::to_string(int(s.decay)) + " is unknown");
  if (s.decay == DecayEncoding::Multiplier && s.decayBits > 31)
    return c.fail("semantics: decay bits " + std::to_string(s.decayBits) + " (expected 0..31)");
  if (s.compare != SpikeCompare::Greater && s.compare != SpikeCompare::GreaterEqual)
    return c.fail("semantics: spike comparison " + std::to_string(int(s.compare)) +
                  " is unknown");
  if (s.reset != ResetRule::Zero && s.reset != ResetRule::Subtract)
    return c.fail("semantics: reset rule " + std::to_string(int(s.reset)) + " is unknown");
  if (s.maxSpikesPerStep < 1)
    return c.fail("semantics: at most 0 spikes per step (expected >= 1)");
  if (s.synapticDelay < 1)
    return c.fail("semantics: synaptic delay 0 (expected >= 1)");
  if (program.inputMode != InputMode::Current && program.inputMode != InputMode::Bias &&
      program.inputMode != InputMode::Spikes)
    return c.fail("input mode " + std::to_string(int(program.inputMode)) + " is unknown");
  if (program.inputMode == InputMode::Bias) {
    if (s.biasMantissaBits < 1 || s.biasMantissaBits > 62 || s.biasExponentMax > 62 ||
        s.biasMantissaBits - 1 + s.biasExponentMax > 61)
      return c.fail("semantics: bias of " + std::to_string(s.biasMantissaBits) +
                    " mantissa bits and exponents up to " + std::to_string(s.biasExponentMax) +
                    " (expected 1..62 bits, mantissa bits - 1 + exponent <= 61)");
  }

  // Timing and input.
  if (program.timeSteps < 1 || program.timeSteps > kMaxSteps)
    return c.fail("time steps " + std::to_string(program.timeSteps) + " (expected 1.." +
                  std::to_string(kMaxSteps) + ")");
  if (program.runSteps > kMaxSteps ||
      uint64_t(program.outputOffset) + program.timeSteps > program.runSteps)
    return c.fail("output offset " + std::to_string(program.outputOffset) + " + " +
                  std::to_string(program.timeSteps) + " time steps exceed the " +
                  std::to_string(program.runSteps) + " run steps");
  if (!std::isfinite(program.tauS) || program.tauS <= 0)
    return c.fail("tau_s " + std::to_string(program.tauS) + " (expected a positive number)");
  if (!std::isfinite(program.inputScale) || program.inputScale <= 0)
    return c.fail("input scale " + std::to_string(program.inputScale) +
                  " (expected a positive number)");
  if (program.inputMin > program.inputMax)
    return c.fail("input range " + std::to_string(program.inputMin) + ".." +
                  std::to_string(program.inputMax) + " is empty");
  if (program.inputMode == InputMode::Spikes && program.inputMin < 0)
    return c.fail("input range " + std::to_string(program.inputMin) + ".." +
                  std::to_string(program.inputMax) +
                  " has negative values but spikes mode sends event counts");
  if (program.inputShape.empty() || program.inputShape.size() > 4)
    return c.fail("input shape " + shapeText(program.inputShape) + " (expected rank 1..4)");
  for (int64_t d : program.inputShape)
    if (d < 1 || d > kMaxDim)
      return c.fail("input shape " + shapeText(program.inputShape) + " has a bad dimension");
  if (program.inputSize() > kMaxDim)
    return c.fail("input shape " + shapeText(program.inputShape) + " is too large");
  const int64_t maxInput = std::max<int64_t>(std::llabs(program.inputMin),
                                             std::llabs(program.inputMax));

  // Populations.
  const size_t numPops = program.populations.size();
  if (numPops == 0)
    return c.fail("no populations");
  if (numPops > kMaxDim)
    return c.fail("too many populations");
  for (size_t p = 0; p < numPops; ++p) {
    const Population &pop = program.populations[p];
    std::string where = "population " + std::to_string(p);
    if (pop.shape.size() != 1 && pop.shape.size() != 3)
      return c.fail(where + ": shape " + shapeText(pop.shape) + " (expected [N] or [C, H, W])");
    for (int64_t d : pop.shape)
      if (d < 1 || d > kMaxDim)
        return c.fail(where + ": shape " + shapeText(pop.shape) + " has a bad dimension");
    if (pop.size() > kMaxDim)
      return c.fail(where + ": shape " + shapeText(pop.shape) + " is too large");
    if (pop.threshold <= 0)
      return c.fail(where + ": threshold " + std::to_string(pop.threshold) +
                    " (expected > 0)");
    if (s.current.bits > 0 &&
        !checkDecay(c, s, where, "current decay", pop.currentDecay, s.currentDecayOffset))
      return false;
    if (!checkDecay(c, s, where, "voltage decay", pop.voltageDecay, s.voltageDecayOffset))
      return false;
  }
  if (program.outputPopulation < 0 || size_t(program.outputPopulation) >= numPops)
    return c.fail("output population " + std::to_string(program.outputPopulation) + " of " +
                  std::to_string(numPops));

  // Projections.
  int hostProjections = 0;
  std::vector<int> incoming(numPops, 0);
  for (size_t i = 0; i < program.projections.size(); ++i) {
    const Projection &p = program.projections[i];
    std::string where = "projection " + std::to_string(i);
    if (p.kind != ProjectionKind::Dense && p.kind != ProjectionKind::Conv)
      return c.fail(where + ": kind " + std::to_string(int(p.kind)) + " is unknown");
    if (p.target < 0 || size_t(p.target) >= numPops)
      return c.fail(where + ": target population " + std::to_string(p.target) + " of " +
                    std::to_string(numPops));
    if (p.source < -1 || p.source >= p.target)
      return c.fail(where + ": source " + std::to_string(p.source) +
                    " (expected the host, -1, or a population below the target " +
                    std::to_string(p.target) + ")");
    hostProjections += p.source == -1;
    ++incoming[p.target];
    const std::vector<int64_t> &src =
        p.source == -1 ? program.inputShape : program.populations[p.source].shape;
    const std::vector<int64_t> &dst = program.populations[p.target].shape;
    int64_t srcSize = product(src), dstSize = product(dst);
    for (int64_t d : p.weightShape)
      if (d < 1 || d > kMaxDim)
        return c.fail(where + ": weight shape " + shapeText(p.weightShape) +
                      " has a bad dimension");
    if (p.kind == ProjectionKind::Dense) {
      if (p.weightShape != std::vector<int64_t>{dstSize, srcSize})
        return c.fail(where + ": dense weights " + shapeText(p.weightShape) + ", expected [" +
                      std::to_string(dstSize) + ", " + std::to_string(srcSize) + "]");
    } else {
      if (p.weightShape.size() != 4)
        return c.fail(where + ": conv weights " + shapeText(p.weightShape) +
                      " (expected [F, C, KH, KW])");
      if (src.size() != 3 || dst.size() != 3)
        return c.fail(where + ": conv from " + shapeText(src) + " to " + shapeText(dst) +
                      " (expected [C, H, W] shapes)");
      if (p.strides[0] < 1 || p.strides[1] < 1 || p.strides[0] > kMaxDim ||
          p.strides[1] > kMaxDim)
        return c.fail(where + ": strides " + std::to_string(p.strides[0]) + ", " +
                      std::to_string(p.strides[1]) + " (expected >= 1)");
      for (int64_t pad : p.pads)
        if (pad < 0 || pad > kMaxDim)
          return c.fail(where + ": padding " + std::to_string(pad) + " (expected >= 0)");
      if (p.weightShape[1] != src[0])
        return c.fail(where + ": conv weights " + shapeText(p.weightShape) + " take " +
                      std::to_string(p.weightShape[1]) + " channels but the source has " +
                      std::to_string(src[0]));
      int64_t spanH = src[1] + p.pads[0] + p.pads[2], spanW = src[2] + p.pads[1] + p.pads[3];
      if (spanH < p.weightShape[2] || spanW < p.weightShape[3])
        return c.fail(where + ": kernel " + shapeText(p.weightShape) +
                      " is larger than the padded source " + shapeText(src));
      std::vector<int64_t> out = {p.weightShape[0], (spanH - p.weightShape[2]) / p.strides[0] + 1,
                                  (spanW - p.weightShape[3]) / p.strides[1] + 1};
      if (out != dst)
        return c.fail(where + ": conv of " + shapeText(src) + " with weights " +
                      shapeText(p.weightShape) + " gives " + shapeText(out) +
                      " but the target population is " + shapeText(dst));
    }
    if (int64_t(p.weights.size()) != product(p.weightShape))
      return c.fail(where + ": " + std::to_string(p.weights.size()) + " weights for shape " +
                    shapeText(p.weightShape));
    if (p.weights.size() > UINT32_MAX)
      return c.fail(where + ": too many weights");
  }
  if (hostProjections != 1)
    return c.fail(std::to_string(hostProjections) +
                  " projections from the host input (expected exactly 1)");
  for (size_t p = 0; p < numPops; ++p)
    if (incoming[p] != 1)
      return c.fail("population " + std::to_string(p) + ": " + std::to_string(incoming[p]) +
                    " incoming projections (expected exactly 1)");

  // The integer sums must stay exact in int64 (docs: every intermediate
  // below 2^62 in magnitude).
  for (const Projection &p : program.projections) {
    int64_t terms, maxWeight;
    fanIn(p, terms, maxWeight);
    const Population &pop = program.populations[p.target];
    std::string where = "population " + std::to_string(p.target);
    int64_t shift = int64_t(s.inputShift) + pop.weightExponent;
    int64_t maxCount = p.source == -1 ? maxInput : s.maxSpikesPerStep;
    int64_t bound = cappedMul(terms, maxWeight);
    bool sumOk = productBelow(bound, maxCount, kSumLimit) && bound <= kMaxElements;
    if (!sumOk)
      return c.fail(where + ": its input sum (" + std::to_string(terms) + " terms of |weight| <= " +
                    std::to_string(maxWeight) + " times counts <= " + std::to_string(maxCount) +
                    ") can exceed 2^62");
    // Every mode shifts a value fitted to the accumulator (in bias mode, the
    // host's copy of the first population's input), so one bound covers all.
    if (shift > 62 - int64_t(s.accumulator.bits))
      return c.fail(where + ": input shift " + std::to_string(shift) + " with a " +
                    std::to_string(s.accumulator.bits) + "-bit accumulator can exceed 2^61");
  }

  // Cores.
  const size_t numCores = program.cores.size();
  if (numCores == 0)
    return c.fail("no cores");
  if (numCores > kMaxDim)
    return c.fail("too many cores");
  std::vector<int64_t> axons(numCores);
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> slices(numPops);
  for (size_t i = 0; i < numCores; ++i) {
    const Core &core = program.cores[i];
    std::string where = "core " + std::to_string(i);
    if (core.id != i)
      return c.fail(where + ": id " + std::to_string(core.id) + " (expected its index)");
    if (core.population < 0 || size_t(core.population) >= numPops)
      return c.fail(where + ": population " + std::to_string(core.population) + " of " +
                    std::to_string(numPops));
    int64_t popSize = program.populations[core.population].size();
    if (core.numNeurons < 1 || int64_t(core.firstNeuron) + core.numNeurons > popSize)
      return c.fail(where + ": neurons [" + std::to_string(core.firstNeuron) + ", " +
                    std::to_string(int64_t(core.firstNeuron) + core.numNeurons) +
                    ") outside population " + std::to_string(core.population) + " of " +
                    std::to_string(popSize));
    slices[core.population].push_back({core.firstNeuron, core.numNeurons});
    if (core.kind == ProjectionKind::Dense) {
      // An empty axon table is a core without input axons (the host feeds it).
      if (core.axonSynapseStart.empty() && !core.synapses.empty())
        return c.fail(where + ": synapses without an axon table");
      if (!core.axonSynapseStart.empty() &&
          !checkMonotone(c, where, "axon table", core.axonSynapseStart,
                         core.axonSynapseStart.size(), core.synapses.size()))
        return false;
      for (size_t k = 0; k < core.synapses.size(); ++k)
        if (core.synapses[k].target >= core.numNeurons)
          return c.fail(where + ": synapse " + std::to_string(k) + " targets neuron " +
                        std::to_string(core.synapses[k].target) + " of " +
                        std::to_string(core.numNeurons));
    } else if (core.kind == ProjectionKind::Conv) {
      if (core.projection < 0 || size_t(core.projection) >= program.projections.size())
        return c.fail(where + ": projection " + std::to_string(core.projection) + " of " +
                      std::to_string(program.projections.size()));
      const Projection &p = program.projections[core.projection];
      if (p.kind != ProjectionKind::Conv || p.target != core.population)
        return c.fail(where + ": projection " + std::to_string(core.projection) +
                      " is not a conv projection into population " +
                      std::to_string(core.population));
      if (!core.axonSynapseStart.empty() || !core.synapses.empty())
        return c.fail(where + ": a conv core with a synapse table");
    } else {
      return c.fail(where + ": kind " + std::to_string(int(core.kind)) + " is unknown");
    }
    if (core.projection < -1 || core.projection >= int64_t(program.projections.size()))
      return c.fail(where + ": projection " + std::to_string(core.projection) + " of " +
                    std::to_string(program.projections.size()));
    if (!checkMonotone(c, where, "route table", core.routeStart, size_t(core.numNeurons) + 1,
                       core.routes.size()))
      return false;
    if (core.axonSynapseStart.size() > UINT32_MAX || core.synapses.size() > UINT32_MAX ||
        core.routes.size() > UINT32_MAX)
      return c.fail(where + ": too many entries");
    axons[i] = coreAxonCount(program, core);
  }
  // Each population is covered by its cores' slices exactly once.
  for (size_t p = 0; p < numPops; ++p) {
    auto &list = slices[p];
    std::sort(list.begin(), list.end());
    int64_t next = 0;
    for (auto &[first, count] : list) {
      if (int64_t(first) != next)
        return c.fail("population " + std::to_string(p) + ": neuron " + std::to_string(next) +
                      (int64_t(first) < next ? " is in two cores" : " is in no core"));
      next = int64_t(first) + count;
    }
    if (next != program.populations[p].size())
      return c.fail("population " + std::to_string(p) + ": neuron " + std::to_string(next) +
                    " is in no core");
  }
  for (size_t i = 0; i < numCores; ++i)
    if (!checkRoutes(c, program, "core " + std::to_string(i), program.cores[i].routes, axons))
      return false;
  if (program.inputMode == InputMode::Spikes) {
    if (!checkMonotone(c, "host", "route table", program.hostRouteStart,
                       size_t(program.inputSize()) + 1, program.hostRoutes.size()) ||
        !checkRoutes(c, program, "host", program.hostRoutes, axons))
      return false;
  } else if (!program.hostRouteStart.empty() || !program.hostRoutes.empty()) {
    return c.fail(std::string("host routes in ") + modeName(program.inputMode) +
                  " input mode (only spikes mode sends events)");
  }

  // Timing: the output population's model step 0 is at chip step
  // depth * synapticDelay.
  std::vector<int64_t> depth = populationDepths(program);
  int64_t outDepth = depth[program.outputPopulation];
  if (outDepth < 0)
    return c.fail("output population " + std::to_string(program.outputPopulation) +
                  " has no depth");
  if (int64_t(program.outputOffset) != outDepth * s.synapticDelay)
    return c.fail("output offset " + std::to_string(program.outputOffset) +
                  " but the output population's model step 0 runs at chip step " +
                  std::to_string(outDepth * s.synapticDelay));
  return true;
}

//===----------------------------------------------------------------------===//
// Binary
//===----------------------------------------------------------------------===//

std::string encodeProgramBinary(const Program &program) {
  Encoder e;
  e.bytes.append(kMagic, 8);
  e.u32(kProgramVersion);
  e.str(program.target);
  const NeuronSemantics &s = program.semantics;
  encodeWidth(e, s.accumulator);
  encodeWidth(e, s.current);
  encodeWidth(e, s.voltage);
  e.u8(uint8_t(s.decay));
  e.u8(s.decayBits);
  e.u8(s.currentDecayOffset);
  e.u8(s.voltageDecayOffset);
  e.u8(uint8_t(s.compare));
  e.u8(s.maxSpikesPerStep);
  e.u8(uint8_t(s.reset));
  e.u8(s.synapticDelay);
  e.i8(s.inputShift);
  e.u8(s.biasMantissaBits);
  e.u8(s.biasExponentMax);
  e.u32(program.timeSteps);
  e.u32(program.runSteps);
  e.u32(program.outputOffset);
  e.f32(program.tauS);
  e.u8(uint8_t(program.inputMode));
  e.dims(program.inputShape);
  e.f64(program.inputScale);
  e.i32(program.inputMin);
  e.i32(program.inputMax);
  e.i32(program.outputPopulation);
  e.u32(uint32_t(program.populations.size()));
  for (const Population &p : program.populations) {
    e.str(p.name);
    e.dims(p.shape);
    e.i32(p.currentDecay);
    e.i32(p.voltageDecay);
    e.i64(p.threshold);
    e.i32(p.weightExponent);
  }
  e.u32(uint32_t(program.projections.size()));
  for (const Projection &p : program.projections) {
    e.u8(uint8_t(p.kind));
    e.i32(p.source);
    e.i32(p.target);
    e.dims(p.weightShape);
    for (int64_t v : p.strides)
      e.i64(v);
    for (int64_t v : p.pads)
      e.i64(v);
    e.u32(uint32_t(p.weights.size()));
    for (int16_t w : p.weights)
      e.i16(w);
  }
  e.u32(uint32_t(program.cores.size()));
  for (const Core &core : program.cores) {
    e.u32(core.id);
    e.u16(core.x);
    e.u16(core.y);
    e.i32(core.population);
    e.u32(core.firstNeuron);
    e.u32(core.numNeurons);
    e.u8(uint8_t(core.kind));
    e.i32(core.projection);
    e.u32s(core.axonSynapseStart);
    e.u32(uint32_t(core.synapses.size()));
    for (const Synapse &syn : core.synapses) {
      e.u32(syn.target);
      e.i16(syn.weight);
    }
    e.u32s(core.routeStart);
    e.routes(core.routes);
  }
  e.u32s(program.hostRouteStart);
  e.routes(program.hostRoutes);
  e.u64(fnv1a(reinterpret_cast<const unsigned char *>(e.bytes.data()), e.bytes.size()));
  return std::move(e.bytes);
}

bool decodeProgramBinary(const void *data, size_t size, const std::string &name,
                         Program *program, std::string *error) {
  Checker c{name, error};
  const auto *bytes = static_cast<const unsigned char *>(data);
  if (size < 8 || std::memcmp(bytes, kMagic, 8) != 0)
    return c.fail("not a core program (no SNNCPROG magic)");
  if (size < 12)
    return c.fail("truncated (" + std::to_string(size) + " bytes)");
  uint32_t version = uint32_t(bytes[8]) | uint32_t(bytes[9]) << 8 | uint32_t(bytes[10]) << 16 |
                     uint32_t(bytes[11]) << 24;
  if (version != kProgramVersion)
    return c.fail("program format version " + std::to_string(version) + ", this snnc reads " +
                  std::to_string(kProgramVersion));
  if (size < 20)
    return c.fail("truncated (" + std::to_string(size) + " bytes)");
  uint64_t stored = 0;
  for (int i = 0; i < 8; ++i)
    stored |= uint64_t(bytes[size - 8 + i]) << (8 * i);
  if (stored != fnv1a(bytes, size - 8))
    return c.fail("checksum mismatch (the file is truncated or corrupted)");

  Decoder d(bytes + 12, size - 20);
  Program p;
  p.target = d.str("target name");
  NeuronSemantics &s = p.semantics;
  s.accumulator = decodeWidth(d);
  s.current = decodeWidth(d);
  s.voltage = decodeWidth(d);
  s.decay = DecayEncoding(d.u8());
  s.decayBits = d.u8();
  s.currentDecayOffset = d.u8();
  s.voltageDecayOffset = d.u8();
  s.compare = SpikeCompare(d.u8());
  s.maxSpikesPerStep = d.u8();
  s.reset = ResetRule(d.u8());
  s.synapticDelay = d.u8();
  s.inputShift = d.i8();
  s.biasMantissaBits = d.u8();
  s.biasExponentMax = d.u8();
  p.timeSteps = d.u32();
  p.runSteps = d.u32();
  p.outputOffset = d.u32();
  p.tauS = d.f32();
  p.inputMode = InputMode(d.u8());
  p.inputShape = d.dims("input shape");
  p.inputScale = d.f64();
  p.inputMin = d.i32();
  p.inputMax = d.i32();
  p.outputPopulation = d.i32();
  // Minimum encoded sizes bound each count: a population takes at least 28
  // bytes, a projection 65, a core 41.
  p.populations.resize(d.count(28, "population table"));
  for (Population &pop : p.populations) {
    pop.name = d.str("population name");
    pop.shape = d.dims("population shape");
    pop.currentDecay = d.i32();
    pop.voltageDecay = d.i32();
    pop.threshold = d.i64();
    pop.weightExponent = d.i32();
  }
  p.projections.resize(d.count(65, "projection table"));
  for (Projection &proj : p.projections) {
    proj.kind = ProjectionKind(d.u8());
    proj.source = d.i32();
    proj.target = d.i32();
    proj.weightShape = d.dims("weight shape");
    for (int64_t &v : proj.strides)
      v = d.i64();
    for (int64_t &v : proj.pads)
      v = d.i64();
    proj.weights.resize(d.count(2, "weight table"));
    for (int16_t &w : proj.weights)
      w = d.i16();
  }
  p.cores.resize(d.count(41, "core table"));
  for (Core &core : p.cores) {
    core.id = d.u32();
    core.x = d.u16();
    core.y = d.u16();
    core.population = d.i32();
    core.firstNeuron = d.u32();
    core.numNeurons = d.u32();
    core.kind = ProjectionKind(d.u8());
    core.projection = d.i32();
    core.axonSynapseStart = d.u32s("axon table");
    core.synapses.resize(d.count(6, "synapse table"));
    for (Synapse &syn : core.synapses) {
      syn.target = d.u32();
      syn.weight = d.i16();
    }
    core.routeStart = d.u32s("route table");
    core.routes = d.routes("route list");
  }
  p.hostRouteStart = d.u32s("host route table");
  p.hostRoutes = d.routes("host route list");
  if (!d.failed && d.remaining() != 0)
    d.fail(std::to_string(d.remaining()) + " bytes of trailing data");
  if (d.failed)
    return c.fail(d.why);
  if (!validateProgram(p, name, error))
    return false;
  *program = std::move(p);
  return true;
}

bool writeProgramBinary(const Program &program, const std::string &path, std::string *error) {
  std::string why;
  if (!validateProgram(program, "invalid program", &why)) {
    if (error)
      *error = path + ": internal error: " + why;
    return false;
  }
  return rt::writeFileAtomically(path, encodeProgramBinary(program), error);
}

bool readProgramBinary(const std::string &path, Program *program, std::string *error) {
  Checker c{path, error};
  std::unique_ptr<std::FILE, int (*)(std::FILE *)> file(std::fopen(path.c_str(), "rb"),
                                                         &std::fclose);
  if (!file)
    return c.fail(std::string("cannot open: ") + std::strerror(errno));
  struct stat st;
  if (fstat(fileno(file.get()), &st) != 0)
    return c.fail(std::string("cannot read: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode))
    return c.fail("not a regular file");
  // The size is known before any allocation: a 4 GiB program is not one.
  if (st.st_size > (int64_t(1) << 32))
    return c.fail("file of " + std::to_string(int64_t(st.st_size)) +
                  " bytes is too large for a core program");
  std::vector<unsigned char> bytes(size_t(st.st_size));
  if (!bytes.empty() && std::fread(bytes.data(), 1, bytes.size(), file.get()) != bytes.size())
    return c.fail(std::string("cannot read: ") +
                  (std::ferror(file.get()) ? std::strerror(errno) : "file shrank while read"));
  return decodeProgramBinary(bytes.data(), bytes.size(), path, program, error);
}

//===----------------------------------------------------------------------===//
// Text
//===----------------------------------------------------------------------===//

namespace {

class TextOut {
public:
  std::string s;
  void blank() { s += '\n'; }
  void line(const char *fmt, ...) __attribute__((format(printf, 2, 3))) {
    char buffer[512];
    va_list args;
    va_start(args, fmt);
    int n = std::vsnprintf(buffer, sizeof buffer, fmt, args);
    va_end(args);
    if (n < 0)
      return;
    if (size_t(n) < sizeof buffer) {
      s.append(buffer, size_t(n));
    } else {
      std::string big(size_t(n) + 1, '\0');
      va_start(args, fmt);
      std::vsnprintf(&big[0], big.size(), fmt, args);
      va_end(args);
      big.pop_back();
      s += big;
    }
    s += '\n';
  }
};

/// Printable ASCII as is, everything else as \xNN, quoted.
std::string quoted(const std::string &text) {
  std::string out = "\"";
  for (unsigned char ch : text) {
    if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') {
      out += char(ch);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", ch);
      out += buf;
    }
  }
  return out + "\"";
}

std::string routeList(const std::vector<Route> &routes, size_t begin, size_t end) {
  std::string out;
  for (size_t r = begin; r < end && r < routes.size(); ++r)
    out += " c" + std::to_string(routes[r].core) + ".a" + std::to_string(routes[r].axon);
  return out;
}

std::string widthText(const StateWidth &w) {
  return std::to_string(w.bits) + " bits " + overflowName(w.overflow);
}

} // namespace

std::string programText(const Program &program) {
  TextOut o;
  const NeuronSemantics &s = program.semantics;
  o.line("# snnc core program, format version %u (the text form of program.bin)",
         kProgramVersion);
  o.line("target %s", quoted(program.target).c_str());
  o.line("time-steps %u", program.timeSteps);
  o.line("run-steps %u", program.runSteps);
  o.line("output-offset %u", program.outputOffset);
  o.line("output-population %d", program.outputPopulation);
  o.line("tau-s %.9g", double(program.tauS));
  o.line("input mode %s shape %s scale %.17g range %d..%d", modeName(program.inputMode),
         shapeText(program.inputShape).c_str(), program.inputScale, program.inputMin,
         program.inputMax);
  o.blank();
  o.line("semantics");
  o.line("  accumulator %s", widthText(s.accumulator).c_str());
  o.line("  current %s", widthText(s.current).c_str());
  o.line("  voltage %s", widthText(s.voltage).c_str());
  o.line("  decay %s bits %u current-offset %u voltage-offset %u", decayName(s.decay),
         s.decayBits, s.currentDecayOffset, s.voltageDecayOffset);
  o.line("  spike %s, at most %u per step, reset %s",
         s.compare == SpikeCompare::Greater        ? "v > threshold"
         : s.compare == SpikeCompare::GreaterEqual ? "v >= threshold"
                                                   : "?",
         s.maxSpikesPerStep,
         s.reset == ResetRule::Zero ? "zero" : s.reset == ResetRule::Subtract ? "subtract" : "?");
  o.line("  synaptic-delay %u", s.synapticDelay);
  o.line("  input-shift %d", s.inputShift);
  o.line("  bias mantissa-bits %u exponent-max %u", s.biasMantissaBits, s.biasExponentMax);

  std::vector<int64_t> depth = populationDepths(program);
  for (size_t p = 0; p < program.populations.size(); ++p) {
    const Population &pop = program.populations[p];
    o.blank();
    o.line("population %zu %s shape %s depth %lld", p, quoted(pop.name).c_str(),
           shapeText(pop.shape).c_str(), (long long)depth[p]);
    o.line("  threshold %lld weight-exponent %d current-decay %d voltage-decay %d",
           (long long)pop.threshold, pop.weightExponent, pop.currentDecay, pop.voltageDecay);
  }

  for (size_t i = 0; i < program.projections.size(); ++i) {
    const Projection &p = program.projections[i];
    o.blank();
    std::string source = p.source == -1 ? std::string("host") : std::to_string(p.source);
    if (p.kind == ProjectionKind::Conv)
      o.line("projection %zu conv %s -> %d weights %s strides %lld %lld pads %lld %lld %lld %lld",
             i, source.c_str(), p.target, shapeText(p.weightShape).c_str(),
             (long long)p.strides[0], (long long)p.strides[1], (long long)p.pads[0],
             (long long)p.pads[1], (long long)p.pads[2], (long long)p.pads[3]);
    else
      o.line("projection %zu %s %s -> %d weights %s", i, kindName(p.kind), source.c_str(),
             p.target, shapeText(p.weightShape).c_str());
    // One row per line: a dense target neuron, or a conv (f, c, ky) kernel row.
    int64_t row = p.weightShape.empty() ? 0 : p.weightShape.back();
    if (row <= 0 || int64_t(p.weights.size()) != product(p.weightShape)) {
      o.line("  (%zu weights that do not match the shape)", p.weights.size());
      continue;
    }
    for (size_t begin = 0, r = 0; begin < p.weights.size(); begin += size_t(row), ++r) {
      std::string text;
      if (p.kind == ProjectionKind::Conv && p.weightShape.size() == 4) {
        int64_t kh = p.weightShape[2], ch = p.weightShape[1];
        text = "  f" + std::to_string(r / (kh * ch)) + " c" + std::to_string(r / kh % ch) +
               " y" + std::to_string(r % kh) + ":";
      } else {
        text = "  row " + std::to_string(r) + ":";
      }
      for (int64_t k = 0; k < row; ++k)
        text += " " + std::to_string(p.weights[begin + size_t(k)]);
      o.line("%s", text.c_str());
    }
  }

  for (size_t i = 0; i < program.cores.size(); ++i) {
    const Core &core = program.cores[i];
    o.blank();
    std::string kind = core.kind == ProjectionKind::Conv
                           ? "conv projection " + std::to_string(core.projection)
                           : std::string(kindName(core.kind));
    o.line("core %u at (%u, %u) population %d neurons [%u, %llu) %s", core.id, core.x, core.y,
           core.population, core.firstNeuron,
           (unsigned long long)core.firstNeuron + core.numNeurons, kind.c_str());
    for (size_t a = 0; a + 1 < core.axonSynapseStart.size(); ++a) {
      uint32_t begin = core.axonSynapseStart[a], end = core.axonSynapseStart[a + 1];
      std::string text = "  axon " + std::to_string(a) + ":";
      for (uint32_t k = begin; k < end && k < core.synapses.size(); ++k) {
        int w = core.synapses[k].weight;
        text += " " + std::to_string(core.synapses[k].target) + ":" + (w >= 0 ? "+" : "") +
                std::to_string(w);
      }
      o.line("%s", text.c_str());
    }
    for (size_t n = 0; n + 1 < core.routeStart.size(); ++n) {
      if (core.routeStart[n] == core.routeStart[n + 1])
        continue;
      o.line("  n %zu ->%s", n,
             routeList(core.routes, core.routeStart[n], core.routeStart[n + 1]).c_str());
    }
  }
  if (!program.hostRouteStart.empty()) {
    o.blank();
    o.line("host routes");
    for (size_t j = 0; j + 1 < program.hostRouteStart.size(); ++j) {
      if (program.hostRouteStart[j] == program.hostRouteStart[j + 1])
        continue;
      o.line("  in %zu ->%s", j,
             routeList(program.hostRoutes, program.hostRouteStart[j],
                       program.hostRouteStart[j + 1])
                 .c_str());
    }
  }
  return o.s;
}

bool writeProgramText(const Program &program, const std::string &path, std::string *error) {
  return rt::writeFileAtomically(path, programText(program), error);
}

} // namespace snn::core
