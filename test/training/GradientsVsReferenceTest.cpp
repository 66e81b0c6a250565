// Gradients and losses of compiler-generated TSSL-BP code equal the C++ reference oracle's.
#include "runtime/ModelABI.h"
#include "runtime/Optimizer.h"
#include "runtime/Rng.h"
#include "test/reference/Reference.h"
#include "tools/snnc/Model.h"

#include "frontend/LayerString/NetworkSpec.h"
#include "frontend/LayerString/NetworkToSNN.h"
#include "dialect/SNN/SNNDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

using namespace snn;

namespace {

struct Case {
  std::string model;
  std::vector<int64_t> inputShape;
  int64_t batch, steps;
  std::string loss;
  double inputScale;
  uint64_t seed;
  /// Strides of the conv layers in order (layer strings have none); empty = all 1.
  std::vector<int64_t> convStrides = {};
};

/// Gives the conv layers of `net` the strides `strides` and re-derives every shape.
void applyConvStrides(frontend::NetworkSpec &net, const std::vector<int64_t> &strides) {
  size_t conv = 0;
  std::vector<int64_t> shape = net.inputShape;
  for (frontend::LayerSpec &layer : net.layers) {
    layer.inShape = shape;
    switch (layer.kind) {
    case frontend::LayerKind::Conv:
      layer.stride = strides.at(conv++);
      layer.outShape = {layer.outFeatures,
                        (shape[1] + 2 * layer.padding - layer.kernel) / layer.stride + 1,
                        (shape[2] + 2 * layer.padding - layer.kernel) / layer.stride + 1};
      break;
    case frontend::LayerKind::SumPool:
      layer.outShape = {shape[0], shape[1] / layer.kernel, shape[2] / layer.kernel};
      break;
    case frontend::LayerKind::Dropout:
      layer.outShape = shape;
      break;
    case frontend::LayerKind::Dense:
      layer.flattensInput = shape.size() > 1;
      break;
    }
    shape = layer.outShape;
  }
}


void PrintTo(const Case &c, std::ostream *os) {
  *os << c.model << " T=" << c.steps << " N=" << c.batch << " loss=" << c.loss;
}

struct Compiled {
  std::unique_ptr<mlir::MLIRContext> ctx;
  std::unique_ptr<driver::CompiledModel> model;
  snn_train_step_fn step = nullptr;
};

Compiled compile(const std::string &model, const std::vector<int64_t> &inputShape,
                 const driver::ModelOptions &options) {
  Compiled c;
  c.ctx = driver::createContext();
  std::string error;
  auto module = driver::loadModel(*c.ctx, model, inputShape, options, &error);
  EXPECT_TRUE(module) << error;
  if (!module)
    return c;
  c.model = driver::compileForCPU(*module, options, &error, /*training=*/true);
  EXPECT_TRUE(c.model) << error;
  if (c.model)
    c.step = reinterpret_cast<snn_train_step_fn>(c.model->jit->lookup("snn_train_step"));
  return c;
}

/// |a - b| <= tol * max(1, |b|), elementwise; counts and reports the worst element.
void expectClose(const std::vector<float> &got, const std::vector<float> &want, double tol,
                 const std::string &what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  size_t bad = 0, worst = 0;
  double worstErr = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    double err = std::abs(double(got[i]) - double(want[i])) / std::max(1.0, std::abs(double(want[i])));
    if (err > tol)
      ++bad;
    if (err > worstErr)
      worstErr = err, worst = i;
  }
  EXPECT_EQ(bad, 0u) << what << ": worst relative error " << worstErr << " at " << worst
                     << " (got " << got[worst] << ", want " << want[worst] << ")";
}

class GradientsVsReference : public ::testing::TestWithParam<Case> {};

