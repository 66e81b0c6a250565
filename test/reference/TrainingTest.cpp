// Unit tests of the oracle's training math: spec §8 golden values of the
// loss, the TSSL-BP backward and the AdamW step; the backward rule against
// its explicit-sum form; whole-network gradients against hand-composed
// pieces and equivalent networks; the layer adjoints.
#include "test/reference/Reference.h"
#include "test/reference/TestSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace snn;
using namespace snn::ref;
using namespace snn::ref::testing;

namespace {

// A fixed, platform-independent pseudo-random sequence (SplitMix64).
struct Rng {
  uint64_t state;
  explicit Rng(uint64_t seed) : state(seed) {}
  double uniform(double lo, double hi) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return lo + (hi - lo) * double(z >> 11) * 0x1.0p-53;
  }
  std::vector<float> floats(size_t n, double lo, double hi) {
    std::vector<float> v(n);
    for (float &x : v)
      x = static_cast<float>(uniform(lo, hi));
    return v;
  }
};

double dot(const std::vector<float> &x, const std::vector<float> &y) {
  double acc = 0;
  for (size_t i = 0; i < x.size(); ++i)
    acc += double(x[i]) * double(y[i]);
  return acc;
}

double absDot(const std::vector<float> &x, const std::vector<float> &y) {
  double acc = 0;
  for (size_t i = 0; i < x.size(); ++i)
    acc += std::fabs(double(x[i]) * double(y[i]));
  return acc;
}

// Spec §8 case A forward: PSP of two spike trains, weights (1.0, 0.8), one
// neuron (the same as ReferenceGolden.CaseAForward).
struct CaseA {
  std::vector<float> A1, A2, I;
  NeuronTrace trace;
  CaseA() {
    A1 = pspFilter({1, 1, 0, 1, 0}, 3.0);
    A2 = pspFilter({0, 1, 1, 0, 1}, 3.0);
    for (size_t t = 0; t < 5; ++t)
      I.push_back(static_cast<float>(1.0 * double(A1[t]) +
                                     double(0.8f) * double(A2[t])));
    trace = lifForward(I, NeuronParams());
  }
};

// Spec §8 case A: kernel loss, G/ρ/X/S, δ, dL/dw, the gradient handed to
// the inputs, the (inactive) clip and one AdamW step.
TEST(TrainingGolden, CaseA) {
  CaseA c;
  std::vector<float> g;
  std::string error;
  double loss = kernelLoss(c.trace.a, {0}, 1, 1, 5, 3.0, g, &error);
  ASSERT_FALSE(std::isnan(loss)) << error;
  EXPECT_NEAR(loss, 0.051906044, kGoldenTol);
  expectNear(g, {0.0, 0.222222222, -0.037037037, 0.074074074, -0.218106996},
             kGoldenTol, "g");

  LifBackwardDetail d;
  std::vector<float> delta = lifBackward(g, c.trace, NeuronParams(), &d);
  expectNear(
      d.G, {0.036850751, 0.055276127, -0.028196921, -0.023776863, -0.072702332},
      kGoldenTol, "G");
  expectNear(d.rho, {0.0, 1.323529412, 0.0, 1.401384083, 0.0}, kGoldenTol,
             "rho");
  expectNear(d.X, {0.052381008, 0.065476260, -0.026656414, -0.033320518, 0.0},
             kGoldenTol, "X");
  expectNear(
      d.S, {0.006128045, 0.065792320, -0.028653260, -0.007378559, -0.079353059},
      kGoldenTol, "S");
  EXPECT_EQ(d.surrogate, std::vector<bool>({true, false, false, false, false}));
  expectNear(delta, {0.006128045, 0.065476260, -0.026656414, -0.033320518, 0.0},
             kGoldenTol, "delta");

  // dL/dw = Σ_t δ_t·A_t and dL/dA = wᵀδ through the dense helpers.
  frontend::NetworkSpec net = parse("2-1", {2});
  const frontend::LayerSpec &layer = net.layers[0];
  std::vector<float> w = {1.0f, 0.8f};
  std::vector<double> acc(2, 0.0);
  std::vector<float> dA2;
  for (size_t t = 0; t < 5; ++t) {
    denseWeightGrad({delta[t]}, {c.A1[t], c.A2[t]}, acc);
    std::vector<float> dA = denseBackwardInput(layer, w, {delta[t]});
    EXPECT_EQ(dA[0], delta[t]);
    dA2.push_back(dA[1]);
  }
  expectNear(acc, {0.009211508, -0.005324632}, kGoldenTol, "dL/dw");
  expectNear(dA2, {0.004902436, 0.052381008, -0.021325131, -0.026656414, 0.0},
             kGoldenTol, "w2 delta");

  std::vector<std::vector<float>> grads = {{float(acc[0]), float(acc[1])}};
  std::vector<float> before = grads[0];
  EXPECT_NEAR(clipGlobalNorm(grads, 1.0), 0.010639717, kGoldenTol);
  EXPECT_EQ(grads[0], before); // norm < 1: untouched

  std::vector<double> m, v;
  adamwStep(w, grads[0], m, v, 1, 5e-4, 0.01, 0.9, 0.999, 1e-8);
  std::vector<std::vector<float>> weights = {w};
  clampWeights(weights, 4.0);
  expectNear(weights[0], {0.999495001, 0.800495999}, kGoldenTol, "w");
}

