// Unit tests of the reference oracle: the spec §8 golden values, and small
// conv, pooling and dense networks against hand-computed values.
#include "test/reference/Reference.h"
#include "test/reference/TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace snn;
using namespace snn::ref;
using namespace snn::ref::testing;

namespace {

std::vector<float> identity(int64_t n) {
  std::vector<float> w(n * n, 0.0f);
  for (int64_t i = 0; i < n; ++i)
    w[i * n + i] = 1.0f;
  return w;
}

// Σ_j w_j·x_j in double, rounded once: the synapse rule of the oracle.
float dot(const float *w, const std::vector<float> &x) {
  double acc = 0;
  for (size_t j = 0; j < x.size(); ++j)
    acc += double(w[j]) * double(x[j]);
  return static_cast<float>(acc);
}

// Smallest |u − ϑ| over a trace: a test whose expectations are computed in a
// different (but equivalent) order must stay well clear of the threshold, or
// a last-bit difference could flip a spike.
double thresholdMargin(const NeuronTrace &trace) {
  double margin = 1e9;
  for (float u : trace.u)
    margin = std::min(margin, std::fabs(double(u) - 1.0));
  return margin;
}

// Spec §8 case A: PSP of two spike trains, weights (1.0, 0.8), one neuron.
TEST(ReferenceGolden, CaseAForward) {
  std::vector<float> A1 = pspFilter({1, 1, 0, 1, 0}, 3.0);
  std::vector<float> A2 = pspFilter({0, 1, 1, 0, 1}, 3.0);
  expectNear(A1,
             {0.333333333, 0.555555556, 0.370370370, 0.580246914, 0.386831276},
             kGoldenTol, "A1");
  expectNear(A2, {0.0, 0.333333333, 0.555555556, 0.370370370, 0.580246914},
             kGoldenTol, "A2");

  const float w[2] = {1.0f, 0.8f};
  std::vector<float> I;
  for (size_t t = 0; t < 5; ++t)
    I.push_back(dot(w, {A1[t], A2[t]}));
  expectNear(I,
             {0.333333333, 0.822222222, 0.814814815, 0.876543210, 0.851028807},
             kGoldenTol, "I");

  NeuronTrace tr = lifForward(I, NeuronParams());
  expectNear(tr.du,
             {0.333333333, 0.755555556, 0.814814815, 0.713580247, 0.851028807},
             kGoldenTol, "du");
  expectNear(tr.u,
             {0.333333333, 1.088888889, 0.814814815, 1.528395062, 0.851028807},
             kGoldenTol, "u");
  expectNear(tr.o, {0, 1, 0, 1, 0}, 0.0, "o");
  expectNear(tr.a, {0.0, 0.333333333, 0.222222222, 0.481481481, 0.320987654},
             kGoldenTol, "a");
}

// Spec §8 case B: u₀ equals the threshold exactly and must not fire.
TEST(ReferenceGolden, CaseBForward) {
  NeuronTrace tr = lifForward({1.0f, 0.25f, 0, 0, 0}, NeuronParams());
  EXPECT_EQ(tr.u[0], 1.0f);
  EXPECT_EQ(tr.o[0], 0.0f);
  expectNear(tr.u, {1.0, 1.05, 0, 0, 0}, kGoldenTol, "u");
  expectNear(tr.du, {1.0, 0.05, 0, 0, 0}, kGoldenTol, "du");
  expectNear(tr.o, {0, 1, 0, 0, 0}, 0.0, "o");
  expectNear(tr.a, {0.0, 0.333333333, 0.222222222, 0.148148148, 0.098765432},
             kGoldenTol, "a");
}

// The threshold and the time constants are parameters, not constants.
TEST(ReferenceNeuron, Parameters) {
  NeuronParams p;
  p.tauM = 2;
  p.tauS = 2;
  p.threshold = 0.5;
  NeuronTrace tr = lifForward({0.4f, 0.4f, 0.0f}, p);
  // u = 0.4 (silent), 0.4 − 0.2 + 0.4 = 0.6 (fires), then 0 after reset.
  expectNear(tr.u, {0.4, 0.6, 0.0}, 1e-7, "u");
  expectNear(tr.o, {0, 1, 0}, 0.0, "o");
  expectNear(tr.a, {0.0, 0.5, 0.25}, 1e-7, "a");
}

// A conv layer with padding: an asymmetric kernel proves cross-correlation
// (not convolution), the padding and the row-major layout. The dense
// identity after it hands the conv neurons' traces to the output neurons.
TEST(ReferenceNetwork, ConvMatchesHandComputedCurrents) {
  frontend::NetworkSpec net = parse("1C3/1-9", {1, 3, 3});
  const int64_t T = 8;
  // Image x[h][w] = (3h + w + 1)/10.
  std::vector<float> image = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f,
                              0.6f, 0.7f, 0.8f, 0.9f};
  // out[y][x] = −in[y−1][x] + in[y][x] + 2·in[y][x+1], zero outside.
  std::vector<float> kernel = {0, -1, 0, 0, 1, 2, 0, 0, 0};
  // By hand, e.g. (1,1): −0.2 + 0.5 + 2·0.6 = 1.5; (0,2): 0.3 (both
  // neighbours are padding).
  const double sums[9] = {0.5, 0.8, 0.3, 1.3, 1.5, 0.3, 1.9, 2.1, 0.3};

