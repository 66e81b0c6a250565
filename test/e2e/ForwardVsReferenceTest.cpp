// End-to-end: layer-string models JIT-compiled for the CPU against the C++ reference
// oracle, and the worked examples of tssl-bp.md §8 run through compiled code.
#include "runtime/Npy.h"
#include "runtime/Rng.h"
#include "test/reference/Reference.h"
#include "tools/snnc/Model.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

using namespace snn;
using mlir::snn::Schedule;

namespace {

// The compiled code sums synapses in float32 in its own order (GEMM/conv tiling, vector
// lanes) while the oracle sums in double and rounds once, so currents differ by a few
// float32 ulps (~1e-7 relative for these fan-ins) and the neuron and filter recurrences
// only carry that forward. 1e-5 relative (absolute below 1) leaves a wide margin for that
// and is far below the smallest trace change a spike makes (1/τs = 0.33 at the spike
// step, decaying by αs per step). A spike could flip only if a membrane potential lies
// within ~1e-6 of the threshold; the reference would then differ by a whole spike, so
// such a case is reported as a mismatch rather than hidden by a looser tolerance.
constexpr double kRelTol = 1e-5;

// Below this fraction of non-zero reference output values the network is too quiet for
// the comparison to prove anything (a silent network matches any silent code).
constexpr double kMinActivity = 0.1;

// Spec §8 goldens are float64 values to 9 digits; compiled code runs in float32.
constexpr double kGoldenTol = 1e-6;

struct ScheduleCase {
  const char *name;
  Schedule schedule;
  long long unroll;
  bool spikeSynapses;
};

const ScheduleCase kSchedules[] = {
    {"layer", Schedule::LayerByLayer, 0, false},
    {"layer-spike-synapses", Schedule::LayerByLayer, 0, true},
    {"step", Schedule::StepByStep, 0, false},
    {"step-unroll", Schedule::StepByStep, 64, false},
};

const char *scheduleFlag(Schedule s) { return s == Schedule::StepByStep ? "step" : "layer"; }

struct ModelCase {
  const char *name;  // gtest-safe name
  const char *model; // layer string
  std::vector<int64_t> inputShape;
  int64_t batch;
  std::vector<uint64_t> seeds;
  int64_t maxUnrolledSteps; // skip the fully unrolled schedule above this T (compile time)
};

std::ostream &operator<<(std::ostream &os, const ModelCase &c) { return os << c.model; }

/// Time steps and neuron parameters of a run. With the default threshold a deep network
/// barely reaches its output layer within 5 steps, so the T = 5 runs use a lower one.
struct NeuronCase {
  const char *name;
  int64_t T;
  double tauM, tauS, threshold;
};

std::ostream &operator<<(std::ostream &os, const NeuronCase &c) { return os << c.name; }

const NeuronCase kNeuronCases[] = {
    {"T5_Threshold05", 5, 5.0, 3.0, 0.5},
    {"T30", 30, 5.0, 3.0, 1.0},
    {"T30_Tau8_4", 30, 8.0, 4.0, 1.0}, // the spec's N-MNIST constants
};

// Normal inputs with this standard deviation drive the first layer well above threshold.
constexpr double kInputScale = 4.0;

/// Deterministic N(0, scale²) input for `batch` samples of `shape`.
std::vector<float> randomInput(const std::vector<int64_t> &shape, int64_t batch, double scale,
                               uint64_t seed) {
  rt::Rng rng(seed);
  std::vector<float> x(size_t(batch * frontend::numElements(shape)));
  for (float &v : x)
    v = float(scale * rng.normal());
  return x;
}

double activity(const std::vector<float> &y) {
  size_t nonzero = 0;
  for (float v : y)
    nonzero += v != 0.0f;
  return y.empty() ? 0.0 : double(nonzero) / double(y.size());
}

/// |got − want| <= kRelTol·max(1, |want|) everywhere; names the first mismatches.
testing::AssertionResult matchesReference(const std::vector<float> &got,
                                          const std::vector<float> &want, int64_t classes,
                                          int64_t T) {
  if (got.size() != want.size())
    return testing::AssertionFailure()
           << "output has " << got.size() << " values, reference " << want.size();
  size_t bad = 0;
  std::ostringstream first;
  for (size_t i = 0; i < want.size(); ++i) {
    double diff = std::fabs(double(got[i]) - double(want[i]));
    if (diff <= kRelTol * std::max(1.0, std::fabs(double(want[i]))) && std::isfinite(got[i]))
      continue;
    if (bad++ < 8) {
      int64_t t = int64_t(i) % T, c = int64_t(i) / T % classes, n = int64_t(i) / T / classes;
      first << "\n  [n=" << n << ", class=" << c << ", t=" << t << "] compiled " << got[i]
            << " reference " << want[i];
    }
  }
  if (!bad)
    return testing::AssertionSuccess();
  return testing::AssertionFailure() << bad << " of " << want.size()
                                     << " values differ from the reference:" << first.str();
}

/// Writes the input to a temporary .npy so that a failure can be replayed with snnc run.
std::string saveReproducerInput(const std::vector<float> &x, int64_t batch,
                                const std::vector<int64_t> &shape) {
  llvm::SmallString<128> path;
  if (llvm::sys::fs::createTemporaryFile("snn-e2e-input", "npy", path))
    return "(could not write the input)";
  rt::Array a;
  a.shape = {batch};
  a.shape.insert(a.shape.end(), shape.begin(), shape.end());
  a.data = x;
  std::string error;
  if (!rt::writeNpy(path.str().str(), a, &error))
    return "(could not write the input: " + error + ")";
  return path.str().str();
}

class ForwardVsReference
    : public testing::TestWithParam<std::tuple<ModelCase, NeuronCase>> {};

// Every schedule, with 1 and 2 threads, computes the reference's output traces from the
// same weights and inputs.
TEST_P(ForwardVsReference, MatchesOracle) {
  const ModelCase &mc = std::get<0>(GetParam());
  const NeuronCase &nc = std::get<1>(GetParam());
  const int64_t T = nc.T;
  ref::NeuronParams neuron;
  neuron.tauM = nc.tauM;
  neuron.tauS = nc.tauS;
  neuron.threshold = nc.threshold;
  for (uint64_t seed : mc.seeds) {
    SCOPED_TRACE("model " + std::string(mc.model) + " input " +
                 frontend::formatShape(mc.inputShape) + " seed " + std::to_string(seed) +
                 " neurons " + nc.name);
    auto ctx = driver::createContext();
    driver::ModelOptions options;
    options.timeSteps = T;
    options.tauM = nc.tauM;
    options.tauS = nc.tauS;
    options.threshold = nc.threshold;
    options.seed = seed;
    std::string error;
    auto module = driver::loadModel(*ctx, mc.model, mc.inputShape, options, &error);
    ASSERT_TRUE(module) << error;
    std::vector<std::vector<float>> weights;
    ASSERT_TRUE(driver::collectParameters(*module, weights, &error)) << error;

    frontend::NetworkSpec net;
    ASSERT_TRUE(frontend::parseLayerString(mc.model, mc.inputShape, net, &error)) << error;
    const int64_t classes = net.numClasses();
    std::vector<float> input =
        randomInput(net.inputShape, mc.batch, kInputScale, seed * 1000003 + uint64_t(T));
    std::vector<float> want, wantHeld;
    ASSERT_TRUE(ref::forwardNetwork(net, weights, input, mc.batch, T, neuron, want, &error))
        << error;
    // The layer schedule applies the first synapse to the held image once and filters
    // its result (snn-hoist-time-invariant); with --spike-synapses it also feeds a dense
    // layer after a dense layer the spikes and filters the product
    // (snn-synapse-on-spikes). The oracle then evaluates in that order.
    ref::NeuronParams held = neuron, heldSpikes = neuron;
    held.holdFirstSynapse = heldSpikes.holdFirstSynapse = heldSpikes.denseOnSpikes = true;
    std::vector<float> wantHeldSpikes;
    ASSERT_TRUE(
        ref::forwardNetwork(net, weights, input, mc.batch, T, held, wantHeld, &error))
        << error;
    ASSERT_TRUE(ref::forwardNetwork(net, weights, input, mc.batch, T, heldSpikes,
                                    wantHeldSpikes, &error))
        << error;
    double active = activity(want);
    ASSERT_GE(active, kMinActivity) << "the reference network is nearly silent; pick "
                                       "another seed so that the test means something";

    for (const ScheduleCase &sc : kSchedules) {
      if (sc.unroll && T > mc.maxUnrolledSteps)
        continue;
      SCOPED_TRACE(std::string("schedule ") + sc.name);
      options.schedule = sc.schedule;
      options.unroll = sc.unroll;
      options.spikeSynapses = sc.spikeSynapses;
      // Lowering rewrites the module in place: every schedule starts from a fresh import
      // (same seed, hence the same weights).
      auto fresh = driver::loadModel(*ctx, mc.model, mc.inputShape, options, &error);
      ASSERT_TRUE(fresh) << error;
      auto compiled = driver::compileForCPU(*fresh, options, &error);
      ASSERT_TRUE(compiled) << error;
      ASSERT_EQ(compiled->params, weights);
      ASSERT_EQ(compiled->signature.classes, classes);
      ASSERT_EQ(compiled->signature.timeSteps, T);
      for (int threads : {1, 2}) {
        std::vector<float> got(want.size(), std::nanf(""));
        compiled->run(input.data(), mc.batch, got.data(), threads);
        const std::vector<float> &expected = sc.schedule != Schedule::LayerByLayer ? want
                                             : sc.spikeSynapses                 ? wantHeldSpikes
                                                                                : wantHeld;
        testing::AssertionResult same = matchesReference(got, expected, classes, T);
        EXPECT_TRUE(same) << "threads " << threads << "; reproduce with: snnc run '" << mc.model
                          << "' --input "
                          << saveReproducerInput(input, mc.batch, net.inputShape)
                          << " --output Y.npy --seed " << seed << " --time-steps " << T
                          << " --tau-m " << nc.tauM << " --tau-s " << nc.tauS
                          << " --threshold " << nc.threshold
                          << " --schedule " << scheduleFlag(sc.schedule)
                          << (sc.spikeSynapses ? " --spike-synapses" : "")
                          << (sc.unroll ? " --unroll " + std::to_string(sc.unroll) : "")
                          << " --threads " << threads;
        if (!same)
          break; // the other thread count would repeat the same report
      }
    }
  }
}

// Seeds whose networks are active under every NeuronCase (seed 1 leaves some quiet).
// snn-unroll-time refuses more than 160 unrolled ops (compile time), i.e. 22 steps of
// the 7-op MLP steps and 16 of a 10-op CNN step, so every model is unrolled at T = 5
// only.
const ModelCase kModels[] = {
    {"Mlp20_16_8_4", "20-16-8-4", {20}, 3, {2, 3, 5}, 5},
    {"Conv1C3_P2_6", "1C3-P2-6", {1, 12, 12}, 3, {2, 3, 5}, 5},
    {"Conv4C3p1_P2_6C3_P2_10", "4C3/1-P2-6C3-P2-10", {2, 10, 10}, 3, {2, 3, 5}, 5},
    // Odd feature maps: pooling drops the last row and column (7x7 -> 3x3).
    {"Conv3C3_P2_5_Odd", "3C3-P2-5", {2, 9, 9}, 3, {2, 3}, 5},
    {"FashionMlp", "784-400-400-10", {1, 28, 28}, 3, {2, 3}, 5},
    {"FashionCnn", "32C5/2-P2-64C5/2-P2-1024-10", {1, 28, 28}, 2, {2}, 5},
    // The spec's MNIST network: an unpadded convolution right after pooling.
    {"MnistCnn", "15C5-P2-40C5-P2-300-10", {1, 28, 28}, 2, {2}, 5},
};

INSTANTIATE_TEST_SUITE_P(
    Models, ForwardVsReference,
    testing::Combine(testing::ValuesIn(kModels), testing::ValuesIn(kNeuronCases)),
    [](const testing::TestParamInfo<ForwardVsReference::ParamType> &info) {
      return std::string(std::get<0>(info.param).name) + "_" + std::get<1>(info.param).name;
    });

//===----------------------------------------------------------------------===//
// Hand-written graph-level models
//===----------------------------------------------------------------------===//

/// A graph-level model written to a temporary .mlir file, compiled, run on `input`.
struct HandModel {
  std::vector<float> output; // [batch, classes, T]
  int64_t classes = 0, T = 0;
};

testing::AssertionResult runHandModel(const std::string &mlir, const std::vector<float> &input,
                                      int64_t batch, Schedule schedule, long long unroll,
                                      HandModel &out) {
  llvm::SmallString<128> path;
  int fd;
  if (llvm::sys::fs::createTemporaryFile("snn-e2e-model", "mlir", fd, path))
    return testing::AssertionFailure() << "cannot create a temporary file";
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << mlir;
  }
  auto ctx = driver::createContext();
  driver::ModelOptions options;
  options.schedule = schedule;
  options.unroll = unroll;
  std::string error;
  auto module = driver::loadModel(*ctx, path.str().str(), {}, options, &error);
  llvm::sys::fs::remove(path);
  if (!module)
    return testing::AssertionFailure() << error;
  auto compiled = driver::compileForCPU(*module, options, &error);
  if (!compiled)
    return testing::AssertionFailure() << error;
  out.classes = compiled->signature.classes;
  out.T = compiled->signature.timeSteps;
  out.output.assign(size_t(batch * out.classes * out.T), std::nanf(""));
  compiled->run(input.data(), batch, out.output.data(), 2);
  return testing::AssertionSuccess();
}

