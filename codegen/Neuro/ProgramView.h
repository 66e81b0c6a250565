// A walk over a neuro.program as a chain of layers, and the synapses of each projection.
#ifndef SNN_CODEGEN_NEURO_PROGRAMVIEW_H
#define SNN_CODEGEN_NEURO_PROGRAMVIEW_H

#include "dialect/Neuro/NeuroOps.h"

#include "mlir/Support/LogicalResult.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlir::neuro {

/// The synapses of one projection, with weights materialised once (float before
/// quantisation, integers after it; zero weights are not synapses).
class Connectivity {
public:
  explicit Connectivity(Operation *projection);

  bool isConv() const { return conv; }
  bool isHost() const { return host; }
  int64_t numTargets() const { return targets; }
  int64_t numSources() const { return sources; }
  /// Weights in the attribute's order ([targets, sources] or [F, C, KH, KW]).
  const std::vector<double> &weights() const { return values; }
  ArrayRef<int64_t> weightShape() const { return wShape; }
  ArrayRef<int64_t> sourceShape() const { return inShape; }
  ArrayRef<int64_t> targetShape() const { return outShape; }
  ArrayRef<int64_t> strides() const { return stride; }
  ArrayRef<int64_t> pads() const { return pad; }

  /// Calls f(source, weightIndex) for every nonzero synapse into `target`.
  template <typename F> void forEachInput(int64_t target, F f) const {
    if (!conv) {
      const double *row = values.data() + target * sources;
      for (int64_t j = 0; j < sources; ++j)
        if (row[j] != 0)
          f(j, target * sources + j);
      return;
    }
    int64_t OH = outShape[1], OW = outShape[2];
    int64_t C = wShape[1], KH = wShape[2], KW = wShape[3];
    int64_t H = inShape[1], W = inShape[2];
    int64_t f0 = target / (OH * OW), oy = (target / OW) % OH, ox = target % OW;
    for (int64_t c = 0; c < C; ++c)
      for (int64_t ky = 0; ky < KH; ++ky) {
        int64_t iy = oy * stride[0] - pad[0] + ky;
        if (iy < 0 || iy >= H)
          continue;
        for (int64_t kx = 0; kx < KW; ++kx) {
          int64_t ix = ox * stride[1] - pad[1] + kx;
          if (ix < 0 || ix >= W)
            continue;
          int64_t w = ((f0 * C + c) * KH + ky) * KW + kx;
          if (values[w] != 0)
            f((c * H + iy) * W + ix, w);
        }
      }
  }

  /// Number of nonzero synapses leaving each source (its fan-out).
  std::vector<int64_t> fanOut() const;

private:
  bool conv = false, host = false;
  int64_t targets = 0, sources = 0;
  std::vector<double> values;
  std::vector<int64_t> wShape, inShape, outShape, stride, pad;
};

/// One population and the projection that feeds it.
struct Layer {
  Operation *neuron = nullptr;     // neuro.lif or neuro.compartment
  Operation *projection = nullptr; // neuro.dense or neuro.conv
  int source = -1;                 // index of the source layer; -1: the input
  std::string name;
  std::vector<int64_t> shape;
  int64_t size = 0;
};

struct ProgramView {
  InputOp input;
  RescaleOp rescale; // null before quantisation
  OutputOp output;   // null when nothing is read out
  std::vector<Layer> layers;
  int outputLayer = -1;
  /// Depth of each layer: 0 for host-fed layers, else source depth + 1.
  std::vector<int64_t> depth;
};

/// Walks `program`; fails with a diagnostic when it is not a chain of
/// input -> [rescale] -> (projection -> population)* -> output.
FailureOr<ProgramView> viewProgram(ProgramOp program);

/// The layer that owns `value` (a population result), or -1 for the input.
int layerOf(const ProgramView &view, Value value);

} // namespace mlir::neuro

#endif // SNN_CODEGEN_NEURO_PROGRAMVIEW_H
