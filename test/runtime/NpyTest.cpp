// Unit tests for the .npy reader and writer: round trips, conversions, errors, streaming.
#include "runtime/Npy.h"

#include "test/runtime/TestUtil.h"

#include "gtest/gtest.h"

#include <cmath>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace snn::rt;
using snn::rt::test::FileSizeLimit;
using snn::rt::test::filesIn;
using snn::rt::test::readFile;
using snn::rt::test::ScratchDir;
using snn::rt::test::writeFile;

namespace {

// Builds a .npy file by hand so that tests control every byte, including the
// ones the writer would never produce.
std::string makeNpy(const std::string &dict, const std::string &data,
                    int major = 1, int minor = 0) {
  std::string header = dict;
  size_t lenBytes = major == 1 ? 2 : 4;
  size_t total = 8 + lenBytes + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string bytes("\x93NUMPY", 6);
  bytes += static_cast<char>(major);
  bytes += static_cast<char>(minor);
  for (size_t i = 0; i < lenBytes; ++i)
    bytes += static_cast<char>((header.size() >> (8 * i)) & 0xFF);
  return bytes + header + data;
}

std::string dictFor(const std::string &descr, const std::string &shape,
                    const std::string &fortran = "False") {
  return "{'descr': '" + descr + "', 'fortran_order': " + fortran +
         ", 'shape': " + shape + ", }";
}

template <typename T> std::string leBytes(std::initializer_list<T> values) {
  std::string out;
  for (T v : values) {
    unsigned char raw[sizeof(T)];
    std::memcpy(raw, &v, sizeof(T));
    // The tests run on little-endian hosts, where memory order is file order.
    out.append(reinterpret_cast<const char *>(raw), sizeof(T));
  }
  return out;
}

class NpyTest : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(dir.ok()); }

  // Writes `bytes` to a scratch file and reads it back.
  bool readBytes(const std::string &bytes, Array &out, std::string &error) {
    std::string path = dir.path("x.npy");
    EXPECT_TRUE(writeFile(path, bytes));
    return readNpy(path, out, &error);
  }

  // Expects reading `bytes` to fail with a message containing `needle`.
  void expectReject(const std::string &bytes, const std::string &needle) {
    Array a;
    std::string error;
    EXPECT_FALSE(readBytes(bytes, a, error));
    EXPECT_NE(error.find(needle), std::string::npos) << "error was: " << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << "error is one line";
  }

  ScratchDir dir;
};

// Arrays of rank 1 to 4 survive a write/read round trip bit for bit.
TEST_F(NpyTest, RoundTripRanks1To4) {
  const std::vector<std::vector<int64_t>> shapes = {
      {5}, {2, 3}, {2, 3, 4}, {2, 1, 3, 2}, {0, 3}};
  for (const auto &shape : shapes) {
    Array a;
    a.shape = shape;
    for (int64_t i = 0; i < a.numel(); ++i)
      a.data.push_back(0.5f * static_cast<float>(i) - 3.0f);
    if (!a.data.empty())
      a.data[0] = -0.0f;
    std::string path = dir.path("rt.npy"), error;
    ASSERT_TRUE(writeNpy(path, a, &error)) << error;
    Array b;
    ASSERT_TRUE(readNpy(path, b, &error)) << error;
    EXPECT_EQ(b.shape, a.shape);
    ASSERT_EQ(b.data.size(), a.data.size());
    EXPECT_TRUE(a.data.empty() || std::memcmp(b.data.data(), a.data.data(),
                                              a.data.size() * 4) == 0);
  }
}

// The writer produces exactly NumPy 1.24's bytes for np.save of a float32
// vector: version 1.0, header padded with spaces to 128 bytes, then data.
TEST_F(NpyTest, WriterMatchesNumpyBytes) {
  Array a{{3}, {1.0f, 2.0f, 3.0f}};
  std::string path = dir.path("v.npy"), error;
  ASSERT_TRUE(writeNpy(path, a, &error)) << error;
  std::string expected =
      std::string("\x93NUMPY\x01\x00v\x00", 10) +
      "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }" +
      std::string(60, ' ') + "\n" + leBytes<float>({1.0f, 2.0f, 3.0f});
  EXPECT_EQ(readFile(path), expected);
}

