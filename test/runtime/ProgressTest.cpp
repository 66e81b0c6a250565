// Unit tests for the progress bar and the per-epoch summary line.
#include "runtime/Progress.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstdio>
#include <string>

using namespace snn::rt;

namespace {

std::string contents(std::FILE *f) {
  std::fflush(f);
  std::rewind(f);
  std::string s;
  char buf[256];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0)
    s.append(buf, n);
  return s;
}

// The summary line has the documented format, accuracies given as fractions.
TEST(ProgressTest, EpochSummaryFormat) {
  EXPECT_EQ(formatEpochSummary(3, 10, 0.41234, 0.85214, 0.849, 1234.4, 83.7),
            "epoch 3/10  loss 0.4123  train 85.21%  test 84.90%  1234 "
            "samples/s  elapsed 00:01:23");
  EXPECT_EQ(formatEpochSummary(100, 100, 0.0, 1.0, NAN, 0.0, 3600.0 * 27 + 5),
            "epoch 100/100  loss 0.0000  train 100.00%  test n/a  0 "
            "samples/s  elapsed 27:00:05");
}

TEST(ProgressTest, Durations) {
  EXPECT_EQ(formatDuration(0), "00:00:00");
  EXPECT_EQ(formatDuration(59.99), "00:00:59");
  EXPECT_EQ(formatDuration(3661), "01:01:01");
  EXPECT_EQ(formatDuration(360000), "100:00:00");
  EXPECT_EQ(formatDuration(-3), "00:00:00");
  EXPECT_EQ(formatDuration(INFINITY), "00:00:00");
}

TEST(ProgressTest, ProgressLineFormat) {
  EXPECT_EQ(formatProgressLine(3, 10, 120, 240, 0.41234, 1234, 9.2),
            "epoch 3/10 [##########..........] 120/240  loss 0.4123  1234 "
            "samples/s  eta 00:00:09");
  EXPECT_EQ(formatProgressLine(1, 1, 5, 5, 1, 0, 0),
            "epoch 1/1 [####################] 5/5  loss 1.0000  0 samples/s  "
            "eta 00:00:00");
}

// Off a terminal nothing at all is written per batch, so logs stay clean.
TEST(ProgressTest, DisabledWritesNothing) {
  std::FILE *f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    ProgressBar bar(/*enabled=*/false, f);
    bar.beginEpoch(1, 2, 3);
    for (int i = 1; i <= 3; ++i)
      bar.update(i, 10 * i, 0.5);
    bar.clear();
  }
  EXPECT_EQ(contents(f), "");
  std::fclose(f);
}

// On a terminal one line is redrawn with '\r', throttled except for the last
// batch, and erased by clear().
TEST(ProgressTest, EnabledRedrawsOneLine) {
  std::FILE *f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  ProgressBar bar(/*enabled=*/true, f, std::chrono::hours(1));
  bar.beginEpoch(2, 5, 4);
  for (int i = 1; i <= 4; ++i)
    bar.update(i, 50 * i, 0.25);
  bar.clear();
  const std::string out = contents(f);
  std::fclose(f);
  // Drawn for batch 1 (first) and batch 4 (last) only; no newline anywhere.
  EXPECT_EQ(out.find('\n'), std::string::npos);
  EXPECT_NE(out.find("\repoch 2/5 [#####...............] 1/4  loss 0.2500"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\repoch 2/5 [####################] 4/4  loss 0.2500"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("2/4"), std::string::npos) << out;
  EXPECT_EQ(out.substr(out.size() - 4), "\r\033[K");
}

} // namespace