/// Checks row (n, c) of a [N, C, T] output against `expected` over t.
void expectRow(const HandModel &m, int64_t n, int64_t c, const std::vector<double> &expected,
               double tol, const std::string &what) {
  ASSERT_EQ(int64_t(expected.size()), m.T) << what;
  for (int64_t t = 0; t < m.T; ++t)
    EXPECT_NEAR(m.output[size_t((n * m.classes + c) * m.T + t)], expected[size_t(t)], tol)
        << what << " sample " << n << " row " << c << " t=" << t;
}

// The §8 examples feed spike trains (case A) or direct currents (case B) into a neuron,
// while a model's input is a static value. A spiking "generator" layer turns the constant
// input 1.0 into the five spike trains g0..g4 below (constant current c, no input
// filter: c = 2 fires every step, 0.75 every second step from t=1, 0.5, 0.375 and
// 0.3125 once at t = 2, 3, 4). They span R^5, so a dense layer over them produces any
// current sequence exactly: every sum is of small dyadic numbers, exact in float32.
//   g0 = 11111  g1 = 01010  g2 = 00100  g3 = 00010  g4 = 00001
// Case A: currents 2·s with s¹ = g0 − g2 − g4 = 11010 and s² = g1 + g2 − g3 + g4 = 01101
// make a LIF layer spike exactly at s (u ∈ {0, 2}: reset or zero current leaves v = 0),
// and its PSP output is 𝓕(s), the A¹, A² of the spec; the output neuron then sees
// I = (1.0, 0.8)ᵀA as in the spec.
// Case B: currents (1.0, 0.25, 0, 0, 0) = 1.0·(g0 − g1 − g2 − g4) + 0.25·(g1 − g3).
constexpr const char *kGenerator = R"(
  snn.parameter @gen = dense<[[2.0], [0.75], [0.5], [0.375], [0.3125]]> : tensor<5x1xf32>
)";

