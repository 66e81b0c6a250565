// Unit tests for the NIR file layer: write → read round trip, nesting, refusals.
#include "frontend/NIR/NIRFile.h"

#include "gtest/gtest.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace snn::nir;

namespace {

/// A file name in a fresh temporary folder, removed afterwards.
class TempPath {
public:
  explicit TempPath(const std::string &name) {
    char pattern[] = "/tmp/snn-nir-XXXXXX";
    dir = mkdtemp(pattern) ? pattern : "";
    path = dir + "/" + name;
  }
  ~TempPath() {
    std::remove(path.c_str());
    rmdir(dir.c_str());
  }
  std::string dir, path;
};

Node affine() {
  Node n;
  n.name = "fc";
  n.type = "Affine";
  n.fields["weight"] = Field::array({2, 3}, {1, 2, 3, 4, 5, 6.5});
  n.fields["bias"] = Field::array({2}, {0.25, -1});
  return n;
}

Node cubaLIF() {
  Node n;
  n.name = "lif";
  n.type = "CubaLIF";
  for (const char *key : {"tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "v_reset", "w_in"})
    n.fields[key] = Field::array({2}, {3, 3});
  return n;
}

TEST(NIRFileTest, RoundTripKeepsEveryFieldEdgeAndNestedGraph) {
  File file;
  file.version = "1.0.7";
  file.graph.type = "NIRGraph";
  Node input;
  input.name = "input";
  input.type = "Input";
  input.fields["shape"] = Field::array({1}, {3}, /*isInteger=*/true);
  Node inner;
  inner.name = "block";
  inner.type = "NIRGraph";
  inner.nodes = {affine(), cubaLIF()};
  inner.edges = {{"fc", "lif"}};
  Node conv;
  conv.name = "conv";
  conv.type = "Conv2d";
  conv.fields["groups"] = Field::scalar(1, /*isInteger=*/true);
  conv.fields["padding"] = Field::string("same");
  file.graph.nodes = {input, inner, conv};
  file.graph.edges = {{"input", "block"}, {"block", "conv"}};
  file.graph.metadata["dt"] = Field::scalar(1e-3);
  file.graph.metadata["integrator"] = Field::string("forward-euler");

  TempPath tmp("m.nir");
  std::string error;
  ASSERT_TRUE(writeFile(tmp.path, file, &error)) << error;
  File back;
  ASSERT_TRUE(readFile(tmp.path, back, &error)) << error;
  EXPECT_EQ(back.version, "1.0.7");
  EXPECT_EQ(back.graph.type, "NIRGraph");
  ASSERT_EQ(back.graph.nodes.size(), 3u);
  // Nodes come back in name order, as HDF5 lists a group's members.
  EXPECT_EQ(back.graph.nodes[0].name, "block");
  EXPECT_EQ(back.graph.nodes[1].name, "conv");
  EXPECT_EQ(back.graph.nodes[2].name, "input");
  EXPECT_EQ(back.graph.edges, file.graph.edges);
  const Node *block = back.graph.node("block");
  ASSERT_TRUE(block);
  ASSERT_EQ(block->nodes.size(), 2u);
  EXPECT_EQ(block->edges, inner.edges);
  const Field *weight = block->node("fc")->field("weight");
  ASSERT_TRUE(weight);
  EXPECT_EQ(weight->shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(weight->numbers, (std::vector<double>{1, 2, 3, 4, 5, 6.5}));
  EXPECT_FALSE(weight->integer);
  const Field *groups = back.graph.node("conv")->field("groups");
  ASSERT_TRUE(groups);
  EXPECT_TRUE(groups->shape.empty()) << "a scalar stays rank 0";
  EXPECT_TRUE(groups->integer);
  EXPECT_EQ(back.graph.node("conv")->field("padding")->text, "same");
  EXPECT_EQ(back.graph.node("input")->field("shape")->numbers, (std::vector<double>{3}));
  ASSERT_EQ(back.graph.metadata.count("integrator"), 1u);
  EXPECT_EQ(back.graph.metadata.at("integrator").text, "forward-euler");
  EXPECT_FLOAT_EQ(float(back.graph.metadata.at("dt").numbers[0]), 1e-3f);
}

TEST(NIRFileTest, EmptyGraphHasEmptyEdges) {
  File file;
  file.version = "1.0.7";
  file.graph.type = "NIRGraph";
  TempPath tmp("empty.nir");
  std::string error;
  ASSERT_TRUE(writeFile(tmp.path, file, &error)) << error;
  File back;
  ASSERT_TRUE(readFile(tmp.path, back, &error)) << error;
  EXPECT_TRUE(back.graph.nodes.empty());
  EXPECT_TRUE(back.graph.edges.empty());
}

TEST(NIRFileTest, RefusesMissingAndNonHDF5Files) {
  std::string error;
  File out;
  EXPECT_FALSE(readFile("/nonexistent/m.nir", out, &error));
  EXPECT_EQ(error, "/nonexistent/m.nir: cannot open the file");
  TempPath tmp("text.nir");
  std::ofstream(tmp.path) << "not hdf5\n";
  EXPECT_FALSE(readFile(tmp.path, out, &error));
  EXPECT_EQ(error, tmp.path + ": not a NIR file (not HDF5)");
}

TEST(NIRFileTest, WriteToMissingFolderFailsInOneLine) {
  File file;
  file.graph.type = "NIRGraph";
  std::string error;
  EXPECT_FALSE(writeFile("/nonexistent/dir/m.nir", file, &error));
  EXPECT_NE(error.find("/nonexistent/dir/m.nir"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos);
}

} // namespace
