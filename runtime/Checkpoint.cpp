// Checkpoint serialisation: little-endian encoding, atomic save, checked load.
#include "runtime/Checkpoint.h"

#include "runtime/AtomicFile.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <unistd.h>
#include <utility>

namespace snn::rt {
namespace {

constexpr char kMagic[8] = {'S', 'N', 'N', 'C', 'K', 'P', 'T', '1'};
// Far above any real network; rejects garbage before it sizes an allocation.
constexpr uint32_t kMaxRank = 16;

using FilePtr = std::unique_ptr<std::FILE, int (*)(std::FILE *)>;

bool fail(std::string *error, const std::string &path, const std::string &why) {
  if (error)
    *error = path + ": " + why;
  return false;
}

std::string errnoText(int err) { return std::strerror(err); }

uint32_t crcUpdate(uint32_t crc, const unsigned char *p, std::size_t n) {
  uLong c = crc;
  // zlib takes the length as uInt; feed huge buffers in pieces.
  while (n > 0) {
    const uInt chunk = n > (1u << 30) ? (1u << 30) : static_cast<uInt>(n);
    c = crc32(c, p, chunk);
    p += chunk;
    n -= chunk;
  }
  return static_cast<uint32_t>(c);
}

bool hostIsLittleEndian() {
  const uint16_t probe = 1;
  unsigned char first;
  std::memcpy(&first, &probe, 1);
  return first == 1;
}

// Streams little-endian values to a file and keeps the CRC of all of them.
// After the first failed write it ignores the rest; `ok` reports it.
class Writer {
public:
  explicit Writer(AtomicFile &file) : file(file) {}

  void bytes(const void *data, std::size_t n) {
    if (!ok || n == 0)
      return;
    auto *p = static_cast<const unsigned char *>(data);
    crc = crcUpdate(crc, p, n);
    ok = file.write(p, n);
  }
  void uint(uint64_t v, int size) {
    unsigned char b[8];
    for (int i = 0; i < size; ++i)
      b[i] = static_cast<unsigned char>(v >> (8 * i));
    bytes(b, size);
  }
  void u32(uint32_t v) { uint(v, 4); }
  void u64(uint64_t v) { uint(v, 8); }
  void i64(int64_t v) { uint(static_cast<uint64_t>(v), 8); }
  void f64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    u64(bits);
  }
  void str(const std::string &s) {
    u64(s.size());
    bytes(s.data(), s.size());
  }
  void floats(const std::vector<float> &v) {
    if (hostIsLittleEndian()) {
      bytes(v.data(), v.size() * 4);
      return;
    }
    for (float f : v) {
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      u32(bits);
    }
  }
  void finish() { u32(crc); }

  bool ok = true;

private:
  AtomicFile &file;
  uint32_t crc = 0;
};

// Decodes the in-memory file; every read is bounds-checked and a failure
// records one message naming what was being read.
class Reader {
public:
  Reader(const std::string &bytes, const std::string &path, std::string *error)
      : p(reinterpret_cast<const unsigned char *>(bytes.data())),
        size(bytes.size()), path(path), error(error) {}

  std::size_t remaining() const { return size - pos; }
  std::size_t offset() const { return pos; }

  bool need(uint64_t n, const char *what) {
    return remaining() >= n || truncated(what);
  }
  /// Fails with "truncated"; also used when a count read from the file
  /// promises more data than the bytes that are left.
  bool truncated(const char *what) {
    return fail(error, path,
                std::string("truncated checkpoint: the file ends inside ") +
                    what + " (" + std::to_string(size) +
                    " bytes, reading at byte " + std::to_string(pos) + ")");
  }
  bool uint(uint64_t &v, int n, const char *what) {
    if (!need(n, what))
      return false;
    v = 0;
    for (int i = n - 1; i >= 0; --i)
      v = (v << 8) | p[pos + i];
    pos += n;
    return true;
  }
  bool u32(uint32_t &v, const char *what) {
    uint64_t w;
    if (!uint(w, 4, what))
      return false;
    v = static_cast<uint32_t>(w);
    return true;
  }
  bool u64(uint64_t &v, const char *what) { return uint(v, 8, what); }
  bool i64(int64_t &v, const char *what) {
    uint64_t w;
    if (!uint(w, 8, what))
      return false;
    v = static_cast<int64_t>(w);
    return true;
  }
  bool f64(double &v, const char *what) {
    uint64_t bits;
    if (!u64(bits, what))
      return false;
    std::memcpy(&v, &bits, 8);
    return true;
  }
  bool str(std::string &s, const char *what) {
    uint64_t n;
    if (!u64(n, what) || !need(n, what))
      return false;
    s.assign(reinterpret_cast<const char *>(p + pos), n);
    pos += n;
    return true;
  }
  // Reads `n` floats, checking the size before allocating.
  bool floats(std::vector<float> &v, uint64_t n, const char *what) {
    if (n > remaining() / 4)
      return truncated(what);
    v.resize(n);
    for (uint64_t i = 0; i < n; ++i) {
      uint32_t bits = static_cast<uint32_t>(p[pos]) |
                      static_cast<uint32_t>(p[pos + 1]) << 8 |
                      static_cast<uint32_t>(p[pos + 2]) << 16 |
                      static_cast<uint32_t>(p[pos + 3]) << 24;
      std::memcpy(&v[i], &bits, 4);
      pos += 4;
    }
    return true;
  }
  bool countedFloats(std::vector<float> &v, const char *what) {
    uint64_t n;
    return u64(n, what) && floats(v, n, what);
  }

