// The whole-network forward pass of tssl-bp.md §2, evaluated step by step.
#include "test/reference/Reference.h"

#include <cmath>

namespace snn {
namespace ref {

using frontend::LayerKind;
using frontend::LayerSpec;
using frontend::NetworkSpec;

namespace {

bool fail(std::string *error, const std::string &message) {
  if (error)
    *error = message;
  return false;
}

} // namespace

bool checkNetworkArguments(const NetworkSpec &net,
                           const std::vector<std::vector<float>> &weights,
                           const std::vector<float> &input, int64_t N,
                           int64_t T, const NeuronParams &p,
                           std::string *error) {
  if (net.layers.empty() || net.layers.back().kind != LayerKind::Dense)
    return fail(error, "reference: the network must end in a dense layer");
  if (N < 1 || T < 1)
    return fail(error, "reference: N and T must be at least 1, got N=" +
                           std::to_string(N) + " T=" + std::to_string(T));
  if (!(p.tauM > 0) || !(p.tauS > 0) || !std::isfinite(p.tauM) ||
      !std::isfinite(p.tauS))
    return fail(error, "reference: tau_m and tau_s must be positive");
  size_t expected = 0;
  for (const LayerSpec &layer : net.layers)
    if (layer.hasWeights())
      ++expected;
  if (weights.size() != expected)
    return fail(error, "reference: expected " + std::to_string(expected) +
                           " weight tensors (one per dense/conv layer), got " +
                           std::to_string(weights.size()));
  size_t w = 0;
  for (const LayerSpec &layer : net.layers) {
    if (!layer.hasWeights())
      continue;
    int64_t want = layer.numWeights();
    if (static_cast<int64_t>(weights[w].size()) != want)
      return fail(error, "reference: weights of layer '" + layer.token +
                             "' have " + std::to_string(weights[w].size()) +
                             " elements, expected " + std::to_string(want) +
                             " (" + frontend::formatShape(layer.weightShape()) +
                             ")");
    ++w;
  }
  int64_t want = N * frontend::numElements(net.inputShape);
  if (static_cast<int64_t>(input.size()) != want)
    return fail(error, "reference: input has " + std::to_string(input.size()) +
                           " elements, expected " + std::to_string(want) +
                           " (" + std::to_string(N) + "x" +
                           frontend::formatShape(net.inputShape) + ")");
  return true;
}

bool forwardNetwork(const NetworkSpec &net,
                    const std::vector<std::vector<float>> &weights,
                    const std::vector<float> &input, int64_t N, int64_t T,
                    const NeuronParams &p, std::vector<float> &output,
                    std::string *error) {
  if (!checkNetworkArguments(net, weights, input, N, T, p, error))
    return false;
  int64_t inSize = frontend::numElements(net.inputShape);
  int64_t classes = net.numClasses();
  output.assign(N * classes * T, 0.0f);
  for (int64_t n = 0; n < N; ++n) {
    std::vector<float> image(input.begin() + n * inSize,
                             input.begin() + (n + 1) * inSize);
    SampleRecord record = forwardSample(net, weights, image, T, p, n,
                                        /*dropoutSeed=*/0, /*training=*/false);
    const std::vector<NeuronTrace> &last = record.neurons.back();
    for (int64_t k = 0; k < classes; ++k)
      for (int64_t t = 0; t < T; ++t)
        output[(n * classes + k) * T + t] =
            p.outputSpikes ? last[k].o[t] : last[k].a[t];
  }
  return true;
}

// The same float32 operations in the same order as the compiled code (§1, §2).
SampleRecord forwardSample(const NetworkSpec &net,
                           const std::vector<std::vector<float>> &weights,
                           const std::vector<float> &image, int64_t T,
                           const NeuronParams &p, int64_t sample,
                           uint64_t dropoutSeed, bool training) {
  NeuronConstants c(p);
  const size_t L = net.layers.size();
  SampleRecord record;
  record.inputs.assign(L, {});
  record.neurons.assign(L, {});
  record.masks.assign(L, {});
  std::vector<std::vector<NeuronState>> states(L);
  int64_t stream = 0;
  for (size_t l = 0; l < L; ++l) {
    const LayerSpec &layer = net.layers[l];
    if (layer.kind == LayerKind::Dropout) {
      // Inference keeps every trace: the factors are all 1.
      for (int64_t i = 0; i < frontend::numElements(layer.inShape); ++i)
        record.masks[l].push_back(
            training ? dropoutFactor(layer, dropoutSeed, stream, sample, i)
                     : 1.0f);
      ++stream;
    }
  }
  for (size_t l = 0; l < L; ++l)
    if (net.layers[l].hasWeights()) {
      size_t size = frontend::numElements(net.layers[l].outShape);
      states[l].resize(size);
      record.neurons[l].resize(size);
    }

  // holdFirstSynapse: the first layer's current is the filter applied to W·image.
  const bool hold = p.holdFirstSynapse && L > 0 && net.layers[0].hasWeights();
  std::vector<float> heldCurrent, heldTrace;
  if (hold) {
    heldCurrent = net.layers[0].kind == LayerKind::Dense
                      ? denseForward(net.layers[0], weights[0], image)
                      : convForward(net.layers[0], weights[0], image);
    heldTrace.assign(heldCurrent.size(), 0.0f);
  }

  // denseOnSpikes: the filter state of each dense layer fed by a dense layer's spikes.
  std::vector<std::vector<float>> spikeFilter(L);
  auto onSpikes = [&](size_t l) {
    return p.denseOnSpikes && l > 0 && net.layers[l].kind == LayerKind::Dense &&
           net.layers[l - 1].kind == LayerKind::Dense;
  };
  for (size_t l = 0; l < L; ++l)
    if (onSpikes(l))
      spikeFilter[l].assign(frontend::numElements(net.layers[l].outShape), 0.0f);

  std::vector<float> inputTrace(image.size(), 0.0f);
  for (int64_t t = 0; t < T; ++t) {
    for (size_t i = 0; i < heldTrace.size(); ++i)
      heldTrace[i] = pspStep(heldTrace[i], heldCurrent[i], c);
    for (size_t i = 0; i < image.size(); ++i)
      inputTrace[i] = pspStep(inputTrace[i], image[i], c);
    std::vector<float> traces = inputTrace;
    size_t w = 0;
    for (size_t l = 0; l < L; ++l) {
      const LayerSpec &layer = net.layers[l];
      record.inputs[l].push_back(traces);
      if (layer.kind == LayerKind::SumPool) {
        traces = poolForward(layer, traces);
        continue;
      }
      if (layer.kind == LayerKind::Dropout) {
        for (size_t i = 0; i < traces.size(); ++i)
          traces[i] *= record.masks[l][i];
        continue;
      }
      std::vector<float> currents;
      if (hold && l == 0) {
        currents = heldTrace;
      } else if (onSpikes(l)) {
        std::vector<float> spikes;
        for (const NeuronTrace &prev : record.neurons[l - 1])
          spikes.push_back(prev.o.back());
        std::vector<float> y = denseForward(layer, weights[w], spikes);
        for (size_t i = 0; i < y.size(); ++i)
          spikeFilter[l][i] = pspStep(spikeFilter[l][i], y[i], c);
        currents = spikeFilter[l];
      } else {
        currents = layer.kind == LayerKind::Dense ? denseForward(layer, weights[w], traces)
                                                  : convForward(layer, weights[w], traces);
      }
      ++w;
      traces.assign(currents.size(), 0.0f);
      for (size_t i = 0; i < currents.size(); ++i) {
        NeuronStep r = lifStep(currents[i], c, states[l][i]);
        NeuronTrace &trace = record.neurons[l][i];
        trace.u.push_back(r.u);
        trace.du.push_back(r.du);
        trace.o.push_back(r.o);
        trace.a.push_back(r.a);
        traces[i] = r.a;
      }
    }
  }
  return record;
}

} // namespace ref
} // namespace snn