  std::vector<float> output;
  std::string error;
  ASSERT_TRUE(forwardNetwork(net, {kernel, identity(9)}, image, 1, T,
                             NeuronParams(), output, &error))
      << error;
  ASSERT_EQ(output.size(), size_t(9 * T));

  // A static input x reaches the first layer as x·𝓕(1)_t.
  std::vector<float> ramp = pspFilter(std::vector<float>(T, 1.0f), 3.0);
  for (int p = 0; p < 9; ++p) {
    std::vector<float> current;
    for (int64_t t = 0; t < T; ++t)
      current.push_back(static_cast<float>(sums[p] * ramp[t]));
    NeuronTrace conv = lifForward(current, NeuronParams());
    NeuronTrace out = lifForward(conv.a, NeuronParams());
    ASSERT_GT(thresholdMargin(conv), 1e-4) << "pixel " << p;
    ASSERT_GT(thresholdMargin(out), 1e-4) << "pixel " << p;
    for (int64_t t = 0; t < T; ++t)
      EXPECT_NEAR(output[p * T + t], out.a[t], 1e-5)
          << "pixel " << p << " t=" << t;
  }
}

// Sum pooling: 1.1 × each 2x2 window per channel, the odd last row and
// column dropped (they hold 1000 so including them would show), no neuron.
TEST(ReferencePool, MatchesHandComputedSums) {
  frontend::NetworkSpec net = parse("P2-8", {2, 5, 5});
  const int64_t T = 6;
  std::vector<float> image(2 * 5 * 5);
  for (int h = 0; h < 5; ++h)
    for (int w = 0; w < 5; ++w) {
      bool inside = h < 4 && w < 4;
      image[h * 5 + w] = inside ? 0.05f * float(h + w) : 1000.0f;
      image[25 + h * 5 + w] =
          inside ? 0.1f * float(2 * (h / 2) + (w / 2) + 1) : 1000.0f;
    }
  // Channel 0: windows sum 0.2·(2i + 2j + 1); channel 1: 0.4·(2i + j + 1).
  const double pooled[8] = {1.1 * 0.2, 1.1 * 0.6, 1.1 * 0.6, 1.1 * 1.0,
                            1.1 * 0.4, 1.1 * 0.8, 1.1 * 1.2, 1.1 * 1.6};

  std::vector<float> output;
  std::string error;
  ASSERT_TRUE(forwardNetwork(net, {identity(8)}, image, 1, T, NeuronParams(),
                             output, &error))
      << error;
  std::vector<float> ramp = pspFilter(std::vector<float>(T, 1.0f), 3.0);
  for (int q = 0; q < 8; ++q) {
    std::vector<float> current;
    for (int64_t t = 0; t < T; ++t)
      current.push_back(static_cast<float>(pooled[q] * ramp[t]));
    NeuronTrace out = lifForward(current, NeuronParams());
    ASSERT_GT(thresholdMargin(out), 1e-4) << "window " << q;
    for (int64_t t = 0; t < T; ++t)
      EXPECT_NEAR(output[q * T + t], out.a[t], 1e-5)
          << "window " << q << " t=" << t;
  }
}

