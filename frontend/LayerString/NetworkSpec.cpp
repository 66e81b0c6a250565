// Small queries on parsed layer-string networks.
#include "frontend/LayerString/NetworkSpec.h"

namespace snn {
namespace frontend {

std::vector<int64_t> LayerSpec::weightShape() const {
  switch (kind) {
  case LayerKind::Dense:
    return {outFeatures, numElements(inShape)};
  case LayerKind::Conv:
    return {outFeatures, inShape.empty() ? 0 : inShape[0], kernel, kernel};
  case LayerKind::SumPool:
  case LayerKind::Dropout:
    return {};
  }
  return {};
}

int64_t LayerSpec::numWeights() const {
  return hasWeights() ? numElements(weightShape()) : 0;
}

int64_t NetworkSpec::numClasses() const {
  return layers.empty() ? 0 : layers.back().outFeatures;
}

int64_t numElements(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string formatShape(const std::vector<int64_t> &shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += 'x';
    s += std::to_string(shape[i]);
  }
  return s;
}

const char *layerKindName(LayerKind kind) {
  switch (kind) {
  case LayerKind::Dense:
    return "dense";
  case LayerKind::Conv:
    return "conv";
  case LayerKind::SumPool:
    return "pool";
  case LayerKind::Dropout:
    return "dropout";
  }
  return "?";
}

} // namespace frontend
} // namespace snn
