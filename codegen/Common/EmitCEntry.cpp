// snn-emit-c-entry: the plain C ABI `snn_forward(input, batch, params, output)`.
#include "codegen/Common/EntryPointSupport.h"
#include "codegen/Common/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "dialect/SNN/SNNOps.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNEMITCENTRY
#include "codegen/Common/Passes.h.inc"

namespace {

/// Constant globals holding the parameter values in argument order, a table of their
/// addresses, and the two accessor functions of the C ABI.
void embedParameters(ModuleOp module, OpBuilder &b, MutableArrayRef<ParameterOp> params) {
  MLIRContext *ctx = module.getContext();
  Location loc = module.getLoc();
  auto ptr = LLVM::LLVMPointerType::get(ctx);
  SmallVector<std::string> names;
  for (auto [i, param] : llvm::enumerate(params)) {
    auto value = cast<DenseElementsAttr>(param.getValue());
    int64_t n = value.getNumElements();
    auto flat = value.reshape(RankedTensorType::get({n}, b.getF32Type()));
    names.push_back(("__snn_param_" + Twine(i)).str());
    LLVM::GlobalOp::create(b, loc, LLVM::LLVMArrayType::get(b.getF32Type(), n),
                           /*isConstant=*/true, LLVM::Linkage::Internal, names.back(), flat,
                           /*alignment=*/64);
  }
  auto tableType = LLVM::LLVMArrayType::get(ptr, params.size());
  auto table = LLVM::GlobalOp::create(b, loc, tableType, /*isConstant=*/true,
                                      LLVM::Linkage::Internal, "__snn_param_table",
                                      Attribute());
  {
    OpBuilder::InsertionGuard guard(b);
    b.createBlock(&table.getInitializerRegion());
    Value array = LLVM::UndefOp::create(b, loc, tableType);
    for (auto [i, name] : llvm::enumerate(names)) {
      Value address = LLVM::AddressOfOp::create(b, loc, ptr, name);
      array = LLVM::InsertValueOp::create(b, loc, array, address, ArrayRef<int64_t>{int64_t(i)});
    }
    LLVM::ReturnOp::create(b, loc, array);
  }
  auto paramsFn = func::FuncOp::create(b, loc, "snn_model_params",
                                       FunctionType::get(ctx, {}, {ptr}));
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(paramsFn.addEntryBlock());
    Value address = LLVM::AddressOfOp::create(b, loc, ptr, "__snn_param_table");
    func::ReturnOp::create(b, loc, address);
  }
  auto countFn = func::FuncOp::create(b, loc, "snn_model_num_params",
                                      FunctionType::get(ctx, {}, {b.getI64Type()}));
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(countFn.addEntryBlock());
    Value count = LLVM::ConstantOp::create(b, loc, b.getI64Type(),
                                           b.getI64IntegerAttr(params.size()));
    func::ReturnOp::create(b, loc, count);
  }
}

/// `int64_t NAME(void) { return value; }`.
void addConstantFunction(OpBuilder &b, Location loc, StringRef name, int64_t value) {
  auto fn = func::FuncOp::create(b, loc, name, FunctionType::get(b.getContext(), {},
                                                                 {b.getI64Type()}));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(fn.addEntryBlock());
  Value v = LLVM::ConstantOp::create(b, loc, b.getI64Type(), b.getI64IntegerAttr(value));
  func::ReturnOp::create(b, loc, v);
}

/// The shape accessors of the forward ABI, so that a C caller can size its buffers:
/// floats per sample of the input and of the output, and the output's `[classes, T]`.
/// An output that is not `[batch, classes, T]` counts as T = 1, so that classes × T is
/// always the output size.
void addShapeFunctions(OpBuilder &b, Location loc, MemRefType input, MemRefType output) {
  auto perSample = [](MemRefType type) {
    int64_t n = 1;
    for (int64_t d : type.getShape().drop_front())
      n *= d;
    return n;
  };
  addConstantFunction(b, loc, "snn_model_input_size", perSample(input));
  addConstantFunction(b, loc, "snn_model_output_size", perSample(output));
  bool traces = output.getRank() == 3;
  addConstantFunction(b, loc, "snn_model_classes",
                      traces ? output.getDimSize(1) : perSample(output));
  addConstantFunction(b, loc, "snn_model_time_steps", traces ? output.getDimSize(2) : 1);
}

/// The snn.parameter ops feeding `fn`'s tagged arguments, in argument order; fails when
/// a tagged argument has no parameter op.
FailureOr<SmallVector<ParameterOp>> parametersOf(ModuleOp module, func::FuncOp fn) {
  SmallVector<ParameterOp> params;
  for (unsigned i = 0; i < fn.getNumArguments(); ++i) {
    auto ref = fn.getArgAttrOfType<FlatSymbolRefAttr>(i, SNNDialect::kParameterAttr);
    if (!ref)
      continue;
    auto param = module.lookupSymbol<ParameterOp>(ref);
    if (!param || !isa<DenseElementsAttr>(param.getValue()))
      return failure();
    params.push_back(param);
  }
  return params;
}