// Spec §8 case B: u₀ = ϑ stays silent (surrogate at t = 0), ρ₁ is capped at
// 8, and after the only spike the open gate emits X = 0.
TEST(TrainingGolden, CaseB) {
  NeuronTrace tr = lifForward({1.0f, 0.25f, 0, 0, 0}, NeuronParams());
  LifBackwardDetail d;
  std::vector<float> delta =
      lifBackward({0.1f, -0.2f, 0.3f, -0.1f, 0.05f}, tr, NeuronParams(), &d);
  expectNear(
      d.G, {0.026748971, -0.009876543, 0.085185185, -0.022222222, 0.016666667},
      kGoldenTol, "G");
  expectNear(d.rho, {0, 8, 0, 0, 0}, 0.0, "rho");
  expectNear(d.X, {-0.063209877, -0.079012346, 0, 0, 0}, kGoldenTol, "X");
  expectNear(
      d.S, {0.033436214, -0.012154770, 0.002831580, -0.000738673, 0.000554005},
      kGoldenTol, "S");
  EXPECT_EQ(d.surrogate, std::vector<bool>({true, false, false, false, false}));
  expectNear(delta, {0.033436214, -0.079012346, 0, 0, 0}, kGoldenTol, "delta");
}

// Spec §8: the case-A trace under the count loss (T = 5, desired 3,
// undesired 1) as the correct class (row 0) and as a wrong class (row 1).
TEST(TrainingGolden, CountLoss) {
  CaseA c;
  std::vector<float> out = c.trace.a;
  out.insert(out.end(), c.trace.a.begin(), c.trace.a.end());
  std::vector<float> g;
  std::string error;
  double loss = countLoss(out, {0}, 1, 2, 5, 3.0, 1.0, g, &error);
  ASSERT_FALSE(std::isnan(loss)) << error;
  const double eCorrect = -0.328395062, eWrong = 0.071604938;
  expectNear(g,
             {eCorrect, eCorrect, eCorrect, eCorrect, eCorrect, eWrong, eWrong,
              eWrong, eWrong, eWrong},
             kGoldenTol, "e");
  EXPECT_NEAR(loss, 2.5 * (eCorrect * eCorrect + eWrong * eWrong), kGoldenTol);

  // One-sided: the correct class above `desired` and a wrong class below
  // `undesired` carry no error.
  loss = countLoss(out, {1}, 1, 2, 5, 1.0, 3.0, g, &error);
  EXPECT_EQ(loss, 0.0);
  EXPECT_EQ(g, std::vector<float>(10, 0.0f));
}

// Spec §3.1: the doubly filtered target for T = 5 (pattern 01111) and the
// 0101… pattern for T ≥ 10; other T are rejected.
TEST(TrainingLoss, KernelTarget) {
  std::vector<double> target, pattern;
  std::string error;
  ASSERT_TRUE(kernelTarget(5, 3.0, target, &error)) << error;
  expectNear(target, {0.0, 0.111111111, 0.259259259, 0.407407407, 0.539094650},
             kGoldenTol, "T=5");

  ASSERT_TRUE(desiredPattern(10, pattern, &error)) << error;
  EXPECT_EQ(pattern, std::vector<double>({0, 1, 0, 1, 0, 1, 0, 1, 0, 1}));
  ASSERT_TRUE(kernelTarget(10, 3.0, target, &error)) << error;
  expectNear(target,
             {0.0, 0.111111111, 0.148148148, 0.259259259, 0.279835391,
              0.368998628, 0.367626886, 0.437280902, 0.419651476, 0.476299345},
             kGoldenTol, "T=10");

  ASSERT_TRUE(desiredPattern(30, pattern, &error)) << error;
  ASSERT_EQ(pattern.size(), 30u);
  for (size_t t = 0; t < 30; ++t)
    EXPECT_EQ(pattern[t], double(t % 2)) << "t=" << t;
  ASSERT_TRUE(desiredPattern(5, pattern, &error)) << error;
  EXPECT_EQ(pattern, std::vector<double>({0, 1, 1, 1, 1}));

  for (int64_t T : {0, 3, 7, 15, 25}) {
    EXPECT_FALSE(kernelTarget(T, 3.0, target, &error)) << "T=" << T;
    EXPECT_EQ(error, "reference: the kernel loss needs T a multiple of 10 "
                     "(T >= 10) or of 5 (T < 10), got T=" +
                         std::to_string(T));
  }
}

