// Unit tests for the IDX reader and the IDX-backed Dataset loader.
#include "runtime/Idx.h"
#include "runtime/Dataset.h"

#include "test/runtime/TestUtil.h"

#include "gtest/gtest.h"

#include <zlib.h>

#include <filesystem>

using namespace snn::rt;
using snn::rt::test::ScratchDir;
using snn::rt::test::writeFile;

namespace {

std::string be32(uint32_t v) {
  std::string s(4, '\0');
  for (int i = 0; i < 4; ++i)
    s[i] = static_cast<char>(v >> (24 - 8 * i));
  return s;
}

std::string idxBytes(uint32_t magic, const std::vector<uint32_t> &dims,
                     const std::string &payload) {
  std::string bytes = be32(magic);
  for (uint32_t d : dims)
    bytes += be32(d);
  return bytes + payload;
}

bool writeGzip(const std::string &path, const std::string &bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  if (!f)
    return false;
  bool ok = gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())) ==
            static_cast<int>(bytes.size());
  return gzclose(f) == Z_OK && ok;
}

// Image pixels whose value encodes the position, so order errors show up.
std::string pixelPattern(uint32_t n, uint32_t rows, uint32_t cols) {
  std::string s;
  for (uint32_t i = 0; i < n * rows * cols; ++i)
    s += static_cast<char>((i * 7) & 0xFF);
  return s;
}

class IdxTest : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(dir.ok()); }

  void writeSplit(const std::string &prefix, uint32_t n, uint32_t rows,
                  uint32_t cols, const std::string &labels, bool gzip) {
    writeSplitIn(dir, prefix, n, rows, cols, labels, gzip);
  }

  // Writes a split of `n` images of rows x cols with the given labels.
  static void writeSplitIn(const ScratchDir &dir, const std::string &prefix,
                           uint32_t n, uint32_t rows, uint32_t cols,
                           const std::string &labels, bool gzip) {
    std::string img =
        idxBytes(kIdxImagesMagic, {n, rows, cols}, pixelPattern(n, rows, cols));
    std::string lab = idxBytes(kIdxLabelsMagic,
                               {static_cast<uint32_t>(labels.size())}, labels);
    std::string imgPath = dir.path(prefix + "-images-idx3-ubyte");
    std::string labPath = dir.path(prefix + "-labels-idx1-ubyte");
    if (gzip) {
      ASSERT_TRUE(writeGzip(imgPath + ".gz", img));
      ASSERT_TRUE(writeGzip(labPath + ".gz", lab));
    } else {
      ASSERT_TRUE(writeFile(imgPath, img));
      ASSERT_TRUE(writeFile(labPath, lab));
    }
  }

  void expectReadIdxFails(const std::string &bytes,
                          const std::string &expectedError) {
    std::string path = dir.path("f-idx3-ubyte");
    ASSERT_TRUE(writeFile(path, bytes));
    IdxData data;
    std::string error;
    EXPECT_FALSE(readIdx(path, data, &error));
    EXPECT_EQ(error, path + ": " + expectedError);
  }

  ScratchDir dir;
};

TEST_F(IdxTest, ReadsPlainFile) {
  std::string path = dir.path("x-idx3-ubyte");
  std::string pixels = pixelPattern(2, 3, 4);
  ASSERT_TRUE(writeFile(path, idxBytes(kIdxImagesMagic, {2, 3, 4}, pixels)));
  IdxData data;
  std::string error;
  ASSERT_TRUE(readIdx(path, data, &error)) << error;
  EXPECT_EQ(data.magic, kIdxImagesMagic);
  EXPECT_EQ(data.dims, std::vector<uint32_t>({2, 3, 4}));
  EXPECT_EQ(std::string(data.bytes.begin(), data.bytes.end()), pixels);
  EXPECT_EQ(data.path, path);
}

