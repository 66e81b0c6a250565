// Graph-level snn dialect → ONNX ModelProto in the `snn` profile (architecture.md §2).
#include "frontend/ONNX/ONNXExporter.h"
#include "dialect/SNN/SNNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>

using namespace mlir;
namespace snnd = mlir::snn;

namespace snn::onnx {
namespace {

constexpr int64_t kDefaultOpset = 13;
constexpr int64_t kIRVersion = 8; // ONNX 1.10+

/// A float32 scale c for `AveragePool(k) · c` that the importer's `(1/k²)·c` turns back
/// into exactly `scale`, so that export → import keeps the pool bit for bit.
float poolFactorFor(float scale, int64_t window) {
  float inverse = 1.0f / static_cast<float>(window);
  float c = scale * static_cast<float>(window);
  float down = c, up = c;
  for (int i = 0; i < 64; ++i) {
    if (inverse * down == scale)
      return down;
    if (inverse * up == scale)
      return up;
    down = std::nextafter(down, -INFINITY);
    up = std::nextafter(up, INFINITY);
  }
  return c;
}

class GraphWriter {
public:
  GraphWriter(::onnx::GraphProto &graph) : graph(graph) {}

  bool write(ModuleOp module, func::FuncOp fn, std::string *error) {
    this->error = error;
    graph.set_name("forward");
    for (BlockArgument arg : fn.getArguments()) {
      auto ref = fn.getArgAttrOfType<FlatSymbolRefAttr>(arg.getArgNumber(),
                                                        snnd::SNNDialect::kParameterAttr);
      if (!ref) {
        if (!names.empty())
          return fail(fn, "the profile has one graph input; argument " +
                              std::to_string(arg.getArgNumber()) + " is not a parameter");
        names[arg] = "input";
        if (!addValueInfo(*graph.add_input(), "input", arg.getType(), fn))
          return false;
        continue;
      }
      auto param = module.lookupSymbol<snnd::ParameterOp>(ref);
      auto values = param ? dyn_cast<DenseElementsAttr>(param.getValue()) : nullptr;
      if (!values || !values.getElementType().isF32())
        return fail(fn, "parameter @" + ref.getValue().str() + " has no float32 value");
      names[arg] = ref.getValue().str();
      addFloatTensor(names[arg], values);
    }
    for (Operation &op : fn.front()) {
      if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        if (ret.getNumOperands() != 1)
          return fail(&op, "the profile has one graph output");
        auto &output = *graph.add_output();
        return addValueInfo(output, nameOf(ret.getOperand(0)), ret.getOperand(0).getType(),
                            &op);
      }
      if (!writeOp(&op))
        return false;
    }
    return fail(fn, "@forward has no return");
  }

private:
  bool fail(Operation *op, const std::string &why) {
    std::string where;
    llvm::raw_string_ostream os(where);
    os << op->getLoc();
    *error = "cannot export '" + op->getName().getStringRef().str() + "' (" + where +
             ") to the ONNX snn profile: " + why;
    return false;
  }

  std::string nameOf(Value v) {
    auto it = names.find(v);
    return it == names.end() ? std::string() : it->second;
  }

  /// A fresh tensor name for `v` (its producer's node name and result index).
  std::string define(Value v, const std::string &node) {
    std::string name = node + "_out";
    names[v] = name;
    return name;
  }

  ::onnx::NodeProto &addNode(Operation *op, const std::string &opType,
                             std::initializer_list<std::string> inputs,
                             const std::string &domain = "") {
    std::string base = op->getName().getStringRef().str();
    std::replace(base.begin(), base.end(), '.', '_');
    std::string name = base + "_" + std::to_string(counter++);
    auto &node = *graph.add_node();
    node.set_name(name);
    node.set_op_type(opType);
    if (!domain.empty())
      node.set_domain(domain);
    for (const std::string &in : inputs)
      node.add_input(in);
    node.add_output(define(op->getResult(0), name));
    // Cannot fail: every snn op result is a ranked f32 tensor (SNN_Tensor).
    (void)addValueInfo(*graph.add_value_info(), node.output(0), op->getResult(0).getType(), op);
    return node;
  }