// g of both losses is the exact derivative of L in the output traces: the
// losses are quadratic there (the count loss away from its one-sided kink),
// so central differences agree up to rounding of L.
TEST(TrainingLoss, GradientsMatchFiniteDifferences) {
  const int64_t N = 2, C = 3, T = 10;
  Rng rng(11);
  std::vector<float> out = rng.floats(N * C * T, 0.0, 0.6);
  std::vector<int32_t> labels = {2, 0};
  const float h = 1.0f / 1024;
  for (LossKind kind : {LossKind::Kernel, LossKind::Count}) {
    auto loss = [&](const std::vector<float> &a, std::vector<float> &g) {
      return kind == LossKind::Kernel
                 ? kernelLoss(a, labels, N, C, T, 3.0, g)
                 : countLoss(a, labels, N, C, T, 5.0, 1.0, g);
    };
    std::vector<float> g, scratch;
    loss(out, g);
    for (size_t i = 0; i < out.size(); ++i) {
      if (kind == LossKind::Count) {
        ASSERT_NE(g[i], 0.0f) << "count example sits on the kink at " << i;
      }
      std::vector<float> plus = out, minus = out;
      plus[i] += h;
      minus[i] -= h;
      double fd = (loss(plus, scratch) - loss(minus, scratch)) /
                  (double(plus[i]) - double(minus[i]));
      EXPECT_NEAR(g[i], fd, 1e-6) << "element " << i;
    }
  }
}

// L and g of the kernel loss on a batch, element by element.
TEST(TrainingLoss, KernelLossSumsOverBatchClassesSteps) {
  const int64_t N = 2, C = 3, T = 5;
  Rng rng(5);
  std::vector<float> out = rng.floats(N * C * T, 0.0, 0.7);
  std::vector<int32_t> labels = {1, 2};
  std::vector<double> target;
  ASSERT_TRUE(kernelTarget(T, 3.0, target, nullptr));
  std::vector<float> g;
  double loss = kernelLoss(out, labels, N, C, T, 3.0, g);
  double want = 0;
  for (int64_t n = 0; n < N; ++n)
    for (int64_t c = 0; c < C; ++c)
      for (int64_t t = 0; t < T; ++t) {
        int64_t i = (n * C + c) * T + t;
        double diff = out[i] - (c == labels[n] ? target[t] : 0.0);
        want += 0.5 * diff * diff;
        EXPECT_EQ(g[i], static_cast<float>(diff)) << "element " << i;
      }
  EXPECT_NEAR(loss, want, 1e-12);
}

// Invalid shapes, labels, τs and T give NaN, an empty g and one message;
// the message is optional.
TEST(TrainingLoss, Errors) {
  std::vector<float> out(10, 0.1f), g(3, 1.0f);
  std::string error;
  EXPECT_TRUE(std::isnan(kernelLoss(out, {2}, 1, 2, 5, 3.0, g, &error)));
  EXPECT_EQ(error, "reference: label 2 of sample 0 is outside [0, 2)");
  EXPECT_TRUE(g.empty());
  EXPECT_TRUE(std::isnan(countLoss(out, {0}, 1, 3, 5, 3, 1, g, &error)));
  EXPECT_EQ(error,
            "reference: loss output has 10 elements, expected 15 (1x3x5)");
  EXPECT_TRUE(std::isnan(countLoss(out, {0, 1}, 1, 2, 5, 3, 1, g, &error)));
  EXPECT_EQ(error, "reference: expected 1 labels, got 2");
  EXPECT_TRUE(std::isnan(kernelLoss(out, {0}, 1, 1, 10, 0.0, g, &error)));
  EXPECT_EQ(error, "reference: tau_s must be positive");
  std::vector<float> seven(14, 0.1f);
  EXPECT_TRUE(std::isnan(kernelLoss(seven, {0}, 1, 2, 7, 3.0, g, nullptr)));
  EXPECT_FALSE(std::isnan(countLoss(seven, {0}, 1, 2, 7, 3, 1, g, nullptr)));
}

