// The ONNX importer's public API: results, the unsupported flag, and no crash on any bytes.
#include "frontend/ONNX/ONNXImporter.h"

#include "dialect/SNN/SNNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"

#include <onnx/onnx_pb.h>

#include <gtest/gtest.h>

#include <random>

namespace {

using snn::onnx::ImportOptions;
using snn::onnx::ImportResult;

class ONNXImporterTest : public ::testing::Test {
protected:
  ONNXImporterTest() {
    mlir::DialectRegistry registry;
    mlir::registerAllDialects(registry);
    registry.insert<mlir::snn::SNNDialect>();
    snn::onnx::registerONNXDialectAndPasses(registry);
    ctx = std::make_unique<mlir::MLIRContext>(registry);
    ctx->disableMultithreading();
  }

  ImportResult import(const onnx::ModelProto &model, ImportOptions options = {}) {
    return snn::onnx::importModelBytes(*ctx, model.SerializeAsString(), options);
  }

  std::unique_ptr<mlir::MLIRContext> ctx;
};

void addTensor(onnx::ValueInfoProto *info, const std::string &name,
               std::initializer_list<int64_t> dims) {
  info->set_name(name);
  auto *tensor = info->mutable_type()->mutable_tensor_type();
  tensor->set_elem_type(onnx::TensorProto::FLOAT);
  for (int64_t d : dims)
    tensor->mutable_shape()->add_dim()->set_dim_value(d);
}

onnx::NodeProto *addNode(onnx::GraphProto *graph, const std::string &op, const std::string &name,
                         std::initializer_list<std::string> inputs, const std::string &output,
                         const std::string &domain = "") {
  onnx::NodeProto *node = graph->add_node();
  node->set_op_type(op);
  node->set_name(name);
  node->set_domain(domain);
  for (const std::string &in : inputs)
    node->add_input(in);
  node->add_output(output);
  return node;
}

/// x[1, 4] → (PSP) → Gemm(w[3, 4], transB = 1) → LIF → y[1, 3]; `middle` replaces Gemm.
onnx::ModelProto model(bool spiking, const std::string &middle = "Gemm") {
  onnx::ModelProto m;
  m.set_ir_version(8);
  m.add_opset_import()->set_version(13);
  if (spiking) {
    auto *snn = m.add_opset_import();
    snn->set_domain("snn");
    snn->set_version(1);
  }
  onnx::GraphProto *g = m.mutable_graph();
  g->set_name("g");
  addTensor(g->add_input(), "x", {1, 4});
  addTensor(g->add_output(), "y", {1, 3});
  onnx::TensorProto *w = g->add_initializer();
  w->set_name("w");
  w->set_data_type(onnx::TensorProto::FLOAT);
  w->add_dims(3);
  w->add_dims(4);
  for (int i = 0; i < 12; ++i)
    w->add_float_data(0.1f * i);
  std::string in = "x";
  if (spiking) {
    addNode(g, "PSP", "psp", {"x"}, "a", "snn");
    in = "a";
  }
  onnx::NodeProto *fc = addNode(g, "Gemm", "fc", {in, "w"}, "i");
  auto *transB = fc->add_attribute();
  transB->set_name("transB");
  transB->set_type(onnx::AttributeProto::INT);
  transB->set_i(1);
  std::string out = "i";
  if (middle != "Gemm") {
    addNode(g, middle, "mid", {"i"}, "m");
    out = "m";
  }
  if (spiking)
    addNode(g, "LIF", "lif", {out}, "y", "snn");
  else
    addNode(g, "Relu", "relu", {out}, "y");
  return m;
}

// An snn-profile model becomes graph-level snn IR with its weight as a parameter.
TEST_F(ONNXImporterTest, ImportsSNNProfile) {
  ImportResult result = import(model(true));
  ASSERT_TRUE(result.module) << result.error;
  auto fn = result.module->lookupSymbol<mlir::func::FuncOp>("forward");
  ASSERT_TRUE(fn);
  EXPECT_EQ(fn->getAttrOfType<mlir::IntegerAttr>("snn.time_steps").getInt(), 5);
  EXPECT_EQ(fn.getNumArguments(), 2u);
  EXPECT_TRUE(result.module->lookupSymbol<mlir::snn::ParameterOp>("w"));
  int lifs = 0;
  fn.walk([&](mlir::snn::LIFOp) { ++lifs; });
  EXPECT_EQ(lifs, 1);
}

// timeSteps overrides the model's T.
TEST_F(ONNXImporterTest, TimeStepsOption) {
  ImportOptions options;
  options.timeSteps = 9;
  ImportResult result = import(model(true), options);
  ASSERT_TRUE(result.module) << result.error;
  auto fn = result.module->lookupSymbol<mlir::func::FuncOp>("forward");
  EXPECT_EQ(fn->getAttrOfType<mlir::IntegerAttr>("snn.time_steps").getInt(), 9);
}

// An ANN has no time steps; convertANN turns its Relu into a LIF neuron.
TEST_F(ONNXImporterTest, ANNAndConvertANN) {
  ImportResult ann = import(model(false));
  ASSERT_TRUE(ann.module) << ann.error;
  EXPECT_FALSE(ann.module->lookupSymbol<mlir::func::FuncOp>("forward")->hasAttr("snn.time_steps"));
  ImportOptions options;
  options.convertANN = true;
  options.threshold = 0.5f;
  ImportResult snn = import(model(false), options);
  ASSERT_TRUE(snn.module) << snn.error;
  int lifs = 0;
  snn.module->walk([&](mlir::snn::LIFOp lif) {
    ++lifs;
    EXPECT_FLOAT_EQ(lif.getThreshold().convertToFloat(), 0.5f);
  });
  EXPECT_EQ(lifs, 1);
}

// Well-formed but outside the supported set: `unsupported`, with node, op and reason.
TEST_F(ONNXImporterTest, UnsupportedIsFlagged) {
  ImportResult result = import(model(true, "Sigmoid"));
  EXPECT_FALSE(result.module);
  EXPECT_TRUE(result.unsupported);
  EXPECT_EQ(result.error, "node 'mid' (Sigmoid): operator is not part of the snn profile");
}

// Malformed: not `unsupported`.
TEST_F(ONNXImporterTest, MalformedIsNotUnsupported) {
  onnx::ModelProto m = model(true);
  m.mutable_graph()->mutable_node(1)->set_input(0, "ghost");
  ImportResult result = import(m);
  EXPECT_FALSE(result.module);
  EXPECT_FALSE(result.unsupported);
  EXPECT_EQ(result.error, "node 'fc' (Gemm): input 'ghost' is missing (no graph input, "
                          "initializer or earlier node output)");
}

// Random and corrupted bytes give one-line errors and never crash.
TEST_F(ONNXImporterTest, AnyBytes) {
  std::mt19937 rng(7);
  std::string valid = model(true).SerializeAsString();
  for (int i = 0; i < 300; ++i) {
    std::string bytes;
    if (i % 2) {
      bytes.resize(rng() % 256);
      for (char &c : bytes)
        c = static_cast<char>(rng());
    } else {
      bytes = valid;
      for (int k = 0; k < 1 + int(rng() % 4); ++k)
        bytes[rng() % bytes.size()] = static_cast<char>(rng());
      bytes.resize(rng() % (bytes.size() + 1));
    }
    ImportResult result = snn::onnx::importModelBytes(*ctx, bytes, {});
    if (!result.module) {
      EXPECT_FALSE(result.error.empty());
      EXPECT_EQ(result.error.find('\n'), std::string::npos) << result.error;
    }
  }
}

} // namespace
