// Whole-network TSSL-BP gradients (tssl-bp.md §4.3): the forward pass of
// forwardNetwork with every neuron's trace kept, the loss, then the layers'
// adjoints and lifBackward from the output layer down.
#include "test/reference/Reference.h"

#include <cmath>
#include <utility>

namespace snn {
namespace ref {

using frontend::LayerKind;
using frontend::LayerSpec;
using frontend::NetworkSpec;

namespace {

// Backpropagates one sample from `gradOut` ([t][classes], dL/da of the
// output layer), adding its weight gradients to `acc`.
void backwardSample(const NetworkSpec &net,
                    const std::vector<std::vector<float>> &weights,
                    const SampleRecord &record, const NeuronParams &p,
                    std::vector<std::vector<float>> gradOut,
                    std::vector<std::vector<double>> &acc) {
  const int64_t T = static_cast<int64_t>(gradOut.size());
  size_t w = weights.size();
  for (size_t l = net.layers.size(); l-- > 0;) {
    const LayerSpec &layer = net.layers[l];
    if (layer.kind == LayerKind::SumPool) {
      for (int64_t t = 0; t < T; ++t)
        gradOut[t] = poolBackward(layer, gradOut[t]);
      continue;
    }
    if (layer.kind == LayerKind::Dropout) {
      for (int64_t t = 0; t < T; ++t)
        for (size_t i = 0; i < gradOut[t].size(); ++i)
          gradOut[t][i] *= record.masks[l][i];
      continue;
    }
    --w;
    // δ[t][i] from each neuron's own trace and its dL/da over time.
    const std::vector<NeuronTrace> &neurons = record.neurons[l];
    std::vector<std::vector<float>> delta(T,
                                          std::vector<float>(neurons.size()));
    for (size_t i = 0; i < neurons.size(); ++i) {
      std::vector<float> g(T);
      for (int64_t t = 0; t < T; ++t)
        g[t] = gradOut[t][i];
      std::vector<float> d = lifBackward(g, neurons[i], p);
      for (int64_t t = 0; t < T; ++t)
        delta[t][i] = d[t];
    }
    bool dense = layer.kind == LayerKind::Dense;
    for (int64_t t = 0; t < T; ++t) {
      const std::vector<float> &in = record.inputs[l][t];
      if (dense)
        denseWeightGrad(delta[t], in, acc[w]);
      else
        convWeightGrad(layer, delta[t], in, acc[w]);
    }
    if (l == 0)
      break; // no gradient for the input encoding
    for (int64_t t = 0; t < T; ++t)
      gradOut[t] = dense ? denseBackwardInput(layer, weights[w], delta[t])
                         : convBackwardInput(layer, weights[w], delta[t]);
  }
}

} // namespace

bool gradientsNetwork(const NetworkSpec &net,
                      const std::vector<std::vector<float>> &weights,
                      const std::vector<float> &input,
                      const std::vector<int32_t> &labels, int64_t N, int64_t T,
                      const NeuronParams &p, LossKind loss, double desired,
                      double undesired, double &lossValue,
                      std::vector<std::vector<float>> &weightGrads,
                      std::string *error, uint64_t dropoutSeed) {
  if (!checkNetworkArguments(net, weights, input, N, T, p, error))
    return false;
  const int64_t inSize = frontend::numElements(net.inputShape);
  const int64_t classes = net.numClasses();

  std::vector<SampleRecord> records;
  std::vector<float> output(N * classes * T);
  for (int64_t n = 0; n < N; ++n) {
    std::vector<float> image(input.begin() + n * inSize,
                             input.begin() + (n + 1) * inSize);
    records.push_back(forwardSample(net, weights, image, T, p, n, dropoutSeed,
                                      /*training=*/true));
    const std::vector<NeuronTrace> &last = records.back().neurons.back();
    for (int64_t k = 0; k < classes; ++k)
      for (int64_t t = 0; t < T; ++t)
        output[(n * classes + k) * T + t] = last[k].a[t];
  }

  std::vector<float> g;
  std::string message;
  lossValue =
      loss == LossKind::Kernel
          ? kernelLoss(output, labels, N, classes, T, p.tauS, g, &message)
          : countLoss(output, labels, N, classes, T, desired, undesired, g,
                      &message);
  if (std::isnan(lossValue)) {
    if (error)
      *error = message;
    return false;
  }

  std::vector<std::vector<double>> acc;
  for (const std::vector<float> &tensor : weights)
    acc.emplace_back(tensor.size(), 0.0);
  for (int64_t n = 0; n < N; ++n) {
    std::vector<std::vector<float>> gradOut(T, std::vector<float>(classes));
    for (int64_t k = 0; k < classes; ++k)
      for (int64_t t = 0; t < T; ++t)
        gradOut[t][k] = g[(n * classes + k) * T + t];
    backwardSample(net, weights, records[n], p, std::move(gradOut), acc);
  }

  weightGrads.clear();
  for (const std::vector<double> &tensor : acc)
    weightGrads.emplace_back(tensor.begin(), tensor.end());
  return true;
}

} // namespace ref
} // namespace snn
