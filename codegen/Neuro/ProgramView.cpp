// Walking a neuro.program as a chain of layers; synapse enumeration of projections.
#include "codegen/Neuro/ProgramView.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace mlir::neuro;

Connectivity::Connectivity(Operation *projection) {
  ElementsAttr attr;
  Value input = projection->getOperand(0);
  Value result = projection->getResult(0);
  if (auto dense = dyn_cast<DenseOp>(projection)) {
    attr = dense.getWeights();
    host = dense.getHost();
  } else {
    auto convOp = cast<ConvOp>(projection);
    attr = convOp.getWeights();
    host = convOp.getHost();
    conv = true;
    stride.assign(convOp.getStrides().begin(), convOp.getStrides().end());
    pad.assign(convOp.getPads().begin(), convOp.getPads().end());
  }
  auto inType = cast<SpikesType>(input.getType());
  auto outType = cast<CurrentType>(result.getType());
  inShape.assign(inType.getShape().begin(), inType.getShape().end());
  outShape.assign(outType.getShape().begin(), outType.getShape().end());
  wShape.assign(attr.getShapedType().getShape().begin(),
                attr.getShapedType().getShape().end());
  targets = outType.getNumElements();
  sources = inType.getNumElements();
  values.reserve(attr.getNumElements());
  if (attr.getShapedType().getElementType().isF32()) {
    for (float v : attr.getValues<float>())
      values.push_back(v);
  } else {
    for (APInt v : attr.getValues<APInt>())
      values.push_back(static_cast<double>(v.getSExtValue()));
  }
}

std::vector<int64_t> Connectivity::fanOut() const {
  std::vector<int64_t> out(sources, 0);
  for (int64_t t = 0; t < targets; ++t)
    forEachInput(t, [&](int64_t s, int64_t) { ++out[s]; });
  return out;
}

int mlir::neuro::layerOf(const ProgramView &view, Value value) {
  for (size_t i = 0; i < view.layers.size(); ++i)
    if (view.layers[i].neuron->getResult(0) == value)
      return static_cast<int>(i);
  return -1;
}

FailureOr<ProgramView> mlir::neuro::viewProgram(ProgramOp program) {
  ProgramView view;
  for (Operation &op : program.getBody().front()) {
    if (auto input = dyn_cast<InputOp>(op)) {
      view.input = input;
      continue;
    }
    if (auto rescale = dyn_cast<RescaleOp>(op)) {
      if (rescale.getInput() != view.input.getResult())
        return rescale.emitOpError("must rescale the program's input");
      view.rescale = rescale;
      continue;
    }
    if (isa<DenseOp, ConvOp, CoreOp, RouteOp>(op))
      continue;
    if (auto output = dyn_cast<OutputOp>(op)) {
      view.output = output;
      view.outputLayer = layerOf(view, output.getInput());
      if (view.outputLayer < 0)
        return output.emitOpError("must read out a population");
      continue;
    }
    if (!isa<LIFOp, CompartmentOp>(op))
      return op.emitOpError("is not part of a neuro program");
    Operation *projection = op.getOperand(0).getDefiningOp();
    if (!projection || !isa<DenseOp, ConvOp>(projection))
      return op.emitOpError("must be fed by a neuro.dense or neuro.conv");
    if (!projection->getResult(0).hasOneUse())
      return projection->emitOpError("must feed exactly one population");
    Layer layer;
    layer.neuron = &op;
    layer.projection = projection;
    Value source = projection->getOperand(0);
    bool fromInput = source == view.input.getResult() ||
                     (view.rescale && source == view.rescale.getResult());
    layer.source = fromInput ? -1 : layerOf(view, source);
    if (!fromInput && layer.source < 0)
      return projection->emitOpError("must take the input or an earlier population");
    layer.name = op.getAttrOfType<StringAttr>("name").str();
    auto type = cast<SpikesType>(op.getResult(0).getType());
    layer.shape.assign(type.getShape().begin(), type.getShape().end());
    layer.size = type.getNumElements();
    bool host = projection->hasAttr("host");
    int64_t depth = layer.source < 0 ? (host ? 0 : 1) : view.depth[layer.source] + 1;
    view.depth.push_back(depth);
    view.layers.push_back(std::move(layer));
  }
  if (!view.input)
    return program.emitOpError("has no neuro.input");
  if (view.layers.empty())
    return program.emitOpError("has no population");
  return view;
}