  bool addValueInfo(::onnx::ValueInfoProto &info, const std::string &name, Type type,
                    Operation *where) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !tensor.getElementType().isF32())
      return fail(where, "tensors must be ranked float32");
    info.set_name(name);
    auto *tt = info.mutable_type()->mutable_tensor_type();
    tt->set_elem_type(::onnx::TensorProto::FLOAT);
    auto *shape = tt->mutable_shape();
    for (int64_t d : tensor.getShape()) {
      auto *dim = shape->add_dim();
      if (ShapedType::isDynamic(d))
        dim->set_dim_param("N");
      else
        dim->set_dim_value(d);
    }
    return true;
  }

  void addFloatTensor(const std::string &name, DenseElementsAttr values) {
    auto &t = *graph.add_initializer();
    t.set_name(name);
    t.set_data_type(::onnx::TensorProto::FLOAT);
    for (int64_t d : cast<ShapedType>(values.getType()).getShape())
      t.add_dims(d);
    std::string raw;
    for (float v : values.getValues<float>())
      raw.append(reinterpret_cast<const char *>(&v), sizeof(float)); // little endian
    t.set_raw_data(raw);
  }

  std::string addScalar(const std::string &name, float value) {
    auto &t = *graph.add_initializer();
    t.set_name(name);
    t.set_data_type(::onnx::TensorProto::FLOAT);
    t.add_float_data(value);
    return name;
  }

  std::string addShape(const std::string &name, ArrayRef<int64_t> dims) {
    auto &t = *graph.add_initializer();
    t.set_name(name);
    t.set_data_type(::onnx::TensorProto::INT64);
    t.add_dims(static_cast<int64_t>(dims.size()));
    for (int64_t d : dims)
      t.add_int64_data(d);
    return name;
  }

  static void setFloat(::onnx::NodeProto &node, const char *name, float v) {
    auto *a = node.add_attribute();
    a->set_name(name);
    a->set_type(::onnx::AttributeProto::FLOAT);
    a->set_f(v);
  }
  static void setInt(::onnx::NodeProto &node, const char *name, int64_t v) {
    auto *a = node.add_attribute();
    a->set_name(name);
    a->set_type(::onnx::AttributeProto::INT);
    a->set_i(v);
  }
  static void setInts(::onnx::NodeProto &node, const char *name, ArrayRef<int64_t> v) {
    auto *a = node.add_attribute();
    a->set_name(name);
    a->set_type(::onnx::AttributeProto::INTS);
    for (int64_t x : v)
      a->add_ints(x);
  }
  static void setString(::onnx::NodeProto &node, const char *name, StringRef v) {
    auto *a = node.add_attribute();
    a->set_name(name);
    a->set_type(::onnx::AttributeProto::STRING);
    a->set_s(v.str());
  }

  bool writeOp(Operation *op) {
    if (isa<snnd::ParameterOp>(op))
      return true;
    for (Value operand : op->getOperands())
      if (nameOf(operand).empty())
        return fail(op, "operand is not produced by an exportable op");
    std::string in = op->getNumOperands() ? nameOf(op->getOperand(0)) : std::string();
    if (auto psp = dyn_cast<snnd::PSPOp>(op)) {
      auto &node = addNode(op, "PSP", {in}, "snn");
      setFloat(node, "tau_s", psp.getTauSAttr().getValueAsDouble());
      return true;
    }
    if (auto lif = dyn_cast<snnd::LIFOp>(op)) {
      auto &node = addNode(op, "LIF", {in}, "snn");
      setFloat(node, "tau_m", lif.getTauMAttr().getValueAsDouble());
      setFloat(node, "tau_s", lif.getTauSAttr().getValueAsDouble());
      setFloat(node, "threshold", lif.getThresholdAttr().getValueAsDouble());
      setString(node, "output", snnd::stringifyNeuronOutput(lif.getOutput()));
      return true;
    }
    if (auto dense = dyn_cast<snnd::DenseOp>(op)) {
      // snn.synapse.dense's weight is [out, in]: ONNX's B with transB = 1.
      auto &node = addNode(op, "Gemm", {in, nameOf(dense.getWeight())});
      setInt(node, "transB", 1);
      synapseNodes[dense.getResult()] = graph.node_size() - 1;
      return true;
    }
    if (auto conv = dyn_cast<snnd::Conv2DOp>(op)) {
      auto weight = cast<RankedTensorType>(conv.getWeight().getType());
      auto &node = addNode(op, "Conv", {in, nameOf(conv.getWeight())});
      setInts(node, "kernel_shape", weight.getShape().drop_front(2));
      setInts(node, "pads", conv.getPads()); // [top, left, bottom, right] = ONNX's order
      setInts(node, "strides", conv.getStrides());
      synapseNodes[conv.getResult()] = graph.node_size() - 1;
      return true;
    }
    if (auto bias = dyn_cast<snnd::BiasOp>(op)) {
      // The profile has biases only as Gemm's C and Conv's B: the synapse's node takes
      // the bias as its third input and its output now stands for the sum.
      auto synapse = synapseNodes.find(bias.getInput());
      if (synapse == synapseNodes.end() || !bias.getInput().hasOneUse())
        return fail(op, "a bias must be the only reader of a dense or conv synapse (it "
                        "becomes the Gemm's C or the Conv's B)");
      graph.mutable_node(synapse->second)->add_input(nameOf(bias.getBias()));
      names[bias.getResult()] = in;
      return true;
    }
    if (auto pool = dyn_cast<snnd::SumPoolOp>(op)) {
      ArrayRef<int64_t> k = pool.getKernel();
      // TSSL-BP pooling = scale × window sum = AveragePool · (scale·k²) (§2 of the profile).
      auto &avg = addNode(op, "AveragePool", {in});
      setInts(avg, "kernel_shape", k);
      setInts(avg, "strides", k);
      std::string pooled = avg.output(0);
      float factor = poolFactorFor(pool.getScale().convertToFloat(), k[0] * k[1]);
      std::string scale = addScalar(avg.name() + "_scale", factor);
      auto &mul = *graph.add_node();
      mul.set_name(avg.name() + "_mul");
      mul.set_op_type("Mul");
      mul.add_input(pooled);
      mul.add_input(scale);
      mul.add_output(define(pool.getResult(), mul.name()));
      // The average pool's value_info already names `pooled`; describe the product too.
      return addValueInfo(*graph.add_value_info(), mul.output(0), pool.getType(), op);
    }
    if (isa<snnd::FlattenOp>(op)) {
      auto &node = addNode(op, "Flatten", {in});
      setInt(node, "axis", 1);
      return true;
    }
    if (auto reshape = dyn_cast<snnd::ReshapeOp>(op)) {
      SmallVector<int64_t> dims{-1};
      llvm::append_range(dims, reshape.getType().getShape().drop_front());
      std::string shapeName = "reshape_shape_" + std::to_string(counter);
      addNode(op, "Reshape", {in, addShape(shapeName, dims)});
      return true;
    }
    if (auto dropout = dyn_cast<snnd::DropoutOp>(op)) {
      std::string ratio = addScalar("dropout_ratio_" + std::to_string(counter),
                                    dropout.getRateAttr().getValueAsDouble());
      addNode(op, "Dropout", {in, ratio});
      return true;
    }
    return fail(op, "the profile has no counterpart (sequence inputs, explicit time and "
                    "training ops are not part of it)");
  }

  ::onnx::GraphProto &graph;
  std::string *error = nullptr;
  llvm::DenseMap<Value, std::string> names;
  // Synapse result → index of its Gemm/Conv node, for a bias that follows it.
  llvm::DenseMap<Value, int> synapseNodes;
  int counter = 0;
};

} // namespace

