// The fixed-point layer-view reference: whole-population matrices, direct convolutions, step by step.
#include "test/reference/FixedPoint.h"

#include <algorithm>
#include <cmath>

namespace snn::fxref {

using namespace snn::core;

__extension__ typedef __int128 Wide;

namespace {

int64_t pow2(int k) { return int64_t(1) << k; }

/// floor(x / 2^k) for 0 <= k <= 62, by integer division (no shifts of negatives).
int64_t floorDivPow2(int64_t x, int k) {
  int64_t d = pow2(k);
  int64_t q = x / d; // truncates toward zero
  if (x % d != 0 && x < 0)
    q -= 1;
  return q;
}

} // namespace

int64_t fit(const StateWidth &w, int64_t x) {
  if (w.overflow == Overflow::Saturate) {
    int64_t hi = pow2(w.bits - 1) - 1;
    if (x > hi)
      return hi;
    if (x < -hi)
      return -hi;
    return x;
  }
  // Two's complement of `bits` bits: x mod 2^bits, read as signed.
  Wide modulus = Wide(1) << w.bits;
  Wide r = Wide(x) % modulus;
  if (r < 0)
    r += modulus;
  if (r >= modulus / 2)
    r -= modulus;
  return int64_t(r);
}

int64_t decay(const NeuronSemantics &s, int64_t x, int64_t d, int64_t offset) {
  if (s.decay == DecayEncoding::None)
    return x;
  if (s.decay == DecayEncoding::Shift)
    return x - floorDivPow2(x, int(d));
  // Multiplier: the magnitude scaled by (2^bits - d - offset) / 2^bits,
  // truncated toward zero, with the sign put back.
  Wide m = (Wide(1) << s.decayBits) - d - offset;
  Wide magnitude = x < 0 ? -Wide(x) : Wide(x);
  Wide scaled = magnitude * m / (Wide(1) << s.decayBits);
  return int64_t(x < 0 ? -scaled : scaled);
}

int64_t shiftBy(int64_t x, int64_t k) {
  if (k >= 0)
    return int64_t(Wide(x) * (Wide(1) << k));
  if (k < -62)
    return x < 0 ? -1 : 0;
  return floorDivPow2(x, int(-k));
}

int64_t quantize(float x, double scale, int32_t lo, int32_t hi) {
  double y = double(x) * scale;
  if (std::isnan(y))
    return std::max<int64_t>(lo, std::min<int64_t>(hi, 0));
  // Round half away from zero, then clamp (done on doubles first so that no
  // value outside the integer range reaches the rounding).
  if (y < double(lo))
    return lo;
  if (y > double(hi))
    return hi;
  return int64_t(std::round(y)); // halves away from zero, exactly
}

int64_t encodeBias(int64_t b, int mantissaBits, int exponentMax) {
  int64_t largest = pow2(mantissaBits - 1) - 1;
  for (int e = 0; e <= exponentMax; ++e) {
    int64_t m = b / pow2(e);
    if (m <= largest && m >= -largest)
      return m * pow2(e);
  }
  int64_t m = b / pow2(exponentMax);
  if (m > largest)
    m = largest;
  if (m < -largest)
    m = -largest;
  return m * pow2(exponentMax);
}

namespace {

/// The target's input sum of one projection for the source values `x`.
std::vector<int64_t> project(const Program &program, const Projection &p,
                             const std::vector<int64_t> &x) {
  const std::vector<int64_t> &srcShape =
      p.source < 0 ? program.inputShape : program.populations[p.source].shape;
  const Population &dst = program.populations[p.target];
  std::vector<int64_t> y(size_t(dst.size()), 0);
  if (p.kind == ProjectionKind::Dense) {
    int64_t rows = p.weightShape[0], cols = p.weightShape[1];
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j)
        y[i] += int64_t(p.weights[i * cols + j]) * x[j];
    return y;
  }
  int64_t F = p.weightShape[0], C = p.weightShape[1], KH = p.weightShape[2],
          KW = p.weightShape[3];
  int64_t H = srcShape[1], W = srcShape[2];
  int64_t OH = dst.shape[1], OW = dst.shape[2];
  for (int64_t f = 0; f < F; ++f)
    for (int64_t oy = 0; oy < OH; ++oy)
      for (int64_t ox = 0; ox < OW; ++ox) {
        int64_t sum = 0;
        for (int64_t c = 0; c < C; ++c)
          for (int64_t ky = 0; ky < KH; ++ky)
            for (int64_t kx = 0; kx < KW; ++kx) {
              int64_t iy = oy * p.strides[0] - p.pads[0] + ky;
              int64_t ix = ox * p.strides[1] - p.pads[1] + kx;
              if (iy < 0 || iy >= H || ix < 0 || ix >= W)
                continue;
              sum += int64_t(p.weights[((f * C + c) * KH + ky) * KW + kx]) *
                     x[(c * H + iy) * W + ix];
            }
        y[(f * OH + oy) * OW + ox] = sum;
      }
  return y;
}

} // namespace

