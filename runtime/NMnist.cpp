// N-MNIST loading: directory walk, text-file parsing and event binning.
#include "runtime/NMnist.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace snn::rt {
namespace {

namespace fs = std::filesystem;

constexpr const char *kLayout =
    "expected DIR/train/<label>/*.txt and DIR/test/<label>/*.txt with <label> "
    "a directory named 0..9";

bool fail(std::string *error, const std::string &why) {
  if (error)
    *error = why;
  return false;
}

struct SampleFile {
  int32_t label;
  std::string path;
};

bool isHidden(const std::string &name) {
  return !name.empty() && name[0] == '.';
}

bool isSampleName(const std::string &name) {
  const std::string suffix = ".txt";
  return !isHidden(name) && name.size() > suffix.size() &&
         name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The names of the entries of `dir` that satisfy `keep`, sorted byte-wise so
// that the result does not depend on the file system's listing order.
template <typename Keep>
bool listDir(const std::string &dir, std::vector<std::string> &names,
             std::string *error, Keep keep) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  for (fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (keep(*it, name))
      names.push_back(std::move(name));
  }
  if (ec)
    return fail(error, dir + ": cannot list directory: " + ec.message());
  std::sort(names.begin(), names.end());
  return true;
}

bool listSamples(const std::string &splitDir, std::vector<SampleFile> &files,
                 std::string *error) {
  std::error_code ec;
  if (!fs::is_directory(splitDir, ec))
    return fail(error,
                splitDir +
                    (fs::exists(splitDir, ec) ? ": not a directory ("
                                              : ": no such directory (") +
                    kLayout + ")");
  std::vector<std::string> labelDirs;
  std::string badName;
  if (!listDir(splitDir, labelDirs, error,
               [&](const fs::directory_entry &entry, const std::string &name) {
                 std::error_code ignored;
                 if (isHidden(name) || !entry.is_directory(ignored))
                   return false;
                 if (name.size() != 1 || name[0] < '0' || name[0] > '9') {
                   // The smallest bad name, so the message is reproducible.
                   if (badName.empty() || name < badName)
                     badName = name;
                   return false;
                 }
                 return true;
               }))
    return false;
  if (!badName.empty())
    return fail(error, splitDir + "/" + badName + ": not a label directory (" +
                           kLayout + ")");

  for (const std::string &labelName : labelDirs) {
    const std::string labelDir = splitDir + "/" + labelName;
    std::vector<std::string> names;
    if (!listDir(labelDir, names, error,
                 [](const fs::directory_entry &entry, const std::string &name) {
                   std::error_code ignored;
                   return isSampleName(name) && entry.is_regular_file(ignored);
                 }))
      return false;
    for (const std::string &name : names)
      files.push_back({labelName[0] - '0', labelDir + "/" + name});
  }
  if (files.empty())
    return fail(error, splitDir + ": contains no samples (" + kLayout + ")");
  return true;
}

bool readText(const std::string &path, std::string &text, std::string *error) {
  std::FILE *f = std::fopen(path.c_str(), "rb");
  if (!f)
    return fail(error, path + ": cannot open: " + std::strerror(errno));
  text.clear();
  char buf[1 << 14];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0)
    text.append(buf, n);
  const bool readError = std::ferror(f);
  std::fclose(f);
  if (readError)
    return fail(error, path + ": read error");
  return true;
}

enum class IntStatus { Ok, Malformed, TooLarge };

// Accepts an optional '-' and decimal digits; nothing else is a number in
// these files, so "1.5", "+3" or "3e2" point to a corrupt or foreign file.
IntStatus parseInteger(std::string_view tok, int64_t &value) {
  const bool negative = !tok.empty() && tok[0] == '-';
  if (negative)
    tok.remove_prefix(1);
  if (tok.empty())
    return IntStatus::Malformed;
  int64_t v = 0;
  for (char c : tok) {
    if (c < '0' || c > '9')
      return IntStatus::Malformed;
    const int digit = c - '0';
    if (v > (std::numeric_limits<int64_t>::max() - digit) / 10)
      return IntStatus::TooLarge;
    v = v * 10 + digit;
  }
  value = negative ? -v : v;
  return IntStatus::Ok;
}

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Sets the events of one sample file in `x`, a zeroed [2, 34, 34, T] block.
bool fillSample(const std::string &path, const std::string &text,
                int64_t timeSteps, SampleStore &store, int64_t sample,
                std::string *error) {
  int64_t lineNo = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos)
      eol = text.size();
    ++lineNo;
    const std::string_view line(text.data() + pos, eol - pos);
    pos = eol + 1;

    auto where = [&] { return path + ":" + std::to_string(lineNo) + ": "; };
    int64_t trace = -1; // first element of the channel's time series
    bool stopped = false;
    size_t i = 0;
    while (true) {
      while (i < line.size() && isBlank(line[i]))
        ++i;
      if (i == line.size())
        break;
      const size_t begin = i;
      while (i < line.size() && !isBlank(line[i]))
        ++i;
      const std::string_view tok = line.substr(begin, i - begin);
      int64_t v = 0;
      switch (parseInteger(tok, v)) {
      case IntStatus::Ok:
        break;
      case IntStatus::Malformed:
        return fail(error,
                    where() + "malformed integer '" + std::string(tok) + "'");
      case IntStatus::TooLarge:
        return fail(error, where() + "integer '" + std::string(tok) +
                               "' is too large");
      }

      if (trace < 0) {
        if (v < 1 || v > kNMnistChannels)
          return fail(error, where() + "channel id " + std::to_string(v) +
                                 " out of range [1, " +
                                 std::to_string(kNMnistChannels) + "]");
        int64_t p = v - 1;
        const int64_t plane = kNMnistSide * kNMnistSide;
        const int64_t polarity = p >= plane ? 1 : 0;
        p -= polarity * plane;
        const int64_t row = p / kNMnistSide, col = p % kNMnistSide;
        trace = ((polarity * kNMnistSide + row) * kNMnistSide + col) * timeSteps;
        continue;
      }
      if (v < 0)
        return fail(error, where() + "negative time bin " + std::to_string(v));
      // The reference breaks out of the line at the first late bin, so a
      // smaller bin after it (out of time order) is dropped as well.
      stopped = stopped || v >= timeSteps;
      if (!stopped)
        store.set(sample, trace + (v == 0 ? timeSteps - 1 : v - 1), 1);
    }
  }
  return true;
}

} // namespace

bool loadNMnistSplit(const std::string &dir, bool train, int64_t timeSteps,
                     Dataset &out, std::string *error) {
  if (timeSteps < 1)
    return fail(error, "N-MNIST: time steps must be positive, got " +
                           std::to_string(timeSteps));
  const std::string splitDir =
      (dir.empty() ? std::string() : dir + "/") + (train ? "train" : "test");
  std::vector<SampleFile> files;
  if (!listSamples(splitDir, files, error))
    return false;

  const int64_t n = static_cast<int64_t>(files.size());
  out.numClasses = 10;
  // Events are binary: one bit per (polarity, row, column, step).
  out.images = SampleStore::bits({n, kNMnistPolarities, kNMnistSide, kNMnistSide, timeSteps});
  out.labels.resize(files.size());
  std::string text;
  for (int64_t i = 0; i < n; ++i) {
    const SampleFile &file = files[i];
    if (!readText(file.path, text, error) ||
        !fillSample(file.path, text, timeSteps, out.images, i, error))
      return false;
    out.labels[i] = file.label;
  }
  return true;
}

} // namespace snn::rt