std::string generatorModel(const std::string &params, const std::string &args,
                           const std::string &body, const std::string &ret, int64_t retWidth) {
  std::string w = std::to_string(retWidth);
  return "module {\n" + std::string(kGenerator) + params +
         "  func.func @forward(%x: tensor<?x1xf32>, "
         "%wg: tensor<5x1xf32> {snn.parameter = @gen}" +
         args + ") -> tensor<?x" + w +
         "xf32> attributes {snn.time_steps = 5 : i64} {\n"
         "    %ig = snn.synapse.dense %x, %wg : tensor<?x1xf32>, tensor<5x1xf32> -> "
         "tensor<?x5xf32>\n"
         "    %g = snn.lif %ig {output = #snn.output<spikes>} : tensor<?x5xf32>\n" +
         body + "    return " + ret + " : tensor<?x" + w + "xf32>\n  }\n}\n";
}

/// Case A: `ret` is one of %g (generator spikes), %a (the input PSPs A¹, A²), %s (the
/// input spike trains), %i (the output neuron's current) or %o (its output); `outSpikes`
/// makes the output neuron emit spikes instead of its trace.
std::string caseAModel(const std::string &ret, bool outSpikes) {
  int64_t width = ret == "%g" ? 5 : (ret == "%a" || ret == "%s") ? 2 : 1;
  return generatorModel(
      "  snn.parameter @trains = dense<[[2.0, 0.0, -2.0, 0.0, -2.0], "
      "[0.0, 2.0, 2.0, -2.0, 2.0]]> : tensor<2x5xf32>\n"
      "  snn.parameter @out = dense<[[1.0, 0.8]]> : tensor<1x2xf32>\n",
      ", %wt: tensor<2x5xf32> {snn.parameter = @trains}, "
      "%wo: tensor<1x2xf32> {snn.parameter = @out}",
      "    %it = snn.synapse.dense %g, %wt : tensor<?x5xf32>, tensor<2x5xf32> -> "
      "tensor<?x2xf32>\n"
      "    %a = snn.lif %it : tensor<?x2xf32>\n"
      "    %s = snn.lif %it {output = #snn.output<spikes>} : tensor<?x2xf32>\n"
      "    %i = snn.synapse.dense %a, %wo : tensor<?x2xf32>, tensor<1x2xf32> -> "
      "tensor<?x1xf32>\n"
      "    %o = snn.lif %i" +
          std::string(outSpikes ? " {output = #snn.output<spikes>}" : "") +
          " : tensor<?x1xf32>\n",
      ret, width);
}

