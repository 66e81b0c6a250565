// libFuzzer target: any bytes through the ONNX importer must give a module or one error.
#include "frontend/ONNX/ONNXImporter.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

const mlir::DialectRegistry &registry() {
  static mlir::DialectRegistry *r = [] {
    auto *reg = new mlir::DialectRegistry();
    mlir::registerAllDialects(*reg);
    snn::onnx::registerONNXDialectAndPasses(*reg);
    return reg;
  }();
  return *r;
}

/// A result must be exactly one of: a module, or an error of one line (names quoted from
/// the model have their control bytes escaped).
void check(const snn::onnx::ImportResult &result) {
  bool ok = bool(result.module);
  bool oneLine = result.error.find_first_of("\r\n") == std::string::npos;
  if (ok == !result.error.empty() || (ok && result.unsupported) || !oneLine) {
    std::fprintf(stderr, "importer contract violated: module=%d unsupported=%d error='%s'\n",
                 int(ok), int(result.unsupported), result.error.c_str());
    std::abort();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  // A fresh context per input: uniqued attributes of earlier inputs must not pile up,
  // and each input is imported as an ANN and with --convert-ann.
  for (bool convertANN : {false, true}) {
    mlir::MLIRContext ctx(registry(), mlir::MLIRContext::Threading::DISABLED);
    snn::onnx::ImportOptions options;
    options.convertANN = convertANN;
    check(snn::onnx::importModelBytes(ctx, bytes, options));
  }
  return 0;
}
