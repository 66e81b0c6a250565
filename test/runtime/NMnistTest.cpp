// Unit tests for the pre-binned N-MNIST loader: binning rules, order, errors.
#include "runtime/NMnist.h"

#include "test/runtime/TestUtil.h"

#include "gtest/gtest.h"

#include <filesystem>
#include <set>
#include <tuple>

using namespace snn::rt;
using snn::rt::test::ScratchDir;

namespace {

const std::string kLayout =
    "expected DIR/train/<label>/*.txt and DIR/test/<label>/*.txt with <label> "
    "a directory named 0..9";

using Event = std::tuple<int64_t, int64_t, int64_t, int64_t>; // pol,row,col,t

// The (pol, row, col, t) positions holding a 1 in sample `i`; fails the test
// on any value other than 0 or 1.
std::set<Event> eventsOf(const Dataset &d, int64_t i) {
  const int64_t t = d.images.shape()[4];
  const int64_t per = kNMnistChannels * t;
  std::vector<float> sample(static_cast<size_t>(per));
  d.images.decode(i, 1, sample.data());
  std::set<Event> events;
  for (int64_t k = 0; k < per; ++k) {
    float v = sample[k];
    if (v == 0.0f)
      continue;
    EXPECT_EQ(v, 1.0f) << "at flat index " << k;
    events.insert({k / (t * kNMnistSide * kNMnistSide),
                   k / (t * kNMnistSide) % kNMnistSide, k / t % kNMnistSide,
                   k % t});
  }
  return events;
}

class NMnistTest : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(dir.ok()); }

  // Writes `text` to DIR/`rel`, creating the directories above it.
  void put(const std::string &rel, const std::string &text) {
    std::string path = dir.path(rel);
    std::error_code ec;
    std::filesystem::create_directories(
        std::filesystem::path(path).parent_path(), ec);
    ASSERT_FALSE(ec) << ec.message();
    ASSERT_TRUE(snn::rt::test::writeFile(path, text)) << path;
  }

  void mkdir(const std::string &rel) {
    std::error_code ec;
    std::filesystem::create_directories(dir.path(rel), ec);
    ASSERT_FALSE(ec) << ec.message();
  }

  // Loads the training split with T steps and expects `expected` as error.
  void expectTrainFails(int64_t timeSteps, const std::string &expected) {
    Dataset d;
    std::string error;
    EXPECT_FALSE(loadNMnistSplit(dir.root(), true, timeSteps, d, &error));
    EXPECT_EQ(error, expected);
  }

  ScratchDir dir;
};

// Each rule of spec §2.1 on one sample: 1-based ids, row = pos/34,
// col = pos%34, second polarity, bin b -> step b-1, the stop at the first
// bin >= T (dropping later in-range bins), bin 0 -> last step, duplicates,
// blank lines and mixed separators.
TEST_F(NMnistTest, EventsLandWhereTheReferencePutsThem) {
  put("train/7/s.txt", "1 1 2\n"     // pos 0: (0,0,0) at t 0, 1
                       "36 3\n"      // pos 35: row 1, col 1
                       "35\t2 5 1\n" // pos 34: row 1, col 0; 5 stops, 1 lost
                       "\n"
                       "  \t \r\n"
                       "1157 4\n"     // pos 1156: second polarity, (0,0)
                       "2312 1 4\n"   // last channel: (1,33,33)
                       "70 0\n"       // pos 69: row 2, col 1; bin 0 -> t 4
                       "3 2 2 2\n"    // duplicates collapse
                       "\t100 3 \r\n" // pos 99: row 2, col 31
                       "2 4 0 7");    // no final newline; bin 0 -> t 4
  Dataset d;
  std::string error;
  ASSERT_TRUE(loadNMnistSplit(dir.root(), true, 5, d, &error)) << error;
  EXPECT_EQ(d.images.shape(), (std::vector<int64_t>{1, 2, 34, 34, 5}));
  EXPECT_EQ(d.images.decodeAll().size(), size_t(2 * 34 * 34 * 5));
  EXPECT_TRUE(d.images.isBits());
  EXPECT_EQ(d.images.memoryBytes(), size_t(2 * 34 * 34 * 5 / 8)) << "events are kept as bits";
  EXPECT_EQ(d.labels, std::vector<int32_t>{7});
  EXPECT_EQ(d.numClasses, 10);
  std::set<Event> expected = {
      {0, 0, 0, 0}, {0, 0, 0, 1},   {0, 1, 1, 2},   {0, 1, 0, 1},
      {1, 0, 0, 3}, {1, 33, 33, 0}, {1, 33, 33, 3}, {0, 2, 1, 4},
      {0, 0, 2, 1}, {0, 2, 31, 2},  {0, 0, 1, 3},   {0, 0, 1, 4},
  };
  EXPECT_EQ(eventsOf(d, 0), expected);
}

