// The generated gradient of snn.bias equals that of the same bias written as a weight on a constant input.
#include "runtime/ModelABI.h"
#include "runtime/Optimizer.h"
#include "runtime/Rng.h"
#include "tools/snnc/Model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

using namespace snn;

namespace {

// A bias b on the first layer's current is exactly an extra input that holds 1 at every
// step with weight b (no PSP filter on the input, so it stays 1). Both forms are compiled
// and differentiated by the compiler; the bias gradient must equal that weight's
// gradient, which is built by the well-tested synapse gradients. The ones ride on a
// hidden layer, so the gradient passes through a neuron's TSSL-BP backward and a dense
// input gradient first; the output layer has a bias too, the same in both forms.

constexpr int64_t kBatch = 3, kSteps = 10;

struct Compiled {
  std::unique_ptr<mlir::MLIRContext> ctx;
  std::unique_ptr<driver::CompiledModel> model;
  snn_train_step_fn step = nullptr;
};

Compiled compile(const std::string &name, const std::string &text) {
  std::string path = ::testing::TempDir() + "/" + name + ".mlir";
  std::ofstream(path) << text;
  Compiled c;
  c.ctx = driver::createContext();
  std::string error;
  driver::ModelOptions options;
  auto module = driver::loadModel(*c.ctx, path, {}, options, &error);
  EXPECT_TRUE(module) << error;
  if (!module)
    return c;
  c.model = driver::compileForCPU(*module, options, &error, /*training=*/true);
  EXPECT_TRUE(c.model) << error;
  if (c.model)
    c.step = reinterpret_cast<snn_train_step_fn>(c.model->jit->lookup("snn_train_step"));
  return c;
}

struct StepResult {
  float loss = 0;
  std::vector<float> out;
  std::vector<std::vector<float>> grads;
};

StepResult runStep(const Compiled &c, const std::vector<float> &input, int64_t classes,
                   const std::vector<std::vector<float>> &params) {
  StepResult r;
  std::vector<float> target(size_t(kBatch * classes), 0.0f);
  for (int64_t n = 0; n < kBatch; ++n)
    target[size_t(n * classes + n % classes)] = 1.0f;
  std::vector<const float *> ptrs;
  std::vector<float *> gradPtrs;
  for (const auto &p : params) {
    ptrs.push_back(p.data());
    r.grads.emplace_back(p.size(), -1.0f);
  }
  for (auto &g : r.grads)
    gradPtrs.push_back(g.data());
  r.out.assign(size_t(kBatch * classes * kSteps), 0.0f);
  c.step(input.data(), kBatch, target.data(), ptrs.data(), /*seed=*/0, &r.loss, r.out.data(),
         gradPtrs.data());
  return r;
}

std::vector<float> randomValues(rt::Rng &rng, size_t n, double scale, double shift = 0) {
  std::vector<float> v(n);
  for (float &x : v)
    x = float(rng.normal() * scale + shift);
  return v;
}

void expectClose(const std::vector<float> &got, const std::vector<float> &want,
                 const std::string &what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_NEAR(got[i], want[i], 1e-4 * std::max(1.0f, std::abs(want[i])))
        << what << " element " << i;
}

double mass(const std::vector<float> &v) {
  double m = 0;
  for (float x : v)
    m += std::abs(x);
  return m;
}

/// The graph after the first layer's current %i: hidden LIF, dense, output bias, LIF.
std::string head(int64_t hiddenFeatures, int64_t classes, const std::string &hiddenType) {
  std::string h = std::to_string(hiddenFeatures), k = std::to_string(classes);
  std::string flat = "%f = snn.flatten %h : " + hiddenType + " -> tensor<?x" + h + "xf32>\n";
  if (hiddenType == "tensor<?x" + h + "xf32>")
    flat = "%f = snn.flatten %h : " + hiddenType + " -> " + hiddenType + "\n";
  return "  %h = snn.lif %i : " + hiddenType + "\n  " + flat +
         "  %j = snn.synapse.dense %f, %w2 : tensor<?x" + h + "xf32>, tensor<" + k + "x" + h +
         "xf32> -> tensor<?x" + k + "xf32>\n" + "  %jb = snn.bias %j, %b2 : tensor<?x" + k +
         "xf32>, tensor<" + k + "xf32>\n" + "  %o = snn.lif %jb : tensor<?x" + k + "xf32>\n" +
         "  return %o : tensor<?x" + k + "xf32>\n}\n";
}

// Proves: dense layer. dL/db1 of snn.bias equals dL/dw1[:, K] of the ones column, and
// every other gradient (w1, w2, the output bias) and the outputs agree between the forms.
TEST(BiasGradient, DenseBiasEqualsWeightOfConstantInput) {
  constexpr int64_t K = 12, H = 10, C = 4;
  std::string sig = "tensor<?x" + std::to_string(K) + "x10xf32>";
  std::string sigA = "tensor<?x" + std::to_string(K + 1) + "x10xf32>";
  std::string common = "snn.parameter @w2 = dense<0.0> : tensor<4x10xf32>\n"
                       "snn.parameter @b2 = dense<0.0> : tensor<4xf32>\n";
  std::string params2 = "%w2: tensor<4x10xf32> {snn.parameter = @w2}, "
                        "%b2: tensor<4xf32> {snn.parameter = @b2}";
  Compiled biased = compile(
      "bias_dense", common + "snn.parameter @w1 = dense<0.0> : tensor<10x12xf32>\n" +
                        "snn.parameter @b1 = dense<0.0> : tensor<10xf32>\n" +
                        "func.func @forward(%s: " + sig +
                        ", %w1: tensor<10x12xf32> {snn.parameter = @w1}, %b1: tensor<10xf32> "
                        "{snn.parameter = @b1}, " + params2 +
                        ") -> tensor<?x4xf32> attributes {snn.time_steps = 10 : i64} {\n" +
                        "  %x = snn.time.current %s : " + sig + " -> tensor<?x12xf32>\n" +
                        "  %d = snn.synapse.dense %x, %w1 : tensor<?x12xf32>, tensor<10x12xf32> "
                        "-> tensor<?x10xf32>\n" +
                        "  %i = snn.bias %d, %b1 : tensor<?x10xf32>, tensor<10xf32>\n" +
                        head(H, C, "tensor<?x10xf32>"));
  Compiled ones = compile(
      "ones_dense", common + "snn.parameter @w1 = dense<0.0> : tensor<10x13xf32>\n" +
                        "func.func @forward(%s: " + sigA +
                        ", %w1: tensor<10x13xf32> {snn.parameter = @w1}, " + params2 +
                        ") -> tensor<?x4xf32> attributes {snn.time_steps = 10 : i64} {\n" +
                        "  %x = snn.time.current %s : " + sigA + " -> tensor<?x13xf32>\n" +
                        "  %i = snn.synapse.dense %x, %w1 : tensor<?x13xf32>, tensor<10x13xf32> "
                        "-> tensor<?x10xf32>\n" +
                        head(H, C, "tensor<?x10xf32>"));
  ASSERT_TRUE(biased.step && ones.step);

  rt::Rng rng(11);
  std::vector<float> w1 = randomValues(rng, H * K, 0.6), b1 = randomValues(rng, H, 0.3, 0.2),
                     w2 = randomValues(rng, C * H, 0.8), b2 = randomValues(rng, C, 0.2, 0.1);
  std::vector<float> spikes(size_t(kBatch * K * kSteps));
  for (float &s : spikes)
    s = rng.uniform() < 0.4f ? 1.0f : 0.0f;
  // [N, K+1, T]: the spikes, then a row of ones per sample.
  std::vector<float> spikesA;
  std::vector<float> w1A;
  for (int64_t n = 0; n < kBatch; ++n) {
    spikesA.insert(spikesA.end(), spikes.begin() + n * K * kSteps,
                   spikes.begin() + (n + 1) * K * kSteps);
    spikesA.insert(spikesA.end(), size_t(kSteps), 1.0f);
  }
  for (int64_t h = 0; h < H; ++h) {
    w1A.insert(w1A.end(), w1.begin() + h * K, w1.begin() + (h + 1) * K);
    w1A.push_back(b1[size_t(h)]);
  }

  StepResult got = runStep(biased, spikes, C, {w1, b1, w2, b2});
  StepResult want = runStep(ones, spikesA, C, {w1A, w2, b2});
  ASSERT_GT(mass(want.out), 0.0) << "the output layer does not fire: test would be weak";
  expectClose(got.out, want.out, "output traces");
  EXPECT_NEAR(got.loss, want.loss, 1e-4 * std::max(1.0f, std::abs(want.loss)));
  std::vector<float> dw1, db1;
  for (int64_t h = 0; h < H; ++h) {
    dw1.insert(dw1.end(), want.grads[0].begin() + h * (K + 1),
               want.grads[0].begin() + h * (K + 1) + K);
    db1.push_back(want.grads[0][size_t(h * (K + 1) + K)]);
  }
  ASSERT_GT(mass(db1), 0.0) << "no gradient reaches the hidden layer: test would be weak";
  expectClose(got.grads[0], dw1, "dL/dw1");
  expectClose(got.grads[1], db1, "dL/db1");
  expectClose(got.grads[2], want.grads[1], "dL/dw2");
  expectClose(got.grads[3], want.grads[2], "dL/db2");
  ASSERT_GT(mass(got.grads[3]), 0.0);

  // Proves: one plain SGD step moves the bias by exactly minus its gradient, like a weight.
  rt::OptimizerConfig sgd;
  sgd.kind = rt::OptimizerConfig::SGD;
  sgd.lr = 1;
  sgd.weightDecay = 0;
  sgd.clip = 0;
  sgd.weightClamp = 0;
  rt::Optimizer opt(sgd, {size_t(H)});
  std::vector<float> b = b1, g = got.grads[1];
  opt.step({b.data()}, {g.data()});
  for (int64_t h = 0; h < H; ++h)
    EXPECT_FLOAT_EQ(b[size_t(h)], b1[size_t(h)] - got.grads[1][size_t(h)]);
}

// Proves: conv layer without padding. A bias on the conv map equals a constant-one input
// channel with the bias on one tap; since every window covers ones only, the gradient of
// each of that channel's 3x3 taps is the bias gradient.
TEST(BiasGradient, ConvBiasEqualsTapsOfConstantChannel) {
  constexpr int64_t Cin = 2, F = 3, S = 6, O = 4, C = 4, H = F * O * O;
  std::string sig = "tensor<?x2x6x6x10xf32>", sigA = "tensor<?x3x6x6x10xf32>";
  std::string common = "snn.parameter @w2 = dense<0.0> : tensor<4x48xf32>\n"
                       "snn.parameter @b2 = dense<0.0> : tensor<4xf32>\n";
  std::string params2 = "%w2: tensor<4x48xf32> {snn.parameter = @w2}, "
                        "%b2: tensor<4xf32> {snn.parameter = @b2}";
  Compiled biased = compile(
      "bias_conv", common + "snn.parameter @w1 = dense<0.0> : tensor<3x2x3x3xf32>\n" +
                       "snn.parameter @b1 = dense<0.0> : tensor<3xf32>\n" +
                       "func.func @forward(%s: " + sig +
                       ", %w1: tensor<3x2x3x3xf32> {snn.parameter = @w1}, %b1: tensor<3xf32> "
                       "{snn.parameter = @b1}, " + params2 +
                       ") -> tensor<?x4xf32> attributes {snn.time_steps = 10 : i64} {\n" +
                       "  %x = snn.time.current %s : " + sig + " -> tensor<?x2x6x6xf32>\n" +
                       "  %d = snn.synapse.conv2d %x, %w1 : tensor<?x2x6x6xf32>, "
                       "tensor<3x2x3x3xf32> -> tensor<?x3x4x4xf32>\n" +
                       "  %i = snn.bias %d, %b1 : tensor<?x3x4x4xf32>, tensor<3xf32>\n" +
                       head(H, C, "tensor<?x3x4x4xf32>"));
  Compiled ones = compile(
      "ones_conv", common + "snn.parameter @w1 = dense<0.0> : tensor<3x3x3x3xf32>\n" +
                       "func.func @forward(%s: " + sigA +
                       ", %w1: tensor<3x3x3x3xf32> {snn.parameter = @w1}, " + params2 +
                       ") -> tensor<?x4xf32> attributes {snn.time_steps = 10 : i64} {\n" +
                       "  %x = snn.time.current %s : " + sigA + " -> tensor<?x3x6x6xf32>\n" +
                       "  %i = snn.synapse.conv2d %x, %w1 : tensor<?x3x6x6xf32>, "
                       "tensor<3x3x3x3xf32> -> tensor<?x3x4x4xf32>\n" +
                       head(H, C, "tensor<?x3x4x4xf32>"));
  ASSERT_TRUE(biased.step && ones.step);

  rt::Rng rng(5);
  std::vector<float> w1 = randomValues(rng, F * Cin * 9, 0.5), b1 = randomValues(rng, F, 0.3, 0.2),
                     w2 = randomValues(rng, C * H, 0.4), b2 = randomValues(rng, C, 0.2, 0.1);
  int64_t plane = S * S * kSteps;
  std::vector<float> spikes(size_t(kBatch * Cin * plane));
  for (float &s : spikes)
    s = rng.uniform() < 0.4f ? 1.0f : 0.0f;
  std::vector<float> spikesA, w1A;
  for (int64_t n = 0; n < kBatch; ++n) {
    spikesA.insert(spikesA.end(), spikes.begin() + n * Cin * plane,
                   spikes.begin() + (n + 1) * Cin * plane);
    spikesA.insert(spikesA.end(), size_t(plane), 1.0f);
  }
  for (int64_t f = 0; f < F; ++f) {
    w1A.insert(w1A.end(), w1.begin() + f * Cin * 9, w1.begin() + (f + 1) * Cin * 9);
    std::vector<float> taps(9, 0.0f);
    taps[4] = b1[size_t(f)];
    w1A.insert(w1A.end(), taps.begin(), taps.end());
  }

  StepResult got = runStep(biased, spikes, C, {w1, b1, w2, b2});
  StepResult want = runStep(ones, spikesA, C, {w1A, w2, b2});
  ASSERT_GT(mass(want.out), 0.0) << "the output layer does not fire: test would be weak";
  expectClose(got.out, want.out, "output traces");
  std::vector<float> dw1;
  for (int64_t f = 0; f < F; ++f) {
    const float *row = want.grads[0].data() + f * (Cin + 1) * 9;
    dw1.insert(dw1.end(), row, row + Cin * 9);
    for (int tap = 0; tap < 9; ++tap)
      EXPECT_NEAR(got.grads[1][size_t(f)], row[Cin * 9 + tap],
                  1e-4 * std::max(1.0f, std::abs(row[Cin * 9 + tap])))
          << "dL/db1[" << f << "] vs tap " << tap;
  }
  ASSERT_GT(mass(got.grads[1]), 0.0) << "no gradient reaches the conv layer: test would be weak";
  expectClose(got.grads[0], dw1, "dL/dw1");
  expectClose(got.grads[2], want.grads[1], "dL/dw2");
  expectClose(got.grads[3], want.grads[2], "dL/db2");
}

} // namespace