// Headers of every size keep the data 64-byte aligned.
TEST_F(NpyTest, WriterAlignsDataTo64Bytes) {
  for (int64_t rank = 1; rank <= 8; ++rank) {
    Array a;
    a.shape.assign(rank, 1);
    a.shape[0] = 1234567;
    a.data.assign(a.numel(), 1.0f);
    std::string path = dir.path("a.npy"), error;
    ASSERT_TRUE(writeNpy(path, a, &error)) << error;
    size_t fileSize = readFile(path).size();
    EXPECT_EQ((fileSize - a.data.size() * 4) % 64, 0u);
  }
}

// Format versions 2.0 and 3.0 (4-byte header length) are read too.
TEST_F(NpyTest, ReadsVersions2And3) {
  for (int major : {2, 3}) {
    Array a;
    std::string error;
    ASSERT_TRUE(readBytes(
        makeNpy(dictFor("<f4", "(2,)"), leBytes<float>({1.5f, -2.0f}), major),
        a, error))
        << error;
    EXPECT_EQ(a.shape, std::vector<int64_t>({2}));
    EXPECT_EQ(a.data, std::vector<float>({1.5f, -2.0f}));
  }
}

// Valid spellings NumPy and Python produce: other key order, double quotes,
// no trailing comma, Python 2 long dimensions.
TEST_F(NpyTest, AcceptsHeaderVariants) {
  const char *dicts[] = {
      "{'shape': (1, 2), 'fortran_order': False, 'descr': '<f4'}",
      "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (1,2)}",
      "{'descr':'<f4','fortran_order':False,'shape':(1L, 2L),}",
  };
  for (const char *dict : dicts) {
    Array a;
    std::string error;
    EXPECT_TRUE(
        readBytes(makeNpy(dict, leBytes<float>({1.0f, 2.0f})), a, error))
        << dict << ": " << error;
    EXPECT_EQ(a.shape, std::vector<int64_t>({1, 2}));
  }
}

// float64 values are rounded to float32.
TEST_F(NpyTest, ConvertsFloat64) {
  Array a;
  std::string error;
  ASSERT_TRUE(readBytes(
      makeNpy(dictFor("<f8", "(3,)"), leBytes<double>({1.5, -2.25, 0.1})), a,
      error))
      << error;
  EXPECT_EQ(a.data, std::vector<float>({1.5f, -2.25f, 0.1f}));
}

// uint8 values become the same float values (no scaling to [0, 1]).
TEST_F(NpyTest, ConvertsUint8) {
  Array a;
  std::string error;
  ASSERT_TRUE(readBytes(
      makeNpy(dictFor("|u1", "(2, 2)"), std::string("\x00\x01\x80\xff", 4)), a,
      error))
      << error;
  EXPECT_EQ(a.data, std::vector<float>({0.0f, 1.0f, 128.0f, 255.0f}));
}

// Signed integers keep their sign.
TEST_F(NpyTest, ConvertsInt32AndInt64) {
  Array a;
  std::string error;
  ASSERT_TRUE(
      readBytes(makeNpy(dictFor("<i4", "(2,)"), leBytes<int32_t>({-7, 123456})),
                a, error))
      << error;
  EXPECT_EQ(a.data, std::vector<float>({-7.0f, 123456.0f}));
  ASSERT_TRUE(readBytes(
      makeNpy(dictFor("<i8", "(2,)"), leBytes<int64_t>({-1, int64_t(1) << 40})),
      a, error))
      << error;
  EXPECT_EQ(a.data, std::vector<float>({-1.0f, 1099511627776.0f}));
}

TEST_F(NpyTest, RejectsMissingFile) {
  Array a;
  std::string error;
  std::string path = dir.path("absent.npy");
  EXPECT_FALSE(readNpy(path, a, &error));
  EXPECT_EQ(error, path + ": cannot open: No such file or directory");
}

TEST_F(NpyTest, RejectsDirectory) {
  Array a;
  std::string error;
  EXPECT_FALSE(readNpy(dir.root(), a, &error));
  EXPECT_EQ(error, dir.root() + ": cannot read: Is a directory");
}

