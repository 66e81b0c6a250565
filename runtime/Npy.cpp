// NumPy .npy reader/writer: header parsing, dtype conversion and size checks.
#include "runtime/Npy.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <sys/stat.h>

namespace snn::rt {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicLen = 6;
// Magic, two version bytes; the header-length field that follows is 2 bytes in
// format 1.0 and 4 bytes in 2.0/3.0.
constexpr size_t kPreambleLen = kMagicLen + 2;

bool fail(std::string *error, const std::string &path, const std::string &why) {
  if (error)
    *error = path + ": " + why;
  return false;
}

bool hostIsLittleEndian() {
  const uint16_t probe = 1;
  unsigned char first;
  std::memcpy(&first, &probe, 1);
  return first == 1;
}

// Formats a shape as Python's tuple repr, so messages match what the user sees
// in NumPy: (3,) and (2, 3).
std::string formatShape(const std::vector<int64_t> &shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1)
    s += ",";
  return s + ")";
}

uint64_t loadLE(const unsigned char *p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i)
    v = (v << 8) | p[i];
  return v;
}

struct NpyHeader {
  std::string descr;
  bool fortranOrder = false;
  std::vector<int64_t> shape;
};

// Parses the Python dict literal of a .npy header. Only the subset NumPy
// writes is accepted: the three keys, each once, with string, bool and
// tuple-of-int values, and optional trailing commas.
class HeaderParser {
public:
  explicit HeaderParser(const std::string &text) : text(text) {}

  bool parse(NpyHeader &out, std::string &why) {
    skipSpace();
    if (!consume('{'))
      return setWhy(why, "header is not a dict literal");
    bool seenDescr = false, seenFortran = false, seenShape = false;
    while (true) {
      skipSpace();
      if (consume('}'))
        break;
      std::string key;
      if (!parseString(key))
        return setWhy(why, "expected a quoted key");
      skipSpace();
      if (!consume(':'))
        return setWhy(why, "expected ':' after key '" + key + "'");
      skipSpace();
      if (key == "descr") {
        if (seenDescr)
          return setWhy(why, "duplicate key 'descr'");
        seenDescr = true;
        if (!parseString(out.descr))
          return setWhy(why, "'descr' must be a quoted string");
      } else if (key == "fortran_order") {
        if (seenFortran)
          return setWhy(why, "duplicate key 'fortran_order'");
        seenFortran = true;
        if (!parseBool(out.fortranOrder))
          return setWhy(why, "'fortran_order' must be True or False");
      } else if (key == "shape") {
        if (seenShape)
          return setWhy(why, "duplicate key 'shape'");
        seenShape = true;
        if (!parseShape(out.shape, why))
          return false;
      } else {
        return setWhy(why, "unexpected key '" + key +
                               "' (only 'descr', 'fortran_order' and "
                               "'shape' are allowed)");
      }
      skipSpace();
      if (consume(','))
        continue;
      if (consume('}'))
        break;
      return setWhy(why, "expected ',' or '}' after the value of '" + key + "'");
    }
    skipSpace();
    if (pos != text.size())
      return setWhy(why, "unexpected text after the dict");
    if (!seenDescr)
      return setWhy(why, "missing key 'descr'", false);
    if (!seenFortran)
      return setWhy(why, "missing key 'fortran_order'", false);
    if (!seenShape)
      return setWhy(why, "missing key 'shape'", false);
    return true;
  }

private:
  bool setWhy(std::string &why, const std::string &what, bool atOffset = true) {
    why = "malformed header: " + what;
    if (atOffset)
      why += " at header offset " + std::to_string(pos);
    return false;
  }

