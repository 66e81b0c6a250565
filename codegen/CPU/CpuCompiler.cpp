// JIT and ahead-of-time compilation of LLVM-dialect model modules for the host CPU.
#include "codegen/CPU/CpuCompiler.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

#include <mutex>

namespace mlir::snn {

void registerCPUTranslations(DialectRegistry &registry) {
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

namespace {

void initializeNativeTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

/// A target machine for this host, CPU features included, so LLVM vectorises for the
/// widest vector unit present (AVX-512 on the project's machines).
std::unique_ptr<llvm::TargetMachine> hostTargetMachine(std::string *error) {
  initializeNativeTarget();
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder) {
    *error = "cannot detect the host CPU: " + llvm::toString(builder.takeError());
    return nullptr;
  }
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  builder->setRelocationModel(llvm::Reloc::PIC_);
  auto tm = builder->createTargetMachine();
  if (!tm) {
    *error = "cannot create a target machine: " + llvm::toString(tm.takeError());
    return nullptr;
  }
  return std::move(*tm);
}

std::unique_ptr<llvm::Module> translateAndOptimize(ModuleOp module, llvm::LLVMContext &ctx,
                                                   llvm::TargetMachine &tm,
                                                   std::string *error) {
  std::unique_ptr<llvm::Module> llvmModule = translateModuleToLLVMIR(module, ctx);
  if (!llvmModule) {
    *error = "cannot translate the model to LLVM IR";
    return nullptr;
  }
  llvmModule->setTargetTriple(tm.getTargetTriple());
  llvmModule->setDataLayout(tm.createDataLayout());
  if (llvm::Error err = makeOptimizingTransformer(3, 0, &tm)(llvmModule.get())) {
    *error = "LLVM optimisation failed: " + llvm::toString(std::move(err));
    return nullptr;
  }
  return llvmModule;
}

} // namespace

CpuJit::~CpuJit() = default;

void *CpuJit::lookup(StringRef name) const {
  auto symbol = engine->lookup(name);
  if (!symbol) {
    llvm::consumeError(symbol.takeError());
    return nullptr;
  }
  return *symbol;
}

std::unique_ptr<CpuJit> CpuJit::create(ModuleOp module, StringRef entry, std::string *error) {
  std::unique_ptr<llvm::TargetMachine> tm = hostTargetMachine(error);
  if (!tm)
    return nullptr;
  ExecutionEngineOptions options;
  options.transformer = makeOptimizingTransformer(3, 0, tm.get());
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  auto engine = ExecutionEngine::create(module, options);
  if (!engine) {
    *error = "JIT compilation failed: " + llvm::toString(engine.takeError());
    return nullptr;
  }
  auto symbol = (*engine)->lookup(entry);
  if (!symbol) {
    *error = "compiled model has no entry point '" + entry.str() +
             "': " + llvm::toString(symbol.takeError());
    return nullptr;
  }
  std::unique_ptr<CpuJit> jit(new CpuJit());
  jit->fn = reinterpret_cast<ForwardFn>(*symbol);
  jit->engine = std::move(*engine);
  return jit;
}

bool emitLLVMIR(ModuleOp module, llvm::raw_ostream &os, std::string *error) {
  std::unique_ptr<llvm::TargetMachine> tm = hostTargetMachine(error);
  if (!tm)
    return false;
  llvm::LLVMContext ctx;
  auto llvmModule = translateAndOptimize(module, ctx, *tm, error);
  if (!llvmModule)
    return false;
  llvmModule->print(os, nullptr);
  return true;
}

bool emitObjectFile(ModuleOp module, StringRef path, std::string *error) {
  std::unique_ptr<llvm::TargetMachine> tm = hostTargetMachine(error);
  if (!tm)
    return false;
  llvm::LLVMContext ctx;
  auto llvmModule = translateAndOptimize(module, ctx, *tm, error);
  if (!llvmModule)
    return false;
  std::error_code ec;
  llvm::ToolOutputFile out(path, ec, llvm::sys::fs::OF_None);
  if (ec) {
    *error = path.str() + ": cannot write: " + ec.message();
    return false;
  }
  llvm::legacy::PassManager pm;
  if (tm->addPassesToEmitFile(pm, out.os(), nullptr, llvm::CodeGenFileType::ObjectFile)) {
    *error = "the host target cannot emit object files";
    return false;
  }
  pm.run(*llvmModule);
  out.keep();
  return true;
}

bool emitSharedObject(ModuleOp module, StringRef path, std::string *error) {
  llvm::SmallString<128> object;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile("snnc", "o", object)) {
    *error = "cannot create a temporary object file: " + ec.message();
    return false;
  }
  llvm::FileRemover removeObject(object);
  if (!emitObjectFile(module, object, error))
    return false;
  auto cc = llvm::sys::findProgramByName("cc");
  if (!cc) {
    *error = "cannot link " + path.str() + ": no C compiler driver 'cc' on PATH";
    return false;
  }
  std::string soname = "-Wl,-soname," + llvm::sys::path::filename(path).str();
  llvm::StringRef args[] = {*cc, "-shared", soname, "-o", path, object, "-lm"};
  std::string message;
  int rc = llvm::sys::ExecuteAndWait(*cc, args, std::nullopt, {}, 0, 0, &message);
  if (rc != 0) {
    *error = "linking " + path.str() + " with cc failed" +
             (message.empty() ? "" : ": " + message);
    return false;
  }
  return true;
}

} // namespace mlir::snn
