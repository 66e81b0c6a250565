// Unit tests for the optimiser: clipping, AdamW against golden and PyTorch,
// SGD, clamp.
#include "runtime/Optimizer.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

using namespace snn::rt;

namespace {

OptimizerConfig sgdIdentity() {
  OptimizerConfig c;
  c.kind = OptimizerConfig::SGD;
  c.lr = 1.0;
  c.weightDecay = 0.0;
  c.clip = 0.0;
  c.weightClamp = 0.0;
  return c;
}

uint32_t bits(float f) {
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return b;
}

// The golden example of tssl-bp.md §8: the first AdamW step from w = (1, 0.8)
// with the example's gradient (unrounded values printed by
// /work/shared/golden/tssl_bp_golden.py) gives (0.999495, 0.800496). The
// printed golden is rounded to 6 decimals, hence the 1e-6 tolerance; against
// the script's unrounded result the float32 weight is within 1e-7 (under two
// float32 ulps at 1.0).
TEST(OptimizerTest, FirstAdamWStepMatchesGolden) {
  std::vector<float> w = {1.0f, 0.8f};
  std::vector<float> g = {0.009211507995108954f, -0.005324631517841988f};
  Optimizer opt(OptimizerConfig{}, {2});
  const double norm = opt.step({w.data()}, {g.data()});
  EXPECT_NEAR(norm, 0.010640, 1e-6);
  EXPECT_NEAR(norm, 0.01063971711770348, 1e-9);
  // No clipping: the norm is below 1, so the gradients are untouched.
  EXPECT_EQ(g[0], 0.009211507995108954f);
  EXPECT_EQ(g[1], -0.005324631517841988f);
  EXPECT_NEAR(w[0], 0.999495, 1e-6);
  EXPECT_NEAR(w[1], 0.800496, 1e-6);
  EXPECT_NEAR(w[0], 0.9994950005427987, 1e-7);
  EXPECT_NEAR(w[1], 0.8004959990609697, 1e-7);
  EXPECT_EQ(opt.state().step, 1);
}

// Five AdamW steps (lr 1e-2, wd 0.01, default betas/eps, no clip or clamp)
// equal torch.optim.AdamW of PyTorch 1.13 (Debian python3-torch), produced
// by /usr/bin/python3 with float32 tensors:
//   p = torch.tensor([0.5, -1.25, 3.9, 0.0], requires_grad=True)
//   opt = torch.optim.AdamW([p], lr=1e-2, weight_decay=0.01)
//   for g in grads: p.grad = torch.tensor(g); opt.step()
// printing p, exp_avg and exp_avg_sq with '%.9g'. PyTorch rounds every
// intermediate to float32 whereas we round once per stored value, so values
// agree to a few float32 ulps: 1e-6 absolute for |w| < 4 (ulp(3.9) = 2.4e-7)
// and 1e-6 relative for the moments.
TEST(OptimizerTest, AdamWMatchesPyTorchSequence) {
  const float grads[5][4] = {{0.3f, -0.02f, 1.5f, 0.0f},
                             {-0.1f, -0.04f, 0.75f, 0.0f},
                             {0.25f, 0.01f, -2.0f, 1e-3f},
                             {0.0f, -0.03f, 0.5f, -2e-3f},
                             {-0.6f, 0.05f, 0.125f, 4e-3f}};
  const float expected[5][4] = {
      {0.489950001f, -1.23987496f, 3.88961005f, 0.0f},
      {0.485898823f, -1.2300992f, 3.87989926f, 0.0f},
      {0.47946012f, -1.2240901f, 3.87978053f, -0.00638802489f},
      {0.474177808f, -1.21674967f, 3.87851477f, -0.0035283519f},
      {0.476195902f, -1.21580493f, 3.87712932f, -0.00711146276f}};
  const float expectedM[4] = {-0.0273570046f, -0.0011181992f, 0.0485899933f,
                              0.000301000022f};
  const float expectedV[4] = {0.000521985698f, 5.49250763e-06f, 0.00705920672f,
                              2.09940048e-08f};

  OptimizerConfig cfg;
  cfg.lr = 1e-2;
  cfg.clip = 0;
  cfg.weightClamp = 0;
  Optimizer opt(cfg, {4});
  std::vector<float> w = {0.5f, -1.25f, 3.9f, 0.0f};
  for (int s = 0; s < 5; ++s) {
    std::vector<float> g(grads[s], grads[s] + 4);
    opt.step({w.data()}, {g.data()});
    for (int i = 0; i < 4; ++i)
      EXPECT_NEAR(w[i], expected[s][i], 1e-6) << "step " << s + 1 << " w" << i;
  }
  EXPECT_EQ(opt.state().step, 5);
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(opt.state().m[0][i], expectedM[i],
                1e-6 * std::fabs(expectedM[i]));
    EXPECT_NEAR(opt.state().v[0][i], expectedV[i],
                1e-6 * std::fabs(expectedV[i]));
  }
}

