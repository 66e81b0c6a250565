// Atomic file output: a unique temporary beside the target, fsync, rename; old file kept on failure.
#include "runtime/AtomicFile.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace snn::rt {

namespace {

std::string baseName(const std::string &path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// Reasons in the words a user expects (EFBIG is what a file-size limit gives).
std::string reason(int err) {
  if (err == EFBIG)
    return "file too large (file-size limit reached)";
  if (err == ENOSPC)
    return "no space left on device";
  return std::strerror(err);
}

/// Creates a unique empty file beside `path`; returns its descriptor or -1.
int createTemporary(const std::string &path, std::string &name) {
  std::string dir = parentDirectory(path);
  std::string pattern = (dir == "." && path.find('/') == std::string::npos ? std::string()
                                                                            : dir + "/") +
                        "." + baseName(path) + ".tmp-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  int fd = ::mkstemp(buffer.data());
  if (fd >= 0)
    name.assign(buffer.data());
  return fd;
}

/// mkstemp creates 0600; a finished output gets the mode a plain create would.
void setDefaultMode(int fd) {
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
}

bool pathIsDirectory(const std::string &path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

} // namespace

std::string parentDirectory(const std::string &path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos)
    return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

AtomicFile::~AtomicFile() { discard(); }

bool AtomicFile::open(const std::string &path, std::string *error) {
  discard();
  firstError = 0;
  target = path;
  if (path.empty() || path.back() == '/' || pathIsDirectory(path)) {
    if (error)
      *error = path + ": cannot write: is a directory";
    return false;
  }
  descriptor = createTemporary(path, temporary);
  if (descriptor < 0) {
    int err = errno;
    if (error) {
      std::string dir = parentDirectory(path);
      *error = path + ": cannot write: " +
               (err == ENOENT ? "folder '" + dir + "' does not exist"
                              : err == ENOTDIR ? "'" + dir + "' is not a folder"
                                               : "cannot create a file in '" + dir +
                                                     "': " + reason(err));
    }
    temporary.clear();
    return false;
  }
  setDefaultMode(descriptor);
  return true;
}

void AtomicFile::noteError(int err) {
  if (!firstError)
    firstError = err ? err : EIO;
}

bool AtomicFile::write(const void *data, std::size_t n) {
  if (descriptor < 0 || firstError)
    return false;
  const char *p = static_cast<const char *>(data);
  while (n > 0) {
    ssize_t written = ::write(descriptor, p, n);
    if (written < 0) {
      if (errno == EINTR)
        continue;
      noteError(errno);
      return false;
    }
    p += written;
    n -= std::size_t(written);
  }
  return true;
}

bool AtomicFile::commit(std::string *error) {
  if (descriptor < 0) {
    if (error)
      *error = target + ": cannot write: the output was not opened";
    return false;
  }
  if (!firstError && ::fsync(descriptor) != 0)
    noteError(errno);
  if (::close(descriptor) != 0)
    noteError(errno);
  descriptor = -1;
  if (!firstError && ::rename(temporary.c_str(), target.c_str()) != 0)
    noteError(errno);
  if (firstError) {
    if (error)
      *error = target + ": cannot write: " + reason(firstError) +
               " (the previous file, if any, is unchanged)";
    ::unlink(temporary.c_str());
    temporary.clear();
    return false;
  }
  temporary.clear();
  // Makes the rename itself durable; failing here loses nothing already written.
  int dir = ::open(parentDirectory(target).c_str(), O_RDONLY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return true;
}

void AtomicFile::discard() {
  if (descriptor >= 0)
    ::close(descriptor);
  descriptor = -1;
  if (!temporary.empty())
    ::unlink(temporary.c_str());
  temporary.clear();
}

bool writeFileAtomically(const std::string &path, const std::string &bytes,
                         std::string *error) {
  AtomicFile file;
  if (!file.open(path, error))
    return false;
  file.write(bytes);
  return file.commit(error);
}

bool checkOutputPath(const std::string &option, const std::string &path, std::string *error) {
  AtomicFile probe;
  std::string why;
  if (!probe.open(path, &why)) {
    if (error)
      *error = option + " " + why;
    return false;
  }
  probe.discard();
  return true;
}

} // namespace snn::rt
