// Writing models and text stages to files atomically (the previous file survives any failure).
#include "tools/snnc/ModelOutput.h"

#include "frontend/NIR/NIRExporter.h"
#include "frontend/ONNX/ONNXExporter.h"
#include "runtime/AtomicFile.h"

namespace snn::driver {

bool writeTextFile(const std::string &path,
                   llvm::function_ref<bool(llvm::raw_ostream &, std::string *)> print,
                   std::string *error) {
  if (path == "-") {
    if (!print(llvm::outs(), error))
      return false;
    llvm::outs().flush();
    if (llvm::outs().has_error()) {
      llvm::outs().clear_error();
      *error = "cannot write to standard output";
      return false;
    }
    return true;
  }
  rt::AtomicFile file;
  if (!file.open(path, error))
    return false;
  {
    // Not closing: AtomicFile owns the descriptor and syncs it before renaming.
    llvm::raw_fd_ostream os(file.fd(), /*shouldClose=*/false);
    bool printed = print(os, error);
    os.flush();
    if (os.has_error()) {
      // Cleared, or the stream's destructor would abort with "IO failure on
      // output stream".
      file.noteError(os.error().value());
      os.clear_error();
    }
    if (!printed)
      return false;
  }
  return file.commit(error);
}

bool writeModelFile(mlir::ModuleOp module, const std::string &path, std::string *error) {
  if (llvm::StringRef(path).ends_with(".nir"))
    return snn::nir::exportFile(module, path, snn::nir::ExportOptions(), error);
  if (llvm::StringRef(path).ends_with(".onnx")) {
    std::string bytes;
    return snn::onnx::exportModelBytes(module, bytes, error) &&
           rt::writeFileAtomically(path, bytes, error);
  }
  return writeTextFile(
      path,
      [&](llvm::raw_ostream &os, std::string *) {
        module.print(os);
        os << "\n";
        return true;
      },
      error);
}

} // namespace snn::driver
