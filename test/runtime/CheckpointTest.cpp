// Unit tests for checkpoints: round trip, damaged files, atomic replacement.
#include "runtime/Checkpoint.h"

#include "TestUtil.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <sys/stat.h>
#include <zlib.h>

using namespace snn::rt;
using namespace snn::rt::test;

namespace {

Checkpoint sample() {
  Checkpoint c;
  c.model = "784-400-400-10 --tau-m 5\nwith a newline and \xc3\xa9";
  c.settings = "batch=100\nlr=0.0002\n";
  c.epoch = 3;
  c.globalStep = 3600;
  c.rngState = {0x0123456789abcdefull, 1, 0xffffffffffffffffull, 42};
  c.optimizerConfig.lr = 2e-4;
  c.optimizerConfig.weightDecay = 0.0;
  c.optimizerConfig.clip = 0.5;
  c.optimizerState.step = 3600;
  c.params.push_back({"fc1.weight", {{2, 3}, {1, -2, 3.5f, -0.0f, 1e-30f, 4}}});
  c.params.push_back(
      {"fc2.weight",
       {{3}, {std::numeric_limits<float>::infinity(), 0.25f, -7}}});
  c.params.push_back({"empty", {{0, 5}, {}}});
  for (const CheckpointParam &p : c.params) {
    std::vector<float> m(p.value.data.size()), v(p.value.data.size());
    for (std::size_t i = 0; i < m.size(); ++i) {
      m[i] = 0.1f * (i + 1);
      v[i] = 0.01f * (i + 2);
    }
    c.optimizerState.m.push_back(m);
    c.optimizerState.v.push_back(v);
  }
  return c;
}

bool sameBits(const std::vector<float> &a, const std::vector<float> &b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), 4 * a.size()) == 0);
}

uint32_t crc32Of(const std::string &bytes) {
  return static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef *>(bytes.data()), static_cast<uInt>(bytes.size())));
}

void expectEqual(const Checkpoint &a, const Checkpoint &b) {
  EXPECT_EQ(a.model, b.model);
  EXPECT_EQ(a.settings, b.settings);
  EXPECT_EQ(a.epoch, b.epoch);
  EXPECT_EQ(a.globalStep, b.globalStep);
  EXPECT_EQ(a.rngState, b.rngState);
  const OptimizerConfig &x = a.optimizerConfig, &y = b.optimizerConfig;
  EXPECT_EQ(x.kind, y.kind);
  EXPECT_EQ(x.lr, y.lr);
  EXPECT_EQ(x.beta1, y.beta1);
  EXPECT_EQ(x.beta2, y.beta2);
  EXPECT_EQ(x.eps, y.eps);
  EXPECT_EQ(x.weightDecay, y.weightDecay);
  EXPECT_EQ(x.clip, y.clip);
  EXPECT_EQ(x.weightClamp, y.weightClamp);
  EXPECT_EQ(a.optimizerState.step, b.optimizerState.step);
  ASSERT_EQ(a.optimizerState.m.size(), b.optimizerState.m.size());
  ASSERT_EQ(a.optimizerState.v.size(), b.optimizerState.v.size());
  for (std::size_t i = 0; i < a.optimizerState.m.size(); ++i) {
    EXPECT_TRUE(sameBits(a.optimizerState.m[i], b.optimizerState.m[i]));
    EXPECT_TRUE(sameBits(a.optimizerState.v[i], b.optimizerState.v[i]));
  }
  ASSERT_EQ(a.params.size(), b.params.size());
  for (std::size_t i = 0; i < a.params.size(); ++i) {
    EXPECT_EQ(a.params[i].name, b.params[i].name);
    EXPECT_EQ(a.params[i].value.shape, b.params[i].value.shape);
    EXPECT_TRUE(sameBits(a.params[i].value.data, b.params[i].value.data))
        << a.params[i].name;
  }
}

bool exists(const std::string &path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

// Every field survives a save/load round trip bit for bit, including -0,
// infinity, an empty tensor and a model text with a newline and UTF-8.
TEST(CheckpointTest, RoundTrip) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.path("model.ckpt");
  const Checkpoint c = sample();
  std::string error;
  ASSERT_TRUE(saveCheckpoint(path, c, &error)) << error;
  Checkpoint loaded;
  ASSERT_TRUE(loadCheckpoint(path, loaded, &error)) << error;
  expectEqual(c, loaded);
}

// An SGD run has no moments; that round-trips too.
TEST(CheckpointTest, RoundTripWithoutMoments) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  Checkpoint c = sample();
  c.optimizerConfig.kind = OptimizerConfig::SGD;
  c.optimizerState.m.clear();
  c.optimizerState.v.clear();
  std::string error;
  ASSERT_TRUE(saveCheckpoint(dir.path("c"), c, &error)) << error;
  Checkpoint loaded;
  ASSERT_TRUE(loadCheckpoint(dir.path("c"), loaded, &error)) << error;
  expectEqual(c, loaded);
}

