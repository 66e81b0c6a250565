// Tests of the core simulator: the integer rules, timing, counters, and random networks bit-exact against the fixed-point reference.
#include "runtime/CoreSim.h"

#include "test/reference/FixedPoint.h"
#include "test/runtime/CoreTestPrograms.h"

#include "gtest/gtest.h"

#include <cmath>

namespace snn::core::test {
namespace {

// Each primitive is checked on hand-computed values, for the simulator's
// version and the reference's.

TEST(CoreSemantics, FitWrapsAndSaturates) {
  StateWidth wrap{8, Overflow::Wrap}, sat{8, Overflow::Saturate};
  struct Case {
    StateWidth w;
    int64_t x, y;
  };
  for (Case c : {Case{wrap, 127, 127}, Case{wrap, 128, -128}, Case{wrap, 255, -1},
                 Case{wrap, 256, 0}, Case{wrap, -129, 127}, Case{wrap, -128, -128},
                 Case{wrap, 1000, -24}, Case{sat, 200, 127}, Case{sat, -200, -127},
                 Case{sat, -128, -127}, Case{sat, 127, 127}, Case{sat, -5, -5},
                 Case{StateWidth{1, Overflow::Wrap}, 1, -1},
                 Case{StateWidth{1, Overflow::Saturate}, 5, 0},
                 Case{StateWidth{62, Overflow::Wrap}, int64_t(1) << 61, -(int64_t(1) << 61)},
                 Case{StateWidth{62, Overflow::Saturate}, int64_t(1) << 62,
                      (int64_t(1) << 61) - 1}}) {
    EXPECT_EQ(sem::fit(c.w, c.x), c.y) << c.x << " in " << int(c.w.bits);
    EXPECT_EQ(fxref::fit(c.w, c.x), c.y) << c.x << " in " << int(c.w.bits);
  }
}

TEST(CoreSemantics, MultiplierDecayTruncatesTowardZero) {
  NeuronSemantics s;
  s.decay = DecayEncoding::Multiplier;
  s.decayBits = 4; // factor (16 - d - offset) / 16
  struct Case {
    int64_t x, d, offset, y;
  };
  for (Case c : {Case{10, 3, 1, 7}, Case{-10, 3, 1, -7}, Case{1, 3, 1, 0}, Case{-1, 3, 1, 0},
                 Case{16, 0, 0, 16}, Case{-16, 16, 0, 0}, Case{-17, 1, 0, -15},
                 Case{100, 8, 0, 50}, Case{-101, 8, 0, -50}}) {
    EXPECT_EQ(sem::decay(s, c.x, c.d, c.offset), c.y) << c.x << " d " << c.d;
    EXPECT_EQ(fxref::decay(s, c.x, c.d, c.offset), c.y) << c.x << " d " << c.d;
  }
  // Large magnitudes stay exact (no 64-bit overflow in the product).
  s.decayBits = 31;
  int64_t big = (int64_t(1) << 61) - 12345;
  EXPECT_EQ(sem::decay(s, big, 1, 0), fxref::decay(s, big, 1, 0));
  EXPECT_EQ(sem::decay(s, -big, 123456789, 3), fxref::decay(s, -big, 123456789, 3));
  EXPECT_EQ(sem::decay(s, -big, 0, 0), -big);
}

TEST(CoreSemantics, ShiftDecayIsArithmetic) {
  NeuronSemantics s;
  s.decay = DecayEncoding::Shift;
  struct Case {
    int64_t x, d, y;
  };
  // x - floor(x / 2^d): negative values decay toward zero more slowly.
  for (Case c : {Case{5, 2, 4}, Case{-5, 2, -3}, Case{-1, 2, 0}, Case{-4, 2, -3},
                 Case{7, 0, 0}, Case{-7, 0, 0}, Case{100, 62, 100}, Case{-100, 62, -99}}) {
    EXPECT_EQ(sem::decay(s, c.x, c.d, 0), c.y) << c.x << " >> " << c.d;
    EXPECT_EQ(fxref::decay(s, c.x, c.d, 0), c.y) << c.x << " >> " << c.d;
  }
  s.decay = DecayEncoding::None;
  EXPECT_EQ(sem::decay(s, -9, 3, 1), -9);
}

TEST(CoreSemantics, ShiftByFloorsRightShifts) {
  struct Case {
    int64_t x, k, y;
  };
  for (Case c : {Case{-5, -1, -3}, Case{5, -1, 2}, Case{-3, 2, -12}, Case{3, 0, 3},
                 Case{-1, -70, -1}, Case{1, -70, 0}, Case{-(int64_t(1) << 40), -40, -1}}) {
    EXPECT_EQ(sem::shiftBy(c.x, c.k), c.y);
    EXPECT_EQ(fxref::shiftBy(c.x, c.k), c.y);
  }
}

TEST(CoreSemantics, QuantisationRoundsHalfAwayFromZero) {
  struct Case {
    float x;
    double scale;
    int32_t lo, hi;
    int64_t y;
  };
  for (Case c : {Case{2.5f, 1, -127, 127, 3}, Case{-2.5f, 1, -127, 127, -3},
                 Case{0.49999997f, 1, -127, 127, 0}, Case{1.25f, 2, -127, 127, 3},
                 Case{1000, 1, -127, 127, 127}, Case{-1000, 1, -5, 127, -5},
                 Case{-0.4f, 1, 0, 4, 0}, Case{1e30f, 1e30, -127, 127, 127},
                 Case{std::nanf(""), 1, -3, 3, 0}}) {
    EXPECT_EQ(sem::quantize(c.x, c.scale, c.lo, c.hi), c.y) << c.x;
    EXPECT_EQ(fxref::quantize(c.x, c.scale, c.lo, c.hi), c.y) << c.x;
  }
}

TEST(CoreSemantics, BiasEncodingPicksTheSmallestExponent) {
  struct Case {
    int64_t b;
    int mantissa, exponentMax;
    int64_t y;
  };
  // Mantissa of 4 bits: |m| <= 7.
  for (Case c : {Case{5, 4, 3, 5}, Case{7, 4, 3, 7}, Case{8, 4, 3, 8}, Case{15, 4, 3, 14},
                 Case{20, 4, 3, 20}, Case{21, 4, 3, 20}, Case{-21, 4, 3, -20},
                 Case{-15, 4, 3, -14}, Case{100, 4, 3, 56}, Case{-100, 4, 3, -56},
                 Case{100, 4, 0, 7}, Case{3, 1, 5, 0}, Case{0, 4, 3, 0}}) {
    EXPECT_EQ(sem::encodeBias(c.b, c.mantissa, c.exponentMax), c.y) << c.b;
    EXPECT_EQ(fxref::encodeBias(c.b, c.mantissa, c.exponentMax), c.y) << c.b;
  }
}

/// Output spike counts of a one-neuron program for input value x, from the
/// simulator, checked against the reference.
std::vector<int32_t> spikeTrain(const Program &p, float x) {
  std::string error;
  EXPECT_TRUE(validateProgram(p, "p", &error)) << error;
  CoreSimulator sim(p);
  std::vector<int32_t> out(size_t(sim.classes() * sim.timeSteps()));
  sim.run(&x, out.data());
  EXPECT_EQ(out, fxref::outputCounts(p, fxref::runFixedPoint(p, &x)));
  return out;
}

NeuronSemantics plain() {
  NeuronSemantics s;
  s.accumulator = {32, Overflow::Wrap};
  s.voltage = {32, Overflow::Wrap};
  s.decay = DecayEncoding::None;
  return s;
}

using Train = std::vector<int32_t>;

TEST(CoreSemantics, SubtractResetWithSeveralSpikesPerStep) {
  NeuronSemantics s = plain();
  s.reset = ResetRule::Subtract;
  s.maxSpikesPerStep = 3;
  // Input 25 per step, threshold 10: v = 25 -> 2 spikes, 5; 30 -> 2 (10 is not > 10), 10;
  // 35 -> 3 (the cap), 5; 30 -> 2, 10.
  EXPECT_EQ(spikeTrain(singleNeuron(InputMode::Current, 25, 10, s, 4), 1), (Train{2, 2, 3, 2}));
  s.compare = SpikeCompare::GreaterEqual;
  // >=: 25 -> 2, 5; 30 -> 3, 0; 25 -> 2, 5; 30 -> 3, 0.
  EXPECT_EQ(spikeTrain(singleNeuron(InputMode::Current, 25, 10, s, 4), 1), (Train{2, 3, 2, 3}));
  s.maxSpikesPerStep = 1;
  // One spike per step: the rest stays in v: 25 -> 15, 40 -> 30, ...
  EXPECT_EQ(spikeTrain(singleNeuron(InputMode::Current, 25, 10, s, 3), 1), (Train{1, 1, 1}));
}

TEST(CoreSemantics, ZeroResetAndComparison) {
  NeuronSemantics s = plain();
  // 5 per step, threshold 10: > fires at 15 (step 2), >= at 10 (step 1).
  EXPECT_EQ(spikeTrain(singleNeuron(InputMode::Current, 5, 10, s, 6), 1),
            (Train{0, 0, 1, 0, 0, 1}));
  s.compare = SpikeCompare::GreaterEqual;
  EXPECT_EQ(spikeTrain(singleNeuron(InputMode::Current, 5, 10, s, 6), 1),
            (Train{0, 1, 0, 1, 0, 1}));
}

TEST(CoreSemantics, VoltageWrapAndSaturate) {
  NeuronSemantics s = plain();
  s.voltage = {6, Overflow::Wrap}; // -32..31
  // 20, 40 -> -24, -4, 16, 36 -> -28: never above 30.
  EXPECT_EQ(spikeTrain(singleNeuron(InputMode::Current, 20, 30, s, 5), 1), (Train{0, 0, 0, 0, 0}));
  s.voltage = {6, Overflow::Saturate}; // -31..31
  // 20, 40 -> 31 > 30: spike, 0, 20, 31: spike.
  EXPECT_EQ(spikeTrain(singleNeuron(InputMode::Current, 20, 30, s, 5), 1), (Train{0, 1, 0, 1, 0}));
}

TEST(CoreSemantics, AccumulatorOverflowIsAppliedToTheExactSum) {
  NeuronSemantics s = plain();
  s.accumulator = {8, Overflow::Wrap};
  // 100 * 2 = 200 wraps to -56: never spikes.
  EXPECT_EQ(spikeTrain(singleNeuron(InputMode::Current, 100, 10, s, 3), 2), (Train{0, 0, 0}));
  s.accumulator = {8, Overflow::Saturate};
  // 200 saturates to 127 > 100.
  EXPECT_EQ(spikeTrain(singleNeuron(InputMode::Current, 100, 100, s, 3), 2), (Train{1, 1, 1}));
}

TEST(CoreSemantics, CurrentStateAndShifts) {
  NeuronSemantics s = plain();
  s.current = {16, Overflow::Wrap};
  s.decay = DecayEncoding::Shift;
  s.inputShift = -1;
  // in = floor(7 / 2) = 3; u (decay u - floor(u / 2)): 3, 2 + 3 = 5, 3 + 3 = 6;
  // v (voltage decay 62: x - floor(x / 2^62), i.e. none for these values): 3, 8, 14 > 13.
  Program p = singleNeuron(InputMode::Current, 7, 13, s, 3);
  p.populations[0].currentDecay = 1;
  p.populations[0].voltageDecay = 62;
  EXPECT_EQ(spikeTrain(p, 1), (Train{0, 0, 1}));
  // A negative input: in = floor(-7 / 2) = -4; u: -4, -6, -7.
  p.populations[0].threshold = 1;
  EXPECT_EQ(spikeTrain(p, -1), (Train{0, 0, 0}));
}

TEST(CoreSemantics, BiasModeAddsTheEncodedBias) {
  NeuronSemantics s = plain();
  s.biasMantissaBits = 3; // |m| <= 3
  s.biasExponentMax = 4;
  // h = 13 -> e = 2, m = 3: bias 12. v: 12, 24 > 20 -> 0, 12, 24.
  EXPECT_EQ(spikeTrain(singleNeuron(InputMode::Bias, 13, 20, s, 4), 1), (Train{0, 1, 0, 1}));
  // Negative: -13 -> -12 (truncation toward zero); never spikes.
  EXPECT_EQ(spikeTrain(singleNeuron(InputMode::Bias, 13, 20, s, 4), -1), (Train{0, 0, 0, 0}));
}

TEST(CoreSemantics, BiasModeRunsTheHostCurrentRegister) {
  NeuronSemantics s = plain();
  s.biasMantissaBits = 3;
  s.biasExponentMax = 4;
  s.current = {16, Overflow::Wrap};
  s.decay = DecayEncoding::Shift;
  // The host's register: c = c - floor(c / 2) + 13: 13, 20, 23, 25, encoded
  // 12, 16 (20 / 8 = 2), 16, 24 (25 / 8 = 3). The population's own current
  // gets no input. v (no voltage decay): 12, 28, 44 > 40 -> 0, 24. A constant
  // bias of 12 would give 12, 24, 36, 48: a spike at step 3 instead.
  Program p = singleNeuron(InputMode::Bias, 13, 40, s, 4);
  p.populations[0].currentDecay = 1;
  p.populations[0].voltageDecay = 62;
  EXPECT_EQ(spikeTrain(p, 1), (Train{0, 0, 1, 0}));
}

TEST(CoreSemantics, SpikesModeDelaysTheInput) {
  NeuronSemantics s = plain();
  s.synapticDelay = 2;
  s.reset = ResetRule::Subtract;
  s.maxSpikesPerStep = 10;
  Program p = singleNeuron(InputMode::Spikes, 4, 5, s, 3);
  EXPECT_EQ(p.outputOffset, 2u);
  // 3 events per step of weight 4: v = 12 -> 2 spikes, 2; 14 -> 2, 4; 16 -> 3, 1.
  EXPECT_EQ(spikeTrain(p, 3), (Train{2, 2, 3}));
  CoreSimulator sim(p);
  Train out(3), trace;
  float x = 3;
  sim.run(&x, out.data());
  const SimCounters &c = sim.counters();
  EXPECT_EQ(c.hostEvents, 3);
  EXPECT_EQ(c.hostMacs, 0);
  EXPECT_EQ(c.populations[0].routedEvents, 3);
  EXPECT_EQ(c.populations[0].synapticOps, 3);
  EXPECT_EQ(c.populations[0].spikes, 7);
  EXPECT_EQ(c.populations[0].spikeEvents, 3);
  EXPECT_EQ(c.populations[0].neuronUpdates, 3);
  EXPECT_EQ(c.populations[0].hops, 0);
  EXPECT_EQ(c.samples, 1);
}

/// Input [2] -> A [2] (host current) -> B [1] on three cores: A's neurons on
/// cores at (0, 0) and (3, 1), B at (1, 5).
Program twoLayerProgram() {
  NeuronSemantics s = plain();
  Program p;
  p.target = "two";
  p.semantics = s;
  p.timeSteps = 3;
  p.inputShape = {2};
  p.inputMin = -127;
  p.inputMax = 127;
  Population a, b;
  a.name = "a";
  a.shape = {2};
  a.threshold = 5;
  b.name = "b";
  b.shape = {1};
  b.threshold = 1;
  p.populations = {a, b};
  Projection host, ab;
  host.weightShape = {2, 2};
  host.weights = {6, 0, 0, 0}; // only input 0 -> a0 is nonzero
  ab.source = 0;
  ab.target = 1;
  ab.weightShape = {1, 2};
  ab.weights = {2, 3};
  p.projections = {host, ab};
  p.outputPopulation = 1;
  Core c0, c1, c2;
  c0.id = 0;
  c0.numNeurons = 1;
  c0.routeStart = {0, 1};
  c0.routes = {{2, 0}};
  c1.id = 1;
  c1.x = 3;
  c1.y = 1;
  c1.firstNeuron = 1;
  c1.numNeurons = 1;
  c1.routeStart = {0, 1};
  c1.routes = {{2, 1}};
  c2.id = 2;
  c2.x = 1;
  c2.y = 5;
  c2.population = 1;
  c2.numNeurons = 1;
  c2.axonSynapseStart = {0, 1, 2};
  c2.synapses = {{0, 2}, {0, 3}};
  c2.routeStart = {0, 0};
  p.cores = {c0, c1, c2};
  setTiming(p, 2);
  return p;
}

TEST(CoreSim, CountersInsideTheModelWindows) {
  Program p = twoLayerProgram();
  std::string error;
  ASSERT_TRUE(validateProgram(p, "p", &error)) << error;
  EXPECT_EQ(p.outputOffset, 1u);
  CoreSimulator sim(p);
  float x[2] = {1, 4};
  Train out(3);
  std::vector<std::vector<int32_t>> trace;
  sim.run(x, out.data(), &trace);
  // a0 gets 6 per step: spikes every step (6 > 5, reset to 0); a1 gets 0.
  EXPECT_EQ(trace[0], (Train{1, 0, 1, 0, 1, 0}));
  // b gets 2 per step from a0 one step later: 2 > 1 every step.
  EXPECT_EQ(out, (Train{1, 1, 1}));
  EXPECT_EQ(trace[1], out);
  const SimCounters &c = sim.counters();
  EXPECT_EQ(c.hostMacs, 3); // one nonzero (weight, input) pair, three steps
  EXPECT_EQ(c.populations[0].spikes, 3);
  EXPECT_EQ(c.populations[0].neuronUpdates, 6);
  EXPECT_EQ(c.populations[0].routedEvents, 0);
  EXPECT_EQ(c.populations[1].routedEvents, 3);
  EXPECT_EQ(c.populations[1].synapticOps, 3);
  EXPECT_EQ(c.populations[1].hops, 3 * (1 + 5)); // (0, 0) -> (1, 5)
  EXPECT_EQ(c.populations[1].neuronUpdates, 3);
  EXPECT_EQ(c.total().spikes, 6);
  // Spikes outside the window (a0 at chip steps 3 and 4 gets no host
  // current, so none) are not counted; a second run doubles everything.
  sim.run(x, out.data());
  EXPECT_EQ(sim.counters().populations[1].hops, 36);
  EXPECT_EQ(sim.counters().samples, 2);
  sim.resetCounters();
  EXPECT_EQ(sim.counters().total().spikes, 0);
}

TEST(CoreSim, ReadoutAndPrediction) {
  // tauS 2: alpha 0.5, weights of steps 0..2: 1 - 0.5^3, 1 - 0.5^2, 1 - 0.5.
  Train row = {1, 0, 2};
  EXPECT_DOUBLE_EQ(readoutScore(row.data(), 3, 2.0), 0.875 + 2 * 0.5);
  // Class 1 spikes early (0.875), class 2 late and twice as often (1.0): 2 wins.
  Train counts = {0, 0, 0, 1, 0, 0, 0, 0, 2};
  EXPECT_EQ(predict(counts.data(), 3, 3, 2.0), 2);
  Train ties = {0, 1, 0, 0, 1, 0};
  EXPECT_EQ(predict(ties.data(), 2, 3, 2.0), 0);
  Train none(6, 0);
  EXPECT_EQ(predict(none.data(), 2, 3, 2.0), 0);
}

/// The core view equals the layer view, bit for bit: over many random
/// networks (dense and conv, every semantics enum, every input mode, 1..4
/// cores per population, delays 1..3), the simulator's spikes of every
/// population in its model window equal the reference's.
TEST(CoreSim, RandomNetworksMatchTheFixedPointReference) {
  int active = 0, outputActive = 0;
  const int seeds = 1500;
  for (uint64_t seed = 0; seed < seeds; ++seed) {
    Program p = randomProgram(seed);
    std::string error;
    ASSERT_TRUE(validateProgram(p, "p", &error)) << "seed " << seed << ": " << error;
    CoreSimulator sim(p);
    Rng r(seed * 7919 + 1);
    bool anySpike = false, anyOutput = false;
    PopulationCounters expected;
    int64_t hostEvents = 0;
    for (int sample = 0; sample < 3; ++sample) {
      std::vector<float> x = randomInput(p, r);
      fxref::FixedPointRun ref = fxref::runFixedPoint(p, x.data());
      Train out(size_t(sim.classes() * sim.timeSteps()));
      std::vector<std::vector<int32_t>> trace;
      sim.run(x.data(), out.data(), &trace);
      ASSERT_EQ(out, fxref::outputCounts(p, ref)) << "seed " << seed << " sample " << sample;
      for (size_t q = 0; q < p.populations.size(); ++q) {
        ASSERT_EQ(trace[q], ref.spikes[q])
            << "seed " << seed << " sample " << sample << " population " << q;
        for (int32_t n : ref.spikes[q]) {
          expected.spikes += n;
          expected.spikeEvents += n > 0;
        }
        expected.neuronUpdates += int64_t(ref.spikes[q].size());
      }
      for (int64_t q : ref.quantised)
        hostEvents += q != 0 ? p.timeSteps : 0;
      anySpike |= expected.spikes > 0;
      for (int32_t n : out)
        anyOutput |= n > 0;
    }
    PopulationCounters total = sim.counters().total();
    EXPECT_EQ(total.spikes, expected.spikes) << "seed " << seed;
    EXPECT_EQ(total.spikeEvents, expected.spikeEvents) << "seed " << seed;
    EXPECT_EQ(total.neuronUpdates, expected.neuronUpdates) << "seed " << seed;
    if (p.inputMode == InputMode::Spikes) {
      EXPECT_EQ(sim.counters().hostEvents, hostEvents) << "seed " << seed;
    }
    active += anySpike;
    outputActive += anyOutput;
  }
  // The comparison is not vacuous: most networks spike, many at the output.
  EXPECT_GT(active, seeds / 2);
  EXPECT_GT(outputActive, seeds / 4);
}

TEST(CoreSim, BatchOnThreadsEqualsOneByOne) {
  for (uint64_t seed : {3u, 11u, 42u}) {
    Program p = randomProgram(seed);
    Rng r(seed);
    const int64_t n = 9;
    std::vector<float> inputs;
    for (int64_t i = 0; i < n; ++i) {
      std::vector<float> x = randomInput(p, r);
      inputs.insert(inputs.end(), x.begin(), x.end());
    }
    CoreSimulator sim(p);
    int64_t per = sim.classes() * sim.timeSteps();
    Train serial(size_t(n * per)), parallel(size_t(n * per));
    for (int64_t i = 0; i < n; ++i)
      sim.run(inputs.data() + i * p.inputSize(), serial.data() + i * per);
    SimCounters counters;
    simulateBatch(p, inputs.data(), n, parallel.data(), 3, &counters);
    EXPECT_EQ(parallel, serial);
    EXPECT_EQ(counters.samples, n);
    PopulationCounters a = counters.total(), b = sim.counters().total();
    EXPECT_EQ(a.spikes, b.spikes);
    EXPECT_EQ(a.synapticOps, b.synapticOps);
    EXPECT_EQ(a.hops, b.hops);
    EXPECT_EQ(a.routedEvents, b.routedEvents);
    EXPECT_EQ(counters.hostMacs, sim.counters().hostMacs);
  }
}

} // namespace
} // namespace snn::core::test
