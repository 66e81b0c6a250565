// snn-opt: the project's mlir-opt, for lit tests and debugging.
#include "dialect/SNN/SNNDialect.h"
#include "codegen/CPU/Passes.h"
#include "codegen/CUDA/Passes.h"
#include "codegen/Neuro/Passes.h"
#include "dialect/Neuro/NeuroDialect.h"
#include "frontend/ONNX/ONNXImporter.h"
#include "passes/Passes.h"
#include "tools/common/NestingDepth.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"

namespace {

int fail(const std::string &message) {
  llvm::errs() << "snn-opt: error: " << message << "\n";
  return EXIT_FAILURE;
}

} // namespace

// MlirOptMain(argc, argv, ...) parses the input itself; this is its body with the
// input read first, so that over-deep nesting is rejected before MLIR's recursive
// parser overflows the stack (for files and for standard input alike).
int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mlir::registerAllPasses();
  mlir::snn::registerSNNTransforms();
  mlir::snn::registerSNNCodegenCPU();
  mlir::snn::registerSNNCodegenCUDA();
  mlir::neuro::registerNeuroPipelines();
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<mlir::snn::SNNDialect, mlir::neuro::NeuroDialect>();
  mlir::snn::registerCUDATranslations(registry);
  snn::onnx::registerONNXDialectAndPasses(registry);

  auto [inputFilename, outputFilename] =
      mlir::registerAndParseCLIOptions(argc, argv, "snnc optimizer driver\n", registry);
  mlir::MlirOptMainConfig config = mlir::MlirOptMainConfig::createFromCLOptions();
  if (config.shouldShowDialects() || config.shouldListPasses())
    return mlir::asMainReturnCode(
        mlir::MlirOptMain(argc, argv, inputFilename, outputFilename, registry));

  std::string message;
  std::unique_ptr<llvm::MemoryBuffer> input = mlir::openInputFile(inputFilename, &message);
  if (!input)
    return fail(message);
  if (!snn::tools::checkNestingDepth(input->getBuffer(),
                                     inputFilename == "-" ? "<stdin>" : inputFilename,
                                     &message))
    return fail(message);
  std::unique_ptr<llvm::ToolOutputFile> output =
      mlir::openOutputFile(outputFilename, &message);
  if (!output)
    return fail(message);
  if (mlir::failed(mlir::MlirOptMain(output->os(), std::move(input), registry, config)))
    return EXIT_FAILURE;
  output->keep();
  return EXIT_SUCCESS;
}