  void skipSpace() {
    while (pos < text.size() &&
           (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }

  bool consume(char c) {
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }

  // Strings without escapes: no valid key or dtype string contains one.
  bool parseString(std::string &s) {
    if (pos >= text.size() || (text[pos] != '\'' && text[pos] != '"'))
      return false;
    char quote = text[pos];
    size_t end = text.find(quote, pos + 1);
    if (end == std::string::npos)
      return false;
    s = text.substr(pos + 1, end - pos - 1);
    if (s.find('\\') != std::string::npos)
      return false;
    pos = end + 1;
    return true;
  }

  bool parseBool(bool &b) {
    if (text.compare(pos, 4, "True") == 0) {
      b = true;
      pos += 4;
      return true;
    }
    if (text.compare(pos, 5, "False") == 0) {
      b = false;
      pos += 5;
      return true;
    }
    return false;
  }

  bool parseDim(int64_t &d, std::string &why) {
    if (pos >= text.size() || text[pos] < '0' || text[pos] > '9')
      return setWhy(why, "'shape' must be a tuple of non-negative integers");
    d = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      int digit = text[pos] - '0';
      if (d > (std::numeric_limits<int64_t>::max() - digit) / 10)
        return setWhy(why, "dimension in 'shape' does not fit in 64 bits");
      d = d * 10 + digit;
      ++pos;
    }
    // Files written by NumPy under Python 2 spell dimensions as longs: (3L,).
    consume('L');
    return true;
  }

  bool parseShape(std::vector<int64_t> &shape, std::string &why) {
    if (!consume('('))
      return setWhy(why, "'shape' must be a tuple");
    shape.clear();
    bool trailingComma = false;
    while (true) {
      skipSpace();
      if (consume(')'))
        break;
      if (!shape.empty() && !trailingComma)
        return setWhy(why, "expected ',' or ')' in 'shape'");
      int64_t d;
      if (!parseDim(d, why))
        return false;
      shape.push_back(d);
      skipSpace();
      trailingComma = consume(',');
    }
    // In Python "(3)" is the integer 3, not a tuple; NumPy itself rejects it.
    if (shape.size() == 1 && !trailingComma)
      return setWhy(why, "'shape' (" + std::to_string(shape[0]) +
                             ") is not a tuple (a 1-tuple is written (" + std::to_string(shape[0]) +
                             ",))");
    return true;
  }

  const std::string &text;
  size_t pos = 0;
};

enum class DType { F4, F8, U1, I4, I8 };

// Maps a descr to a supported dtype, or explains why it is not supported.
bool parseDescr(const std::string &descr, DType &dtype, int &itemSize, std::string &why) {
  struct Entry {
    const char *descr;
    DType dtype;
    int size;
  };
  static const Entry kSupported[] = {{"<f4", DType::F4, 4},
                                     {"<f8", DType::F8, 8},
                                     {"|u1", DType::U1, 1},
                                     {"<i4", DType::I4, 4},
                                     {"<i8", DType::I8, 8}};
  for (const Entry &e : kSupported) {
    if (descr == e.descr) {
      dtype = e.dtype;
      itemSize = e.size;
      return true;
    }
  }
  if (!descr.empty() && descr[0] == '>') {
    why = "big-endian dtype '" + descr + "' is not supported (save as little-endian float32 '<f4')";
    return false;
  }
  why = "unsupported dtype '" + descr +
        "' (expected float32 '<f4'; '<f8', '<i4', '<i8' and '|u1' are "
        "converted)";
  return false;
}

// Decodes `n` little-endian elements of `dtype` from `src` into float32.
void convertToFloat(const unsigned char *src, DType dtype, int64_t n, float *dst) {
  for (int64_t i = 0; i < n; ++i) {
    switch (dtype) {
    case DType::F4: {
      uint32_t bits = static_cast<uint32_t>(loadLE(src + 4 * i, 4));
      std::memcpy(&dst[i], &bits, 4);
      break;
    }
    case DType::F8: {
      uint64_t bits = loadLE(src + 8 * i, 8);
      double v;
      std::memcpy(&v, &bits, 8);
      dst[i] = static_cast<float>(v);
      break;
    }
    case DType::U1:
      dst[i] = static_cast<float>(src[i]);
      break;
    case DType::I4:
      dst[i] =
          static_cast<float>(static_cast<int32_t>(static_cast<uint32_t>(loadLE(src + 4 * i, 4))));
      break;
    case DType::I8:
      dst[i] = static_cast<float>(static_cast<int64_t>(loadLE(src + 8 * i, 8)));
      break;
    }
  }
}

// Reads up to `n` bytes, fewer only at the end of the data or on an error
// (fread already retries short reads, as a pipe gives them).
size_t readFully(std::FILE *file, void *dst, size_t n) {
  return n == 0 ? 0 : std::fread(dst, 1, n, file);
}

// The header NumPy writes for a float32 C-order array of `shape`, padded with
// spaces and ended by '\n' so that the data starts at a multiple of 64 bytes
// (which keeps memory-mapped data aligned).
std::string headerFor(const std::vector<int64_t> &shape) {
  std::string header =
      "{'descr': '<f4', 'fortran_order': False, 'shape': " + formatShape(shape) + ", }";
  const size_t fixed = kPreambleLen + 2;
  size_t total = fixed + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  return header;
}

// Words for a value that is not a finite float32.
std::string describeNonFinite(float converted, const unsigned char *raw, DType dtype) {
  if (dtype == DType::F8) {
    uint64_t bits = loadLE(raw, 8);
    double v;
    std::memcpy(&v, &bits, 8);
    if (std::isfinite(v)) {
      char text[32];
      std::snprintf(text, sizeof(text), "%g", v);
      return std::string(text) + " (beyond float32's range)";
    }
  }
  if (std::isnan(converted))
    return "NaN";
  return converted > 0 ? "Inf" : "-Inf";
}

} // namespace