// With T = 1 every bin >= 1 stops the line and only bin 0 (wrapping to the
// single step) is kept.
TEST_F(NMnistTest, SingleStepKeepsOnlyBinZero) {
  put("train/0/a.txt", "1 0\n2 1 0\n");
  Dataset d;
  std::string error;
  ASSERT_TRUE(loadNMnistSplit(dir.root(), true, 1, d, &error)) << error;
  EXPECT_EQ(eventsOf(d, 0), (std::set<Event>{{0, 0, 0, 0}}));
}

// A file without bins or without lines is a valid, silent sample.
TEST_F(NMnistTest, SamplesWithoutEventsAreZero) {
  put("test/4/a.txt", "");
  put("test/4/b.txt", "5\n\n17\n");
  Dataset d;
  std::string error;
  ASSERT_TRUE(loadNMnistSplit(dir.root(), false, 3, d, &error)) << error;
  EXPECT_EQ(d.labels, (std::vector<int32_t>{4, 4}));
  EXPECT_TRUE(eventsOf(d, 0).empty());
  EXPECT_TRUE(eventsOf(d, 1).empty());
}

// Samples come by increasing label, then by byte-wise file name, whatever
// order they were created in; hidden entries, stray files and non-.txt files
// are skipped; train and test are separate directories.
TEST_F(NMnistTest, OrderIsDeterministicAndStrayEntriesAreIgnored) {
  // Each sample's only event is at channel `marker`, step 0.
  put("train/9/a.txt", "9 1\n");
  put("train/3/b.txt", "4 1\n");
  put("train/0/z.txt", "1 1\n");
  put("train/3/a.txt", "3 1\n");
  put("train/3/10.txt", "2 1\n");
  put("train/README", "not a sample\n");
  put("train/.cache/x.txt", "bad\n");
  put("train/3/notes.md", "bad\n");
  put("train/3/.hidden.txt", "bad\n");
  put("train/3/.txt", "bad\n");
  mkdir("train/3/dir.txt");
  mkdir("train/5");
  put("test/1/a.txt", "6 2\n");

  Dataset d;
  std::string error;
  ASSERT_TRUE(loadNMnistSplit(dir.root(), true, 2, d, &error)) << error;
  EXPECT_EQ(d.labels, (std::vector<int32_t>{0, 3, 3, 3, 9}));
  const int64_t markers[] = {1, 2, 3, 4, 9};
  for (int64_t i = 0; i < 5; ++i)
    EXPECT_EQ(eventsOf(d, i), (std::set<Event>{{0, 0, markers[i] - 1, 0}}))
        << "sample " << i;

  // Dataset::slice handles the 5-D images like the 4-D ones.
  Dataset mid = d.slice(1, 2);
  EXPECT_EQ(mid.images.shape(), (std::vector<int64_t>{2, 2, 34, 34, 2}));
  EXPECT_EQ(mid.labels, (std::vector<int32_t>{3, 3}));
  EXPECT_EQ(eventsOf(mid, 1), (std::set<Event>{{0, 0, 2, 0}}));

  Dataset test;
  ASSERT_TRUE(loadNMnistSplit(dir.root(), false, 3, test, &error)) << error;
  EXPECT_EQ(test.labels, (std::vector<int32_t>{1}));
  EXPECT_EQ(eventsOf(test, 0), (std::set<Event>{{0, 0, 5, 1}}));
}

