// The --checkpoint-dir of a training run: created and locked up front, resume settings compared.
#ifndef SNN_TOOLS_SNNC_CHECKPOINTFOLDER_H
#define SNN_TOOLS_SNNC_CHECKPOINTFOLDER_H

#include "runtime/Checkpoint.h"

#include <map>
#include <string>

namespace snn::driver {

/// The training settings a checkpoint records, by option name ("lr" → "0.0005").
using TrainSettings = std::map<std::string, std::string>;
std::string formatSettings(const TrainSettings &settings);
TrainSettings parseSettings(const std::string &text);

/// What `snnc train` checks about its checkpoint folder before any work, so a
/// run never fails after hours of training for a reason visible at the start.
struct CheckpointFolder {
  /// Creates `dir` if missing (its parent must exist), takes an exclusive lock
  /// (a second run on the same folder is refused while this process lives),
  /// checks that a checkpoint can be written there, and applies the policy for
  /// an existing checkpoint: without `resume` it is refused unless `force`
  /// (then replaced at the end of the first epoch); with `resume` it must
  /// exist and is loaded into `existing`. False with a one-line `*error`.
  bool open(const std::string &dir, bool resume, bool force, std::string *error);
  /// The loaded checkpoint (resume only).
  rt::Checkpoint existing;
  bool hasExisting = false;
  std::string path;
};

/// Compares the settings of a resumed run with the checkpoint's. Differences
/// are refused (one line listing them) unless `force`, which prints them as a
/// warning and goes on. Version-1 checkpoints recorded no settings: a warning.
bool checkResumeSettings(const rt::Checkpoint &checkpoint, const std::string &path,
                         const TrainSettings &now, bool force, std::string *error);

} // namespace snn::driver

#endif // SNN_TOOLS_SNNC_CHECKPOINTFOLDER_H