FixedPointRun runFixedPoint(const Program &program, const float *input) {
  const NeuronSemantics &s = program.semantics;
  const int64_t T = program.timeSteps;
  const size_t P = program.populations.size();
  FixedPointRun run;
  int64_t inputs = program.inputSize();
  for (int64_t j = 0; j < inputs; ++j)
    run.quantised.push_back(
        quantize(input[j], program.inputScale, program.inputMin, program.inputMax));

  std::vector<const Projection *> feeding(P, nullptr);
  for (const Projection &p : program.projections)
    feeding[p.target] = &p;

  // The host's share: its projection of the quantised input (constant over
  // time), as a current or as a bias; in spikes mode the same sum arrives
  // as events, which at the layer level is the same input.
  std::vector<int64_t> host;
  for (const Projection &p : program.projections)
    if (p.source == -1)
      host = project(program, p, run.quantised);
  int32_t first = -1;
  for (const Projection &p : program.projections)
    if (p.source == -1)
      first = p.target;
  // Bias mode: the host runs a copy of the first population's current register
  // on its product and writes that current as the bias every step.
  std::vector<int64_t> hostCurrent(host.size(), 0);

  std::vector<std::vector<int64_t>> u(P), v(P);
  run.spikes.resize(P);
  for (size_t p = 0; p < P; ++p) {
    int64_t n = program.populations[p].size();
    u[p].assign(size_t(n), 0);
    v[p].assign(size_t(n), 0);
    run.spikes[p].assign(size_t(n * T), 0);
  }

  for (int64_t t = 0; t < T; ++t) {
    for (size_t p = 0; p < P; ++p) {
      const Population &pop = program.populations[p];
      const Projection &proj = *feeding[p];
      int64_t n = pop.size();
      std::vector<int64_t> sum;
      if (proj.source == -1) {
        if (program.inputMode == InputMode::Bias)
          sum.assign(size_t(n), 0);
        else
          sum = host;
      } else {
        const Population &src = program.populations[proj.source];
        std::vector<int64_t> x(size_t(src.size()));
        for (int64_t j = 0; j < src.size(); ++j)
          x[j] = run.spikes[proj.source][t * src.size() + j];
        sum = project(program, proj, x);
      }
      int64_t k = int64_t(s.inputShift) + pop.weightExponent;
      for (int64_t i = 0; i < n; ++i) {
        int64_t in = shiftBy(fit(s.accumulator, sum[i]), k);
        int64_t drive = in;
        if (s.current.bits > 0) {
          u[p][i] = fit(s.current, decay(s, u[p][i], pop.currentDecay, s.currentDecayOffset) + in);
          drive = u[p][i];
        }
        int64_t b = 0;
        if (program.inputMode == InputMode::Bias && int32_t(p) == first) {
          int64_t hin = shiftBy(fit(s.accumulator, host[i]), k);
          hostCurrent[i] =
              s.current.bits > 0
                  ? fit(s.current,
                        decay(s, hostCurrent[i], pop.currentDecay, s.currentDecayOffset) + hin)
                  : hin;
          b = encodeBias(hostCurrent[i], s.biasMantissaBits, s.biasExponentMax);
        }
        int64_t volt =
            fit(s.voltage, decay(s, v[p][i], pop.voltageDecay, s.voltageDecayOffset) + drive + b);
        auto over = [&](int64_t x) {
          return s.compare == SpikeCompare::Greater ? x > pop.threshold : x >= pop.threshold;
        };
        int32_t spikes = 0;
        if (s.reset == ResetRule::Zero) {
          if (over(volt)) {
            spikes = 1;
            volt = 0;
          }
        } else {
          while (spikes < int32_t(s.maxSpikesPerStep) && over(volt)) {
            volt -= pop.threshold;
            ++spikes;
          }
        }
        v[p][i] = volt;
        run.spikes[p][t * n + i] = spikes;
      }
    }
  }
  return run;
}

std::vector<int32_t> outputCounts(const Program &program, const FixedPointRun &run) {
  int64_t T = program.timeSteps;
  const std::vector<int32_t> &s = run.spikes[program.outputPopulation];
  int64_t classes = program.populations[program.outputPopulation].size();
  std::vector<int32_t> y(size_t(classes * T));
  for (int64_t i = 0; i < classes; ++i)
    for (int64_t t = 0; t < T; ++t)
      y[i * T + t] = s[t * classes + i];
  return y;
}

} // namespace snn::fxref
