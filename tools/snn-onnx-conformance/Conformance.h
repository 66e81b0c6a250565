// The ONNX backend-test conformance driver: discover, import, compile, run, compare.
#ifndef SNN_TOOLS_SNN_ONNX_CONFORMANCE_CONFORMANCE_H
#define SNN_TOOLS_SNN_ONNX_CONFORMANCE_CONFORMANCE_H

#include <set>
#include <string>
#include <vector>

namespace snn::conformance {

struct Options {
  /// Holds the suites (`node`, `pytorch-converted`, `pytorch-operator`).
  std::string dataDir = "/usr/share/libonnx-testdata/data";
  std::vector<std::string> suites = {"node", "pytorch-converted", "pytorch-operator"};
  /// Only tests whose name contains one of these (empty: all).
  std::vector<std::string> filters;
  /// ONNX's backend-test defaults (onnx/backend/test/runner).
  double rtol = 1e-3, atol = 1e-7;
  /// Tests run in child processes, `jobs` at a time, each killed after `timeout` s.
  unsigned jobs = 1, timeout = 300;
  /// Pass the children's stderr through (importer warnings, crash traces).
  bool verbose = false;
  /// Where to write the per-op Markdown table (empty: nowhere).
  std::string markdown;
};

enum class Status { Pass, Fail, Skip };

struct TestCase {
  std::string suite, name, dir;
  /// Op types of the graph's nodes (`domain::op` outside the default domain).
  std::set<std::string> ops;
  Status status = Status::Skip;
  std::string reason;
};

/// The test directories (holding model.onnx) of the selected suites, sorted by name.
std::vector<TestCase> discoverTests(const Options &options, std::string *error);

/// Runs one test in this process: import (skipped when the importer reports an
/// unsupported model, or when an input/output is not float32), compile through the
/// generic C entry point, run every test_data_set_* and compare.
void runTest(TestCase &test, const Options &options);

/// Runs every test in a child process (crashes and hangs become failures), prints one
/// line per failure, `N passed, M failed, K skipped` and the skipped tests with their
/// reasons. Returns the process exit code: 0 when nothing failed.
int runAll(std::vector<TestCase> &tests, const Options &options);

/// The per-op results of the `node` suite as a Markdown table.
bool writeMarkdown(const std::vector<TestCase> &tests, const Options &options,
                   std::string *error);

} // namespace snn::conformance

#endif // SNN_TOOLS_SNN_ONNX_CONFORMANCE_CONFORMANCE_H
