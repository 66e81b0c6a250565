// Helpers shared by the runtime unit tests: scratch directories and raw files.
#ifndef SNN_TEST_RUNTIME_TESTUTIL_H
#define SNN_TEST_RUNTIME_TESTUTIL_H

#include "gtest/gtest.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <system_error>
#include <vector>

namespace snn::rt::test {

/// A fresh directory per test, removed afterwards. Unique names matter
/// because lit runs the test cases of one binary in parallel.
class ScratchDir {
public:
  ScratchDir() {
    std::string pattern = ::testing::TempDir() + "snn-rt-XXXXXX";
    if (char *made = mkdtemp(&pattern[0]))
      dir = made;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!dir.empty())
      std::filesystem::remove_all(dir, ec);
  }
  ScratchDir(const ScratchDir &) = delete;
  ScratchDir &operator=(const ScratchDir &) = delete;

  bool ok() const { return !dir.empty(); }
  std::string path(const std::string &name) const { return dir + "/" + name; }
  const std::string &root() const { return dir; }

private:
  std::string dir;
};

/// Writes `bytes` to `path`, replacing it; returns false on any I/O error.
inline bool writeFile(const std::string &path, const std::string &bytes) {
  std::FILE *f = std::fopen(path.c_str(), "wb");
  if (!f)
    return false;
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

/// Reads all of `path`; empty if it cannot be read.
inline std::string readFile(const std::string &path) {
  std::string bytes;
  std::FILE *f = std::fopen(path.c_str(), "rb");
  if (!f)
    return bytes;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0)
    bytes.append(buf, n);
  std::fclose(f);
  return bytes;
}

/// The names in folder `dir`, sorted.
inline std::vector<std::string> filesIn(const std::string &dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto &entry : std::filesystem::directory_iterator(dir, ec))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

/// Simulates a full disk for the scope: writes past `bytes` fail with EFBIG
/// (SIGXFSZ is ignored meanwhile, as snnc ignores it).
class FileSizeLimit {
public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &saved);
    previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit = saved;
    limit.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);
  }
  FileSizeLimit(const FileSizeLimit &) = delete;
  FileSizeLimit &operator=(const FileSizeLimit &) = delete;

private:
  rlimit saved;
  void (*previousHandler)(int);
};

} // namespace snn::rt::test

#endif // SNN_TEST_RUNTIME_TESTUTIL_H