// Proves: for random networks (dense, conv with padding and strides, pooling, dropout),
// T = 5 and 30, both losses and batches > 1, the generated train step's loss and every
// weight gradient equal the oracle's to 1e-4 relative (float32 sums in another order than the oracle's double
// ones; a spike flip would show as a large error, so inputs are scaled to keep membrane
// potentials away from exact ties but the network active).
TEST_P(GradientsVsReference, LossAndGradientsMatch) {
  const Case &tc = GetParam();
  driver::ModelOptions options;
  options.seed = tc.seed;
  options.timeSteps = tc.steps;
  options.loss = tc.loss;
  options.desired = tc.steps * 0.5;
  options.undesired = tc.steps * 0.1;
  frontend::NetworkSpec net;
  std::string error;
  ASSERT_TRUE(frontend::parseLayerString(tc.model, tc.inputShape, net, &error)) << error;
  std::string modelPath = tc.model;
  if (!tc.convStrides.empty()) {
    // Strided convolutions come from ONNX models; build the same model from the spec.
    applyConvStrides(net, tc.convStrides);
    mlir::MLIRContext ctx;
    ctx.loadDialect<mlir::snn::SNNDialect, mlir::func::FuncDialect>();
    frontend::NeuronDefaults neuron;
    neuron.timeSteps = tc.steps;
    auto module = frontend::buildSNNModule(&ctx, net, neuron, tc.seed);
    modelPath = ::testing::TempDir() + "/strided_" + std::to_string(tc.seed) + ".mlir";
    std::string text;
    llvm::raw_string_ostream os(text);
    module->print(os);
    std::ofstream(modelPath) << text;
  }
  Compiled c = compile(modelPath, tc.inputShape, options);
  ASSERT_TRUE(c.step);
  const auto &sig = c.model->signature;
  int64_t sample = 1;
  for (int64_t d : sig.inputShape)
    sample *= d;
  rt::Rng rng(tc.seed + 17);
  std::vector<float> input(size_t(tc.batch * sample));
  for (float &x : input)
    x = float(rng.normal() * tc.inputScale);
  std::vector<int32_t> labels(size_t(tc.batch));
  std::vector<float> target(size_t(tc.batch * sig.classes), 0.0f);
  for (int64_t n = 0; n < tc.batch; ++n) {
    labels[n] = int32_t(rng.below(uint64_t(sig.classes)));
    target[n * sig.classes + labels[n]] = 1.0f;
  }

  std::vector<const float *> params;
  std::vector<std::vector<float>> grads;
  std::vector<float *> gradPtrs;
  for (const auto &p : c.model->params) {
    params.push_back(p.data());
    grads.emplace_back(p.size(), -1.0f);
  }
  for (auto &g : grads)
    gradPtrs.push_back(g.data());
  float loss = -1;
  std::vector<float> out(size_t(tc.batch * sig.classes * tc.steps));
  c.step(input.data(), tc.batch, target.data(), params.data(), /*seed=*/tc.seed, &loss, out.data(),
         gradPtrs.data());

  ref::NeuronParams np;
  double refLoss = 0;
  std::vector<std::vector<float>> refGrads;
  ASSERT_TRUE(ref::gradientsNetwork(net, c.model->params, input, labels, tc.batch, tc.steps, np,
                                    tc.loss == "count" ? ref::LossKind::Count : ref::LossKind::Kernel,
                                    options.desired, options.undesired, refLoss, refGrads, &error,
                                    /*dropoutSeed=*/tc.seed))
      << error;
  std::vector<float> refOut;
  ASSERT_TRUE(ref::forwardNetwork(net, c.model->params, input, tc.batch, tc.steps, np, refOut,
                                  &error))
      << error;
  size_t active = 0;
  for (float v : refOut)
    active += v != 0.0f;
  ASSERT_GT(active, refOut.size() / 20) << "the output layer barely fires: test would be weak";

  // With dropout the training traces differ from inference; the loss checks them.
  if (tc.model.find('D') == std::string::npos)
    expectClose(out, refOut, 1e-5, "output traces");
  EXPECT_NEAR(loss, refLoss, 1e-4 * std::max(1.0, std::abs(refLoss)));
  ASSERT_EQ(grads.size(), refGrads.size());
  double gradMass = 0;
  for (size_t p = 0; p < grads.size(); ++p) {
    expectClose(grads[p], refGrads[p], 1e-4, "gradient of parameter " + std::to_string(p));
    for (float g : refGrads[p])
      gradMass += std::abs(g);
  }
  EXPECT_GT(gradMass, 0.0) << "all gradients are zero: test would be weak";
}