// The backward rule written the way the reference code does it (and
// tssl_bp_golden.backward_neuron): G as the explicit kernel sum, ρ through
// the sign-flipped clamp, and one carried "theta" for X.
std::vector<double> explicitBackward(const std::vector<float> &g,
                                     const NeuronTrace &tr,
                                     const NeuronParams &p) {
  const size_t T = g.size();
  const double rateM = 1.0 / p.tauM;
  std::vector<double> kappa;
  for (double k = 1.0; kappa.size() < T; k -= k / p.tauS)
    kappa.push_back(k / p.tauS);
  std::vector<double> out(T);
  double theta = 0;
  for (size_t s = T; s-- > 0;) {
    double G = 0;
    for (size_t k = 0; k + s < T; ++k)
      G += kappa[k] * g[s + k];
    double o = tr.o[s], u = tr.u[s], du = tr.du[s];
    double rho = 0;
    if (o > 0) {
      double negInv = du != 0 ? -1.0 / du : -HUGE_VAL;
      rho = -std::max(-8.0, std::min(0.0, negInv));
    }
    double X =
        rho * G + theta * u * rateM * rho + theta * (1.0 - rateM) * (1.0 - o);
    theta = X * o + theta * (1.0 - o) * (1.0 - rateM);
    double z = std::max(-8.0, std::min(8.0, (p.threshold - u) / 0.2));
    double S = G * std::exp(z) / ((1 + std::exp(z)) * (1 + std::exp(z)) * 0.2);
    out[s] = tr.a[s] < float(1.0 / (4.0 * p.tauS)) ? S : X;
  }
  return out;
}

// The O(T) recurrences of lifBackward equal the reference's explicit form
// on random neurons (the spec's own check used T ∈ {5, 30, 12} and these
// time constants), and the sample covers both gate paths, spikes and ρ caps.
TEST(TrainingBackward, MatchesExplicitKernelSum) {
  Rng rng(3);
  int surrogate = 0, tssl = 0, spikes = 0, capped = 0;
  const double params[3][2] = {{5, 3}, {8, 4}, {4, 2}};
  for (int trial = 0; trial < 600; ++trial) {
    size_t T = std::vector<size_t>{5, 10, 12, 30}[trial % 4];
    NeuronParams p;
    p.tauM = params[trial % 3][0];
    p.tauS = params[trial % 3][1];
    std::vector<float> I = rng.floats(T, -0.5, 1.6);
    std::vector<float> g = rng.floats(T, -1.0, 1.0);
    NeuronTrace tr = lifForward(I, p);
    LifBackwardDetail d;
    std::vector<float> delta = lifBackward(g, tr, p, &d);
    std::vector<double> want = explicitBackward(g, tr, p);
    for (size_t t = 0; t < T; ++t) {
      // δ is rounded once to float32 (≤ 6e-8 relative).
      EXPECT_NEAR(delta[t], want[t], 1.2e-7 * std::fabs(want[t]) + 1e-15)
          << "trial " << trial << " t=" << t;
      surrogate += d.surrogate[t];
      tssl += !d.surrogate[t];
      spikes += tr.o[t] != 0;
      capped += d.rho[t] == 8.0;
    }
  }
  EXPECT_GT(surrogate, 100);
  EXPECT_GT(tssl, 100);
  EXPECT_GT(spikes, 100);
  EXPECT_GT(capped, 5);
}

// ⟨conv(x), y⟩ = ⟨x, convT(y)⟩ and ⟨conv_W(x), y⟩ = ⟨W, dW(x, y)⟩ for
// paddings 0, 1, 2 and a non-square input. Every conv output is rounded
// once to float32, so the sides agree to ~1e-7 of Σ|terms|.
TEST(TrainingLayers, ConvAdjoints) {
  Rng rng(17);
  for (const char *text : {"3C3-4", "3C3/1-4", "3C3/2-4", "2C2/1-4"}) {
    frontend::NetworkSpec net = parse(text, {2, 6, 5});
    const frontend::LayerSpec &conv = net.layers[0];
    std::vector<float> w = rng.floats(conv.numWeights(), -1, 1);
    std::vector<float> x =
        rng.floats(frontend::numElements(conv.inShape), -1, 1);
    std::vector<float> y =
        rng.floats(frontend::numElements(conv.outShape), -1, 1);

    std::vector<float> cx = convForward(conv, w, x);
    std::vector<float> ty = convBackwardInput(conv, w, y);
    ASSERT_EQ(ty.size(), x.size());
    EXPECT_NEAR(dot(cx, y), dot(x, ty), 2e-7 * absDot(cx, y) + 1e-12) << text;

    std::vector<double> dw(w.size(), 0.0);
    convWeightGrad(conv, y, x, dw);
    std::vector<float> dwf(dw.begin(), dw.end());
    EXPECT_NEAR(dot(cx, y), dot(w, dwf), 2e-7 * absDot(cx, y) + 1e-12) << text;
  }
}