// A 4-3-2 MLP on two samples whose two layers both spike and stay silent at times.
struct SmallMlp {
  frontend::NetworkSpec net = parse("4-3-2", {4});
  static constexpr int64_t N = 2, T = 6;
  std::vector<float> w1 = {0.9f,  -0.3f, 0.5f,  0.2f, 0.1f, 0.8f,
                           -0.4f, 0.6f,  -0.5f, 0.3f, 0.7f, 0.4f};
  std::vector<float> w2 = {1.2f, 0.6f, -0.2f, 0.3f, 0.9f, 1.1f};
  std::vector<float> input = {1.0f, 0.5f, 0.8f, -0.2f, 0.3f, 1.2f, -0.5f, 0.9f};
};

// A two-layer MLP equals composing pspFilter, the synapse sums and
// lifForward by hand; two samples prove state is reset per sample.
TEST(ReferenceNetwork, DenseEqualsComposition) {
  SmallMlp m;
  const frontend::NetworkSpec &net = m.net;
  const int64_t N = SmallMlp::N, T = SmallMlp::T;
  const std::vector<float> &w1 = m.w1, &w2 = m.w2, &input = m.input;

  std::vector<float> traces, spikes;
  std::string error;
  NeuronParams p;
  ASSERT_TRUE(forwardNetwork(net, {w1, w2}, input, N, T, p, traces, &error))
      << error;
  p.outputSpikes = true;
  ASSERT_TRUE(forwardNetwork(net, {w1, w2}, input, N, T, p, spikes, &error))
      << error;
  ASSERT_EQ(traces.size(), size_t(N * 2 * T));
  ASSERT_EQ(spikes.size(), size_t(N * 2 * T));

  float hiddenSpikes = 0, outputSpikes = 0;
  for (int64_t n = 0; n < N; ++n) {
    std::vector<std::vector<float>> a0(T), a1(T);
    for (int j = 0; j < 4; ++j) {
      std::vector<float> x(T, input[n * 4 + j]);
      std::vector<float> y = pspFilter(x, 3.0);
      for (int64_t t = 0; t < T; ++t)
        a0[t].push_back(y[t]);
    }
    for (int i = 0; i < 3; ++i) {
      std::vector<float> current;
      for (int64_t t = 0; t < T; ++t)
        current.push_back(dot(&w1[i * 4], a0[t]));
      NeuronTrace tr = lifForward(current, NeuronParams());
      for (int64_t t = 0; t < T; ++t) {
        a1[t].push_back(tr.a[t]);
        hiddenSpikes += tr.o[t];
      }
    }
    for (int k = 0; k < 2; ++k) {
      std::vector<float> current;
      for (int64_t t = 0; t < T; ++t)
        current.push_back(dot(&w2[k * 3], a1[t]));
      NeuronTrace tr = lifForward(current, NeuronParams());
      for (int64_t t = 0; t < T; ++t) {
        // Same operations in the same order: equal to the last bit.
        EXPECT_EQ(traces[(n * 2 + k) * T + t], tr.a[t]);
        EXPECT_EQ(spikes[(n * 2 + k) * T + t], tr.o[t]);
        outputSpikes += tr.o[t];
      }
    }
  }
  // The example must exercise spiking and silence in both layers.
  EXPECT_GT(hiddenSpikes, 0);
  EXPECT_LT(hiddenSpikes, N * 3 * T);
  EXPECT_GT(outputSpikes, 0);
  EXPECT_LT(outputSpikes, N * 2 * T);
}

// holdFirstSynapse: the first layer's current is pspFilter(W·x), composed by hand
// bit for bit, and the network's output stays within rounding of the default order
// (the first synapse applied to the filtered input at every step).
TEST(ReferenceNetwork, HeldFirstSynapseEqualsFilteredCurrent) {
  SmallMlp m;
  const frontend::NetworkSpec &net = m.net;
  const int64_t N = SmallMlp::N, T = SmallMlp::T;
  const std::vector<float> &w1 = m.w1, &w2 = m.w2, &input = m.input;
  NeuronParams perStep, held;
  held.holdFirstSynapse = true;
  std::vector<float> want, got;
  std::string error;
  ASSERT_TRUE(forwardNetwork(net, {w1, w2}, input, N, T, perStep, want, &error)) << error;
  ASSERT_TRUE(forwardNetwork(net, {w1, w2}, input, N, T, held, got, &error)) << error;
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_NEAR(got[i], want[i], 1e-5) << "output " << i;

  for (int64_t n = 0; n < N; ++n) {
    std::vector<float> x(&input[n * 4], &input[n * 4] + 4);
    std::vector<std::vector<float>> a1(T);
    for (int i = 0; i < 3; ++i) {
      std::vector<float> current = pspFilter(std::vector<float>(T, dot(&w1[i * 4], x)), 3.0);
      NeuronTrace tr = lifForward(current, NeuronParams());
      for (int64_t t = 0; t < T; ++t)
        a1[t].push_back(tr.a[t]);
    }
    for (int k = 0; k < 2; ++k) {
      std::vector<float> current;
      for (int64_t t = 0; t < T; ++t)
        current.push_back(dot(&w2[k * 3], a1[t]));
      NeuronTrace tr = lifForward(current, NeuronParams());
      for (int64_t t = 0; t < T; ++t)
        EXPECT_EQ(got[(n * 2 + k) * T + t], tr.a[t]) << "n=" << n << " k=" << k << " t=" << t;
    }
  }
}

