// snn-onnx-import: prints the import of an ONNX model (faithful `onnx` dialect or converted).
#include "frontend/ONNX/ONNXImporter.h"

#include "dialect/SNN/SNNDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::opt<std::string> model(cl::Positional, cl::desc("<model.onnx|.onnxtxt|.json>"),
                             cl::Required);
  cl::opt<bool> faithful("faithful",
                         cl::desc("stop after the faithful import into the onnx dialect"));
  cl::opt<bool> convertANN("convert-ann", cl::desc("import an ANN as an SNN"));
  cl::opt<int64_t> timeSteps("time-steps", cl::desc("time steps (0 = the model's)"),
                             cl::init(0));
  cl::ParseCommandLineOptions(argc, argv, "snnc ONNX importer\n");

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  registry.insert<mlir::snn::SNNDialect>();
  snn::onnx::registerONNXDialectAndPasses(registry);
  mlir::MLIRContext ctx(registry);
  snn::onnx::ImportOptions options;
  options.convertANN = convertANN;
  options.timeSteps = timeSteps;
  snn::onnx::ImportResult result = faithful
                                       ? snn::onnx::importModelFileFaithful(ctx, model)
                                       : snn::onnx::importModelFile(ctx, model, options);
  if (!result.module) {
    llvm::errs() << "snn-onnx-import: error: " << model << ": " << result.error << "\n";
    return result.unsupported ? 2 : 1;
  }
  result.module->print(llvm::outs());
  llvm::outs() << "\n";
  return 0;
}