INSTANTIATE_TEST_SUITE_P(
    Networks, GradientsVsReference,
    ::testing::Values(Case{"20-16-6", {20}, 4, 5, "kernel", 1.5, 1},
                      Case{"20-16-6", {20}, 3, 30, "kernel", 1.5, 2},
                      Case{"20-16-6", {20}, 4, 30, "count", 1.5, 3},
                      Case{"2C3/1-P2-3C3-8", {1, 10, 10}, 3, 5, "kernel", 6.0, 7},
                      Case{"2C3/1-P2-3C3-8", {1, 10, 10}, 2, 10, "count", 6.0, 5},
                      Case{"784-100-10", {1, 28, 28}, 5, 5, "kernel", 1.0, 6},
                      // Dropout (masks from the seed, shared over T; the oracle draws the
                      // same counter-based masks): on dense traces and on conv maps.
                      Case{"20-16-D0.3-6", {20}, 4, 5, "kernel", 1.5, 1},
                      Case{"2C3/1-D0.25-P2-3C3-8", {1, 10, 10}, 3, 5, "kernel", 6.0, 7},
                      // Strided convolutions (ONNX models): stride 2 with padding and a
                      // row/column the windows never reach, then stride 2 without.
                      Case{"6C3/1-12C3-6", {1, 10, 10}, 3, 10, "kernel", 20.0, 8, {2, 2}},
                      Case{"6C3/1-12C3-6", {1, 10, 10}, 2, 10, "count", 20.0, 9, {2, 2}}),
    [](const ::testing::TestParamInfo<Case> &info) {
      return "case" + std::to_string(info.index) + "_" + info.param.loss + "_T" +
             std::to_string(info.param.steps);
    });

// Proves: tssl-bp.md §8 case A through generated code: spike trains 11010 / 01101, weights
// (1.0, 0.8), kernel loss, T = 5: loss 0.051906 and dL/dw = (0.009212, -0.005325).
TEST(GoldenCaseA, LossAndWeightGradient) {
  std::string path = ::testing::TempDir() + "/case_a.mlir";
  std::ofstream(path) << R"(
    snn.parameter @w = dense<[[1.0, 0.8]]> : tensor<1x2xf32>
    func.func @forward(%s: tensor<?x2x5xf32>, %w: tensor<1x2xf32> {snn.parameter = @w})
        -> tensor<?x1xf32> attributes {snn.time_steps = 5 : i64} {
      %x = snn.time.current %s : tensor<?x2x5xf32> -> tensor<?x2xf32>
      %a = snn.psp %x : tensor<?x2xf32>
      %i = snn.synapse.dense %a, %w : tensor<?x2xf32>, tensor<1x2xf32> -> tensor<?x1xf32>
      %o = snn.lif %i : tensor<?x1xf32>
      return %o : tensor<?x1xf32>
    })";
  Compiled c = compile(path, {}, driver::ModelOptions());
  ASSERT_TRUE(c.step);
  std::vector<float> spikes{1, 1, 0, 1, 0, 0, 1, 1, 0, 1}, target{1.0f}, grad(2), out(5);
  const float *params[] = {c.model->params[0].data()};
  float *grads[] = {grad.data()};
  float loss = 0;
  c.step(spikes.data(), 1, target.data(), params, /*seed=*/0, &loss, out.data(), grads);
  EXPECT_NEAR(loss, 0.051906, 1e-6);
  EXPECT_NEAR(grad[0], 0.009212, 1e-6);
  EXPECT_NEAR(grad[1], -0.005325, 1e-6);
  std::vector<float> a{0, 0.333333f, 0.222222f, 0.481481f, 0.320988f};
  for (int t = 0; t < 5; ++t)
    EXPECT_NEAR(out[t], a[t], 1e-6);

  // Proves: with SGD, lr 1 and everything else off, one step moves each weight by exactly
  // minus the generated gradient.
  rt::OptimizerConfig sgd;
  sgd.kind = rt::OptimizerConfig::SGD;
  sgd.lr = 1;
  sgd.weightDecay = 0;
  sgd.clip = 0;
  sgd.weightClamp = 0;
  rt::Optimizer opt(sgd, {2});
  std::vector<float> w = c.model->params[0], before = w, g = grad;
  opt.step({w.data()}, {g.data()});
  EXPECT_EQ(w[0], before[0] - grad[0]);
  EXPECT_EQ(w[1], before[1] - grad[1]);
}

} // namespace
