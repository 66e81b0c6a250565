// The --checkpoint-dir of a training run: created and locked up front, resume settings compared.
#include "tools/snnc/CheckpointFolder.h"

#include "runtime/AtomicFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace snn::driver {

namespace {

/// The lock is held by an open descriptor for the life of the process; the
/// kernel releases it however the process ends (SIGKILL included), so a
/// crashed run never leaves a stale lock behind.
bool lockFolder(const std::string &dir, std::string *error) {
  std::string lockPath = dir + "/.snnc-train.lock";
  int fd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = "--checkpoint-dir " + dir + ": cannot create the lock file " + lockPath + ": " +
             std::strerror(errno);
    return false;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char owner[32] = {0};
    ssize_t n = ::pread(fd, owner, sizeof(owner) - 1, 0);
    std::string pid = n > 0 ? std::string(owner, size_t(n)) : "";
    pid = pid.substr(0, pid.find('\n'));
    if (pid.find_first_not_of("0123456789") != std::string::npos)
      pid.clear();
    *error = "--checkpoint-dir " + dir + " is in use by another 'snnc train'" +
             (pid.empty() ? std::string() : " (process " + pid + ")") +
             "; give each run its own folder";
    ::close(fd);
    return false;
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0)
    (void)!::pwrite(fd, pid.data(), pid.size(), 0);
  // Deliberately leaked: closing the descriptor would release the lock.
  return true;
}

/// A run killed while saving leaves its temporary behind; with the lock held
/// no other run can be writing one, so the leftovers are removed.
void removeStaleTemporaries(const std::string &dir) {
  const std::string prefix = ".checkpoint.snnckpt.tmp-";
  if (DIR *d = ::opendir(dir.c_str())) {
    while (dirent *entry = ::readdir(d))
      if (std::strncmp(entry->d_name, prefix.c_str(), prefix.size()) == 0)
        ::unlink((dir + "/" + entry->d_name).c_str());
    ::closedir(d);
  }
}

} // namespace

std::string formatSettings(const TrainSettings &settings) {
  std::string text;
  for (const auto &[name, value] : settings)
    text += name + "=" + value + "\n";
  return text;
}

TrainSettings parseSettings(const std::string &text) {
  TrainSettings settings;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos)
      end = text.size();
    std::string line = text.substr(start, end - start);
    if (size_t eq = line.find('='); eq != std::string::npos)
      settings[line.substr(0, eq)] = line.substr(eq + 1);
    start = end + 1;
  }
  return settings;
}

bool CheckpointFolder::open(const std::string &dir, bool resume, bool force,
                            std::string *error) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) {
    if (resume) {
      *error = "--resume: the checkpoint folder " + dir + " does not exist";
      return false;
    }
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
      int err = errno;
      *error = "--checkpoint-dir " + dir + ": cannot create the folder: " +
               (err == ENOENT ? "folder '" + rt::parentDirectory(dir) + "' does not exist"
                              : std::string(std::strerror(err)));
      return false;
    }
  } else if (!S_ISDIR(st.st_mode)) {
    *error = "--checkpoint-dir " + dir + " exists and is not a folder";
    return false;
  }
  if (!lockFolder(dir, error))
    return false;
  removeStaleTemporaries(dir);
  path = dir + "/checkpoint.snnckpt";
  if (!rt::checkOutputPath("--checkpoint-dir", path, error))
    return false;
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (resume) {
    if (!exists) {
      *error = "--resume: there is no checkpoint in " + dir + " (expected " + path + ")";
      return false;
    }
    if (!rt::loadCheckpoint(path, existing, error))
      return false;
    hasExisting = true;
    return true;
  }
  if (!exists)
    return true;
  rt::Checkpoint old;
  std::string what = rt::loadCheckpoint(path, old, error)
                         ? "(" + std::to_string(old.epoch) + " epochs of " + old.model + ")"
                         : "(unreadable)";
  if (!force) {
    *error = path + " exists " + what +
             ": add --resume to continue it, or --force to start over and replace it";
    return false;
  }
  std::fprintf(stderr,
               "snnc train: warning: --force: the checkpoint %s %s will be replaced at the "
               "end of the first epoch\n",
               path.c_str(), what.c_str());
  return true;
}

bool checkResumeSettings(const rt::Checkpoint &checkpoint, const std::string &path,
                         const TrainSettings &now, bool force, std::string *error) {
  if (checkpoint.settings.empty()) {
    std::fprintf(stderr,
                 "snnc train: warning: %s records no training settings (written by an older "
                 "snnc); they cannot be compared\n",
                 path.c_str());
    return true;
  }
  TrainSettings then = parseSettings(checkpoint.settings);
  std::string changes;
  auto note = [&](const std::string &name, const std::string &before,
                  const std::string &after) {
    changes += (changes.empty() ? "" : ", ") + std::string("--") + name + " " + before +
               " -> " + after;
  };
  for (const auto &[name, value] : now) {
    auto it = then.find(name);
    std::string before = it == then.end() ? "(unset)" : it->second;
    if (before != value)
      note(name, before, value);
  }
  for (const auto &[name, value] : then)
    if (!now.count(name))
      note(name, value, "(unset)");
  if (changes.empty())
    return true;
  if (!force) {
    *error = "--resume: the settings differ from those of " + path + ": " + changes +
             " (add --force to resume with the new settings anyway)";
    return false;
  }
  std::fprintf(stderr, "snnc train: warning: --force: resuming with changed settings: %s\n",
               changes.c_str());
  return true;
}

} // namespace snn::driver