bool exportModelBytes(ModuleOp module, std::string &bytes, std::string *error) {
  auto fn = module.lookupSymbol<func::FuncOp>("forward");
  if (!fn || fn.isExternal()) {
    *error = "cannot export: the module has no graph-level function @forward";
    return false;
  }
  auto steps = fn->getAttrOfType<IntegerAttr>(snnd::SNNDialect::kTimeStepsAttr);
  if (!steps || fn->hasAttr(snnd::SNNDialect::kScheduleAttr)) {
    *error = "cannot export: @forward is not graph level (it needs 'snn.time_steps' and no "
             "explicit time)";
    return false;
  }
  ::onnx::ModelProto model;
  model.set_ir_version(kIRVersion);
  model.set_producer_name("snnc");
  model.set_producer_version("0.1");
  auto *standard = model.add_opset_import();
  standard->set_domain("");
  standard->set_version(kDefaultOpset);
  auto *snnOpset = model.add_opset_import();
  snnOpset->set_domain("snn");
  snnOpset->set_version(1);
  auto *meta = model.add_metadata_props();
  meta->set_key("snn.time_steps");
  meta->set_value(std::to_string(steps.getInt()));
  if (!GraphWriter(*model.mutable_graph()).write(module, fn, error))
    return false;
  if (!model.SerializeToString(&bytes)) {
    *error = "cannot export: protobuf serialisation failed (model over 2 GiB?)";
    return false;
  }
  return true;
}

bool exportModelFile(ModuleOp module, llvm::StringRef path, std::string *error) {
  std::string bytes;
  if (!exportModelBytes(module, bytes, error))
    return false;
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec) {
    *error = path.str() + ": cannot write: " + ec.message();
    return false;
  }
  os << bytes;
  os.close();
  if (os.has_error()) {
    *error = path.str() + ": write failed: " + os.error().message();
    os.clear_error();
    return false;
  }
  return true;
}

} // namespace snn::onnx
