// Unit tests for AtomicFile: replacement, failure keeps the old file, unique temporaries.
#include "runtime/AtomicFile.h"

#include "TestUtil.h"

#include "gtest/gtest.h"

#include <sys/stat.h>

using namespace snn::rt;
using namespace snn::rt::test;

namespace {

TEST(AtomicFileTest, CommitReplacesTarget) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.path("out.bin");
  ASSERT_TRUE(writeFile(path, "old"));
  std::string error;
  ASSERT_TRUE(writeFileAtomically(path, "new contents", &error)) << error;
  EXPECT_EQ(readFile(path), "new contents");
  EXPECT_EQ(filesIn(dir.root()), std::vector<std::string>{"out.bin"});
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_NE(st.st_mode & 0044, 0u) << "a finished file gets the umask's mode, not 0600";
}

TEST(AtomicFileTest, FailedWriteKeepsPreviousFile) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.path("model.onnx");
  ASSERT_TRUE(writeFile(path, "the previous good model"));
  std::string error;
  {
    FileSizeLimit limit(8);
    EXPECT_FALSE(writeFileAtomically(path, std::string(4096, 'x'), &error));
  }
  EXPECT_EQ(error, path + ": cannot write: file too large (file-size limit reached) (the "
                          "previous file, if any, is unchanged)");
  EXPECT_EQ(readFile(path), "the previous good model");
  EXPECT_EQ(filesIn(dir.root()), std::vector<std::string>{"model.onnx"});
}

TEST(AtomicFileTest, DiscardAndDestructorLeaveNothing) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  std::string error;
  {
    AtomicFile file;
    ASSERT_TRUE(file.open(dir.path("a"), &error)) << error;
    file.write("partial");
  }
  AtomicFile other;
  ASSERT_TRUE(other.open(dir.path("b"), &error)) << error;
  other.discard();
  EXPECT_EQ(filesIn(dir.root()), std::vector<std::string>{});
}

TEST(AtomicFileTest, TwoWritersUseDistinctTemporaries) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.path("checkpoint.snnckpt");
  AtomicFile first, second;
  std::string error;
  ASSERT_TRUE(first.open(path, &error)) << error;
  ASSERT_TRUE(second.open(path, &error)) << error;
  EXPECT_NE(first.temporaryPath(), second.temporaryPath());
  first.write("one");
  second.write("two");
  ASSERT_TRUE(first.commit(&error)) << error;
  ASSERT_TRUE(second.commit(&error)) << error;
  EXPECT_EQ(readFile(path), "two");
}

TEST(AtomicFileTest, CheckOutputPathNamesTheProblem) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  std::string error;
  EXPECT_TRUE(checkOutputPath("--out", dir.path("x.onnx"), &error)) << error;
  EXPECT_EQ(filesIn(dir.root()), std::vector<std::string>{}) << "the probe is removed";
  EXPECT_FALSE(checkOutputPath("--out", dir.path("none/x.onnx"), &error));
  EXPECT_EQ(error, "--out " + dir.path("none/x.onnx") + ": cannot write: folder '" +
                       dir.path("none") + "' does not exist");
  EXPECT_FALSE(checkOutputPath("--output", dir.root(), &error));
  EXPECT_EQ(error, "--output " + dir.root() + ": cannot write: is a directory");
  ASSERT_TRUE(writeFile(dir.path("file"), ""));
  EXPECT_FALSE(checkOutputPath("-o", dir.path("file/x"), &error));
  EXPECT_EQ(error, "-o " + dir.path("file/x") + ": cannot write: '" + dir.path("file") +
                       "' is not a folder");
}

} // namespace
