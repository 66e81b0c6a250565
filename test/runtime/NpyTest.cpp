// Unit tests for the .npy reader and writer: round trips, conversions, errors.
#include "runtime/Npy.h"

#include "test/runtime/TestUtil.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>

using namespace snn::rt;
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
  EXPECT_EQ(error, unwritable +
                       ": cannot open for writing: No such file or directory");
}

} // namespace