// Twenty AdamW steps over two tensors agree with the textbook formula
// (m̂ = m/(1-β1^t), v̂ = v/(1-β2^t), w -= lr·m̂/(√v̂+ε) after decay) evaluated
// here entirely in double. The implementation stores m, v and w in float32,
// so they differ by float32 rounding: 2e-6 absolute on weights of size ~1 is
// about 16 ulps, room for twenty steps' worth of accumulated rounding.
TEST(OptimizerTest, AdamWMatchesIndependentFormula) {
  OptimizerConfig cfg;
  cfg.lr = 3e-3;
  cfg.weightDecay = 0.05;
  cfg.clip = 0;
  cfg.weightClamp = 0;
  Optimizer opt(cfg, {3, 2});
  std::vector<float> a = {0.7f, -0.2f, 1.1f}, b = {-0.9f, 0.05f};
  std::vector<double> w = {0.7, -0.2, 1.1, -0.9, 0.05}, m(5, 0.0), v(5, 0.0);
  for (int t = 1; t <= 20; ++t) {
    std::vector<float> ga(3), gb(2);
    for (int i = 0; i < 5; ++i) {
      const float g = static_cast<float>(std::sin(1.7 * t + 0.9 * i)) *
                      (i == 1 ? 0.01f : 1.0f);
      (i < 3 ? ga[i] : gb[i - 3]) = g;
      w[i] *= 1 - cfg.lr * cfg.weightDecay;
      m[i] = cfg.beta1 * m[i] + (1 - cfg.beta1) * g;
      v[i] = cfg.beta2 * v[i] + (1 - cfg.beta2) * double(g) * g;
      const double mHat = m[i] / (1 - std::pow(cfg.beta1, t));
      const double vHat = v[i] / (1 - std::pow(cfg.beta2, t));
      w[i] -= cfg.lr * mHat / (std::sqrt(vHat) + cfg.eps);
    }
    opt.step({a.data(), b.data()}, {ga.data(), gb.data()});
    for (int i = 0; i < 5; ++i)
      EXPECT_NEAR(i < 3 ? a[i] : b[i - 3], w[i], 2e-6)
          << "step " << t << " w" << i;
  }
}

// The global norm spans all tensors; above `clip` every gradient is scaled by
// clip/(‖g‖+1e-6) in place and the returned norm is the one before scaling.
TEST(OptimizerTest, ClipsByGlobalNorm) {
  OptimizerConfig cfg = sgdIdentity();
  cfg.clip = 1.0;
  Optimizer opt(cfg, {1, 1});
  std::vector<float> w1 = {0.0f}, w2 = {0.0f};
  std::vector<float> g1 = {3.0f}, g2 = {4.0f};
  EXPECT_DOUBLE_EQ(opt.step({w1.data(), w2.data()}, {g1.data(), g2.data()}),
                   5.0);
  const double scale = 1.0 / (5.0 + 1e-6);
  EXPECT_EQ(g1[0], static_cast<float>(3.0 * scale));
  EXPECT_EQ(g2[0], static_cast<float>(4.0 * scale));
  // The update used the scaled gradients.
  EXPECT_EQ(w1[0], -g1[0]);
  EXPECT_EQ(w2[0], -g2[0]);
  EXPECT_NEAR(std::hypot(g1[0], g2[0]), 1.0, 1e-6);
}