// Same for the dense synapse, and for pooling on an odd-sized input whose
// last row and column are dropped: they must receive exactly 0, the others
// 1.1 × the pooled gradient.
TEST(TrainingLayers, DenseAndPoolAdjoints) {
  Rng rng(23);
  frontend::NetworkSpec dnet = parse("7-4", {7});
  const frontend::LayerSpec &dense = dnet.layers[0];
  std::vector<float> w = rng.floats(28, -1, 1), x = rng.floats(7, -1, 1),
                     y = rng.floats(4, -1, 1);
  std::vector<float> wx = denseForward(dense, w, x);
  EXPECT_NEAR(dot(wx, y), dot(x, denseBackwardInput(dense, w, y)),
              2e-7 * absDot(wx, y));
  std::vector<double> dw(28, 0.0);
  denseWeightGrad(y, x, dw);
  EXPECT_NEAR(dot(wx, y), dot(w, std::vector<float>(dw.begin(), dw.end())),
              2e-7 * absDot(wx, y));

  frontend::NetworkSpec pnet = parse("P2-3", {2, 5, 7});
  const frontend::LayerSpec &pool = pnet.layers[0];
  ASSERT_EQ(pool.outShape, std::vector<int64_t>({2, 2, 3}));
  std::vector<float> px = rng.floats(70, -1, 1), py = rng.floats(12, -1, 1);
  std::vector<float> fx = poolForward(pool, px);
  std::vector<float> ty = poolBackward(pool, py);
  EXPECT_NEAR(dot(fx, py), dot(px, ty), 2e-7 * absDot(fx, py));
  for (int c = 0; c < 2; ++c)
    for (int h = 0; h < 5; ++h)
      for (int v = 0; v < 7; ++v) {
        float got = ty[(c * 5 + h) * 7 + v];
        if (h >= 4 || v >= 6)
          EXPECT_EQ(got, 0.0f) << c << "," << h << "," << v;
        else
          EXPECT_EQ(got,
                    static_cast<float>(1.1 * py[(c * 2 + h / 2) * 3 + v / 2]))
              << c << "," << h << "," << v;
      }
}

// Σ_j w_j·x_j in double, rounded once: the synapse rule of the oracle.
float synapse(const float *w, const std::vector<float> &x) {
  double acc = 0;
  for (size_t j = 0; j < x.size(); ++j)
    acc += double(w[j]) * double(x[j]);
  return static_cast<float>(acc);
}

