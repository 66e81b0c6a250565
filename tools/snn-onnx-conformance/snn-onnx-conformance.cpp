// snn-onnx-conformance: runs the ONNX backend tests of libonnx-testdata through snnc.
#include "tools/snn-onnx-conformance/Conformance.h"
#include "tools/snn-onnx-conformance/Options.h"

#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  // With -v, a crashing test shows its stack trace.
  llvm::sys::PrintStackTraceOnErrorSignal(argv[0]);
  snn::conformance::Options options;
  std::string error;
  int status = snn::conformance::parseOptions(argc, argv, options, &error);
  if (status >= 0) {
    if (status > 0)
      llvm::errs() << "snn-onnx-conformance: " << error << "\n";
    return status;
  }
  auto tests = snn::conformance::discoverTests(options, &error);
  if (!error.empty()) {
    llvm::errs() << "snn-onnx-conformance: " << error << "\n";
    return 2;
  }
  int rc = snn::conformance::runAll(tests, options);
  if (!options.markdown.empty() && !snn::conformance::writeMarkdown(tests, options, &error)) {
    llvm::errs() << "snn-onnx-conformance: " << error << "\n";
    return 2;
  }
  return rc;
}
