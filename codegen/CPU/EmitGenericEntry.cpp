// snn-cpu-emit-generic-entry: `void NAME(const float *const *inputs, float *const *outputs)`.
#include "codegen/Common/EntryPointSupport.h"
#include "codegen/CPU/Passes.h"

#include "dialect/SNN/SNNOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCPUEMITGENERICENTRY
#include "codegen/CPU/Passes.h.inc"

namespace {

/// Buffers the C caller can describe with a bare pointer: static, identity layout,
/// integer or float elements.
bool isPlainBuffer(Type t) {
  auto m = dyn_cast<MemRefType>(t);
  return m && m.hasStaticShape() && m.getLayout().isIdentity() &&
         m.getElementType().isIntOrFloat();
}

struct EmitGenericEntryPass : impl::SNNCPUEmitGenericEntryBase<EmitGenericEntryPass> {
  using SNNCPUEmitGenericEntryBase::SNNCPUEmitGenericEntryBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto kernelFn = module.lookupSymbol<func::FuncOp>(kernel);
    if (!kernelFn) {
      module.emitError() << "no function '" << kernel << "' to wrap in a C entry point";
      return signalPassFailure();
    }
    FunctionType type = kernelFn.getFunctionType();
    unsigned numArgs = type.getNumInputs();
    if (numOutputs < 0 || numOutputs > int64_t(numArgs)) {
      kernelFn.emitError() << "num-outputs=" << int64_t(numOutputs) << " but the function has "
                           << numArgs << " arguments";
      return signalPassFailure();
    }
    SmallVector<Type> all(type.getInputs());
    llvm::append_range(all, type.getResults());
    if (!llvm::all_of(all, isPlainBuffer)) {
      kernelFn.emitError() << "generic C entry point needs a bufferized function over "
                              "static identity-layout memrefs, got "
                           << type;
      return signalPassFailure();
    }
    unsigned firstOutput = numArgs - unsigned(numOutputs);

    // Tagged arguments are parameters; embedding needs their dense values.
    SmallVector<ParameterOp> params(firstOutput);
    for (unsigned i = 0; i < firstOutput; ++i) {
      auto ref = kernelFn.getArgAttrOfType<FlatSymbolRefAttr>(i, SNNDialect::kParameterAttr);
      if (!ref || !embedParameters)
        continue;
      auto param = module.lookupSymbol<ParameterOp>(ref);
      if (!param || !isa<DenseElementsAttr>(param.getValue())) {
        kernelFn.emitError() << "cannot embed argument #" << i << ": " << ref
                             << " is not a dense snn.parameter";
        return signalPassFailure();
      }
      params[i] = param;
    }

    MLIRContext *ctx = module.getContext();
    Location loc = kernelFn.getLoc();
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    // Each embedded value becomes a private constant global (any element type).
    SmallVector<memref::GlobalOp> globals(firstOutput);
    for (unsigned i = 0; i < firstOutput; ++i) {
      if (!params[i])
        continue;
      auto memrefType = cast<MemRefType>(type.getInput(i));
      auto value = cast<DenseElementsAttr>(params[i].getValue());
      auto tensorType = RankedTensorType::get(memrefType.getShape(),
                                              memrefType.getElementType());
      if (value.getType() != tensorType) {
        if (!value.isSplat() && value.getNumElements() != tensorType.getNumElements()) {
          kernelFn.emitError() << "parameter " << params[i].getSymName() << " of type "
                               << value.getType() << " does not fit argument #" << i
                               << " of type " << memrefType;
          return signalPassFailure();
        }
        value = value.isSplat() ? DenseElementsAttr::get(tensorType, value.getSplatValue<Attribute>())
                                : value.reshape(tensorType);
      }
      globals[i] = memref::GlobalOp::create(
          b, loc, (Twine("__snn_generic_param_") + Twine(i)).str(),
          b.getStringAttr("private"), memrefType, value, /*constant=*/true,
          /*alignment=*/b.getI64IntegerAttr(64));
    }

    auto ptr = LLVM::LLVMPointerType::get(ctx);
    auto entry = func::FuncOp::create(b, loc, cName, FunctionType::get(ctx, {ptr, ptr}, {}));
    Block *body = entry.addEntryBlock();
    b.setInsertionPointToStart(body);
    Value inputs = body->getArgument(0), outputs = body->getArgument(1);
    SmallVector<Value> operands;
    unsigned nextInput = 0, nextOutput = 0;
    for (unsigned i = 0; i < numArgs; ++i) {
      auto memrefType = cast<MemRefType>(type.getInput(i));
      if (globals.size() > i && globals[i]) {
        operands.push_back(memref::GetGlobalOp::create(b, loc, memrefType,
                                                       globals[i].getSymName()));
        continue;
      }
      Value data = i < firstOutput ? loadSlot(b, loc, inputs, nextInput++)
                                   : loadSlot(b, loc, outputs, nextOutput++);
      operands.push_back(buildMemRef(b, loc, memrefType, data, Value()));
    }
    auto call = func::CallOp::create(b, loc, kernelFn, operands);
    // The caller owns returned buffers (ownership-based deallocation's convention).
    for (Value result : call.getResults()) {
      auto memrefType = cast<MemRefType>(result.getType());
      Value out = buildMemRef(b, loc, memrefType, loadSlot(b, loc, outputs, nextOutput++), Value());
      memref::CopyOp::create(b, loc, result, out);
      memref::DeallocOp::create(b, loc, result);
    }
    func::ReturnOp::create(b, loc);

    finishEntryPoint(module, kernelFn);
  }
};

} // namespace
} // namespace mlir::snn
