// snn-opt: the project's mlir-opt, for lit tests and debugging.
#include "dialect/SNN/SNNDialect.h"
#include "codegen/CPU/Passes.h"
#include "frontend/ONNX/ONNXImporter.h"
#include "passes/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::snn::registerSNNTransforms();
  mlir::snn::registerSNNCodegenCPU();
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<mlir::snn::SNNDialect>();
  snn::onnx::registerONNXDialectAndPasses(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "snnc optimizer driver\n", registry));
}
