// Folding int64 shape computations (Shape→Gather→Unsqueeze→Concat) into Constant nodes.
#include "frontend/ONNX/ModelLoader.h"

#include <cstring>
#include <map>
#include <optional>
#include <vector>

namespace snn::onnx {

namespace {

/// A small int64 tensor of rank 0 or 1.
struct IntVector {
  std::vector<int64_t> values;
  bool scalar = false;
};

constexpr size_t kMaxFoldedValues = 64;

std::optional<IntVector> fromTensor(const ::onnx::TensorProto &t) {
  if (t.data_type() != ::onnx::TensorProto::INT64 || t.dims_size() > 1 ||
      t.data_location() == ::onnx::TensorProto::EXTERNAL)
    return std::nullopt;
  IntVector v;
  v.scalar = t.dims_size() == 0;
  int64_t count = v.scalar ? 1 : t.dims(0);
  if (count < 0 || static_cast<size_t>(count) > kMaxFoldedValues)
    return std::nullopt;
  if (t.has_raw_data()) {
    if (t.raw_data().size() != static_cast<size_t>(count) * 8)
      return std::nullopt;
    v.values.resize(count);
    std::memcpy(v.values.data(), t.raw_data().data(), count * 8);
  } else {
    if (t.int64_data_size() != count)
      return std::nullopt;
    v.values.assign(t.int64_data().begin(), t.int64_data().end());
  }
  return v;
}

const ::onnx::AttributeProto *attribute(const ::onnx::NodeProto &node, const char *name) {
  for (const auto &a : node.attribute())
    if (a.name() == name)
      return &a;
  return nullptr;
}

/// The value of `node` when all the inputs it needs are known, else nullopt.
std::optional<IntVector> evaluate(const ::onnx::NodeProto &node,
                                  const std::map<std::string, IntVector> &known,
                                  const std::map<std::string, std::vector<int64_t>> &shapes) {
  auto in = [&](int i) -> const IntVector * {
    if (i >= node.input_size())
      return nullptr;
    auto it = known.find(node.input(i));
    return it == known.end() ? nullptr : &it->second;
  };
  const std::string &op = node.op_type();
  if (op == "Shape") {
    auto shape = node.input_size() == 1 ? shapes.find(node.input(0)) : shapes.end();
    if (shape == shapes.end() || attribute(node, "start") || attribute(node, "end"))
      return std::nullopt;
    return IntVector{shape->second, false};
  }
  if (op == "Gather") {
    const IntVector *data = in(0), *indices = in(1);
    const auto *axis = attribute(node, "axis");
    if (!data || !indices || data->scalar || (axis && axis->i() != 0))
      return std::nullopt;
    IntVector out{{}, indices->scalar};
    int64_t n = static_cast<int64_t>(data->values.size());
    for (int64_t i : indices->values) {
      if (i < -n || i >= n)
        return std::nullopt;
      out.values.push_back(data->values[i < 0 ? i + n : i]);
    }
    return out;
  }
  if (op == "Unsqueeze" || op == "Squeeze") {
    const IntVector *data = in(0);
    if (!data)
      return std::nullopt;
    if (op == "Unsqueeze" && data->scalar)
      return IntVector{data->values, false};
    if (op == "Squeeze" && !data->scalar && data->values.size() == 1)
      return IntVector{data->values, true};
    return std::nullopt;
  }
  if (op == "Concat") {
    const auto *axis = attribute(node, "axis");
    if (axis && axis->i() != 0 && axis->i() != -1)
      return std::nullopt;
    IntVector out;
    for (int i = 0; i < node.input_size(); ++i) {
      const IntVector *part = in(i);
      if (!part || part->scalar)
        return std::nullopt;
      out.values.insert(out.values.end(), part->values.begin(), part->values.end());
    }
    return out.values.size() <= kMaxFoldedValues ? std::optional<IntVector>(out) : std::nullopt;
  }
  if (op == "Cast") {
    const auto *to = attribute(node, "to");
    const IntVector *data = in(0);
    if (!data || !to || to->i() != ::onnx::TensorProto::INT64)
      return std::nullopt;
    return *data;
  }
  return std::nullopt;
}

::onnx::NodeProto constantNode(const ::onnx::NodeProto &node, const IntVector &value) {
  ::onnx::NodeProto constant;
  constant.set_name(node.name());
  constant.set_op_type("Constant");
  constant.add_output(node.output(0));
  ::onnx::AttributeProto *attr = constant.add_attribute();
  attr->set_name("value");
  attr->set_type(::onnx::AttributeProto::TENSOR);
  ::onnx::TensorProto *t = attr->mutable_t();
  t->set_data_type(::onnx::TensorProto::INT64);
  if (!value.scalar)
    t->add_dims(static_cast<int64_t>(value.values.size()));
  for (int64_t v : value.values)
    t->add_int64_data(v);
  return constant;
}

} // namespace

bool foldShapeComputations(::onnx::ModelProto &model) {
  ::onnx::GraphProto &graph = *model.mutable_graph();
  std::map<std::string, IntVector> known;
  for (const auto &init : graph.initializer())
    if (auto v = fromTensor(init))
      known[init.name()] = *v;
  std::map<std::string, std::vector<int64_t>> shapes;
  for (const auto *infos : {&graph.input(), &graph.value_info(), &graph.output()})
    for (const auto &info : *infos) {
      if (!info.type().has_tensor_type() || !info.type().tensor_type().has_shape())
        continue;
      std::vector<int64_t> dims;
      for (const auto &d : info.type().tensor_type().shape().dim())
        if (d.has_dim_value())
          dims.push_back(d.dim_value());
      if (static_cast<int>(dims.size()) == info.type().tensor_type().shape().dim_size())
        shapes[info.name()] = dims;
    }

  bool folded = false;
  for (int i = 0; i < graph.node_size(); ++i) {
    ::onnx::NodeProto &node = *graph.mutable_node(i);
    if (!node.domain().empty() || node.output_size() != 1 || node.output(0).empty())
      continue;
    if (node.op_type() == "Constant") {
      const auto *value = attribute(node, "value");
      if (value && value->type() == ::onnx::AttributeProto::TENSOR)
        if (auto v = fromTensor(value->t()))
          known[node.output(0)] = *v;
      continue;
    }
    std::optional<IntVector> value = evaluate(node, known, shapes);
    if (!value)
      continue;
    known[node.output(0)] = *value;
    node = constantNode(node, *value);
    folded = true;
  }
  return folded;
}

} // namespace snn::onnx