  const unsigned char *data() const { return p; }

private:
  const unsigned char *p;
  std::size_t size;
  std::size_t pos = 0;
  const std::string &path;
  std::string *error;
};

bool readWholeFile(const std::string &path, std::string &bytes,
                   std::string *error) {
  FilePtr file(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!file)
    return fail(error, path, "cannot open checkpoint: " + errnoText(errno));
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), file.get())) > 0)
    bytes.append(buf, n);
  if (std::ferror(file.get()))
    return fail(error, path, "cannot read checkpoint: " + errnoText(errno));
  return true;
}

// Shape/data and moment/parameter agreement, checked before anything is
// written so a bad call never replaces a good checkpoint.
bool validate(const std::string &path, const Checkpoint &c,
              std::string *error) {
  for (const CheckpointParam &param : c.params) {
    const std::string where = "parameter '" + param.name + "'";
    if (param.value.shape.size() > kMaxRank)
      return fail(error, path,
                  "cannot save checkpoint: " + where + " has rank " +
                      std::to_string(param.value.shape.size()) +
                      ", more than " + std::to_string(kMaxRank));
    for (int64_t d : param.value.shape)
      if (d < 0)
        return fail(error, path,
                    "cannot save checkpoint: " + where +
                        " has a negative dimension");
    if (param.value.numel() != static_cast<int64_t>(param.value.data.size()))
      return fail(error, path,
                  "cannot save checkpoint: " + where + " has shape of " +
                      std::to_string(param.value.numel()) + " elements but " +
                      std::to_string(param.value.data.size()) + " values");
  }
  const OptimizerState &s = c.optimizerState;
  if (s.m.size() != s.v.size() ||
      (!s.m.empty() && s.m.size() != c.params.size()))
    return fail(error, path,
                "cannot save checkpoint: optimizer moments for " +
                    std::to_string(s.m.size()) + "/" +
                    std::to_string(s.v.size()) + " tensors but " +
                    std::to_string(c.params.size()) + " parameters");
  for (std::size_t i = 0; i < s.m.size(); ++i)
    if (s.m[i].size() != c.params[i].value.data.size() ||
        s.v[i].size() != c.params[i].value.data.size())
      return fail(error, path,
                  "cannot save checkpoint: optimizer moments of parameter '" +
                      c.params[i].name + "' do not match its size");
  return true;
}

} // namespace

bool saveCheckpoint(const std::string &path, const Checkpoint &ckpt,
                    std::string *error) {
  if (!validate(path, ckpt, error))
    return false;

  // A unique temporary per save: two runs sharing a folder never write one file.
  AtomicFile file;
  if (!file.open(path, error))
    return false;

  Writer w(file);
  w.bytes(kMagic, sizeof(kMagic));
  w.u32(kCheckpointVersion);
  w.str(ckpt.model);
  w.str(ckpt.settings);
  w.i64(ckpt.epoch);
  w.i64(ckpt.globalStep);
  for (uint64_t word : ckpt.rngState)
    w.u64(word);
  const OptimizerConfig &oc = ckpt.optimizerConfig;
  w.u32(oc.kind == OptimizerConfig::AdamW ? 0 : 1);
  for (double d : {oc.lr, oc.beta1, oc.beta2, oc.eps, oc.weightDecay, oc.clip,
                   oc.weightClamp})
    w.f64(d);
  w.i64(ckpt.optimizerState.step);
  w.u64(ckpt.optimizerState.m.size());
  for (const auto *moments : {&ckpt.optimizerState.m, &ckpt.optimizerState.v})
    for (const std::vector<float> &values : *moments) {
      w.u64(values.size());
      w.floats(values);
    }
  w.u64(ckpt.params.size());
  for (const CheckpointParam &param : ckpt.params) {
    w.str(param.name);
    w.u32(static_cast<uint32_t>(param.value.shape.size()));
    for (int64_t d : param.value.shape)
      w.i64(d);
    w.floats(param.value.data);
  }
  w.finish();

  // AtomicFile syncs the data before the rename publishes it, so `path` never
  // names a partial checkpoint.
  return file.commit(error);
}

