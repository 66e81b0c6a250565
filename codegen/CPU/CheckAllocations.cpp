// snn-cpu-check-allocations: heap allocations of generated code end the process with a message when they fail.
#include "codegen/CPU/Passes.h"

#include "mlir/Dialect/LLVMIR/FunctionCallUtils.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCPUCHECKALLOCATIONS
#include "codegen/CPU/Passes.h.inc"

namespace {

// The functions `finalize-memref-to-llvm{use-generic-functions}` calls instead of
// malloc, aligned_alloc and free.
constexpr StringLiteral kAlloc = "_mlir_memref_to_llvm_alloc";
constexpr StringLiteral kAlignedAlloc = "_mlir_memref_to_llvm_aligned_alloc";
constexpr StringLiteral kFree = "_mlir_memref_to_llvm_free";

constexpr StringLiteral kOutOfMemory = "__snn_out_of_memory";
constexpr StringLiteral kPrefix = "snn model: error: out of memory: cannot allocate ";
constexpr StringLiteral kSuffix = " bytes\n";
/// Decimal digits of the largest uint64_t.
constexpr int64_t kMaxDigits = 20;

struct Builder {
  OpBuilder &b;
  Location loc;
  Type i8, i32, i64, ptr;

  Builder(OpBuilder &b, Location loc)
      : b(b), loc(loc), i8(b.getI8Type()), i32(b.getI32Type()), i64(b.getI64Type()),
        ptr(LLVM::LLVMPointerType::get(b.getContext())) {}

  Value constant(Type type, int64_t v) {
    return LLVM::ConstantOp::create(b, loc, type, b.getIntegerAttr(type, v));
  }
  Value offset(Value base, Value index) {
    return LLVM::GEPOp::create(b, loc, ptr, i8, base, ValueRange{index});
  }
};

/// A declaration of the C library function `name`, reused when the module has one.
LLVM::LLVMFuncOp declare(OpBuilder &b, ModuleOp module, StringRef name,
                         LLVM::LLVMFunctionType type) {
  if (auto fn = module.lookupSymbol<LLVM::LLVMFuncOp>(name))
    return fn;
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(module.getBody());
  return LLVM::LLVMFuncOp::create(b, module.getLoc(), name, type);
}

/// `void __snn_out_of_memory(uint64_t bytes)`: formats the message into a stack buffer
/// (the heap just failed), writes it to fd 2 in one `write` so that threads failing
/// together do not interleave their lines, and calls exit(1). Internal, like everything
/// this pass adds, so that several compiled models in one process never share or
/// clash on these symbols.
LLVM::LLVMFuncOp buildOutOfMemory(OpBuilder &b, ModuleOp module) {
  Builder h(b, module.getLoc());
  Location loc = h.loc;
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(module.getBody());
  auto text = [&](StringRef name, StringRef value) {
    LLVM::GlobalOp::create(b, loc, LLVM::LLVMArrayType::get(h.i8, value.size()),
                           /*isConstant=*/true, LLVM::Linkage::Internal, name,
                           b.getStringAttr(value), /*alignment=*/1);
  };
  text("__snn_out_of_memory_prefix", kPrefix);
  text("__snn_out_of_memory_suffix", kSuffix);
  auto writeFn = declare(b, module, "write",
                         LLVM::LLVMFunctionType::get(h.i64, {h.i32, h.ptr, h.i64}));
  auto exitFn = declare(b, module, "exit",
                        LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(b.getContext()),
                                                    {h.i32}));
  auto fn = LLVM::LLVMFuncOp::create(
      b, loc, kOutOfMemory,
      LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(b.getContext()), {h.i64}),
      LLVM::Linkage::Internal);
  // Off the allocation fast path: never inlined into it, laid out as cold.
  fn.setNoInline(true);
  fn.setPassthroughAttr(b.getArrayAttr({b.getStringAttr("cold"), b.getStringAttr("noreturn")}));

  Block *entry = fn.addEntryBlock(b);
  Block *loop = b.createBlock(&fn.getBody(), {}, {h.i64, h.i64}, {loc, loc});
  Block *done = b.createBlock(&fn.getBody(), {}, {h.i64}, {loc});

  b.setInsertionPointToStart(entry);
  const int64_t capacity = kPrefix.size() + kMaxDigits + kSuffix.size();
  Value message = LLVM::AllocaOp::create(b, loc, h.ptr, h.i8, h.constant(h.i64, capacity));
  Value digits = LLVM::AllocaOp::create(b, loc, h.ptr, h.i8, h.constant(h.i64, kMaxDigits));
  Value prefix = LLVM::AddressOfOp::create(b, loc, h.ptr, "__snn_out_of_memory_prefix");
  LLVM::MemcpyOp::create(b, loc, message, prefix, h.constant(h.i64, kPrefix.size()),
                         /*isVolatile=*/false);
  LLVM::BrOp::create(b, loc, ValueRange{entry->getArgument(0), h.constant(h.i64, kMaxDigits)},
                     loop);

  // Digits are produced last first, filling `digits` from its end.
  b.setInsertionPointToStart(loop);
  Value value = loop->getArgument(0);
  Value position = LLVM::SubOp::create(b, loc, loop->getArgument(1), h.constant(h.i64, 1));
  Value ten = h.constant(h.i64, 10);
  Value digit = LLVM::URemOp::create(b, loc, value, ten);
  Value character = LLVM::AddOp::create(b, loc, LLVM::TruncOp::create(b, loc, h.i8, digit),
                                        h.constant(h.i8, '0'));
  LLVM::StoreOp::create(b, loc, character, h.offset(digits, position));
  Value rest = LLVM::UDivOp::create(b, loc, value, ten);
  Value more = LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::ne, rest, h.constant(h.i64, 0));
  LLVM::CondBrOp::create(b, loc, more, loop, ValueRange{rest, position}, done,
                         ValueRange{position});

  b.setInsertionPointToStart(done);
  Value first = done->getArgument(0);
  Value count = LLVM::SubOp::create(b, loc, h.constant(h.i64, kMaxDigits), first);
  Value number = h.offset(message, h.constant(h.i64, kPrefix.size()));
  LLVM::MemcpyOp::create(b, loc, number, h.offset(digits, first), count, false);
  Value suffix = LLVM::AddressOfOp::create(b, loc, h.ptr, "__snn_out_of_memory_suffix");
  LLVM::MemcpyOp::create(b, loc, h.offset(number, count), suffix,
                         h.constant(h.i64, kSuffix.size()), false);
  Value length = LLVM::AddOp::create(b, loc, count,
                                     h.constant(h.i64, kPrefix.size() + kSuffix.size()));
  LLVM::CallOp::create(b, loc, writeFn, ValueRange{h.constant(h.i32, 2), message, length});
  LLVM::CallOp::create(b, loc, exitFn, ValueRange{h.constant(h.i32, 1)});
  LLVM::UnreachableOp::create(b, loc);
  return fn;
}