// gradientsNetwork on a 4-3-2 MLP equals composing pspFilter, lifForward,
// the loss, lifBackward and Σδ·A by hand, for both losses; two samples prove
// the per-sample reset and the sum over the batch. The example exercises
// spikes, silence, and both gate paths in both layers.
TEST(TrainingNetwork, DenseEqualsComposition) {
  frontend::NetworkSpec net = parse("4-3-2", {4});
  const int64_t N = 2, T = 10;
  std::vector<float> w1 = {0.9f,  -0.3f, 0.5f,  0.2f, 0.1f, 0.8f,
                           -0.4f, 0.6f,  -0.5f, 0.3f, 0.7f, 0.4f};
  std::vector<float> w2 = {1.2f, 0.6f, -0.2f, 0.3f, 0.9f, 1.1f};
  std::vector<float> input = {1.0f, 0.5f, 0.8f, -0.2f, 0.3f, 1.2f, -0.5f, 0.9f};
  std::vector<int32_t> labels = {0, 1};
  NeuronParams p;

  // Forward by hand, [n][neuron] traces and [n][j][t] layer inputs.
  std::vector<std::vector<NeuronTrace>> hidden(N), outer(N);
  std::vector<std::vector<std::vector<float>>> a0(N), a1(N);
  std::vector<float> out(N * 2 * T);
  for (int64_t n = 0; n < N; ++n) {
    for (int j = 0; j < 4; ++j)
      a0[n].push_back(
          pspFilter(std::vector<float>(T, input[n * 4 + j]), p.tauS));
    auto column = [](const std::vector<std::vector<float>> &a, int64_t t) {
      std::vector<float> x;
      for (const std::vector<float> &row : a)
        x.push_back(row[t]);
      return x;
    };
    for (int i = 0; i < 3; ++i) {
      std::vector<float> current;
      for (int64_t t = 0; t < T; ++t)
        current.push_back(synapse(&w1[i * 4], column(a0[n], t)));
      hidden[n].push_back(lifForward(current, p));
      a1[n].push_back(hidden[n].back().a);
    }
    for (int k = 0; k < 2; ++k) {
      std::vector<float> current;
      for (int64_t t = 0; t < T; ++t)
        current.push_back(synapse(&w2[k * 3], column(a1[n], t)));
      outer[n].push_back(lifForward(current, p));
      for (int64_t t = 0; t < T; ++t)
        out[(n * 2 + k) * T + t] = outer[n].back().a[t];
    }
  }
  std::vector<float> forward;
  ASSERT_TRUE(forwardNetwork(net, {w1, w2}, input, N, T, p, forward, nullptr));
  ASSERT_EQ(forward, out);

  for (LossKind kind : {LossKind::Kernel, LossKind::Count}) {
    SCOPED_TRACE(kind == LossKind::Kernel ? "kernel" : "count");
    std::vector<float> g;
    double wantLoss = kind == LossKind::Kernel
                          ? kernelLoss(out, labels, N, 2, T, p.tauS, g)
                          : countLoss(out, labels, N, 2, T, 4.0, 1.0, g);
    std::vector<double> dW1(12, 0.0), dW2(6, 0.0);
    int paths[2][2] = {{0, 0}, {0, 0}}; // [layer][surrogate?]
    int spikes[2] = {0, 0};
    for (int64_t n = 0; n < N; ++n) {
      std::vector<std::vector<float>> d2;
      for (int k = 0; k < 2; ++k) {
        std::vector<float> gk(g.begin() + (n * 2 + k) * T,
                              g.begin() + (n * 2 + k + 1) * T);
        LifBackwardDetail d;
        d2.push_back(lifBackward(gk, outer[n][k], p, &d));
        for (int64_t t = 0; t < T; ++t) {
          ++paths[1][d.surrogate[t]];
          spikes[1] += outer[n][k].o[t] != 0;
          for (int i = 0; i < 3; ++i)
            dW2[k * 3 + i] += double(d2[k][t]) * double(a1[n][i][t]);
        }
      }
      for (int i = 0; i < 3; ++i) {
        std::vector<float> gi;
        for (int64_t t = 0; t < T; ++t)
          gi.push_back(
              static_cast<float>(double(w2[i]) * double(d2[0][t]) +
                                 double(w2[3 + i]) * double(d2[1][t])));
        LifBackwardDetail d;
        std::vector<float> d1 = lifBackward(gi, hidden[n][i], p, &d);
        for (int64_t t = 0; t < T; ++t) {
          ++paths[0][d.surrogate[t]];
          spikes[0] += hidden[n][i].o[t] != 0;
          for (int j = 0; j < 4; ++j)
            dW1[i * 4 + j] += double(d1[t]) * double(a0[n][j][t]);
        }
      }
    }
    for (int l = 0; l < 2; ++l) {
      EXPECT_GT(paths[l][0], 0) << "layer " << l << " never takes X";
      EXPECT_GT(paths[l][1], 0) << "layer " << l << " never takes S";
      EXPECT_GT(spikes[l], 0) << "layer " << l << " is silent";
    }

    double loss = -1;
    std::vector<std::vector<float>> grads;
    std::string error;
    ASSERT_TRUE(gradientsNetwork(net, {w1, w2}, input, labels, N, T, p, kind,
                                 4.0, 1.0, loss, grads, &error))
        << error;
    EXPECT_EQ(loss, wantLoss);
    ASSERT_EQ(grads.size(), 2u);
    // Same operations in the same order: equal to the last bit.
    EXPECT_EQ(grads[0], std::vector<float>(dW1.begin(), dW1.end()));
    EXPECT_EQ(grads[1], std::vector<float>(dW2.begin(), dW2.end()));
    double norm = 0;
    for (float x : grads[0])
      norm += std::fabs(x);
    EXPECT_GT(norm, 1e-4) << "hidden layer gets no gradient";
  }
}

