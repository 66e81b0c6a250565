// The conformance driver's discovery, process-isolated runner, report and Markdown table.
#include "tools/snn-onnx-conformance/Conformance.h"

#include <onnx/onnx_pb.h>

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace snn::conformance {

namespace {

/// The node op types of model.onnx (empty when it does not parse: the importer says why).
std::set<std::string> opsOf(const std::string &path) {
  std::set<std::string> ops;
  std::ifstream file(path, std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();
  ::onnx::ModelProto model;
  if (!model.ParseFromString(bytes.str()))
    return ops;
  for (const auto &node : model.graph().node())
    ops.insert(node.domain().empty() || node.domain() == "ai.onnx"
                   ? node.op_type()
                   : node.domain() + "::" + node.op_type());
  return ops;
}

const char *statusName(Status s) {
  return s == Status::Pass ? "P" : s == Status::Fail ? "F" : "S";
}

/// Runs `test` in a child that reports "<status> <reason>" through a pipe.
struct Child {
  pid_t pid;
  int fd;
  size_t index;
};

Child spawn(std::vector<TestCase> &tests, size_t index, const Options &options) {
  int fds[2];
  if (pipe(fds) != 0) {
    perror("snn-onnx-conformance: pipe");
    exit(2);
  }
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    perror("snn-onnx-conformance: fork");
    exit(2);
  }
  if (pid == 0) {
    close(fds[0]);
    if (!options.verbose) {
      int null = open("/dev/null", O_WRONLY);
      dup2(null, 2);
    }
    alarm(options.timeout);
    TestCase &test = tests[index];
    runTest(test, options);
    std::string line = std::string(statusName(test.status)) + " " + test.reason;
    if (line.size() > 600)
      line = line.substr(0, 600) + "...";
    ssize_t written = write(fds[1], line.data(), line.size());
    (void)written;
    _exit(0);
  }
  close(fds[1]);
  return {pid, fds[0], index};
}

/// Collects a finished child's verdict; a child that died without one failed.
void reap(Child child, int status, std::vector<TestCase> &tests) {
  std::string text;
  char buffer[1024];
  ssize_t n;
  while ((n = read(child.fd, buffer, sizeof buffer)) > 0)
    text.append(buffer, size_t(n));
  close(child.fd);
  TestCase &test = tests[child.index];
  if (text.size() >= 1 && (text[0] == 'P' || text[0] == 'F' || text[0] == 'S')) {
    test.status = text[0] == 'P' ? Status::Pass : text[0] == 'F' ? Status::Fail : Status::Skip;
    test.reason = text.size() > 2 ? text.substr(2) : "";
    return;
  }
  test.status = Status::Fail;
  if (WIFSIGNALED(status))
    test.reason = WTERMSIG(status) == SIGALRM
                      ? "timed out"
                      : std::string("crashed (") + strsignal(WTERMSIG(status)) + ")";
  else
    test.reason = "exited with status " + std::to_string(WEXITSTATUS(status)) +
                  " without a verdict";
}

} // namespace

std::vector<TestCase> discoverTests(const Options &options, std::string *error) {
  std::vector<TestCase> tests;
  for (const std::string &suite : options.suites) {
    std::string root = options.dataDir + "/" + suite;
    if (!llvm::sys::fs::is_directory(root)) {
      *error = root + ": no such test suite directory (is libonnx-testdata installed?)";
      return {};
    }
    std::vector<TestCase> found;
    std::error_code ec;
    for (llvm::sys::fs::directory_iterator it(root, ec), end; it != end && !ec;
         it.increment(ec)) {
      std::string dir = it->path();
      std::string name = llvm::sys::path::filename(dir).str();
      if (!llvm::sys::fs::exists(dir + "/model.onnx"))
        continue;
      bool selected = options.filters.empty();
      for (const std::string &f : options.filters)
        selected |= name.find(f) != std::string::npos;
      if (selected)
        found.push_back({suite, name, dir, opsOf(dir + "/model.onnx")});
    }
    std::sort(found.begin(), found.end(),
              [](const TestCase &a, const TestCase &b) { return a.name < b.name; });
    tests.insert(tests.end(), found.begin(), found.end());
  }
  return tests;
}

int runAll(std::vector<TestCase> &tests, const Options &options) {
  std::vector<Child> running;
  size_t next = 0;
  unsigned jobs = std::max(1u, options.jobs);
  while (next < tests.size() || !running.empty()) {
    while (next < tests.size() && running.size() < jobs)
      running.push_back(spawn(tests, next++, options));
    int status = 0;
    pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      perror("snn-onnx-conformance: waitpid");
      return 2;
    }
    auto it = std::find_if(running.begin(), running.end(),
                           [&](const Child &c) { return c.pid == pid; });
    if (it == running.end())
      continue;
    Child child = *it;
    running.erase(it);
    reap(child, status, tests);
    const TestCase &test = tests[child.index];
    if (test.status == Status::Fail)
      llvm::outs() << "FAIL " << test.suite << "/" << test.name << ": " << test.reason << "\n";
    llvm::outs().flush();
  }
  size_t passed = 0, failed = 0, skipped = 0;
  for (const TestCase &t : tests)
    (t.status == Status::Pass ? passed : t.status == Status::Fail ? failed : skipped)++;
  if (skipped) {
    llvm::outs() << "Skipped:\n";
    for (const TestCase &t : tests)
      if (t.status == Status::Skip)
        llvm::outs() << "  " << t.suite << "/" << t.name << ": " << t.reason << "\n";
  }
  llvm::outs() << passed << " passed, " << failed << " failed, " << skipped << " skipped\n";
  llvm::outs().flush();
  return failed ? 1 : 0;
}

bool writeMarkdown(const std::vector<TestCase> &tests, const Options &options,
                   std::string *error) {
  struct Count {
    unsigned pass = 0, fail = 0, skip = 0;
  };
  std::map<std::string, Count> perOp;
  for (const TestCase &t : tests) {
    if (t.suite != "node")
      continue;
    for (const std::string &op : t.ops) {
      Count &c = perOp[op];
      (t.status == Status::Pass ? c.pass : t.status == Status::Fail ? c.fail : c.skip)++;
    }
  }
  std::error_code ec;
  llvm::raw_fd_ostream os(options.markdown, ec);
  if (ec) {
    *error = options.markdown + ": cannot write: " + ec.message();
    return false;
  }
  os << "| op | node tests passed | failed | skipped |\n| --- | --- | --- | --- |\n";
  for (const auto &[op, c] : perOp)
    if (c.pass || c.fail)
      os << "| " << op << " | " << c.pass << " | " << c.fail << " | " << c.skip << " |\n";
  std::string unsupported;
  for (const auto &[op, c] : perOp)
    if (!c.pass && !c.fail)
      unsupported += (unsupported.empty() ? "" : ", ") + op;
  os << "\nOps whose node tests are all skipped: " << unsupported << ".\n";
  return true;
}

} // namespace snn::conformance