// Asking for NAME finds NAME.gz and decompresses it.
TEST_F(IdxTest, FallsBackToGzip) {
  std::string path = dir.path("x-idx1-ubyte");
  std::string labels("\x03\x01\x04\x01\x05", 5);
  ASSERT_TRUE(writeGzip(path + ".gz", idxBytes(kIdxLabelsMagic, {5}, labels)));
  IdxData data;
  std::string error;
  ASSERT_TRUE(readIdx(path, data, &error)) << error;
  EXPECT_EQ(data.magic, kIdxLabelsMagic);
  EXPECT_EQ(data.dims, std::vector<uint32_t>({5}));
  EXPECT_EQ(std::string(data.bytes.begin(), data.bytes.end()), labels);
  EXPECT_EQ(data.path, path + ".gz");
}

TEST_F(IdxTest, MissingFileNamesBothCandidates) {
  std::string path = dir.path("absent-idx1-ubyte");
  IdxData data;
  std::string error;
  EXPECT_FALSE(readIdx(path, data, &error));
  EXPECT_EQ(error, "cannot open IDX file: tried " + path + " and " + path +
                       ".gz (No such file or directory)");
}

TEST_F(IdxTest, RejectsDirectory) {
  IdxData data;
  std::string error;
  EXPECT_FALSE(readIdx(dir.root(), data, &error));
  EXPECT_EQ(error, dir.root() + ": read error: Is a directory");
}

TEST_F(IdxTest, RejectsWrongMagic) {
  expectReadIdxFails(idxBytes(0x00000D03, {1, 1, 1}, "\x01"),
                     "bad magic 0x00000d03 (expected 0x00000801 for labels "
                     "or 0x00000803 for images)");
}

TEST_F(IdxTest, RejectsTruncatedHeader) {
  expectReadIdxFails(be32(kIdxImagesMagic) + be32(10),
                     "truncated: expected 12 bytes of dimensions, got 4");
  expectReadIdxFails(std::string("\x00\x00", 2),
                     "truncated: expected a 4-byte magic number, "
                     "got 2 bytes");
}

TEST_F(IdxTest, RejectsTruncatedData) {
  expectReadIdxFails(
      idxBytes(kIdxImagesMagic, {10, 28, 28}, std::string(100, '\x7f')),
      "truncated: expected 7840 bytes of pixels, got 100");
}

// A header announcing 4 GiB over a tiny file fails without allocating 4 GiB.
TEST_F(IdxTest, RejectsHugeAnnouncedSize) {
  expectReadIdxFails(
      idxBytes(kIdxLabelsMagic, {0xFFFFFFFFu}, std::string(10, '\x01')),
      "truncated: expected 4294967295 bytes of labels, got 10");
  expectReadIdxFails(idxBytes(kIdxImagesMagic, {65536, 65536, 65536}, ""),
                     "implausible dimensions (more than 17179869184 pixels)");
}

// A gzip stream cut short is reported as truncated, not silently accepted.
TEST_F(IdxTest, RejectsTruncatedGzipData) {
  std::string path = dir.path("t-idx1-ubyte");
  ASSERT_TRUE(writeGzip(
      path + ".gz", idxBytes(kIdxLabelsMagic, {50}, std::string(20, '\x01'))));
  IdxData data;
  std::string error;
  EXPECT_FALSE(readIdx(path, data, &error));
  EXPECT_EQ(error,
            path + ".gz: truncated: expected 50 bytes of labels, got 20");
}

TEST_F(IdxTest, RejectsTrailingData) {
  expectReadIdxFails(idxBytes(kIdxLabelsMagic, {2}, "\x01\x02\x03"),
                     "trailing data after the expected 2 bytes of labels");
}