// A conv whose output is 1x1 is a dense layer over the flattened input with
// the same weight memory ([F,C,k,k] = [F, C·k·k]), so "2C3-4C3-3" and
// "2C3-4-3" must give identical forward passes and gradients: this checks
// the conv weight gradient, the transposed conv inside a network and the
// flatten.
TEST(TrainingNetwork, ConvEqualsDenseOnFullWindow) {
  frontend::NetworkSpec convNet = parse("2C3-4C3-3", {1, 5, 5});
  frontend::NetworkSpec denseNet = parse("2C3-4-3", {1, 5, 5});
  const int64_t N = 2, T = 10;
  Rng rng(29);
  std::vector<std::vector<float>> weights = {rng.floats(18, -0.2, 0.8),
                                             rng.floats(72, -0.3, 0.5),
                                             rng.floats(12, -0.2, 1.2)};
  std::vector<float> input = rng.floats(N * 25, 0.0, 1.5);
  std::vector<int32_t> labels = {1, 2};
  NeuronParams p;

  std::vector<float> outConv, outDense;
  ASSERT_TRUE(
      forwardNetwork(convNet, weights, input, N, T, p, outConv, nullptr));
  ASSERT_TRUE(
      forwardNetwork(denseNet, weights, input, N, T, p, outDense, nullptr));
  ASSERT_EQ(outConv, outDense);

  double lossConv, lossDense;
  std::vector<std::vector<float>> gConv, gDense;
  std::string error;
  ASSERT_TRUE(gradientsNetwork(convNet, weights, input, labels, N, T, p,
                               LossKind::Kernel, 0, 0, lossConv, gConv, &error))
      << error;
  ASSERT_TRUE(gradientsNetwork(denseNet, weights, input, labels, N, T, p,
                               LossKind::Kernel, 0, 0, lossDense, gDense,
                               &error))
      << error;
  EXPECT_EQ(lossConv, lossDense);
  ASSERT_EQ(gConv.size(), 3u);
  for (size_t l = 0; l < 3; ++l)
    for (size_t i = 0; i < gConv[l].size(); ++i)
      EXPECT_FLOAT_EQ(gConv[l][i], gDense[l][i]) << "layer " << l << " " << i;
  double first = 0;
  for (float x : gConv[0])
    first += std::fabs(x);
  EXPECT_GT(first, 1e-4) << "the first conv gets no gradient";
}

// "2C3/1-P2-3" on 5x5 equals "2C3/1-3" whose dense weights are 1.1 × the
// pooled ones spread over each window and 0 on the row and column the pool
// drops. The two forwards round differently, so the test first checks that
// they spike identically; gradients then agree to float32 rounding.
TEST(TrainingNetwork, PoolEqualsSpreadDense) {
  frontend::NetworkSpec poolNet = parse("2C3/1-P2-3", {1, 5, 5});
  frontend::NetworkSpec flatNet = parse("2C3/1-3", {1, 5, 5});
  const int64_t N = 2, T = 10;
  Rng rng(31);
  std::vector<float> conv = rng.floats(18, -0.1, 0.7);
  std::vector<float> dense = rng.floats(24, -0.2, 0.6);
  std::vector<float> spread(3 * 50, 0.0f);
  for (int m = 0; m < 3; ++m)
    for (int c = 0; c < 2; ++c)
      for (int h = 0; h < 4; ++h)
        for (int v = 0; v < 4; ++v)
          spread[m * 50 + c * 25 + h * 5 + v] = static_cast<float>(
              1.1 * dense[m * 8 + c * 4 + (h / 2) * 2 + v / 2]);
  std::vector<float> input = rng.floats(N * 25, 0.0, 1.5);
  std::vector<int32_t> labels = {0, 2};
  NeuronParams p;

  p.outputSpikes = true;
  std::vector<float> spikesPool, spikesFlat;
  ASSERT_TRUE(forwardNetwork(poolNet, {conv, dense}, input, N, T, p, spikesPool,
                             nullptr));
  ASSERT_TRUE(forwardNetwork(flatNet, {conv, spread}, input, N, T, p,
                             spikesFlat, nullptr));
  ASSERT_EQ(spikesPool, spikesFlat);
  p.outputSpikes = false;

  double lossPool, lossFlat;
  std::vector<std::vector<float>> gPool, gFlat;
  std::string error;
  ASSERT_TRUE(gradientsNetwork(poolNet, {conv, dense}, input, labels, N, T, p,
                               LossKind::Kernel, 0, 0, lossPool, gPool, &error))
      << error;
  ASSERT_TRUE(gradientsNetwork(flatNet, {conv, spread}, input, labels, N, T, p,
                               LossKind::Kernel, 0, 0, lossFlat, gFlat, &error))
      << error;
  EXPECT_NEAR(lossPool, lossFlat, 1e-6 * lossPool);

  double scale = 0;
  for (float x : gPool[0])
    scale = std::max(scale, double(std::fabs(x)));
  ASSERT_GT(scale, 1e-4) << "the conv layer gets no gradient";
  for (size_t i = 0; i < gPool[0].size(); ++i)
    EXPECT_NEAR(gPool[0][i], gFlat[0][i], 1e-5 * scale) << "conv " << i;

  // dL/dW_pool[m,q] = 1.1 × Σ over window q of dL/dW_flat[m, cell]; the
  // dropped cells still see activity, so their flat gradients are free.
  for (int m = 0; m < 3; ++m)
    for (int q = 0; q < 8; ++q) {
      int c = q / 4, i = (q % 4) / 2, j = q % 2;
      double sum = 0;
      for (int dy = 0; dy < 2; ++dy)
        for (int dx = 0; dx < 2; ++dx)
          sum += gFlat[1][m * 50 + c * 25 + (2 * i + dy) * 5 + 2 * j + dx];
      EXPECT_NEAR(gPool[1][m * 8 + q], 1.1 * sum,
                  1e-5 * std::max(1.0, std::fabs(sum)))
          << "dense " << m << "," << q;
    }
}