/// `void NAME(const float *input, int64_t batch, const float *target,
///            const float *const *params, uint64_t seed, float *loss, float *output,
///            float *const *grads)` over a bufferized training function
/// (input, target, seed, params..., loss, traces, grads...).
LogicalResult buildTrainEntry(ModuleOp module, func::FuncOp kernelFn, StringRef name) {
  FunctionType type = kernelFn.getFunctionType();
  unsigned n = type.getNumInputs();
  if (type.getNumResults() != 0 || n < 5 || (n - 5) % 2 != 0 ||
      !type.getInput(2).isInteger(64))
    return kernelFn.emitError() << "training entry needs (input, target, seed: i64, "
                                   "params..., loss, traces, grads...) as out-parameters, got "
                                << type;
  unsigned numParams = (n - 5) / 2;
  MLIRContext *ctx = module.getContext();
  OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
  Location loc = kernelFn.getLoc();
  auto ptr = LLVM::LLVMPointerType::get(ctx);
  auto i64 = b.getI64Type();
  auto entry = func::FuncOp::create(
      b, loc, name, FunctionType::get(ctx, {ptr, i64, ptr, ptr, i64, ptr, ptr, ptr}, {}));
  Block *body = entry.addEntryBlock();
  b.setInsertionPointToStart(body);
  Value batch = body->getArgument(1);
  auto memref = [&](unsigned i, Value data) {
    return buildMemRef(b, loc, cast<MemRefType>(type.getInput(i)), data, batch);
  };
  SmallVector<Value> operands{memref(0, body->getArgument(0)), memref(1, body->getArgument(2)),
                              body->getArgument(4)};
  for (unsigned i = 0; i < numParams; ++i)
    operands.push_back(memref(3 + i, loadSlot(b, loc, body->getArgument(3), i)));
  operands.push_back(memref(3 + numParams, body->getArgument(5)));
  operands.push_back(memref(4 + numParams, body->getArgument(6)));
  for (unsigned i = 0; i < numParams; ++i)
    operands.push_back(memref(5 + numParams + i, loadSlot(b, loc, body->getArgument(7), i)));
  func::CallOp::create(b, loc, kernelFn, operands);
  func::ReturnOp::create(b, loc);
  return success();
}

struct EmitCEntryPass : impl::SNNEmitCEntryBase<EmitCEntryPass> {
  using SNNEmitCEntryBase::SNNEmitCEntryBase;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto kernelFn = module.lookupSymbol<func::FuncOp>(kernel);
    if (!kernelFn) {
      module.emitError() << "no function '" << kernel << "' to wrap in a C entry point";
      return signalPassFailure();
    }
    if (abi == "train") {
      if (failed(buildTrainEntry(module, kernelFn, cName)))
        return signalPassFailure();
      finishEntryPoint(module, kernelFn);
      return;
    }
    if (abi != "forward") {
      module.emitError() << "unknown C ABI '" << abi << "' (expected forward or train)";
      return signalPassFailure();
    }
    FunctionType type = kernelFn.getFunctionType();
    // The output is either returned (dynamic batch: buffer-results-to-out-params leaves
    // it) or already an out-parameter (static shapes).
    bool returnsOutput = type.getNumResults() == 1;
    SmallVector<Type> memrefs(type.getInputs());
    llvm::append_range(memrefs, type.getResults());
    if (type.getNumResults() > 1 || memrefs.size() < 2 ||
        !llvm::all_of(memrefs, [](Type t) {
          auto m = dyn_cast<MemRefType>(t);
          return m && m.getLayout().isIdentity() && m.getElementType().isF32() &&
                 m.getNumDynamicDims() <= 1;
        })) {
      kernelFn.emitError() << "C entry point needs a bufferized function over identity-"
                              "layout f32 memrefs with at most the batch dimension dynamic "
                              "(input, parameters..., output), got "
                           << type;
      return signalPassFailure();
    }

    MLIRContext *ctx = module.getContext();
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    Location loc = kernelFn.getLoc();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    auto i64 = b.getI64Type();
    auto entryType = FunctionType::get(ctx, {ptr, i64, ptr, ptr}, {});
    auto entry = func::FuncOp::create(b, loc, cName, entryType);
    Block *body = entry.addEntryBlock();
    b.setInsertionPointToStart(body);
    Value input = body->getArgument(0), batch = body->getArgument(1),
          params = body->getArgument(2), output = body->getArgument(3);

    SmallVector<Value> operands;
    unsigned numParams = memrefs.size() - 2;
    operands.push_back(buildMemRef(b, loc, cast<MemRefType>(memrefs[0]), input, batch));
    for (unsigned i = 0; i < numParams; ++i) {
      Value slot = LLVM::GEPOp::create(b, loc, ptr, ptr, params,
                                       ArrayRef<LLVM::GEPArg>{int32_t(i)});
      Value data = LLVM::LoadOp::create(b, loc, ptr, slot);
      operands.push_back(buildMemRef(b, loc, cast<MemRefType>(memrefs[1 + i]), data, batch));
    }
    Value outMemRef = buildMemRef(b, loc, cast<MemRefType>(memrefs.back()), output, batch);
    if (returnsOutput) {
      // The caller owns a returned buffer (ownership-based deallocation's convention).
      auto call = func::CallOp::create(b, loc, kernelFn, operands);
      memref::CopyOp::create(b, loc, call.getResult(0), outMemRef);
      memref::DeallocOp::create(b, loc, call.getResult(0));
    } else {
      operands.push_back(outMemRef);
      func::CallOp::create(b, loc, kernelFn, operands);
    }
    func::ReturnOp::create(b, loc);
    b.setInsertionPointToEnd(module.getBody());
    addShapeFunctions(b, loc, cast<MemRefType>(memrefs[0]), cast<MemRefType>(memrefs.back()));

    if (embedParameters) {
      auto params = parametersOf(module, kernelFn);
      if (failed(params) || params->size() != numParams) {
        kernelFn.emitError() << "cannot embed parameters: every argument after the input "
                                "must be tagged with a dense snn.parameter";
        return signalPassFailure();
      }
      b.setInsertionPointToEnd(module.getBody());
      snn::embedParameters(module, b, *params);
    }
    finishEntryPoint(module, kernelFn);
  }
};

} // namespace
} // namespace mlir::snn