// Below the threshold (scale >= 1) the gradients are left alone.
TEST(OptimizerTest, NoClipBelowThreshold) {
  OptimizerConfig cfg = sgdIdentity();
  cfg.clip = 1.0;
  Optimizer opt(cfg, {2});
  std::vector<float> w = {0.0f, 0.0f}, g = {0.3f, 0.4f};
  EXPECT_NEAR(opt.step({w.data()}, {g.data()}), 0.5, 1e-7);
  EXPECT_EQ(g[0], 0.3f);
  EXPECT_EQ(g[1], 0.4f);
}

// clip = 0 disables clipping but the norm is still reported.
TEST(OptimizerTest, ClipZeroDisables) {
  Optimizer opt(sgdIdentity(), {2});
  std::vector<float> w = {0.0f, 0.0f}, g = {30.0f, 40.0f};
  EXPECT_DOUBLE_EQ(opt.step({w.data()}, {g.data()}), 50.0);
  EXPECT_EQ(g[0], 30.0f);
  EXPECT_EQ(w[0], -30.0f);
  EXPECT_EQ(w[1], -40.0f);
}

// After the update every weight lies in [-c, c]; c = 0 disables the clamp.
TEST(OptimizerTest, ClampsWeights) {
  OptimizerConfig cfg = sgdIdentity();
  cfg.weightClamp = 4.0;
  Optimizer opt(cfg, {4});
  std::vector<float> w = {3.5f, -3.5f, 1.0f, 4.0f};
  std::vector<float> g = {-1.0f, 2.0f, 0.5f, 0.0f};
  opt.step({w.data()}, {g.data()});
  EXPECT_EQ(w, (std::vector<float>{4.0f, -4.0f, 0.5f, 4.0f}));

  Optimizer off(sgdIdentity(), {1});
  std::vector<float> x = {3.5f}, gx = {-1.0f};
  off.step({x.data()}, {gx.data()});
  EXPECT_EQ(x[0], 4.5f);

  // AdamW clamps too: a weight already at the bound cannot leave it.
  OptimizerConfig adam;
  adam.lr = 0.1;
  Optimizer a(adam, {1});
  std::vector<float> y = {-4.0f}, gy = {0.5f};
  a.step({y.data()}, {gy.data()});
  EXPECT_EQ(y[0], -4.0f);
}

// With SGD, lr 1, wd 0, clip 0, clamp 0 the new weight is exactly the float32
// w - g (bit for bit), and where w - g is representable the change is exactly
// -g: the contract `snnc train` relies on to compare gradients.
TEST(OptimizerTest, SgdIdentityStepIsExactlyMinusGradient) {
  std::vector<float> w, g;
  for (int i = 0; i < 1000; ++i) {
    const double x = std::sin(0.37 * i), y = std::cos(1.3 * i);
    w.push_back(static_cast<float>(x * std::pow(10.0, i % 7 - 3)));
    g.push_back(static_cast<float>(y * std::pow(10.0, i % 11 - 6)));
  }
  // Huge and tiny magnitudes side by side, and signed zeros.
  w.insert(w.end(), {1e30f, -1e-30f, 0.0f, -0.0f, 3.0f});
  g.insert(g.end(), {1e-30f, 1e30f, -0.0f, 0.0f, 0.25f});
  std::vector<float> w0 = w, g0 = g;
  Optimizer opt(sgdIdentity(), {w.size()});
  opt.step({w.data()}, {g.data()});
  for (std::size_t i = 0; i < w.size(); ++i) {
    const float expect = w0[i] - g0[i];
    EXPECT_EQ(bits(w[i]), bits(expect)) << i;
    EXPECT_EQ(bits(g[i]), bits(g0[i])) << "gradient changed at " << i;
  }
  EXPECT_EQ(w.back() - w0.back(), -g0.back());
}

