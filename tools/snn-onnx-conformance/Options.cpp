// Command line of snn-onnx-conformance.
#include "tools/snn-onnx-conformance/Options.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <climits>

namespace snn::conformance {

namespace {
const char *kUsage =
    "usage: snn-onnx-conformance [options]\n"
    "Imports, compiles (JIT, generic C entry) and runs the ONNX backend tests of\n"
    "libonnx-testdata; prints one line per failure, 'N passed, M failed, K skipped'\n"
    "and the skipped tests with their reasons. Exit status 1 when a test failed.\n"
    "  --data DIR       test data root (default /usr/share/libonnx-testdata/data)\n"
    "  --suite NAME     a suite under DIR; repeatable (default: node, pytorch-converted,\n"
    "                   pytorch-operator)\n"
    "  --filter TEXT    only tests whose name contains TEXT; repeatable\n"
    "  --rtol X --atol Y  tolerances (default 1e-3 and 1e-7, as ONNX's backend tests)\n"
    "  -j N             tests run in parallel child processes (default 1)\n"
    "  --timeout S      seconds per test before it counts as failed (default 300)\n"
    "  --markdown FILE  write the per-op results of the node suite as a Markdown table\n"
    "  -v               show the children's stderr (importer warnings, crash traces)\n";

bool number(llvm::StringRef text, double &out) { return !text.getAsDouble(out); }
} // namespace

int parseOptions(int argc, char **argv, Options &options, std::string *error) {
  bool suitesGiven = false;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    auto value = [&](llvm::StringRef &out) {
      if (i + 1 >= argc) {
        *error = "option " + arg.str() + " needs a value";
        return false;
      }
      out = argv[++i];
      return true;
    };
    llvm::StringRef v;
    if (arg == "--help" || arg == "-h") {
      llvm::outs() << kUsage;
      return 0;
    } else if (arg == "-v") {
      options.verbose = true;
    } else if (arg == "--data") {
      if (!value(v))
        return 2;
      options.dataDir = v.str();
    } else if (arg == "--suite") {
      if (!value(v))
        return 2;
      if (!suitesGiven)
        options.suites.clear();
      suitesGiven = true;
      options.suites.push_back(v.str());
    } else if (arg == "--filter") {
      if (!value(v))
        return 2;
      options.filters.push_back(v.str());
    } else if (arg == "--markdown") {
      if (!value(v))
        return 2;
      options.markdown = v.str();
    } else if (arg == "--rtol" || arg == "--atol") {
      double x;
      if (!value(v))
        return 2;
      if (!number(v, x) || x < 0) {
        *error = arg.str() + " needs a non-negative number, got '" + v.str() + "'";
        return 2;
      }
      (arg == "--rtol" ? options.rtol : options.atol) = x;
    } else if (arg == "-j" || arg == "--timeout") {
      unsigned n;
      if (!value(v))
        return 2;
      if (v.getAsInteger(10, n) || n == 0) {
        // getAsInteger also fails on overflow: name that instead of "not a number".
        bool digits = !v.empty() && llvm::all_of(v, llvm::isDigit);
        *error = arg.str() + (digits && v.find_first_not_of('0') != llvm::StringRef::npos
                                  ? " '" + v.take_front(32).str() + "' is too large (at most " +
                                        std::to_string(UINT_MAX) + ")"
                                  : " needs a positive integer, got '" +
                                        v.take_front(64).str() + "'");
        return 2;
      }
      (arg == "-j" ? options.jobs : options.timeout) = n;
    } else {
      *error = "unknown argument '" + arg.str() + "' (see --help)";
      return 2;
    }
  }
  return -1;
}

} // namespace snn::conformance
