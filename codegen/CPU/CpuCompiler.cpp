// JIT and ahead-of-time compilation of LLVM-dialect model modules for the host CPU.
#include "codegen/CPU/CpuCompiler.h"
#include "runtime/AtomicFile.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
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

/// LLVM's -O2 pipeline for the generated IR, whose products arrive as register-tiled
/// vector code already: measured on the CNN's forward and training functions, -O3
/// took 3.3-4.2 s to compile against 2.1-2.2 s for -O2, and the MLP's and CNN's
/// samples/s were the same (docs/performance.md).
constexpr unsigned kLLVMOptLevel = 2;

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
  if (llvm::Error err = makeOptimizingTransformer(kLLVMOptLevel, 0, &tm)(llvmModule.get())) {
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

std::unique_ptr<CpuJit> CpuJit::create(ModuleOp module, StringRef entry, std::string *error,
                                       ArrayRef<std::pair<std::string, void *>> symbols) {
  std::unique_ptr<CpuJit> jit(new CpuJit());
  jit->targetMachine = hostTargetMachine(error);
  if (!jit->targetMachine)
    return nullptr;
  jit->transformer = makeOptimizingTransformer(kLLVMOptLevel, 0, jit->targetMachine.get());
  ExecutionEngineOptions options;
  options.transformer = jit->transformer;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  // The perf and GDB listeners write jitdump files under the temporary folder or
  // $HOME/.debug/jit and print warnings when they cannot; running a model must write
  // nothing the user did not ask for.
  options.enableObjectDump = false;
  options.enableGDBNotificationListener = false;
  options.enablePerfNotificationListener = false;
  auto engine = ExecutionEngine::create(module, options);
  if (!engine) {
    *error = "JIT compilation failed: " + llvm::toString(engine.takeError());
    return nullptr;
  }
  if (!symbols.empty())
    (*engine)->registerSymbols([&](llvm::orc::MangleAndInterner interner) {
      llvm::orc::SymbolMap map;
      for (const auto &[name, address] : symbols)
        map[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                               llvm::JITSymbolFlags::Exported};
      return map;
    });
  auto symbol = (*engine)->lookup(entry);
  if (!symbol) {
    *error = "compiled model has no entry point '" + entry.str() +
             "': " + llvm::toString(symbol.takeError());
    return nullptr;
  }
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

namespace {

/// Runs `write` over a stream on `file`'s temporary. A failed write (disk full,
/// file-size limit) becomes the file's error, reported by `commit`: the stream's error
/// is taken and cleared so that LLVM never ends the process with "IO failure on
/// output stream".
template <typename WriteFn>
bool writeThrough(::snn::rt::AtomicFile &file, WriteFn write,
                  std::error_code *ioError = nullptr) {
  llvm::raw_fd_ostream os(file.fd(), /*shouldClose=*/false);
  bool ok = write(os);
  os.flush();
  if (os.has_error()) {
    file.noteError(os.error().value());
    if (ioError)
      *ioError = os.error();
    os.clear_error();
  }
  return ok;
}

/// Object code of `module` for the host CPU, written to `file`.
bool writeObject(ModuleOp module, ::snn::rt::AtomicFile &file, std::string *error,
                 std::error_code *ioError = nullptr) {
  std::unique_ptr<llvm::TargetMachine> tm = hostTargetMachine(error);
  if (!tm)
    return false;
  llvm::LLVMContext ctx;
  auto llvmModule = translateAndOptimize(module, ctx, *tm, error);
  if (!llvmModule)
    return false;
  return writeThrough(file, [&](llvm::raw_fd_ostream &os) {
    llvm::legacy::PassManager pm;
    if (tm->addPassesToEmitFile(pm, os, nullptr, llvm::CodeGenFileType::ObjectFile)) {
      *error = "the host target cannot emit object files";
      return false;
    }
    pm.run(*llvmModule);
    return true;
  }, ioError);
}

/// The first line of the linker's messages that says what went wrong ("collect2"'s
/// summary only repeats that ld failed).
std::string linkerMessage(StringRef log) {
  SmallVector<StringRef> lines;
  log.split(lines, '\n', -1, /*KeepEmpty=*/false);
  for (StringRef line : lines)
    if (!line.starts_with("collect2"))
      return line.trim().str();
  return lines.empty() ? std::string() : lines.front().trim().str();
}

} // namespace

bool emitObjectFile(ModuleOp module, StringRef path, std::string *error) {
  ::snn::rt::AtomicFile file;
  if (!file.open(path.str(), error))
    return false;
  if (!writeObject(module, file, error))
    return false;
  return file.commit(error);
}

bool emitSharedObject(ModuleOp module, StringRef path, StringRef soname, std::string *error) {
  if (soname.contains('/') || soname.contains('\n')) {
    *error = "invalid SONAME '" + soname.str() + "': it is a file name, without a folder";
    return false;
  }
  auto cc = llvm::sys::findProgramByName("cc");
  if (!cc) {
    *error = "cannot link " + path.str() + ": no C compiler driver 'cc' on PATH";
    return false;
  }
  // The object and the linker's messages are temporaries beside the target, like the
  // target's own temporary: nothing is written outside the folder the user named.
  ::snn::rt::AtomicFile object, log, library;
  std::string objectPath = path.str() + ".o", logPath = path.str() + ".log";
  if (!library.open(path.str(), error) || !object.open(objectPath, error) ||
      !log.open(logPath, error))
    return false;
  std::error_code objectError;
  if (!writeObject(module, object, error, &objectError))
    return false;
  if (objectError) {
    // Reported under the name the user gave, as a failed write of the library.
    library.noteError(objectError.value());
    return library.commit(error);
  }
  SmallVector<StringRef, 10> args{*cc, "-shared"};
  // No SONAME unless asked for: one taken from -o would make a program linked against
  // a copy (cp model.so libmodel.so) silently load the original file instead.
  if (!soname.empty())
    args.append({"-Xlinker", "-soname", "-Xlinker", soname});
  args.append({"-o", library.temporaryPath(), object.temporaryPath(), "-lm"});
  std::optional<StringRef> redirects[] = {StringRef(), StringRef(), StringRef(log.temporaryPath())};
  std::string message;
  int rc = llvm::sys::ExecuteAndWait(*cc, args, std::nullopt, redirects, 0, 0, &message);
  if (rc != 0) {
    if (message.empty()) {
      auto text = llvm::MemoryBuffer::getFile(log.temporaryPath());
      if (text)
        message = linkerMessage((*text)->getBuffer());
    }
    *error = "linking " + path.str() + " with cc failed" +
             (message.empty() ? "" : ": " + message) +
             " (the previous file, if any, is unchanged)";
    return false;
  }
  return library.commit(error);
}

} // namespace mlir::snn