// SGD with decay: w·(1 - lr·wd) - lr·g, computed in double, rounded once.
TEST(OptimizerTest, SgdWithWeightDecay) {
  OptimizerConfig cfg = sgdIdentity();
  cfg.lr = 0.1;
  cfg.weightDecay = 0.5;
  Optimizer opt(cfg, {2});
  std::vector<float> w = {2.0f, -1.0f}, g = {1.0f, -3.0f};
  opt.step({w.data()}, {g.data()});
  EXPECT_EQ(w[0], static_cast<float>(2.0 * 0.95 - 0.1 * 1.0));
  EXPECT_EQ(w[1], static_cast<float>(-1.0 * 0.95 + 0.1 * 3.0));
}

// A NaN or infinite gradient changes nothing and is reported by the norm.
TEST(OptimizerTest, NonFiniteGradientChangesNothing) {
  Optimizer opt(OptimizerConfig{}, {2});
  std::vector<float> w = {1.0f, 2.0f};
  std::vector<float> g = {std::numeric_limits<float>::quiet_NaN(), 100.0f};
  EXPECT_TRUE(std::isnan(opt.step({w.data()}, {g.data()})));
  EXPECT_EQ(w, (std::vector<float>{1.0f, 2.0f}));
  EXPECT_EQ(g[1], 100.0f);
  EXPECT_EQ(opt.state().step, 0);
  EXPECT_EQ(opt.state().m[0], (std::vector<float>{0.0f, 0.0f}));

  g = {std::numeric_limits<float>::infinity(), 0.0f};
  EXPECT_TRUE(std::isinf(opt.step({w.data()}, {g.data()})));
  EXPECT_EQ(w, (std::vector<float>{1.0f, 2.0f}));
}

// Restoring the state of a run after step 2 and continuing gives bit for bit
// the weights of the uninterrupted run (what --resume relies on).
TEST(OptimizerTest, RestoredStateContinuesExactly) {
  OptimizerConfig cfg;
  cfg.lr = 1e-2;
  auto grad = [](int t) {
    return std::vector<float>{0.1f * t, -0.2f, 0.05f * t * t};
  };
  Optimizer full(cfg, {3});
  std::vector<float> wFull = {0.1f, 0.2f, 0.3f};
  for (int t = 1; t <= 4; ++t) {
    std::vector<float> g = grad(t);
    full.step({wFull.data()}, {g.data()});
  }

  Optimizer first(cfg, {3});
  std::vector<float> w = {0.1f, 0.2f, 0.3f};
  for (int t = 1; t <= 2; ++t) {
    std::vector<float> g = grad(t);
    first.step({w.data()}, {g.data()});
  }
  Optimizer resumed(cfg, {3});
  std::string error;
  ASSERT_TRUE(resumed.setState(first.state(), &error)) << error;
  for (int t = 3; t <= 4; ++t) {
    std::vector<float> g = grad(t);
    resumed.step({w.data()}, {g.data()});
  }
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(bits(w[i]), bits(wFull[i]));
  EXPECT_EQ(resumed.state().step, 4);
}

// setState rejects moments of the wrong shape for the optimiser's kind.
TEST(OptimizerTest, SetStateValidates) {
  Optimizer adam(OptimizerConfig{}, {3, 2});
  OptimizerState s;
  s.step = 7;
  s.m = {std::vector<float>(3), std::vector<float>(5)};
  s.v = {std::vector<float>(3), std::vector<float>(2)};
  std::string error;
  EXPECT_FALSE(adam.setState(s, &error));
  EXPECT_EQ(error, "cannot restore adamw optimizer state: the moments of "
                   "parameter 1 have 5/2 elements, expected 2");
  EXPECT_EQ(adam.state().step, 0);

  s.m.pop_back();
  EXPECT_FALSE(adam.setState(s, &error));
  EXPECT_EQ(error, "cannot restore adamw optimizer state: it has moments for "
                   "1/2 parameters, expected 2");

  OptimizerConfig sgdCfg = sgdIdentity();
  Optimizer sgd(sgdCfg, {3});
  EXPECT_TRUE(sgd.state().m.empty());
  EXPECT_FALSE(sgd.setState(s, &error));
  EXPECT_EQ(error, "cannot restore sgd optimizer state: it holds Adam "
                   "moments, which SGD does not use");
  OptimizerState plain;
  plain.step = 3;
  EXPECT_TRUE(sgd.setState(plain, &error));
  EXPECT_EQ(sgd.state().step, 3);

  plain.step = -1;
  EXPECT_FALSE(sgd.setState(plain, &error));
  EXPECT_EQ(error,
            "cannot restore sgd optimizer state: negative step count -1");
}