TEST_F(NpyTest, RejectsBadMagic) {
  expectReject("PK\x03\x04 this is a zip file, not npy", "bad magic string");
}

// A header length field promising more bytes than the file has.
TEST_F(NpyTest, RejectsTruncatedHeader) {
  std::string full = makeNpy(dictFor("<f4", "(1,)"), leBytes<float>({1.0f}));
  expectReject(full.substr(0, 40),
               "truncated header: header length field says 118 bytes but "
               "only 30 follow");
  expectReject(full.substr(0, 7), "truncated header: file is only 7 bytes");
}

TEST_F(NpyTest, RejectsUnknownVersion) {
  expectReject(makeNpy(dictFor("<f4", "(1,)"), leBytes<float>({1.0f}), 4),
               "unsupported .npy format version 4.0");
}

TEST_F(NpyTest, RejectsFortranOrder) {
  expectReject(
      makeNpy(dictFor("<f4", "(2, 2)", "True"), leBytes<float>({1, 2, 3, 4})),
      "fortran_order is True");
}

TEST_F(NpyTest, RejectsBigEndian) {
  expectReject(makeNpy(dictFor(">f4", "(1,)"), std::string(4, '\0')),
               "big-endian dtype '>f4' is not supported");
}

TEST_F(NpyTest, RejectsUnsupportedDtype) {
  expectReject(makeNpy(dictFor("<c8", "(1,)"), std::string(8, '\0')),
               "unsupported dtype '<c8' (expected float32 '<f4'");
}

TEST_F(NpyTest, RejectsTruncatedData) {
  expectReject(makeNpy(dictFor("<f4", "(3, 4)"), std::string(44, '\0')),
               "truncated data: shape (3, 4) of '<f4' needs 48 bytes, the "
               "file has 44");
}

TEST_F(NpyTest, RejectsTrailingData) {
  expectReject(makeNpy(dictFor("<f8", "(2,)"), std::string(17, '\0')),
               "trailing data: shape (2,) of '<f8' needs 16 bytes, the file "
               "has 17");
}

TEST_F(NpyTest, RejectsZeroDimensional) {
  expectReject(makeNpy(dictFor("<f4", "()"), leBytes<float>({1.0f})),
               "0-d array (shape ()) is not supported");
}

// Header dicts NumPy would not write (or not read) are malformed.
TEST_F(NpyTest, RejectsMalformedHeaders) {
  struct Case {
    const char *dict;
    const char *needle;
  } cases[] = {
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}",
       "unexpected key 'x'"},
      {"{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, "
       "'shape': (1,)}",
       "duplicate key 'descr'"},
      {"{'descr': '<f4', 'fortran_order': False}", "missing key 'shape'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1)}",
       "'shape' (1) is not a tuple"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}",
       "'shape' must be a tuple of non-negative integers"},
      {"{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}",
       "'fortran_order' must be True or False"},
      {"{'descr': '<f4' 'fortran_order': False, 'shape': (1,)}",
       "expected ',' or '}' after the value of 'descr'"},
      {"['descr', '<f4']", "header is not a dict literal"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} x",
       "unexpected text after the dict"},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(c.dict);
    expectReject(makeNpy(c.dict, leBytes<float>({1.0f})), c.needle);
  }
}

TEST_F(NpyTest, WriteRejectsInconsistentArrays) {
  std::string error;
  Array scalar{{}, {1.0f}};
  EXPECT_FALSE(writeNpy(dir.path("s.npy"), scalar, &error));
  EXPECT_NE(error.find("cannot write a 0-d array"), std::string::npos) << error;
  Array mismatch{{2, 3}, {1.0f, 2.0f}};
  EXPECT_FALSE(writeNpy(dir.path("m.npy"), mismatch, &error));
  EXPECT_NE(error.find("cannot write shape (2, 3) (6 elements) with 2 data "
                       "elements"),
            std::string::npos)
      << error;
  Array ok{{1}, {1.0f}};
  std::string unwritable = dir.path("no/such/dir/x.npy");
  EXPECT_FALSE(writeNpy(unwritable, ok, &error));
  EXPECT_EQ(error, unwritable + ": cannot write: folder '" + dir.path("no/such/dir") +
                       "' does not exist");
}