// The file starts with the magic and a little-endian version 2.
TEST(CheckpointTest, HeaderLayout) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  std::string error;
  ASSERT_TRUE(saveCheckpoint(dir.path("c"), sample(), &error)) << error;
  const std::string bytes = readFile(dir.path("c"));
  EXPECT_EQ(bytes.substr(0, 12), std::string("SNNCKPT1\x02\0\0\0", 12));
}

// Every proper prefix of a valid file is rejected with a clear message,
// never read past its end.
TEST(CheckpointTest, TruncatedFile) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  std::string error;
  ASSERT_TRUE(saveCheckpoint(dir.path("c"), sample(), &error)) << error;
  const std::string bytes = readFile(dir.path("c"));
  const std::string cut = dir.path("cut");
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    ASSERT_TRUE(writeFile(cut, bytes.substr(0, n)));
    Checkpoint loaded;
    error.clear();
    EXPECT_FALSE(loadCheckpoint(cut, loaded, &error)) << n;
    EXPECT_EQ(error.rfind(cut + ": ", 0), 0u) << error;
    if (n >= 8) {
      EXPECT_NE(error.find("truncated checkpoint"), std::string::npos)
          << n << ": " << error;
    }
  }
  ASSERT_TRUE(writeFile(cut, bytes.substr(0, 16)));
  Checkpoint loaded;
  EXPECT_FALSE(loadCheckpoint(cut, loaded, &error));
  EXPECT_EQ(error, cut + ": truncated checkpoint: the file ends inside the "
                         "model description (16 bytes, reading at byte 12)");
}

TEST(CheckpointTest, BadMagic) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  std::string error;
  ASSERT_TRUE(saveCheckpoint(dir.path("c"), sample(), &error)) << error;
  std::string bytes = readFile(dir.path("c"));
  bytes[7] = '2';
  ASSERT_TRUE(writeFile(dir.path("c"), bytes));
  Checkpoint loaded;
  EXPECT_FALSE(loadCheckpoint(dir.path("c"), loaded, &error));
  EXPECT_EQ(error, dir.path("c") + ": not an snnc checkpoint (the file does "
                                   "not start with \"SNNCKPT1\")");
}

TEST(CheckpointTest, WrongVersion) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  std::string error;
  ASSERT_TRUE(saveCheckpoint(dir.path("c"), sample(), &error)) << error;
  std::string bytes = readFile(dir.path("c"));
  bytes[8] = 3;
  ASSERT_TRUE(writeFile(dir.path("c"), bytes));
  Checkpoint loaded;
  EXPECT_FALSE(loadCheckpoint(dir.path("c"), loaded, &error));
  EXPECT_EQ(error, dir.path("c") + ": unsupported checkpoint version 3 (this "
                                   "snnc reads versions 1 to 2)");
}

// Version 1 files (no settings string) are still read; the CRC covers the
// version, so the test rewrites the file as version 1 would have been written.
TEST(CheckpointTest, ReadsVersion1) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  Checkpoint c = sample();
  c.settings.clear();
  std::string error;
  ASSERT_TRUE(saveCheckpoint(dir.path("c"), c, &error)) << error;
  std::string bytes = readFile(dir.path("c"));
  // Drop the empty settings string (8 bytes after the model string), set the
  // version to 1 and recompute the trailing CRC-32.
  const std::size_t settingsAt = 12 + 8 + c.model.size();
  bytes.erase(settingsAt, 8);
  bytes[8] = 1;
  bytes.resize(bytes.size() - 4);
  uint32_t crc = crc32Of(bytes);
  for (int i = 0; i < 4; ++i)
    bytes += static_cast<char>(crc >> (8 * i));
  ASSERT_TRUE(writeFile(dir.path("c"), bytes));
  Checkpoint loaded;
  ASSERT_TRUE(loadCheckpoint(dir.path("c"), loaded, &error)) << error;
  expectEqual(c, loaded);
}

// A flipped bit in the data is caught by the CRC; extra bytes are reported.
TEST(CheckpointTest, CorruptionAndTrailingBytes) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  std::string error;
  ASSERT_TRUE(saveCheckpoint(dir.path("c"), sample(), &error)) << error;
  const std::string bytes = readFile(dir.path("c"));

  std::string flipped = bytes;
  flipped[bytes.size() - 10] ^= 0x10;
  ASSERT_TRUE(writeFile(dir.path("c"), flipped));
  Checkpoint loaded;
  EXPECT_FALSE(loadCheckpoint(dir.path("c"), loaded, &error));
  EXPECT_EQ(error, dir.path("c") + ": corrupted checkpoint: checksum mismatch "
                                   "(the file was modified or damaged)");

  ASSERT_TRUE(writeFile(dir.path("c"), bytes + "xyz"));
  EXPECT_FALSE(loadCheckpoint(dir.path("c"), loaded, &error));
  EXPECT_EQ(error, dir.path("c") +
                       ": corrupted checkpoint: 3 unexpected bytes after the "
                       "end");
}

