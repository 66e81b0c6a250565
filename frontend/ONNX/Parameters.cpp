// Turning initializer constants into snn.parameter arguments of @forward.
#include "frontend/ONNX/Parameters.h"
#include "frontend/ONNX/ONNXPatterns.h"

#include "dialect/SNN/SNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;

namespace snn::onnx {

namespace {
/// A weight or bias of an snn synapse (operand 1 of each).
bool isSynapseWeight(OpOperand &use) {
  return isa<mlir::snn::SynapseOpInterface>(use.getOwner()) && use.getOperandNumber() == 1;
}
} // namespace

void promoteParameters(ModuleOp module, func::FuncOp fn, bool synapseWeightsOnly) {
  SmallVector<arith::ConstantOp> promoted;
  fn.walk([&](arith::ConstantOp constant) {
    auto name = constant->getAttrOfType<StringAttr>(kInitializerAttr);
    if (!name)
      return;
    constant->removeAttr(kInitializerAttr);
    auto type = dyn_cast<RankedTensorType>(constant.getType());
    if (constant->use_empty() || !type || !type.hasStaticShape() ||
        !type.getElementType().isF32())
      return;
    // Scalars stay constants, except a synapse's (a layer of one neuron has a
    // one-value bias to learn).
    bool synapse = llvm::all_of(constant->getUses(), isSynapseWeight);
    if ((synapseWeightsOnly && !synapse) || (type.getNumElements() < 2 && !synapse))
      return;
    constant->setAttr(kInitializerAttr, name);
    promoted.push_back(constant);
  });

  // Arguments follow the order in which the network uses its weights (layer order),
  // not the order of the initializer list.
  auto firstUser = [](arith::ConstantOp constant) {
    Operation *first = nullptr;
    for (Operation *user : constant->getUsers()) {
      while (user->getBlock() != constant->getBlock())
        user = user->getParentOp();
      if (!first || user->isBeforeInBlock(first))
        first = user;
    }
    return first;
  };
  llvm::stable_sort(promoted, [&](arith::ConstantOp a, arith::ConstantOp b) {
    return firstUser(a)->isBeforeInBlock(firstUser(b));
  });

  SymbolTable symbols(module);
  OpBuilder builder(module.getContext());
  for (arith::ConstantOp constant : promoted) {
    auto name = constant->getAttrOfType<StringAttr>(kInitializerAttr);
    auto param = mlir::snn::ParameterOp::create(builder, constant.getLoc(), name.getValue(),
                                                cast<ElementsAttr>(constant.getValue()));
    // Inserting renames the parameter when its name is already taken.
    symbols.insert(param, Block::iterator(fn));
    unsigned index = fn.getNumArguments();
    NamedAttribute tag(builder.getStringAttr(mlir::snn::SNNDialect::kParameterAttr),
                       FlatSymbolRefAttr::get(param.getSymNameAttr()));
    (void)fn.insertArgument(index, constant.getType(), builder.getDictionaryAttr(tag),
                            constant.getLoc());
    constant.replaceAllUsesWith(fn.getArgument(index));
    constant.erase();
  }
}

} // namespace snn::onnx