// Proves: the blocked, multi-threaded step gives the same bits at every thread count:
// weights, both moments, the clipped gradients and the returned norm, over tensors
// that span several blocks and one smaller than a block, with clipping and the clamp
// active.
TEST(OptimizerTest, StepIsTheSameAtEveryThreadCount) {
  const std::vector<std::size_t> sizes = {2 * kOptimizerBlock + 123, 5};
  OptimizerConfig cfg;
  cfg.clip = 0.5;
  cfg.weightClamp = 0.05;
  auto run = [&](int threads, std::vector<std::vector<float>> &w, OptimizerState &state,
                 std::vector<double> &norms) {
    Optimizer opt(cfg, sizes);
    w.assign(sizes.size(), {});
    for (std::size_t p = 0; p < sizes.size(); ++p)
      for (std::size_t i = 0; i < sizes[p]; ++i)
        w[p].push_back(0.04f * std::sin(float(i + 7 * p)));
    for (int step = 0; step < 3; ++step) {
      std::vector<std::vector<float>> g(sizes.size());
      for (std::size_t p = 0; p < sizes.size(); ++p)
        for (std::size_t i = 0; i < sizes[p]; ++i)
          g[p].push_back(0.01f * std::cos(float(i * (step + 1) + p)));
      norms.push_back(opt.step({w[0].data(), w[1].data()}, {g[0].data(), g[1].data()},
                               threads));
    }
    state = opt.state();
  };
  std::vector<std::vector<float>> w1;
  OptimizerState s1;
  std::vector<double> n1;
  run(1, w1, s1, n1);
  ASSERT_GT(n1[0], cfg.clip); // the clip acts
  for (int threads : {2, 3}) {
    std::vector<std::vector<float>> w;
    OptimizerState s;
    std::vector<double> n;
    run(threads, w, s, n);
    EXPECT_EQ(n, n1) << threads << " threads";
    for (std::size_t p = 0; p < sizes.size(); ++p)
      for (std::size_t i = 0; i < sizes[p]; ++i) {
        ASSERT_EQ(bits(w[p][i]), bits(w1[p][i])) << threads << " threads, w" << p << "[" << i << "]";
        ASSERT_EQ(bits(s.m[p][i]), bits(s1.m[p][i])) << threads << " threads, m" << p;
        ASSERT_EQ(bits(s.v[p][i]), bits(s1.v[p][i])) << threads << " threads, v" << p;
      }
  }
}

// Proves: forEachBlock visits every element of every tensor exactly once, in blocks of
// kOptimizerBlock numbered tensor by tensor.
TEST(OptimizerTest, ForEachBlockCoversEveryElementOnce) {
  const std::vector<std::size_t> sizes = {kOptimizerBlock + 1, 0, 3};
  std::vector<std::vector<int>> seen = {std::vector<int>(sizes[0]), {}, std::vector<int>(3)};
  std::vector<std::size_t> index(3, 99);
  forEachBlock(sizes, 2, [&](std::size_t i, const ParamBlock &k) {
    index[i] = k.param * 10 + k.begin / kOptimizerBlock;
    for (std::size_t e = k.begin; e < k.end; ++e)
      ++seen[k.param][e];
  });
  EXPECT_EQ(index, (std::vector<std::size_t>{0, 1, 20}));
  for (const auto &tensor : seen)
    for (int count : tensor)
      ASSERT_EQ(count, 1);
}

} // namespace