/// Case B: the output neuron driven by the direct currents (1.0, 0.25, 0, 0, 0).
std::string caseBModel(const std::string &ret, bool outSpikes) {
  return generatorModel(
      "  snn.parameter @direct = dense<[[1.0, -0.75, -1.0, -0.25, -1.0]]> : tensor<1x5xf32>\n",
      ", %wd: tensor<1x5xf32> {snn.parameter = @direct}",
      "    %i = snn.synapse.dense %g, %wd : tensor<?x5xf32>, tensor<1x5xf32> -> "
      "tensor<?x1xf32>\n"
      "    %o = snn.lif %i" +
          std::string(outSpikes ? " {output = #snn.output<spikes>}" : "") +
          " : tensor<?x1xf32>\n",
      ret, 1);
}

class SpecWorkedExample : public testing::TestWithParam<ScheduleCase> {
protected:
  /// Runs `mlir` on two samples of the constant input 1.0; the results must agree.
  HandModel run(const std::string &mlir) {
    HandModel m;
    EXPECT_TRUE(runHandModel(mlir, {1.0f, 1.0f}, 2, GetParam().schedule, GetParam().unroll, m));
    return m;
  }
  void expectBoth(const HandModel &m, int64_t c, const std::vector<double> &expected,
                  const std::string &what) {
    for (int64_t n = 0; n < 2; ++n)
      expectRow(m, n, c, expected, kGoldenTol, what);
  }
};

