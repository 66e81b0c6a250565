// Per-epoch training metrics as CSV (snnc train --metrics), rewritten atomically after every epoch.
#include "runtime/MetricsLog.h"

#include "runtime/AtomicFile.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace snn::rt {

const char *MetricsLog::header() {
  return "epoch,loss,train_accuracy,test_accuracy,samples_per_second,learning_rate,"
         "wall_seconds";
}

namespace {

/// The epoch (first field) and wall time (last field) of a row; false when the row
/// is not one of ours.
bool parseRow(const std::string &line, int64_t &epoch, double &wall) {
  size_t fields = 1;
  for (char c : line)
    fields += c == ',';
  if (fields != 7)
    return false;
  char *end = nullptr;
  errno = 0;
  long long e = std::strtoll(line.c_str(), &end, 10);
  if (errno || end == line.c_str() || *end != ',' || e < 1)
    return false;
  const char *last = line.c_str() + line.rfind(',') + 1;
  wall = std::strtod(last, &end);
  if (end == last || *end != '\0')
    return false;
  epoch = e;
  return true;
}

} // namespace

bool MetricsLog::open(const std::string &file, int64_t resumedEpochs, std::string *error) {
  path = file;
  text = std::string(header()) + "\n";
  wallOffset = 0;
  std::ifstream in(path);
  if (resumedEpochs >= 0 && in) {
    std::string line;
    int64_t lineNo = 0, lastEpoch = 0;
    while (std::getline(in, line)) {
      ++lineNo;
      if (lineNo == 1) {
        if (line != header()) {
          *error = path + ": not a snnc metrics file (its first line is not '" +
                   header() + "')";
          return false;
        }
        continue;
      }
      if (line.empty())
        continue;
      int64_t epoch;
      double wall;
      if (!parseRow(line, epoch, wall) || epoch <= lastEpoch) {
        *error = path + ":" + std::to_string(lineNo) + ": not a metrics row of increasing " +
                 "epochs: '" + line.substr(0, 60) + "'";
        return false;
      }
      lastEpoch = epoch;
      if (epoch > resumedEpochs)
        break; // written after the checkpoint the run resumes from
      text += line + "\n";
      wallOffset = wall;
    }
  }
  return writeFileAtomically(path, text, error);
}

bool MetricsLog::append(EpochMetrics row, std::string *error) {
  char line[256];
  std::snprintf(line, sizeof(line), "%lld,%.6g,%.6f,%.6f,%.1f,%.6g,%.3f\n",
                static_cast<long long>(row.epoch), row.loss, row.trainAccuracy,
                row.testAccuracy, row.samplesPerSecond, row.learningRate,
                wallOffset + row.wallSeconds);
  text += line;
  return writeFileAtomically(path, text, error);
}

} // namespace snn::rt