bool NpyReader::fail(std::string *error, const std::string &why) const {
  return snn::rt::fail(error, path, why);
}

bool NpyReader::open(const std::string &path, std::string *error) {
  this->path = path;
  dims.clear();
  perRow = done = 0;
  dataBytes = dataRead = 0;
  file.reset(std::fopen(path.c_str(), "rb"));
  if (!file)
    return fail(error, std::string("cannot open: ") + std::strerror(errno));
  std::FILE *f = file.get();

  unsigned char preamble[kPreambleLen + 4];
  size_t got = readFully(f, preamble, kPreambleLen);
  // Catches what fopen lets through but cannot be read, e.g. a directory.
  if (std::ferror(f))
    return fail(error, std::string("cannot read: ") + std::strerror(errno));
  size_t magicGot = got < kMagicLen ? got : kMagicLen;
  if (std::memcmp(preamble, kMagic, magicGot) != 0)
    return fail(error, "not a .npy file (bad magic string)");
  if (got < kPreambleLen)
    return fail(error, "truncated header: file is only " + std::to_string(got) + " bytes");
  int major = preamble[kMagicLen], minor = preamble[kMagicLen + 1];
  if (minor != 0 || major < 1 || major > 3)
    return fail(error, "unsupported .npy format version " + std::to_string(major) + "." +
                           std::to_string(minor) + " (expected 1.0, 2.0 or 3.0)");
  const size_t lenBytes = major == 1 ? 2 : 4;
  got += readFully(f, preamble + kPreambleLen, lenBytes);
  if (got < kPreambleLen + lenBytes)
    return fail(error, "truncated header: file is only " + std::to_string(got) + " bytes");
  const uint64_t headerLen = loadLE(preamble + kPreambleLen, lenBytes);

  // Read in pieces: a corrupt length field must not make us allocate 4 GiB.
  std::string headerText;
  while (headerText.size() < headerLen) {
    char piece[65536];
    size_t want =
        static_cast<size_t>(std::min<uint64_t>(sizeof(piece), headerLen - headerText.size()));
    size_t n = readFully(f, piece, want);
    headerText.append(piece, n);
    if (n < want)
      break;
  }
  if (std::ferror(f))
    return fail(error, std::string("cannot read: ") + std::strerror(errno));
  if (headerText.size() < headerLen)
    return fail(error, "truncated header: header length field says " + std::to_string(headerLen) +
                           " bytes but only " + std::to_string(headerText.size()) + " follow");

  NpyHeader header;
  std::string why;
  if (!HeaderParser(headerText).parse(header, why))
    return fail(error, why);
  if (header.fortranOrder)
    return fail(error, "fortran_order is True; only C-order arrays are supported "
                       "(save np.ascontiguousarray(x))");
  DType type;
  if (!parseDescr(header.descr, type, itemSize, why))
    return fail(error, why);
  if (header.shape.empty())
    return fail(error, "0-d array (shape ()) is not supported; at least 1 dimension "
                       "is needed");
  int64_t numel = 1;
  for (int64_t d : header.shape) {
    if (d != 0 && numel > std::numeric_limits<int64_t>::max() / itemSize / d)
      return fail(error, "shape " + formatShape(header.shape) + " is too large");
    numel *= d;
  }
  dtype = static_cast<int>(type);
  descr = header.descr;
  dims = header.shape;
  perRow = 1;
  for (size_t i = 1; i < dims.size(); ++i)
    perRow *= dims[i];
  dataBytes = static_cast<uint64_t>(numel) * itemSize;

  struct stat st;
  if (::fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
    const uint64_t dataStart = kPreambleLen + lenBytes + headerLen;
    const uint64_t actual = uint64_t(st.st_size) > dataStart ? uint64_t(st.st_size) - dataStart : 0;
    if (actual != dataBytes)
      return fail(error, std::string(actual < dataBytes ? "truncated data" : "trailing data") +
                             ": shape " + formatShape(dims) + " of '" + descr + "' needs " +
                             std::to_string(dataBytes) + " bytes, the file has " +
                             std::to_string(actual));
  }
  return true;
}