TEST(TrainingNetwork, Errors) {
  frontend::NetworkSpec net = parse("4-3-2", {4});
  std::vector<float> w1(12, 0.1f), w2(6, 0.1f), input(8, 1.0f);
  double loss;
  std::vector<std::vector<float>> grads;
  std::string error;
  NeuronParams p;
  EXPECT_FALSE(gradientsNetwork(net, {w1, w2}, input, {0, 1}, 2, 7, p,
                                LossKind::Kernel, 0, 0, loss, grads, &error));
  EXPECT_EQ(error, "reference: the kernel loss needs T a multiple of 10 "
                   "(T >= 10) or of 5 (T < 10), got T=7");
  EXPECT_TRUE(gradientsNetwork(net, {w1, w2}, input, {0, 1}, 2, 7, p,
                               LossKind::Count, 3, 1, loss, grads, &error))
      << error;
  EXPECT_FALSE(gradientsNetwork(net, {w1, w2}, input, {0, 2}, 2, 5, p,
                                LossKind::Count, 3, 1, loss, grads, &error));
  EXPECT_EQ(error, "reference: label 2 of sample 1 is outside [0, 2)");
  EXPECT_FALSE(gradientsNetwork(net, {w1}, input, {0, 1}, 2, 5, p,
                                LossKind::Kernel, 0, 0, loss, grads, &error));
  EXPECT_EQ(error, "reference: expected 2 weight tensors (one per dense/conv "
                   "layer), got 1");
}

// AdamW: with g = 0 only the decoupled decay acts; on the first step the
// bias-corrected update is ≈ lr·sign(g); a second step follows PyTorch's
// moment recurrences.
TEST(TrainingOptimizer, AdamW) {
  std::vector<float> w = {2.0f, -1.0f, 0.5f};
  std::vector<double> m, v;
  adamwStep(w, {0, 0, 0}, m, v, 1, 1e-2, 0.1, 0.9, 0.999, 1e-8);
  expectNear(w, {2.0 * 0.999, -1.0 * 0.999, 0.5 * 0.999}, 1e-7, "decay only");

  w = {2.0f, -1.0f, 0.5f};
  m.clear();
  v.clear();
  std::vector<float> g = {0.3f, -2.0f, 1e-3f};
  adamwStep(w, g, m, v, 1, 1e-2, 0.01, 0.9, 0.999, 1e-8);
  expectNear(w,
             {2.0 * 0.9999 - 1e-2, -1.0 * 0.9999 + 1e-2, 0.5 * 0.9999 - 1e-2},
             1e-6, "step 1");

  std::vector<float> g2 = {-0.1f, -1.0f, 0.5f};
  std::vector<double> want;
  for (size_t i = 0; i < 3; ++i) {
    double mi = 0.9 * m[i] + 0.1 * g2[i];
    double vi = 0.999 * v[i] + 0.001 * double(g2[i]) * g2[i];
    double mhat = mi / (1 - 0.81), vhat = vi / (1 - 0.999 * 0.999);
    want.push_back(double(w[i]) * 0.9999 -
                   1e-2 * mhat / (std::sqrt(vhat) + 1e-8));
  }
  adamwStep(w, g2, m, v, 2, 1e-2, 0.01, 0.9, 0.999, 1e-8);
  expectNear(w, want, 1e-6, "step 2");
}

// The clip scales all tensors together by maxNorm/(‖g‖ + 1e-6) and returns
// the norm before clipping; the clamp bounds every weight.
TEST(TrainingOptimizer, ClipAndClamp) {
  std::vector<std::vector<float>> grads = {{3.0f}, {0.0f, -4.0f}};
  EXPECT_DOUBLE_EQ(clipGlobalNorm(grads, 1.0), 5.0);
  const double s = 1.0 / (5.0 + 1e-6);
  EXPECT_EQ(grads[0][0], static_cast<float>(3.0 * s));
  EXPECT_EQ(grads[1][1], static_cast<float>(-4.0 * s));
  EXPECT_EQ(grads[1][0], 0.0f);

  std::vector<std::vector<float>> weights = {{-5.0f, 3.5f}, {4.25f}};
  clampWeights(weights, 4.0);
  EXPECT_EQ(weights, (std::vector<std::vector<float>>{{-4.0f, 3.5f}, {4.0f}}));
}

} // namespace
