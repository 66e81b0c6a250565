// Builds a graph-level `snn` module (with initialised parameters) from a NetworkSpec.
#include "frontend/LayerString/NetworkToSNN.h"

#include "dialect/SNN/SNNOps.h"
#include "runtime/Init.h"
#include "runtime/Rng.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

using namespace mlir;

namespace snn::frontend {

namespace {
RankedTensorType batched(OpBuilder &b, const std::vector<int64_t> &perSample) {
  SmallVector<int64_t> shape{ShapedType::kDynamic};
  shape.append(perSample.begin(), perSample.end());
  return RankedTensorType::get(shape, b.getF32Type());
}
} // namespace

OwningOpRef<ModuleOp> buildSNNModule(MLIRContext *ctx, const NetworkSpec &net,
                                     const NeuronDefaults &neuron, uint64_t seed) {
  ctx->loadDialect<mlir::snn::SNNDialect, func::FuncDialect>();
  OpBuilder b(ctx);
  Location loc = b.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());

  // Parameters first, initialised in layer order from one generator.
  rt::Rng rng(seed);
  std::vector<int64_t> inputShape = net.inputShape;
  if (neuron.sequenceInput)
    inputShape.push_back(neuron.timeSteps);
  SmallVector<Type> argTypes{batched(b, inputShape)};
  SmallVector<std::string> paramNames;
  int denseCount = 0, convCount = 0;
  for (const LayerSpec &layer : net.layers) {
    if (!layer.hasWeights())
      continue;
    std::vector<int64_t> shape = layer.weightShape();
    std::vector<float> values(layer.numWeights());
    if (layer.kind == LayerKind::Dense) {
      rt::initDense(values.data(), shape[0], shape[1], rng);
      paramNames.push_back("fc" + std::to_string(++denseCount));
    } else {
      rt::initConv(values.data(), shape[0], shape[1], shape[2], shape[3], rng);
      paramNames.push_back("conv" + std::to_string(++convCount));
    }
    auto type = RankedTensorType::get(shape, b.getF32Type());
    mlir::snn::ParameterOp::create(b, loc, paramNames.back(),
                                   DenseElementsAttr::get(type, ArrayRef<float>(values)));
    argTypes.push_back(type);
  }

  auto resultType = batched(b, {net.numClasses()});
  auto func = func::FuncOp::create(b, loc, "forward", b.getFunctionType(argTypes, {resultType}));
  func->setAttr(mlir::snn::SNNDialect::kTimeStepsAttr, b.getI64IntegerAttr(neuron.timeSteps));
  for (auto [i, name] : llvm::enumerate(paramNames))
    func.setArgAttr(i + 1, mlir::snn::SNNDialect::kParameterAttr,
                    FlatSymbolRefAttr::get(ctx, name));
  Block *body = func.addEntryBlock();
  b.setInsertionPointToStart(body);

  auto tauM = b.getF32FloatAttr(neuron.tauM), tauS = b.getF32FloatAttr(neuron.tauS),
       threshold = b.getF32FloatAttr(neuron.threshold);
  auto psp = mlir::snn::NeuronOutputAttr::get(ctx, mlir::snn::NeuronOutput::psp);
  Value x = body->getArgument(0);
  if (neuron.sequenceInput)
    x = mlir::snn::CurrentOp::create(b, loc, batched(b, net.inputShape), x);
  x = mlir::snn::PSPOp::create(b, loc, x, tauS);
  unsigned param = 1;
  for (const LayerSpec &layer : net.layers) {
    RankedTensorType outType = batched(b, layer.outShape);
    switch (layer.kind) {
    case LayerKind::Dropout:
      x = mlir::snn::DropoutOp::create(b, loc, x.getType(), x,
                                       b.getF32FloatAttr(layer.dropoutRate));
      continue;
    case LayerKind::SumPool:
      x = mlir::snn::SumPoolOp::create(b, loc, outType, x,
                                       b.getDenseI64ArrayAttr({layer.kernel, layer.kernel}),
                                       b.getF32FloatAttr(layer.poolScale));
      continue;
    case LayerKind::Dense:
      if (cast<RankedTensorType>(x.getType()).getRank() > 2)
        x = mlir::snn::FlattenOp::create(
            b, loc, batched(b, {numElements(layer.inShape)}), x);
      x = mlir::snn::DenseOp::create(b, loc, outType, x, body->getArgument(param++));
      break;
    case LayerKind::Conv: {
      int64_t p = layer.padding;
      x = mlir::snn::Conv2DOp::create(b, loc, outType, x, body->getArgument(param++),
                                      b.getDenseI64ArrayAttr({layer.stride, layer.stride}),
                                      b.getDenseI64ArrayAttr({p, p, p, p}));
      break;
    }
    }
    x = mlir::snn::LIFOp::create(b, loc, x, tauM, tauS, threshold, psp);
  }
  func::ReturnOp::create(b, loc, x);
  return module;
}

} // namespace snn::frontend
