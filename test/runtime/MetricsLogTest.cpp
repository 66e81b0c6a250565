// Unit tests for MetricsLog: new runs, resumed runs, foreign files, unwritable paths.
#include "runtime/MetricsLog.h"

#include "TestUtil.h"

#include "gtest/gtest.h"

using namespace snn::rt;
using namespace snn::rt::test;

namespace {

EpochMetrics row(int64_t epoch, double wall) {
  EpochMetrics m;
  m.epoch = epoch;
  m.loss = 0.25;
  m.trainAccuracy = 0.5;
  m.testAccuracy = 0.75;
  m.samplesPerSecond = 1234.5;
  m.learningRate = 5e-4;
  m.wallSeconds = wall;
  return m;
}

const std::string kHeader = std::string(MetricsLog::header()) + "\n";

TEST(MetricsLogTest, NewRunReplacesOldFileAndWritesEachRow) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  std::string path = dir.path("m.csv"), error;
  ASSERT_TRUE(writeFile(path, "old contents\n"));
  MetricsLog log;
  ASSERT_TRUE(log.open(path, -1, &error)) << error;
  EXPECT_EQ(readFile(path), kHeader) << "written at open, before any epoch";
  ASSERT_TRUE(log.append(row(1, 10.0), &error)) << error;
  EXPECT_EQ(readFile(path), kHeader + "1,0.25,0.500000,0.750000,1234.5,0.0005,10.000\n");
  ASSERT_TRUE(log.append(row(2, 20.5), &error)) << error;
  EXPECT_EQ(readFile(path), kHeader + "1,0.25,0.500000,0.750000,1234.5,0.0005,10.000\n" +
                                "2,0.25,0.500000,0.750000,1234.5,0.0005,20.500\n");
}

TEST(MetricsLogTest, ResumeKeepsCheckpointedRowsAndContinuesWallTime) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  std::string path = dir.path("m.csv"), error;
  {
    MetricsLog first;
    ASSERT_TRUE(first.open(path, -1, &error)) << error;
    for (int e = 1; e <= 3; ++e)
      ASSERT_TRUE(first.append(row(e, 10.0 * e), &error)) << error;
  }
  // The checkpoint holds 2 epochs: the row of epoch 3 was written after it and goes.
  MetricsLog resumed;
  ASSERT_TRUE(resumed.open(path, 2, &error)) << error;
  ASSERT_TRUE(resumed.append(row(3, 5.0), &error)) << error;
  EXPECT_EQ(readFile(path), kHeader + "1,0.25,0.500000,0.750000,1234.5,0.0005,10.000\n" +
                                "2,0.25,0.500000,0.750000,1234.5,0.0005,20.000\n" +
                                "3,0.25,0.500000,0.750000,1234.5,0.0005,25.000\n");
}

TEST(MetricsLogTest, ResumeWithoutFileStartsOne) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  std::string path = dir.path("m.csv"), error;
  MetricsLog log;
  ASSERT_TRUE(log.open(path, 4, &error)) << error;
  ASSERT_TRUE(log.append(row(5, 1.0), &error)) << error;
  EXPECT_EQ(readFile(path), kHeader + "5,0.25,0.500000,0.750000,1234.5,0.0005,1.000\n");
}

TEST(MetricsLogTest, ResumeRefusesForeignOrDamagedFilesAndKeepsThem) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  std::string path = dir.path("m.csv"), error;
  ASSERT_TRUE(writeFile(path, "a,b,c\n1,2,3\n"));
  MetricsLog log;
  EXPECT_FALSE(log.open(path, 1, &error));
  EXPECT_NE(error.find("not a snnc metrics file"), std::string::npos) << error;
  EXPECT_EQ(readFile(path), "a,b,c\n1,2,3\n");

  ASSERT_TRUE(writeFile(path, kHeader + "1,0.25,0.5,0.75,1,0.1,2\nbroken row\n"));
  error.clear();
  EXPECT_FALSE(log.open(path, 5, &error));
  EXPECT_NE(error.find("m.csv:3: not a metrics row"), std::string::npos) << error;

  ASSERT_TRUE(writeFile(path, kHeader + "2,0.25,0.5,0.75,1,0.1,2\n1,0.25,0.5,0.75,1,0.1,3\n"));
  error.clear();
  EXPECT_FALSE(log.open(path, 5, &error)) << "epochs must increase";
}

TEST(MetricsLogTest, UnwritablePathFailsAtOpen) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  std::string error;
  MetricsLog log;
  EXPECT_FALSE(log.open(dir.path("missing/m.csv"), -1, &error));
  EXPECT_NE(error.find("missing/m.csv"), std::string::npos) << error;
}

} // namespace