bool loadCheckpoint(const std::string &path, Checkpoint &out,
                    std::string *error) {
  std::string bytes;
  if (!readWholeFile(path, bytes, error))
    return false;
  if (bytes.size() < sizeof(kMagic) ||
      std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0)
    return fail(error, path,
                "not an snnc checkpoint (the file does not start with "
                "\"SNNCKPT1\")");

  Reader r(bytes, path, error);
  uint64_t skipped;
  if (!r.uint(skipped, sizeof(kMagic), "the magic"))
    return false;
  uint32_t version;
  if (!r.u32(version, "the version"))
    return false;
  if (version != kCheckpointVersion && version != 1)
    return fail(error, path,
                "unsupported checkpoint version " + std::to_string(version) +
                    " (this snnc reads versions 1 to " +
                    std::to_string(kCheckpointVersion) + ")");

  Checkpoint c;
  // Version 1 did not record the training settings.
  if (!r.str(c.model, "the model description") ||
      (version >= 2 && !r.str(c.settings, "the training settings")) ||
      !r.i64(c.epoch, "the epoch") || !r.i64(c.globalStep, "the global step"))
    return false;
  for (uint64_t &word : c.rngState)
    if (!r.u64(word, "the RNG state"))
      return false;

  uint32_t kind;
  if (!r.u32(kind, "the optimizer kind"))
    return false;
  if (kind > 1)
    return fail(error, path,
                "corrupted checkpoint: unknown optimizer kind " +
                    std::to_string(kind));
  OptimizerConfig &oc = c.optimizerConfig;
  oc.kind = kind == 0 ? OptimizerConfig::AdamW : OptimizerConfig::SGD;
  for (double *d : {&oc.lr, &oc.beta1, &oc.beta2, &oc.eps, &oc.weightDecay,
                    &oc.clip, &oc.weightClamp})
    if (!r.f64(*d, "the optimizer settings"))
      return false;
  uint64_t momentCount;
  if (!r.i64(c.optimizerState.step, "the optimizer step") ||
      !r.u64(momentCount, "the optimizer moment count"))
    return false;
  // Each moment tensor takes at least its 8-byte count, twice (m and v).
  if (momentCount > r.remaining() / 16)
    return r.truncated("the optimizer moments");
  for (auto *moments : {&c.optimizerState.m, &c.optimizerState.v}) {
    moments->resize(momentCount);
    for (std::vector<float> &values : *moments)
      if (!r.countedFloats(values, "the optimizer moments"))
        return false;
  }

  uint64_t paramCount;
  if (!r.u64(paramCount, "the parameter count"))
    return false;
  // A parameter takes at least 12 bytes: name length and rank.
  if (paramCount > r.remaining() / 12)
    return r.truncated("the parameters");
  c.params.resize(paramCount);
  for (CheckpointParam &param : c.params) {
    uint32_t rank;
    if (!r.str(param.name, "a parameter name") ||
        !r.u32(rank, "a parameter rank"))
      return false;
    if (rank > kMaxRank)
      return fail(error, path,
                  "corrupted checkpoint: parameter '" + param.name +
                      "' has rank " + std::to_string(rank));
    param.value.shape.resize(rank);
    bool empty = false;
    for (int64_t &d : param.value.shape) {
      if (!r.i64(d, "a parameter shape"))
        return false;
      if (d < 0)
        return fail(error, path,
                    "corrupted checkpoint: parameter '" + param.name +
                        "' has a negative dimension");
      empty |= d == 0;
    }
    // Multiply only while the product stays within the bytes left, so a
    // garbage shape cannot overflow.
    uint64_t numel = 1;
    if (empty)
      numel = 0;
    else
      for (int64_t d : param.value.shape) {
        if (static_cast<uint64_t>(d) > r.remaining() / 4 / numel)
          return r.truncated("parameter data");
        numel *= static_cast<uint64_t>(d);
      }
    if (!r.floats(param.value.data, numel, "parameter data"))
      return false;
  }

  if (momentCount != 0 && momentCount != paramCount)
    return fail(error, path,
                "corrupted checkpoint: optimizer moments for " +
                    std::to_string(momentCount) + " tensors but " +
                    std::to_string(paramCount) + " parameters");
  for (uint64_t i = 0; i < momentCount; ++i)
    if (c.optimizerState.m[i].size() != c.params[i].value.data.size() ||
        c.optimizerState.v[i].size() != c.params[i].value.data.size())
      return fail(error, path,
                  "corrupted checkpoint: optimizer moments of parameter '" +
                      c.params[i].name + "' do not match its size");

  const uint32_t computed = crcUpdate(0, r.data(), r.offset());
  uint32_t stored;
  if (!r.u32(stored, "the checksum"))
    return false;
  if (stored != computed)
    return fail(error, path,
                "corrupted checkpoint: checksum mismatch (the file was "
                "modified or damaged)");
  if (r.remaining() != 0)
    return fail(error, path,
                "corrupted checkpoint: " + std::to_string(r.remaining()) +
                    " unexpected bytes after the end");
  out = std::move(c);
  return true;
}

} // namespace snn::rt