// A garbage count is reported as truncation before anything is allocated
// for it (the runtime has no exceptions, so bad_alloc would abort).
TEST(CheckpointTest, HugeCountsAreRejected) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  Checkpoint c;
  std::string error;
  ASSERT_TRUE(saveCheckpoint(dir.path("c"), c, &error)) << error;
  std::string bytes = readFile(dir.path("c"));
  // magic 8, version 4, model 8, settings 8, epoch 8, step 8, rng 32, kind
  // 4, 7 doubles 56, optimiser step 8: the moment count is at byte 144, the
  // parameter count at 152.
  ASSERT_EQ(bytes.size(), 164u);
  for (std::size_t at : {144u, 152u, 12u, 20u}) {
    std::string bad = bytes;
    std::memset(&bad[at], 0x7f, 8);
    ASSERT_TRUE(writeFile(dir.path("bad"), bad));
    Checkpoint loaded;
    EXPECT_FALSE(loadCheckpoint(dir.path("bad"), loaded, &error));
    EXPECT_NE(error.find("truncated checkpoint"), std::string::npos) << error;
  }
}

TEST(CheckpointTest, MissingFile) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  Checkpoint loaded;
  std::string error;
  EXPECT_FALSE(loadCheckpoint(dir.path("none"), loaded, &error));
  EXPECT_EQ(error, dir.path("none") +
                       ": cannot open checkpoint: No such file or directory");
}

// Saving goes through a temporary and a rename: afterwards only the
// checkpoint is in the folder, and a stale temporary left by an interrupted
// save neither breaks loading the previous checkpoint nor the next save.
TEST(CheckpointTest, SavesThroughTemporaryAndRename) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.path("c");
  Checkpoint first = sample();
  std::string error;
  ASSERT_TRUE(saveCheckpoint(path, first, &error)) << error;
  EXPECT_EQ(filesIn(dir.root()), std::vector<std::string>{"c"});

  // An interrupted save leaves a partial temporary; PATH is still complete.
  ASSERT_TRUE(writeFile(dir.path(".c.tmp-abcdef"), "SNNCKPT1 half-written"));
  Checkpoint loaded;
  ASSERT_TRUE(loadCheckpoint(path, loaded, &error)) << error;
  expectEqual(first, loaded);

  Checkpoint second = sample();
  second.epoch = 4;
  ASSERT_TRUE(saveCheckpoint(path, second, &error)) << error;
  EXPECT_EQ(filesIn(dir.root()), (std::vector<std::string>{".c.tmp-abcdef", "c"}));
  ASSERT_TRUE(loadCheckpoint(path, loaded, &error)) << error;
  EXPECT_EQ(loaded.epoch, 4);
}

// When the checkpoint cannot be written the old one is kept and the error
// names the checkpoint.
TEST(CheckpointTest, FailedSaveKeepsPrevious) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.path("c");
  std::string error;
  ASSERT_TRUE(saveCheckpoint(path, sample(), &error)) << error;
  const std::string before = readFile(path);

  Checkpoint next = sample();
  next.epoch = 9;
  {
    FileSizeLimit limit(64); // far below the checkpoint's size
    EXPECT_FALSE(saveCheckpoint(path, next, &error));
  }
  EXPECT_EQ(error, path + ": cannot write: file too large (file-size limit reached) (the "
                          "previous file, if any, is unchanged)");
  EXPECT_EQ(readFile(path), before);
  EXPECT_EQ(filesIn(dir.root()), std::vector<std::string>{"c"});

  EXPECT_FALSE(saveCheckpoint(dir.path("no/such/dir/c"), next, &error));
  EXPECT_EQ(error, dir.path("no/such/dir/c") + ": cannot write: folder '" +
                       dir.path("no/such/dir") + "' does not exist");
}

// Inconsistent input is refused before any file is touched.
TEST(CheckpointTest, RejectsInconsistentInput) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  std::string error;
  Checkpoint c = sample();
  c.params[0].value.data.pop_back();
  EXPECT_FALSE(saveCheckpoint(dir.path("c"), c, &error));
  EXPECT_EQ(error, dir.path("c") + ": cannot save checkpoint: parameter "
                                   "'fc1.weight' has shape of 6 elements but "
                                   "5 values");
  EXPECT_FALSE(exists(dir.path("c")));
  EXPECT_EQ(filesIn(dir.root()), std::vector<std::string>{});

  c = sample();
  c.optimizerState.v.pop_back();
  EXPECT_FALSE(saveCheckpoint(dir.path("c"), c, &error));
  EXPECT_EQ(error, dir.path("c") + ": cannot save checkpoint: optimizer "
                                   "moments for 3/2 tensors but 3 parameters");
}

} // namespace
