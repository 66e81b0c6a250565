// Atomic file output: a unique temporary beside the target, fsync, rename; old file kept on failure.
#ifndef SNN_RUNTIME_ATOMICFILE_H
#define SNN_RUNTIME_ATOMICFILE_H

#include <cstddef>
#include <string>

namespace snn::rt {

/// Every file snnc writes goes through this class. Bytes go to a temporary
/// file created with a unique name in the target's folder (so the final rename
/// stays on one file system and two writers never share a name); `commit`
/// flushes it to disk and renames it over the target. Until `commit` succeeds
/// the target is untouched: a failed write (disk full, file-size limit, I/O
/// error), an early return or a crash leaves the previous file as it was. The
/// destructor removes an uncommitted temporary.
class AtomicFile {
public:
  AtomicFile() = default;
  AtomicFile(const AtomicFile &) = delete;
  AtomicFile &operator=(const AtomicFile &) = delete;
  ~AtomicFile();

  /// Creates the temporary for `path`. False with a one-line `*error` naming
  /// `path` when its folder does not exist, is not writable or `path` is a
  /// folder.
  bool open(const std::string &path, std::string *error);
  /// Appends `n` bytes. After the first failure it ignores the rest and
  /// `commit` reports the failure.
  bool write(const void *data, std::size_t n);
  bool write(const std::string &s) { return write(s.data(), s.size()); }
  /// The temporary's descriptor, for writers that need one (e.g. an LLVM
  /// stream); call `noteError` when such a writer fails.
  int fd() const { return descriptor; }
  /// The temporary's name, for tools that write a file by name (the linker).
  const std::string &temporaryPath() const { return temporary; }
  void noteError(int err);
  /// fsync, close and rename over the target, then fsync the folder. False
  /// with a one-line `*error` ("PATH: cannot write: REASON"); the target is
  /// then unchanged and the temporary removed.
  bool commit(std::string *error);
  /// Drops the temporary without touching the target.
  void discard();

private:
  std::string target, temporary;
  int descriptor = -1;
  int firstError = 0;
};

/// Writes `bytes` to `path` atomically (see AtomicFile).
bool writeFileAtomically(const std::string &path, const std::string &bytes,
                         std::string *error);

/// Checks, before any work, that `path` can later be written: its folder
/// exists and is writable, and `path` itself is not a folder. A probe file is
/// created and removed, so read-only mounts and full quotas on inode creation
/// are found too. False with a one-line `*error` naming `option` (e.g.
/// "--out") and `path`.
bool checkOutputPath(const std::string &option, const std::string &path,
                     std::string *error);

/// The folder part of `path` ("." for a bare file name).
std::string parentDirectory(const std::string &path);

} // namespace snn::rt

#endif // SNN_RUNTIME_ATOMICFILE_H
