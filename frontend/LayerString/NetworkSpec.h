// Networks written in the TSSL-BP paper's layer-string notation, as plain data.
//
// Pure C++ (no LLVM/MLIR) so that the trainer, the reference oracle and the
// tests can share one parser with the compiler's importer.
#ifndef SNN_FRONTEND_LAYERSTRING_NETWORKSPEC_H
#define SNN_FRONTEND_LAYERSTRING_NETWORKSPEC_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace snn {
namespace frontend {

enum class LayerKind { Dense, Conv, SumPool, Dropout };

/// One layer of the string. Shapes are per sample, without batch or time.
struct LayerSpec {
  LayerKind kind = LayerKind::Dense;
  int64_t outFeatures = 0; // Dense: neurons; Conv: output maps
  int64_t kernel = 0;      // Conv: k (square); SumPool: k
  int64_t padding = 0;     // Conv only (symmetric)
  int64_t stride = 1;      // Conv: 1; SumPool: = kernel
  double poolScale = 1.1;  // SumPool: sum over k×k, then × poolScale (spec)
  float dropoutRate = 0;   // Dropout: probability of zeroing (training only)
  std::vector<int64_t> inShape, outShape; // {C,H,W} or {F}
  bool flattensInput = false; // Dense on {C,H,W}: row-major flatten first
  std::string token;          // source token, for messages
  size_t column = 0;          // 1-based column of the token

  /// Dense and Conv layers have weights and spiking neurons; pooling and dropout do not.
  bool hasWeights() const { return kind == LayerKind::Dense || kind == LayerKind::Conv; }
  /// Dense {M,K}, Conv {F,C,k,k}, SumPool and Dropout {} (no learnable weights).
  std::vector<int64_t> weightShape() const;
  /// Element count of weightShape(); 0 for SumPool.
  int64_t numWeights() const;
};

struct NetworkSpec {
  std::vector<int64_t> inputShape; // per sample: {C,H,W}, or {F} for MLPs
  std::vector<LayerSpec> layers;

  /// outFeatures of the last (output) layer; 0 when there are no layers.
  int64_t numClasses() const;
};

/// Product of the dimensions (1 for a scalar shape).
int64_t numElements(const std::vector<int64_t> &shape);
/// "1x28x28", the form shapes take in messages.
std::string formatShape(const std::vector<int64_t> &shape);
/// "dense", "conv", "pool" or "dropout".
const char *layerKindName(LayerKind kind);

/// Parses `text` (e.g. "784-400-10", "32C5/2-P2-64C5/2-P2-1024-10",
/// "784-400-D0.2-10" with dropout 0.2 on the 400 neurons' traces) for
/// inputs of `inputShape`. A leading bare number is the input size: it must
/// equal the element count of `inputShape` (or defines it when `inputShape`
/// is empty) and the network then takes the flattened {F} input. Otherwise
/// the input is `inputShape` itself, which must be {C,H,W}. On failure
/// returns false and sets `*error` to one line naming the token and column.
bool parseLayerString(const std::string &text,
                      const std::vector<int64_t> &inputShape, NetworkSpec &out,
                      std::string *error);

} // namespace frontend
} // namespace snn

#endif // SNN_FRONTEND_LAYERSTRING_NETWORKSPEC_H
