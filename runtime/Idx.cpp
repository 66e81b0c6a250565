// IDX reader over zlib's gz* API, which reads gzip and plain files alike.
#include "runtime/Idx.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace snn::rt {
namespace {

// No real IDX file comes near this; a larger product means a corrupt header
// (and bounding it keeps the product of three 32-bit dimensions from wrapping).
constexpr uint64_t kMaxIdxBytes = uint64_t(1) << 34;
constexpr unsigned kChunk = 1u << 20;

struct GzCloser {
  void operator()(gzFile_s *f) const { gzclose(f); }
};
using GzPtr = std::unique_ptr<gzFile_s, GzCloser>;

bool fail(std::string *error, const std::string &why) {
  if (error)
    *error = why;
  return false;
}

std::string hex32(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "0x%08x", v);
  return buf;
}

// Reads up to `len` bytes; returns the count, or -1 on a zlib error.
int64_t readSome(gzFile f, unsigned char *dst, uint64_t len) {
  uint64_t done = 0;
  while (done < len) {
    uint64_t want = len - done < kChunk ? len - done : kChunk;
    int n = gzread(f, dst + done, static_cast<unsigned>(want));
    if (n < 0)
      return -1;
    if (n == 0)
      break;
    done += static_cast<uint64_t>(n);
  }
  return static_cast<int64_t>(done);
}

std::string zlibError(gzFile f) {
  int code;
  const char *msg = gzerror(f, &code);
  if (code == Z_ERRNO)
    return std::strerror(errno);
  return msg ? msg : "unknown zlib error";
}

} // namespace

bool readIdx(const std::string &path, IdxData &out, std::string *error) {
  std::string opened = path;
  GzPtr file(gzopen(path.c_str(), "rb"));
  if (!file && errno == ENOENT) {
    opened = path + ".gz";
    file.reset(gzopen(opened.c_str(), "rb"));
    if (!file)
      return fail(error, "cannot open IDX file: tried " + path + " and " +
                             opened + " (" + std::strerror(errno) + ")");
  }
  if (!file)
    return fail(error, path + ": cannot open: " + std::strerror(errno));
  gzbuffer(file.get(), 256 * 1024);

  unsigned char magicBytes[4];
  int64_t got = readSome(file.get(), magicBytes, 4);
  if (got < 0)
    return fail(error, opened + ": read error: " + zlibError(file.get()));
  if (got < 4)
    return fail(error, opened +
                           ": truncated: expected a 4-byte magic number, "
                           "got " +
                           std::to_string(got) + " bytes");
  const uint32_t magic = uint32_t(magicBytes[0]) << 24 |
                         uint32_t(magicBytes[1]) << 16 |
                         uint32_t(magicBytes[2]) << 8 | magicBytes[3];
  if (magic != kIdxLabelsMagic && magic != kIdxImagesMagic)
    return fail(error, opened + ": bad magic " + hex32(magic) + " (expected " +
                           hex32(kIdxLabelsMagic) + " for labels or " +
                           hex32(kIdxImagesMagic) + " for images)");
  const bool images = magic == kIdxImagesMagic;
  const char *what = images ? "pixels" : "labels";

  const unsigned rank = magic & 0xFF;
  unsigned char dimBytes[4 * 3];
  got = readSome(file.get(), dimBytes, 4 * rank);
  if (got < 0)
    return fail(error, opened + ": read error: " + zlibError(file.get()));
  if (got < static_cast<int64_t>(4 * rank))
    return fail(error, opened + ": truncated: expected " +
                           std::to_string(4 * rank) +
                           " bytes of dimensions, got " + std::to_string(got));
  out.dims.assign(rank, 0);
  uint64_t total = 1;
  for (unsigned i = 0; i < rank; ++i) {
    const unsigned char *p = dimBytes + 4 * i;
    out.dims[i] = uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 |
                  uint32_t(p[2]) << 8 | p[3];
    total *= out.dims[i];
    if (total > kMaxIdxBytes)
      return fail(error, opened + ": implausible dimensions (more than " +
                             std::to_string(kMaxIdxBytes) + " " + what + ")");
  }

  // Grown chunk by chunk, so that a header announcing far more data than the
  // file holds costs no more memory than the file's actual contents.
  out.bytes.clear();
  out.bytes.reserve(std::min<uint64_t>(total, kChunk));
  while (out.bytes.size() < total) {
    const size_t old = out.bytes.size();
    out.bytes.resize(old + std::min<uint64_t>(total - old, kChunk));
    got = readSome(file.get(), out.bytes.data() + old, out.bytes.size() - old);
    if (got < 0)
      return fail(error, opened + ": read error: " + zlibError(file.get()));
    out.bytes.resize(old + static_cast<size_t>(got));
    if (got == 0)
      break;
  }
  if (out.bytes.size() < total)
    return fail(error, opened + ": truncated: expected " +
                           std::to_string(total) + " bytes of " + what +
                           ", got " + std::to_string(out.bytes.size()));
  unsigned char extra;
  got = readSome(file.get(), &extra, 1);
  if (got < 0)
    return fail(error, opened + ": read error: " + zlibError(file.get()));
  if (got > 0)
    return fail(error, opened + ": trailing data after the expected " +
                           std::to_string(total) + " bytes of " + what);
  out.magic = magic;
  out.path = opened;
  return true;
}

} // namespace snn::rt