/// Gives the declaration `fn` an internal body: `p = allocate(args...)`, and the
/// out-of-memory exit when p is null for a non-zero `size` (malloc(0) may return null).
void defineAllocation(OpBuilder &b, LLVM::LLVMFuncOp fn, LLVM::LLVMFuncOp allocate,
                      Value (*size)(Block *), LLVM::LLVMFuncOp outOfMemory) {
  Builder h(b, fn.getLoc());
  Location loc = h.loc;
  OpBuilder::InsertionGuard guard(b);
  fn.setLinkage(LLVM::Linkage::Internal);
  Block *entry = fn.addEntryBlock(b);
  Block *ok = b.createBlock(&fn.getBody());
  Block *fail = b.createBlock(&fn.getBody());

  b.setInsertionPointToStart(entry);
  Value bytes = size(entry);
  Value p = LLVM::CallOp::create(b, loc, allocate, entry->getArguments()).getResult();
  Value isNull = LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::eq, p,
                                      LLVM::ZeroOp::create(b, loc, h.ptr));
  Value nonZero =
      LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::ne, bytes, h.constant(h.i64, 0));
  Value failed = LLVM::AndOp::create(b, loc, isNull, nonZero);
  auto branch = LLVM::CondBrOp::create(b, loc, failed, fail, ValueRange{}, ok, ValueRange{});
  branch.setWeights({1, 1 << 20});

  b.setInsertionPointToStart(ok);
  LLVM::ReturnOp::create(b, loc, p);
  b.setInsertionPointToStart(fail);
  LLVM::CallOp::create(b, loc, outOfMemory, ValueRange{bytes});
  LLVM::UnreachableOp::create(b, loc);
}

struct CheckAllocationsPass : impl::SNNCPUCheckAllocationsBase<CheckAllocationsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    OpBuilder b(module.getContext());
    auto declaration = [&](StringRef name) {
      auto fn = module.lookupSymbol<LLVM::LLVMFuncOp>(name);
      return fn && fn.isExternal() ? fn : LLVM::LLVMFuncOp();
    };
    LLVM::LLVMFuncOp alloc = declaration(kAlloc), aligned = declaration(kAlignedAlloc),
                     release = declaration(kFree);
    if (!alloc && !aligned && !release)
      return;
    Type i64 = b.getI64Type();
    LLVM::LLVMFuncOp outOfMemory;
    if (alloc || aligned)
      outOfMemory = buildOutOfMemory(b, module);
    if (alloc) {
      auto malloc = LLVM::lookupOrCreateMallocFn(b, module, i64);
      if (failed(malloc))
        return signalPassFailure();
      defineAllocation(b, alloc, *malloc, [](Block *e) { return Value(e->getArgument(0)); },
                       outOfMemory);
    }
    if (aligned) {
      auto alignedAlloc = LLVM::lookupOrCreateAlignedAllocFn(b, module, i64);
      if (failed(alignedAlloc))
        return signalPassFailure();
      // aligned_alloc(alignment, size): the size is the second argument.
      defineAllocation(b, aligned, *alignedAlloc,
                       [](Block *e) { return Value(e->getArgument(1)); }, outOfMemory);
    }
    if (release) {
      auto free = LLVM::lookupOrCreateFreeFn(b, module);
      if (failed(free))
        return signalPassFailure();
      Location loc = release.getLoc();
      release.setLinkage(LLVM::Linkage::Internal);
      Block *entry = release.addEntryBlock(b);
      b.setInsertionPointToStart(entry);
      LLVM::CallOp::create(b, loc, *free, entry->getArguments());
      LLVM::ReturnOp::create(b, loc, ValueRange{});
    }
  }
};

} // namespace
} // namespace mlir::snn
