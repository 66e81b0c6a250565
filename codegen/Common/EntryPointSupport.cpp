// Memref descriptors, pointer tables and kernel finishing for the C entry points.
#include "codegen/Common/EntryPointSupport.h"

#include "dialect/SNN/SNNOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::snn {
namespace {

/// The LLVM struct a ranked memref lowers to: (allocated, aligned, offset, sizes, strides).
LLVM::LLVMStructType descriptorType(MLIRContext *ctx, int64_t rank) {
  auto ptr = LLVM::LLVMPointerType::get(ctx);
  auto i64 = IntegerType::get(ctx, 64);
  SmallVector<Type> fields{ptr, ptr, i64};
  if (rank > 0) {
    fields.push_back(LLVM::LLVMArrayType::get(i64, rank));
    fields.push_back(LLVM::LLVMArrayType::get(i64, rank));
  }
  return LLVM::LLVMStructType::getLiteral(ctx, fields);
}

} // namespace

Value buildMemRef(OpBuilder &b, Location loc, MemRefType type, Value data, Value batch) {
  MLIRContext *ctx = b.getContext();
  auto i64 = b.getI64Type();
  auto desc = descriptorType(ctx, type.getRank());
  Value d = LLVM::UndefOp::create(b, loc, desc);
  d = LLVM::InsertValueOp::create(b, loc, d, data, ArrayRef<int64_t>{0});
  d = LLVM::InsertValueOp::create(b, loc, d, data, ArrayRef<int64_t>{1});
  Value zero = LLVM::ConstantOp::create(b, loc, i64, b.getI64IntegerAttr(0));
  d = LLVM::InsertValueOp::create(b, loc, d, zero, ArrayRef<int64_t>{2});
  // Strides right to left, as constants while every size to the right is static; a
  // dynamic size contributes `batch` to the strides left of it.
  auto constant = [&](int64_t v) {
    return LLVM::ConstantOp::create(b, loc, i64, b.getI64IntegerAttr(v)).getResult();
  };
  int64_t staticStride = 1;
  Value dynamicStride;
  for (int64_t i = type.getRank() - 1; i >= 0; --i) {
    Value size = type.isDynamicDim(i) ? batch : constant(type.getDimSize(i));
    d = LLVM::InsertValueOp::create(b, loc, d, size, ArrayRef<int64_t>{3, i});
    Value stride = dynamicStride ? dynamicStride : constant(staticStride);
    d = LLVM::InsertValueOp::create(b, loc, d, stride, ArrayRef<int64_t>{4, i});
    if (dynamicStride || type.isDynamicDim(i))
      dynamicStride = LLVM::MulOp::create(b, loc, stride, size);
    else
      staticStride *= type.getDimSize(i);
  }
  return UnrealizedConversionCastOp::create(b, loc, type, d).getResult(0);
}

Value loadSlot(OpBuilder &b, Location loc, Value table, unsigned i) {
  auto ptr = LLVM::LLVMPointerType::get(b.getContext());
  Value slot = LLVM::GEPOp::create(b, loc, ptr, ptr, table, ArrayRef<LLVM::GEPArg>{int32_t(i)});
  return LLVM::LoadOp::create(b, loc, ptr, slot);
}

void finishEntryPoint(ModuleOp module, func::FuncOp kernelFn) {
  OpBuilder b(module.getContext());
  for (unsigned i = 0; i < kernelFn.getNumArguments(); ++i)
    if (isa<MemRefType>(kernelFn.getArgument(i).getType()))
      kernelFn.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(), b.getUnitAttr());
  kernelFn->setAttr("llvm.linkage",
                    LLVM::LinkageAttr::get(module.getContext(), LLVM::Linkage::Internal));
  for (auto fn : module.getOps<func::FuncOp>())
    for (unsigned i = 0; i < fn.getNumArguments(); ++i)
      fn.removeArgAttr(i, SNNDialect::kParameterAttr);
  for (ParameterOp param : llvm::make_early_inc_range(module.getOps<ParameterOp>()))
    param.erase();
}

} // namespace mlir::snn