// The generator layer emits the five basis spike trains.
TEST_P(SpecWorkedExample, GeneratorSpikeTrains) {
  HandModel m = run(caseAModel("%g", false));
  ASSERT_EQ(m.classes, 5);
  expectBoth(m, 0, {1, 1, 1, 1, 1}, "g0");
  expectBoth(m, 1, {0, 1, 0, 1, 0}, "g1");
  expectBoth(m, 2, {0, 0, 1, 0, 0}, "g2");
  expectBoth(m, 3, {0, 0, 0, 1, 0}, "g3");
  expectBoth(m, 4, {0, 0, 0, 0, 1}, "g4");
}

// §8 case A: the input spike trains, their PSPs A¹, A² and the current I = wᵀA.
TEST_P(SpecWorkedExample, CaseAInputs) {
  HandModel s = run(caseAModel("%s", false));
  expectBoth(s, 0, {1, 1, 0, 1, 0}, "s1");
  expectBoth(s, 1, {0, 1, 1, 0, 1}, "s2");
  HandModel a = run(caseAModel("%a", false));
  expectBoth(a, 0, {0.333333333, 0.555555556, 0.370370370, 0.580246914, 0.386831276}, "A1");
  expectBoth(a, 1, {0.0, 0.333333333, 0.555555556, 0.370370370, 0.580246914}, "A2");
  HandModel i = run(caseAModel("%i", false));
  expectBoth(i, 0, {0.333333333, 0.822222222, 0.814814815, 0.876543210, 0.851028807}, "I");
}

// §8 case A: spikes o = 01010 and output trace a of the output neuron, as the spec's
// table and as the reference neuron computes them from the same currents.
TEST_P(SpecWorkedExample, CaseAOutput) {
  HandModel o = run(caseAModel("%o", true));
  expectBoth(o, 0, {0, 1, 0, 1, 0}, "o");
  HandModel a = run(caseAModel("%o", false));
  expectBoth(a, 0, {0.0, 0.333333333, 0.222222222, 0.481481481, 0.320987654}, "a");

  std::vector<float> A1 = ref::pspFilter({1, 1, 0, 1, 0}, 3.0);
  std::vector<float> A2 = ref::pspFilter({0, 1, 1, 0, 1}, 3.0);
  std::vector<float> I;
  for (size_t t = 0; t < 5; ++t)
    I.push_back(float(1.0 * double(A1[t]) + double(0.8f) * double(A2[t])));
  ref::NeuronTrace trace = ref::lifForward(I, ref::NeuronParams());
  std::vector<double> expected(trace.a.begin(), trace.a.end());
  for (int64_t n = 0; n < 2; ++n)
    expectRow(a, n, 0, expected, kGoldenTol, "a vs reference");
}