bool NpyReader::checkFinite(const float *values, const unsigned char *raw, int64_t count,
                            std::string *error) const {
  DType type = static_cast<DType>(dtype);
  if (type != DType::F4 && type != DType::F8)
    return true;
  for (int64_t i = 0; i < count; ++i) {
    if (std::isfinite(values[i]))
      continue;
    // Integer division is safe: a non-empty chunk has perRow >= 1.
    int64_t sample = done + i / perRow, element = i % perRow;
    return fail(error, "sample " + std::to_string(sample) + " holds " +
                           describeNonFinite(values[i], raw ? raw + i * itemSize : nullptr,
                                             raw ? type : DType::F4) +
                           " at element " + std::to_string(element) + ": inputs must be finite");
  }
  return true;
}

bool NpyReader::readRows(int64_t maxRows, float *out, int64_t *count, std::string *error) {
  *count = 0;
  if (!file)
    return fail(error, "cannot read: the file is not open");
  int64_t n = std::min(maxRows, rows() - done);
  if (n <= 0)
    return true;
  const int64_t elements = n * perRow;
  const size_t bytes = static_cast<size_t>(elements) * itemSize;
  DType type = static_cast<DType>(dtype);
  // The common case needs no conversion: read straight into the caller's rows.
  const bool direct = type == DType::F4 && hostIsLittleEndian();
  unsigned char *dst = reinterpret_cast<unsigned char *>(out);
  if (!direct) {
    raw.resize(bytes);
    dst = raw.data();
  }
  size_t got = readFully(file.get(), dst, bytes);
  if (std::ferror(file.get()))
    return fail(error, std::string("cannot read: ") + std::strerror(errno));
  if (got < bytes)
    return fail(error, "truncated data: shape " + formatShape(dims) + " of '" + descr + "' needs " +
                           std::to_string(dataBytes) + " bytes, the file has " +
                           std::to_string(dataRead + got));
  dataRead += bytes;
  if (!direct)
    convertToFloat(raw.data(), type, elements, out);
  if (finiteOnly && !checkFinite(out, direct ? nullptr : raw.data(), elements, error))
    return false;
  done += n;
  *count = n;
  return true;
}

bool NpyReader::finish(std::string *error) {
  if (!file)
    return fail(error, "cannot read: the file is not open");
  if (done != rows())
    return fail(error, "only " + std::to_string(done) + " of " + std::to_string(rows()) +
                           " rows were read");
  // Counting what follows also finds trailing data in a stream of unknown size.
  uint64_t extra = 0;
  char piece[65536];
  while (size_t n = readFully(file.get(), piece, sizeof(piece)))
    extra += n;
  if (std::ferror(file.get()))
    return fail(error, std::string("cannot read: ") + std::strerror(errno));
  if (extra)
    return fail(error, "trailing data: shape " + formatShape(dims) + " of '" + descr + "' needs " +
                           std::to_string(dataBytes) + " bytes, the file has " +
                           std::to_string(dataBytes + extra));
  return true;
}

