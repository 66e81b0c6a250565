// Training checkpoints: a versioned binary file written atomically.
#ifndef SNN_RUNTIME_CHECKPOINT_H
#define SNN_RUNTIME_CHECKPOINT_H

#include "runtime/Array.h"
#include "runtime/Optimizer.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace snn::rt {

/// A named trainable tensor.
struct CheckpointParam {
  std::string name;
  Array value;
};

/// Everything `snnc train --resume` needs to continue a run.
struct Checkpoint {
  /// Free-form description of the model (the model spec text); the trainer
  /// compares it on resume.
  std::string model;
  /// The training settings as "name=value" lines (e.g. "lr=0.0005"); a resume
  /// compares them with its own (empty in version-1 files).
  std::string settings;
  int64_t epoch = 0;      ///< Epochs completed.
  int64_t globalStep = 0; ///< Optimiser steps taken over the whole run.
  std::array<uint64_t, 4> rngState{};
  OptimizerConfig optimizerConfig;
  /// Moments: empty, or one vector per parameter with its element count.
  OptimizerState optimizerState;
  std::vector<CheckpointParam> params;
};

/// The format version saveCheckpoint writes and loadCheckpoint reads.
constexpr uint32_t kCheckpointVersion = 2;

/// Writes `ckpt` to `path` in the format below through AtomicFile (a unique
/// temporary beside `path`, flushed to disk, then renamed over it), so `path`
/// always holds either the previous complete checkpoint or the new one. Fails
/// (removing the temporary file, leaving `path` untouched) if a parameter's shape does not
/// match its data, the optimiser moments do not match the parameters, or the
/// file cannot be written; `*error` is then one line naming the file.
///
/// Format (all integers and floats little-endian, strings as a u64 byte
/// count followed by the bytes):
///   "SNNCKPT1", u32 version, string model, string settings (version 2 on;
///   absent in version 1, which is still read), i64 epoch, i64 globalStep,
///   4 x u64 rngState,
///   u32 kind (0 AdamW, 1 SGD), 7 x f64 (lr, beta1, beta2, eps, weightDecay,
///   clip, weightClamp), i64 optimiser step,
///   u64 moment count K (0 or the parameter count), K x (u64 n, n x f32) m,
///   K x (u64 n, n x f32) v,
///   u64 parameter count P, P x (string name, u32 rank, rank x i64 dims,
///   f32 data in C order),
///   u32 CRC-32 (zlib) of every byte before it.
bool saveCheckpoint(const std::string &path, const Checkpoint &ckpt,
                    std::string *error);

/// Reads a checkpoint written by saveCheckpoint. Checks the magic, the
/// version, every count and size against the bytes that remain (so a
/// truncated or corrupted file is reported, never over-read), the CRC and
/// that nothing follows it. On failure returns false, sets `*error` to one
/// line naming the file and the reason, and leaves `out` unspecified.
bool loadCheckpoint(const std::string &path, Checkpoint &out,
                    std::string *error);

} // namespace snn::rt

#endif // SNN_RUNTIME_CHECKPOINT_H
