// NumPy .npy reader/writer: header parsing, dtype conversion and size checks.
#include "runtime/Npy.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>

namespace snn::rt {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicLen = 6;
// Magic, two version bytes; the header-length field that follows is 2 bytes in
// format 1.0 and 4 bytes in 2.0/3.0.
constexpr size_t kPreambleLen = kMagicLen + 2;

using FilePtr = std::unique_ptr<std::FILE, int (*)(std::FILE *)>;

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

bool writeFloatsLE(std::FILE *file, const std::vector<float> &values) {
  // An empty vector's data() may be null, which fwrite must not be given.
  if (values.empty())
    return true;
  if (hostIsLittleEndian())
    return std::fwrite(values.data(), sizeof(float), values.size(), file) ==
           values.size();
  std::vector<unsigned char> le(values.size() * 4);
  for (size_t i = 0; i < values.size(); ++i) {
    uint32_t bits;
    std::memcpy(&bits, &values[i], 4);
    for (int b = 0; b < 4; ++b)
      le[4 * i + b] = static_cast<unsigned char>(bits >> (8 * b));
  }
  return std::fwrite(le.data(), 1, le.size(), file) == le.size();
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
      return setWhy(why,
                    "expected ',' or '}' after the value of '" + key + "'");
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
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' ||
                                 text[pos] == '\n' || text[pos] == '\r'))
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
                             ") is not a tuple (a 1-tuple is written (" +
                             std::to_string(shape[0]) + ",))");
    return true;
  }

  const std::string &text;
  size_t pos = 0;
};

enum class DType { F4, F8, U1, I4, I8 };

// Maps a descr to a supported dtype, or explains why it is not supported.
bool parseDescr(const std::string &descr, DType &dtype, int &itemSize,
                std::string &why) {
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
    why = "big-endian dtype '" + descr +
          "' is not supported (save as little-endian float32 '<f4')";
    return false;
  }
  why = "unsupported dtype '" + descr +
        "' (expected float32 '<f4'; '<f8', '<i4', '<i8' and '|u1' are "
        "converted)";
  return false;
}

// Decodes `n` little-endian elements of `dtype` from `src` into float32.
void convertToFloat(const unsigned char *src, DType dtype, int64_t n,
                    float *dst) {
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
      dst[i] = static_cast<float>(
          static_cast<int32_t>(static_cast<uint32_t>(loadLE(src + 4 * i, 4))));
      break;
    case DType::I8:
      dst[i] = static_cast<float>(static_cast<int64_t>(loadLE(src + 8 * i, 8)));
      break;
    }
  }
}

} // namespace