// Both file layouts give the same normalised dataset.
TEST_F(IdxTest, LoadsSplitPlainAndGzip) {
  for (bool gzip : {false, true}) {
    SCOPED_TRACE(gzip ? "gzip" : "plain");
    ScratchDir local;
    ASSERT_TRUE(local.ok());
    writeSplitIn(local, "t10k", 3, 28, 28, std::string("\x00\x09\x04", 3),
                 gzip);
    Dataset ds;
    std::string error;
    ASSERT_TRUE(loadIdxSplit(local.root(), /*train=*/false, ds, &error))
        << error;
    EXPECT_EQ(ds.size(), 3);
    EXPECT_EQ(ds.numClasses, 10);
    EXPECT_EQ(ds.images.shape(), std::vector<int64_t>({3, 1, 28, 28}));
    EXPECT_EQ(ds.labels, std::vector<int32_t>({0, 9, 4}));
    std::string pixels = pixelPattern(3, 28, 28);
    std::vector<float> decoded = ds.images.decodeAll();
    ASSERT_EQ(decoded.size(), pixels.size());
    EXPECT_EQ(ds.images.memoryBytes(), pixels.size()) << "pixels are kept as bytes";
    for (size_t i = 0; i < pixels.size(); ++i)
      ASSERT_EQ(decoded[i],
                normalizePixel(static_cast<uint8_t>(pixels[i])));
  }
}

// The train flag selects the train-* files.
TEST_F(IdxTest, LoadsTrainSplit) {
  writeSplit("train", 2, 4, 5, std::string("\x01\x02", 2), false);
  Dataset ds;
  std::string error;
  ASSERT_TRUE(loadIdxSplit(dir.root(), /*train=*/true, ds, &error)) << error;
  EXPECT_EQ(ds.images.shape(), std::vector<int64_t>({2, 1, 4, 5}));
  EXPECT_FALSE(loadIdxSplit(dir.root(), /*train=*/false, ds, &error));
  EXPECT_NE(error.find("t10k-images-idx3-ubyte.gz"), std::string::npos)
      << error;
}

// Pixel 0 and 255 map to (0 - 0.1307)/0.3081 and (1 - 0.1307)/0.3081; the
// tolerance 1e-6 covers float32 rounding of values near 3 (ulp 2.4e-7). The
// exact values are what NumPy/PyTorch float32 arithmetic gives, so inputs
// match the reference implementation bit for bit.
TEST_F(IdxTest, NormalisesPixels) {
  EXPECT_NEAR(normalizePixel(0), -0.424212917883804, 1e-6);
  EXPECT_NEAR(normalizePixel(255), 2.82148653034729, 1e-6);
  EXPECT_EQ(normalizePixel(0), -0.42421296f);
  EXPECT_EQ(normalizePixel(255), 2.8214867f);
}

TEST_F(IdxTest, RejectsCountMismatch) {
  writeSplit("t10k", 3, 28, 28, std::string("\x00\x01", 2), false);
  Dataset ds;
  std::string error;
  EXPECT_FALSE(loadIdxSplit(dir.root(), false, ds, &error));
  EXPECT_EQ(error, dir.path("t10k-images-idx3-ubyte") + " has 3 images but " +
                       dir.path("t10k-labels-idx1-ubyte") + " has 2 labels");
}

TEST_F(IdxTest, RejectsLabelOutOfRange) {
  writeSplit("t10k", 3, 28, 28, std::string("\x00\x0c\x01", 3), false);
  Dataset ds;
  std::string error;
  EXPECT_FALSE(loadIdxSplit(dir.root(), false, ds, &error));
  EXPECT_EQ(error, dir.path("t10k-labels-idx1-ubyte") +
                       ": label 12 at index 1 is out of range [0, 10)");
}

// A labels file where images belong (e.g. swapped names) is caught.
TEST_F(IdxTest, RejectsLabelsInPlaceOfImages) {
  ASSERT_TRUE(writeFile(dir.path("t10k-images-idx3-ubyte"),
                        idxBytes(kIdxLabelsMagic, {1}, "\x01")));
  ASSERT_TRUE(writeFile(dir.path("t10k-labels-idx1-ubyte"),
                        idxBytes(kIdxLabelsMagic, {1}, "\x01")));
  Dataset ds;
  std::string error;
  EXPECT_FALSE(loadIdxSplit(dir.root(), false, ds, &error));
  EXPECT_EQ(error, dir.path("t10k-images-idx3-ubyte") +
                       ": holds labels, expected images (magic 0x00000803)");
}