bool NpyWriter::fail(std::string *error, const std::string &why) {
  failed = true;
  file.discard();
  return snn::rt::fail(error, path, why);
}

bool NpyWriter::open(const std::string &path, const std::vector<int64_t> &shape,
                     std::string *error) {
  this->path = path;
  dims = shape;
  perRow = done = 0;
  failed = true;
  file.discard();
  if (shape.empty())
    return fail(error, "cannot write a 0-d array (shape ()); at least 1 dimension is needed");
  for (int64_t d : shape)
    if (d < 0)
      return fail(error, "cannot write shape " + formatShape(shape) + ": negative dimension");
  std::string header = headerFor(shape);
  if (header.size() > 0xFFFF)
    return fail(error, "cannot write shape " + formatShape(shape) +
                           ": header too long for .npy format 1.0");
  if (!file.open(path, error))
    return false;
  std::string bytes(kMagic, kMagicLen);
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(header.size() & 0xFF);
  bytes += static_cast<char>(header.size() >> 8);
  bytes += header;
  file.write(bytes);
  perRow = 1;
  for (size_t i = 1; i < shape.size(); ++i)
    perRow *= shape[i];
  failed = false;
  return true;
}

bool NpyWriter::writeRows(const float *data, int64_t count, std::string *error) {
  if (failed)
    return snn::rt::fail(error, path, "cannot write: the output already failed");
  if (count < 0 || count > dims[0] - done)
    return fail(error, "cannot write " + std::to_string(done + count) + " rows: shape " +
                           formatShape(dims) + " holds " + std::to_string(dims[0]));
  const size_t elements = static_cast<size_t>(count * perRow);
  bool ok = true;
  if (elements == 0) {
    // Nothing to write (and `data` may be null).
  } else if (hostIsLittleEndian()) {
    ok = file.write(data, elements * sizeof(float));
  } else {
    std::vector<unsigned char> le(elements * 4);
    for (size_t i = 0; i < elements; ++i) {
      uint32_t bits;
      std::memcpy(&bits, &data[i], 4);
      for (int b = 0; b < 4; ++b)
        le[4 * i + b] = static_cast<unsigned char>(bits >> (8 * b));
    }
    ok = file.write(le.data(), le.size());
  }
  if (!ok) {
    // commit() turns the recorded write error into the one-line message and
    // drops the temporary.
    failed = true;
    return file.commit(error);
  }
  done += count;
  return true;
}

bool NpyWriter::commit(std::string *error) {
  if (failed)
    return snn::rt::fail(error, path, "cannot write: the output already failed");
  if (done != dims[0])
    return fail(error, "cannot write: " + std::to_string(done) + " rows given for shape " +
                           formatShape(dims));
  failed = true;
  return file.commit(error);
}

bool readNpy(const std::string &path, Array &out, std::string *error) {
  NpyReader reader;
  if (!reader.open(path, error))
    return false;
  out.shape = reader.shape();
  out.data.assign(static_cast<size_t>(reader.rows() * reader.rowElements()), 0.0f);
  int64_t count;
  return reader.readRows(reader.rows(), out.data.data(), &count, error) && reader.finish(error);
}

bool writeNpy(const std::string &path, const Array &a, std::string *error) {
  bool negative = false;
  for (int64_t d : a.shape)
    negative |= d < 0;
  // An empty shape or a negative dimension is reported by NpyWriter::open.
  if (!a.shape.empty() && !negative && a.numel() != static_cast<int64_t>(a.data.size()))
    return fail(error, path,
                "cannot write shape " + formatShape(a.shape) + " (" + std::to_string(a.numel()) +
                    " elements) with " + std::to_string(a.data.size()) + " data elements");
  NpyWriter writer;
  return writer.open(path, a.shape, error) && writer.writeRows(a.data.data(), a.shape[0], error) &&
         writer.commit(error);
}

} // namespace snn::rt