bool readNpy(const std::string &path, Array &out, std::string *error) {
  FilePtr file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file)
    return fail(error, path,
                std::string("cannot open: ") + std::strerror(errno));
  if (std::fseek(file.get(), 0, SEEK_END) != 0)
    return fail(error, path,
                std::string("cannot seek: ") + std::strerror(errno));
  long endPos = std::ftell(file.get());
  if (endPos < 0)
    return fail(error, path,
                std::string("cannot seek: ") + std::strerror(errno));
  std::rewind(file.get());
  const uint64_t fileSize = static_cast<uint64_t>(endPos);

  unsigned char preamble[kPreambleLen + 4];
  size_t got = std::fread(preamble, 1, sizeof(preamble), file.get());
  // Catches what fopen lets through but cannot be read, e.g. a directory.
  if (std::ferror(file.get()))
    return fail(error, path,
                std::string("cannot read: ") + std::strerror(errno));
  size_t magicGot = got < kMagicLen ? got : kMagicLen;
  if (std::memcmp(preamble, kMagic, magicGot) != 0)
    return fail(error, path, "not a .npy file (bad magic string)");
  if (got < kPreambleLen)
    return fail(error, path,
                "truncated header: file is only " + std::to_string(got) +
                    " bytes");
  int major = preamble[kMagicLen], minor = preamble[kMagicLen + 1];
  if (minor != 0 || major < 1 || major > 3)
    return fail(error, path,
                "unsupported .npy format version " + std::to_string(major) +
                    "." + std::to_string(minor) +
                    " (expected 1.0, 2.0 or 3.0)");
  const size_t lenBytes = major == 1 ? 2 : 4;
  if (got < kPreambleLen + lenBytes)
    return fail(error, path,
                "truncated header: file is only " + std::to_string(got) +
                    " bytes");
  const uint64_t headerLen = loadLE(preamble + kPreambleLen, lenBytes);
  const uint64_t dataStart = kPreambleLen + lenBytes + headerLen;
  if (fileSize < dataStart)
    return fail(error, path,
                "truncated header: header length field says " +
                    std::to_string(headerLen) + " bytes but only " +
                    std::to_string(fileSize - kPreambleLen - lenBytes) +
                    " follow");

  std::string headerText(headerLen, '\0');
  if (std::fseek(file.get(), static_cast<long>(kPreambleLen + lenBytes),
                 SEEK_SET) != 0 ||
      std::fread(&headerText[0], 1, headerLen, file.get()) != headerLen)
    return fail(error, path, "read error in header");

  NpyHeader header;
  std::string why;
  if (!HeaderParser(headerText).parse(header, why))
    return fail(error, path, why);
  if (header.fortranOrder)
    return fail(error, path,
                "fortran_order is True; only C-order arrays are supported "
                "(save np.ascontiguousarray(x))");
  DType dtype;
  int itemSize;
  if (!parseDescr(header.descr, dtype, itemSize, why))
    return fail(error, path, why);
  if (header.shape.empty())
    return fail(error, path,
                "0-d array (shape ()) is not supported; at least 1 dimension "
                "is needed");

  int64_t numel = 1;
  for (int64_t d : header.shape) {
    if (d != 0 && numel > std::numeric_limits<int64_t>::max() / itemSize / d)
      return fail(error, path,
                  "shape " + formatShape(header.shape) + " is too large");
    numel *= d;
  }
  const uint64_t expected = static_cast<uint64_t>(numel) * itemSize;
  const uint64_t actual = fileSize - dataStart;
  if (actual != expected)
    return fail(
        error, path,
        std::string(actual < expected ? "truncated data" : "trailing data") +
            ": shape " + formatShape(header.shape) + " of '" + header.descr +
            "' needs " + std::to_string(expected) + " bytes, the file has " +
            std::to_string(actual));

  out.shape = header.shape;
  out.data.assign(static_cast<size_t>(numel), 0.0f);
  if (numel == 0)
    return true;
  if (dtype == DType::F4 && hostIsLittleEndian()) {
    // The common case needs no conversion: read straight into the result.
    if (std::fread(out.data.data(), 1, expected, file.get()) != expected)
      return fail(error, path, "read error in data");
    return true;
  }
  std::vector<unsigned char> raw(expected);
  if (std::fread(raw.data(), 1, expected, file.get()) != expected)
    return fail(error, path, "read error in data");
  convertToFloat(raw.data(), dtype, numel, out.data.data());
  return true;
}

bool writeNpy(const std::string &path, const Array &a, std::string *error) {
  if (a.shape.empty())
    return fail(error, path,
                "cannot write a 0-d array (shape ()); at least 1 dimension is "
                "needed");
  for (int64_t d : a.shape)
    if (d < 0)
      return fail(error, path,
                  "cannot write shape " + formatShape(a.shape) +
                      ": negative dimension");
  if (a.numel() != static_cast<int64_t>(a.data.size()))
    return fail(error, path,
                "cannot write shape " + formatShape(a.shape) + " (" +
                    std::to_string(a.numel()) + " elements) with " +
                    std::to_string(a.data.size()) + " data elements");

  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " +
                       formatShape(a.shape) + ", }";
  // NumPy pads with spaces and ends with '\n' so that the data starts at a
  // multiple of 64 bytes, which keeps memory-mapped data aligned.
  const size_t fixed = kPreambleLen + 2;
  size_t total = fixed + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  if (header.size() > 0xFFFF)
    return fail(error, path,
                "cannot write shape " + formatShape(a.shape) +
                    ": header too long for .npy format 1.0");

  std::string bytes(kMagic, kMagicLen);
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(header.size() & 0xFF);
  bytes += static_cast<char>(header.size() >> 8);
  bytes += header;

  FilePtr file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!file)
    return fail(error, path,
                std::string("cannot open for writing: ") +
                    std::strerror(errno));
  bool ok =
      std::fwrite(bytes.data(), 1, bytes.size(), file.get()) == bytes.size() &&
      writeFloatsLE(file.get(), a.data);
  int savedErrno = errno;
  std::FILE *raw = file.release();
  if (std::fclose(raw) != 0 && ok) {
    ok = false;
    savedErrno = errno;
  }
  if (!ok) {
    // Leave no half-written file that a later read would mistake for data.
    std::remove(path.c_str());
    return fail(error, path,
                std::string("write failed: ") + std::strerror(savedErrno));
  }
  return true;
}

} // namespace snn::rt