TEST_F(IdxTest, RejectsEmptyImageSet) {
  writeSplit("t10k", 0, 28, 28, "", false);
  Dataset ds;
  std::string error;
  EXPECT_FALSE(loadIdxSplit(dir.root(), false, ds, &error));
  EXPECT_EQ(error, dir.path("t10k-images-idx3-ubyte") + ": contains no images");
}

TEST_F(IdxTest, SliceTakesASubsetAndClamps) {
  writeSplit("t10k", 4, 2, 2, std::string("\x00\x01\x02\x03", 4), false);
  Dataset ds;
  std::string error;
  ASSERT_TRUE(loadIdxSplit(dir.root(), false, ds, &error)) << error;
  Dataset mid = ds.slice(1, 2);
  EXPECT_EQ(mid.images.shape(), std::vector<int64_t>({2, 1, 2, 2}));
  EXPECT_EQ(mid.labels, std::vector<int32_t>({1, 2}));
  std::vector<float> full = ds.images.decodeAll();
  EXPECT_EQ(mid.images.decodeAll(), std::vector<float>(full.begin() + 4, full.begin() + 12));
  Dataset all = ds.slice(0, 1000);
  EXPECT_EQ(all.size(), 4);
  EXPECT_EQ(all.images.decodeAll(), full);
  EXPECT_EQ(ds.slice(3, 5).size(), 1);
  EXPECT_EQ(ds.slice(9, 5).size(), 0);
}

TEST(ResolveDatasetDirTest, MapsKnownNames) {
  std::string dir, error;
  ASSERT_TRUE(resolveDatasetDir("fashion-mnist", dir, &error));
  EXPECT_EQ(dir, "/usr/share/datasets/fashion-mnist");
  ASSERT_TRUE(resolveDatasetDir("mnist", dir, &error));
  EXPECT_EQ(dir, "/usr/share/datasets/mnist");
  ASSERT_TRUE(resolveDatasetDir("idx:/data/my set", dir, &error));
  EXPECT_EQ(dir, "/data/my set");
}

TEST(ResolveDatasetDirTest, RejectsUnknownNames) {
  std::string dir, error;
  EXPECT_FALSE(resolveDatasetDir("cifar10", dir, &error));
  EXPECT_EQ(error, "unknown dataset 'cifar10' (expected fashion-mnist, mnist "
                   "or idx:DIR)");
  EXPECT_FALSE(resolveDatasetDir("idx:", dir, &error));
  EXPECT_EQ(error, "dataset 'idx:' names no directory (expected idx:DIR)");
}

// The installed Fashion-MNIST test split: 10000 28x28 images, 1000 per class.
TEST(FashionMnistTest, LoadsInstalledTestSplit) {
  const std::string dir = "/usr/share/datasets/fashion-mnist";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    GTEST_SKIP() << dir << " is absent (Debian package dataset-fashion-mnist)";
  Dataset ds;
  std::string error;
  ASSERT_TRUE(loadIdxSplit(dir, /*train=*/false, ds, &error)) << error;
  EXPECT_EQ(ds.images.shape(), std::vector<int64_t>({10000, 1, 28, 28}));
  ASSERT_EQ(ds.size(), 10000);
  std::vector<int> histogram(10, 0);
  for (int32_t label : ds.labels)
    ++histogram[label];
  EXPECT_EQ(histogram, std::vector<int>(10, 1000));
  for (float x : ds.images.decodeAll())
    ASSERT_TRUE(x >= normalizePixel(0) && x <= normalizePixel(255));
}

} // namespace