// Feeds `bytes` through a FIFO from another thread, as `cat x.npy | snnc run`
// would: the reader cannot seek and sees the data in pieces.
class FifoFeeder {
public:
  FifoFeeder(const std::string &path, std::string bytes) : path(path) {
    // A reader that stops early must not kill the test with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    made = ::mkfifo(path.c_str(), 0600) == 0;
    if (made)
      writer = std::thread([this, bytes = std::move(bytes)] {
        int fd = ::open(this->path.c_str(), O_WRONLY);
        if (fd < 0)
          return;
        // Small writes, so that reads return short counts.
        for (size_t at = 0; at < bytes.size();) {
          ssize_t n = ::write(fd, bytes.data() + at, std::min<size_t>(7, bytes.size() - at));
          if (n <= 0)
            break;
          at += size_t(n);
        }
        ::close(fd);
      });
  }
  ~FifoFeeder() {
    if (writer.joinable())
      writer.join();
  }
  bool ok() const { return made; }

private:
  std::string path;
  bool made = false;
  std::thread writer;
};

// Reads all rows of `reader` in chunks of `chunk` rows.
bool readChunked(NpyReader &reader, int64_t chunk, std::vector<float> &all,
                 std::string &error) {
  std::vector<float> buffer(size_t(chunk * reader.rowElements()));
  int64_t count;
  do {
    if (!reader.readRows(chunk, buffer.data(), &count, &error))
      return false;
    all.insert(all.end(), buffer.begin(), buffer.begin() + count * reader.rowElements());
  } while (count > 0);
  return reader.finish(&error);
}

// Every dtype the reader converts, in every format version, read in chunks of
// 1 to 5 rows, gives the whole read's values.
TEST_F(NpyTest, ChunkedReadEqualsWholeRead) {
  const std::string shape = "(5, 2, 3)";
  std::vector<int64_t> ints(30);
  for (int i = 0; i < 30; ++i)
    ints[i] = i * 7 - 40;
  std::string f4, f8, i4, i8, u1;
  for (int64_t v : ints) {
    f4 += leBytes<float>({float(v) * 0.25f});
    f8 += leBytes<double>({double(v) * 0.1});
    i4 += leBytes<int32_t>({int32_t(v)});
    i8 += leBytes<int64_t>({v * (int64_t(1) << 33)}); // beyond int32, negative too
    u1 += static_cast<char>(v & 0xFF);
  }
  const std::pair<const char *, std::string> dtypes[] = {
      {"<f4", f4}, {"<f8", f8}, {"<i4", i4}, {"<i8", i8}, {"|u1", u1}};
  for (const auto &[descr, data] : dtypes) {
    for (int major = 1; major <= 3; ++major) {
      SCOPED_TRACE(std::string(descr) + " version " + std::to_string(major));
      std::string path = dir.path("c.npy"), error;
      ASSERT_TRUE(writeFile(path, makeNpy(dictFor(descr, shape), data, major)));
      Array whole;
      ASSERT_TRUE(readNpy(path, whole, &error)) << error;
      for (int64_t chunk = 1; chunk <= 5; ++chunk) {
        NpyReader reader;
        ASSERT_TRUE(reader.open(path, &error)) << error;
        EXPECT_EQ(reader.shape(), std::vector<int64_t>({5, 2, 3}));
        EXPECT_EQ(reader.rowElements(), 6);
        std::vector<float> all;
        ASSERT_TRUE(readChunked(reader, chunk, all, error)) << error;
        EXPECT_EQ(all, whole.data) << "chunk " << chunk;
      }
    }
  }
}