TEST(ReferenceNetwork, Errors) {
  frontend::NetworkSpec net = parse("4-3-2", {4});
  std::vector<float> w1(12, 0.1f), w2(6, 0.1f), input(8, 1.0f), out;
  std::string error;
  NeuronParams p;
  EXPECT_FALSE(forwardNetwork(net, {w1}, input, 2, 5, p, out, &error));
  EXPECT_EQ(error, "reference: expected 2 weight tensors (one per dense/conv "
                   "layer), got 1");
  EXPECT_FALSE(forwardNetwork(net, {std::vector<float>(11), w2}, input, 2, 5, p,
                              out, &error));
  EXPECT_EQ(error,
            "reference: weights of layer '3' have 11 elements, expected 12 "
            "(3x4)");
  EXPECT_FALSE(forwardNetwork(net, {w1, w2}, std::vector<float>(7), 2, 5, p,
                              out, &error));
  EXPECT_EQ(error, "reference: input has 7 elements, expected 8 (2x4)");
  EXPECT_FALSE(forwardNetwork(net, {w1, w2}, input, 2, 0, p, out, &error));
  EXPECT_EQ(error, "reference: N and T must be at least 1, got N=2 T=0");
  p.tauS = 0;
  EXPECT_FALSE(forwardNetwork(net, {w1, w2}, input, 2, 5, p, out, &error));
  EXPECT_EQ(error, "reference: tau_m and tau_s must be positive");
  EXPECT_FALSE(forwardNetwork(frontend::NetworkSpec(), {}, {}, 1, 1,
                              NeuronParams(), out, &error));
  EXPECT_EQ(error, "reference: the network must end in a dense layer");
}

} // namespace

// Proves: the dropout mask rule drops about `rate` of the draws, scales survivors by
// 1/(1 − rate), shares one draw along a map row, and changes with the seed, the stream
// and the sample (so the masks are neither constant nor shared between samples).
TEST(ReferenceDropout, MaskStatistics) {
  frontend::LayerSpec layer;
  layer.kind = frontend::LayerKind::Dropout;
  layer.dropoutRate = 0.2f;
  layer.inShape = {4, 50, 50};
  int64_t dropped = 0, total = 0;
  for (int64_t sample = 0; sample < 20; ++sample)
    for (int64_t i = 0; i < 4 * 50 * 50; i += 50) {
      float f = dropoutFactor(layer, 7, 0, sample, i);
      EXPECT_TRUE(f == 0.0f || f == 1.0f / 0.8f) << f;
      dropped += f == 0.0f;
      ++total;
      for (int64_t col = 1; col < 50; ++col)
        ASSERT_EQ(dropoutFactor(layer, 7, 0, sample, i + col), f) << "row not shared";
    }
  EXPECT_NEAR(double(dropped) / double(total), 0.2, 0.02);
  auto differs = [&](uint64_t seed, int64_t stream, int64_t sample) {
    int64_t diff = 0;
    for (int64_t i = 0; i < 4 * 50 * 50; i += 50)
      diff += dropoutFactor(layer, 7, 0, 0, i) != dropoutFactor(layer, seed, stream, sample, i);
    return diff;
  };
  EXPECT_GT(differs(8, 0, 0), 20);
  EXPECT_GT(differs(7, 1, 0), 20);
  EXPECT_GT(differs(7, 0, 1), 20);
}