// A missing split directory names the path and the expected layout; so does
// a split that is a file; a null error pointer is allowed.
TEST_F(NMnistTest, MissingSplitDirectory) {
  put("train/0/a.txt", "1 1\n");
  Dataset d;
  std::string error;
  EXPECT_FALSE(loadNMnistSplit(dir.root(), false, 5, d, &error));
  EXPECT_EQ(error, dir.path("test") + ": no such directory (" + kLayout + ")");
  EXPECT_FALSE(loadNMnistSplit(dir.path("nowhere"), true, 5, d, nullptr));

  put("test", "a file\n");
  EXPECT_FALSE(loadNMnistSplit(dir.root(), false, 5, d, &error));
  EXPECT_EQ(error, dir.path("test") + ": not a directory (" + kLayout + ")");
}

// A directory in the split that is not a label is rejected rather than
// skipped, since skipping it would silently lose its samples; the smallest
// bad name is reported.
TEST_F(NMnistTest, BadLabelDirectoryIsRejected) {
  put("train/3/a.txt", "1 1\n");
  put("train/10/a.txt", "1 1\n");
  mkdir("train/x");
  expectTrainFails(5, dir.path("train/10") + ": not a label directory (" +
                          kLayout + ")");
}

// A split with label directories but no sample files is an error.
TEST_F(NMnistTest, EmptySplit) {
  mkdir("train/3");
  put("train/4/notes.md", "1 1\n");
  expectTrainFails(5, dir.path("train") + ": contains no samples (" + kLayout +
                          ")");
}

// Tokens that are not plain decimal integers are rejected with file:line;
// line numbers count blank lines.
TEST_F(NMnistTest, MalformedTokens) {
  for (const char *tok : {"x2", "1.5", "+3", "-", "3e2", "1,2", "0x1F"}) {
    put("train/0/a.txt", "1 1\n\n5 1 " + std::string(tok) + " 2\n");
    expectTrainFails(5, dir.path("train/0/a.txt") + ":3: malformed integer '" +
                            tok + "'");
  }
  put("train/0/a.txt", "abc 1\n");
  expectTrainFails(5,
                   dir.path("train/0/a.txt") + ":1: malformed integer 'abc'");
  put("train/0/a.txt", "5 99999999999999999999\n");
  expectTrainFails(5, dir.path("train/0/a.txt") +
                          ":1: integer '99999999999999999999' is too large");
}

// Channel ids are 1-based and at most 2312.
TEST_F(NMnistTest, ChannelIdOutOfRange) {
  const std::string file = dir.path("train/2/s.txt");
  put("train/2/s.txt", "0 1\n");
  expectTrainFails(5, file + ":1: channel id 0 out of range [1, 2312]");
  put("train/2/s.txt", "2312 1\n2313 1\n");
  expectTrainFails(5, file + ":2: channel id 2313 out of range [1, 2312]");
  put("train/2/s.txt", "-4 1\n");
  expectTrainFails(5, file + ":1: channel id -4 out of range [1, 2312]");
}

// Negative bins are errors, also after the stop at a late bin: validity of a
// file does not depend on T. A malformed token after the stop likewise.
TEST_F(NMnistTest, NegativeBinAndErrorsAfterTheStop) {
  const std::string file = dir.path("train/1/s.txt");
  put("train/1/s.txt", "5 1 -2\n");
  expectTrainFails(5, file + ":1: negative time bin -2");
  put("train/1/s.txt", "5 1 9 -1\n");
  expectTrainFails(5, file + ":1: negative time bin -1");
  put("train/1/s.txt", "5 9 y\n");
  expectTrainFails(5, file + ":1: malformed integer 'y'");
}

// The error names the first bad file in load order.
TEST_F(NMnistTest, FirstBadFileIsReported) {
  put("train/1/a.txt", "5 1\n");
  put("train/1/b.txt", "5 q\n");
  put("train/2/a.txt", "0\n");
  expectTrainFails(5, dir.path("train/1/b.txt") + ":1: malformed integer 'q'");
}

// T must be positive.
TEST_F(NMnistTest, NonPositiveTimeSteps) {
  put("train/0/a.txt", "1 1\n");
  expectTrainFails(0, "N-MNIST: time steps must be positive, got 0");
}

} // namespace