// A FIFO cannot seek: the reader parses the header and reads the rows as they
// arrive, and the result equals reading the same bytes from a file.
TEST_F(NpyTest, ReadsFromFifo) {
  std::string bytes = makeNpy(dictFor("<f8", "(4, 3)"),
                              leBytes<double>({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}), 2);
  std::string path = dir.path("x.fifo"), error;
  std::vector<float> all;
  {
    FifoFeeder feeder(path, bytes);
    ASSERT_TRUE(feeder.ok());
    NpyReader reader;
    ASSERT_TRUE(reader.open(path, &error)) << error;
    ASSERT_TRUE(readChunked(reader, 3, all, error)) << error;
  }
  EXPECT_EQ(all, std::vector<float>({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
  // readNpy shares the reader, so it takes a FIFO too.
  Array a;
  FifoFeeder again(dir.path("y.fifo"), bytes);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(readNpy(dir.path("y.fifo"), a, &error)) << error;
  EXPECT_EQ(a.data, all);
}

// A regular file's size is checked when it is opened, before any row is read.
TEST_F(NpyTest, TruncatedFileFoundAtOpen) {
  std::string path = dir.path("t.npy"), error;
  ASSERT_TRUE(writeFile(path, makeNpy(dictFor("<f4", "(3, 4)"), std::string(44, '\0'))));
  NpyReader reader;
  EXPECT_FALSE(reader.open(path, &error));
  EXPECT_EQ(error, path + ": truncated data: shape (3, 4) of '<f4' needs 48 bytes, the file "
                          "has 44");
}

// A stream's size is unknown up front: a short data section is found by the
// read that runs out, trailing bytes by finish().
TEST_F(NpyTest, StreamSizeCheckedAtTheEnd) {
  std::string error;
  std::vector<float> buffer(8);
  int64_t count;
  {
    std::string path = dir.path("short.fifo");
    FifoFeeder feeder(path, makeNpy(dictFor("<i4", "(3, 4)"), std::string(44, '\0')));
    ASSERT_TRUE(feeder.ok());
    NpyReader reader;
    ASSERT_TRUE(reader.open(path, &error)) << error;
    ASSERT_TRUE(reader.readRows(2, buffer.data(), &count, &error)) << error;
    EXPECT_EQ(count, 2);
    EXPECT_FALSE(reader.readRows(2, buffer.data(), &count, &error));
    EXPECT_EQ(error, path + ": truncated data: shape (3, 4) of '<i4' needs 48 bytes, the "
                            "file has 44");
  }
  {
    std::string path = dir.path("long.fifo");
    FifoFeeder feeder(path, makeNpy(dictFor("<f4", "(2, 4)"), std::string(37, '\0')));
    ASSERT_TRUE(feeder.ok());
    NpyReader reader;
    ASSERT_TRUE(reader.open(path, &error)) << error;
    ASSERT_TRUE(reader.readRows(2, buffer.data(), &count, &error)) << error;
    EXPECT_FALSE(reader.finish(&error));
    EXPECT_EQ(error, path + ": trailing data: shape (2, 4) of '<f4' needs 32 bytes, the "
                            "file has 37");
  }
}

// With rejectNonFinite the reader names the sample, the element and the value;
// without it (readNpy) NaN is data like any other.
TEST_F(NpyTest, RejectsNonFiniteInputs) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  struct Case {
    std::string descr, data, value;
  } cases[] = {
      {"<f4", leBytes<float>({0, 1, 2, 3, 4, 5, 6, nan}), "NaN"},
      {"<f4", leBytes<float>({0, 1, 2, 3, 4, 5, 6, -inf}), "-Inf"},
      {"<f8", leBytes<double>({0, 1, 2, 3, 4, 5, 6, double(inf)}), "Inf"},
      {"<f8", leBytes<double>({0, 1, 2, 3, 4, 5, 6, 1e300}), "1e+300 (beyond float32's range)"},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(c.descr + " " + c.value);
    std::string path = dir.path("n.npy"), error;
    ASSERT_TRUE(writeFile(path, makeNpy(dictFor(c.descr, "(4, 2)"), c.data)));
    NpyReader reader;
    reader.rejectNonFinite(true);
    ASSERT_TRUE(reader.open(path, &error)) << error;
    std::vector<float> buffer(4);
    int64_t count;
    // The first chunk (samples 0 and 1) is clean; the bad value is sample 3's
    // element 1.
    ASSERT_TRUE(reader.readRows(2, buffer.data(), &count, &error)) << error;
    EXPECT_FALSE(reader.readRows(2, buffer.data(), &count, &error));
    EXPECT_EQ(error, path + ": sample 3 holds " + c.value + " at element 1: inputs must be "
                            "finite");
    Array a;
    EXPECT_TRUE(readNpy(path, a, &error)) << error;
  }
}

// Rows written in chunks give the bytes writeNpy writes for the whole array.
TEST_F(NpyTest, ChunkedWriteEqualsWholeWrite) {
  Array a;
  a.shape = {5, 3};
  for (int i = 0; i < 15; ++i)
    a.data.push_back(float(i) - 7.5f);
  std::string whole = dir.path("whole.npy"), chunked = dir.path("chunked.npy"), error;
  ASSERT_TRUE(writeNpy(whole, a, &error)) << error;
  NpyWriter writer;
  ASSERT_TRUE(writer.open(chunked, a.shape, &error)) << error;
  EXPECT_EQ(writer.rowElements(), 3);
  ASSERT_TRUE(writer.writeRows(a.data.data(), 2, &error)) << error;
  ASSERT_TRUE(writer.writeRows(a.data.data() + 6, 0, &error)) << error;
  ASSERT_TRUE(writer.writeRows(a.data.data() + 6, 3, &error)) << error;
  ASSERT_TRUE(writer.commit(&error)) << error;
  EXPECT_EQ(readFile(chunked), readFile(whole));
  EXPECT_EQ(filesIn(dir.root()), std::vector<std::string>({"chunked.npy", "whole.npy"}));
}

// Too few or too many rows are refused, and the previous file survives.
TEST_F(NpyTest, WriterRefusesRowCountMismatch) {
  std::string path = dir.path("y.npy"), error;
  ASSERT_TRUE(writeFile(path, "previous"));
  std::vector<float> rows(9, 1.0f);
  {
    NpyWriter writer;
    ASSERT_TRUE(writer.open(path, {3, 3}, &error)) << error;
    ASSERT_TRUE(writer.writeRows(rows.data(), 2, &error)) << error;
    EXPECT_FALSE(writer.commit(&error));
    EXPECT_EQ(error, path + ": cannot write: 2 rows given for shape (3, 3)");
  }
  {
    NpyWriter writer;
    ASSERT_TRUE(writer.open(path, {2, 3}, &error)) << error;
    ASSERT_TRUE(writer.writeRows(rows.data(), 2, &error)) << error;
    EXPECT_FALSE(writer.writeRows(rows.data(), 1, &error));
    EXPECT_EQ(error, path + ": cannot write 3 rows: shape (2, 3) holds 2");
    EXPECT_FALSE(writer.commit(&error));
  }
  EXPECT_EQ(readFile(path), "previous");
  EXPECT_EQ(filesIn(dir.root()), std::vector<std::string>({"y.npy"}));
}

// A disk that fills up mid-write (a file-size limit) fails the write with one
// line and leaves the previous file byte for byte, with no temporary behind.
TEST_F(NpyTest, FullDiskKeepsPreviousFile) {
  std::string path = dir.path("y.npy"), error;
  Array previous{{2}, {1.0f, 2.0f}};
  ASSERT_TRUE(writeNpy(path, previous, &error)) << error;
  const std::string before = readFile(path);
  std::vector<float> rows(1000, 0.5f);
  {
    FileSizeLimit limit(4096);
    NpyWriter writer;
    ASSERT_TRUE(writer.open(path, {10, 1000}, &error)) << error;
    bool ok = true;
    for (int i = 0; i < 10 && ok; ++i)
      ok = writer.writeRows(rows.data(), 1, &error);
    EXPECT_FALSE(ok && writer.commit(&error));
  }
  EXPECT_NE(error.find(path + ": cannot write: file too large"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos);
  EXPECT_EQ(readFile(path), before);
  EXPECT_EQ(filesIn(dir.root()), std::vector<std::string>({"y.npy"}));
  // writeNpy goes through the same writer.
  Array big{{100000}, std::vector<float>(100000, 3.0f)};
  {
    FileSizeLimit limit(4096);
    EXPECT_FALSE(writeNpy(path, big, &error));
  }
  EXPECT_EQ(readFile(path), before);
  EXPECT_EQ(filesIn(dir.root()), std::vector<std::string>({"y.npy"}));
}

} // namespace