// §8 case B: u₀ = ϑ exactly does not fire (strict '>'), u₁ = 1.05 does.
TEST_P(SpecWorkedExample, CaseBOutput) {
  HandModel i = run(caseBModel("%i", false));
  // The currents are exact: the equality u₀ == ϑ is what this case is about.
  for (int64_t n = 0; n < 2; ++n)
    expectRow(i, n, 0, {1.0, 0.25, 0.0, 0.0, 0.0}, 0.0, "I");
  HandModel o = run(caseBModel("%o", true));
  expectBoth(o, 0, {0, 1, 0, 0, 0}, "o");
  HandModel a = run(caseBModel("%o", false));
  expectBoth(a, 0, {0.0, 0.333333333, 0.222222222, 0.148148148, 0.098765432}, "a");
}

INSTANTIATE_TEST_SUITE_P(Schedules, SpecWorkedExample, testing::ValuesIn(kSchedules),
                         [](const testing::TestParamInfo<ScheduleCase> &info) {
                           std::string name = info.param.name;
                           for (char &c : name)
                             if (c == '-')
                               c = '_';
                           return name;
                         });

// A 2-input network on constant inputs (filtered by 𝓕, as images are) against the
// reference's pspFilter and lifForward, step by step for T = 30; the rows of the second
// sample stay below threshold for a while, the third one is negative.
TEST(ConstantInput, TracesMatchReferenceNeuron) {
  const int64_t T = 30;
  const std::string mlir = "module {\n"
                           "  snn.parameter @w = dense<[[1.0, 0.8], [2.0, 0.0]]> : "
                           "tensor<2x2xf32>\n"
                           "  func.func @forward(%x: tensor<?x2xf32>, %w: tensor<2x2xf32> "
                           "{snn.parameter = @w}) -> tensor<?x2xf32> attributes "
                           "{snn.time_steps = " +
                           std::to_string(T) +
                           " : i64} {\n"
                           "    %a = snn.psp %x : tensor<?x2xf32>\n"
                           "    %i = snn.synapse.dense %a, %w : tensor<?x2xf32>, "
                           "tensor<2x2xf32> -> tensor<?x2xf32>\n"
                           "    %o = snn.lif %i : tensor<?x2xf32>\n"
                           "    return %o : tensor<?x2xf32>\n  }\n}\n";
  const std::vector<float> input = {1.0f, 0.5f, 0.3f, 0.2f, -0.7f, 1.9f};
  const float w[2][2] = {{1.0f, 0.8f}, {2.0f, 0.0f}};
  for (const ScheduleCase &sc : kSchedules) {
    SCOPED_TRACE(std::string("schedule ") + sc.name);
    HandModel m;
    ASSERT_TRUE(runHandModel(mlir, input, 3, sc.schedule, sc.unroll, m));
    ASSERT_EQ(m.classes, 2);
    ASSERT_EQ(m.T, T);
    for (int64_t n = 0; n < 3; ++n) {
      std::vector<float> x0(T, input[size_t(2 * n)]), x1(T, input[size_t(2 * n + 1)]);
      std::vector<float> A0 = ref::pspFilter(x0, 3.0), A1 = ref::pspFilter(x1, 3.0);
      for (int64_t c = 0; c < 2; ++c) {
        std::vector<float> I;
        for (int64_t t = 0; t < T; ++t)
          I.push_back(float(double(w[c][0]) * A0[size_t(t)] + double(w[c][1]) * A1[size_t(t)]));
        ref::NeuronTrace trace = ref::lifForward(I, ref::NeuronParams());
        for (int64_t t = 0; t < T; ++t) {
          double want = trace.a[size_t(t)];
          EXPECT_NEAR(m.output[size_t((n * 2 + c) * T + t)], want,
                      kRelTol * std::max(1.0, std::fabs(want)))
              << "sample " << n << " class " << c << " t=" << t;
        }
      }
    }
  }
}

} // namespace
