// Structural checks of a ModelProto with precise one-line messages (before the checker).
#include "frontend/ONNX/ModelLoader.h"

#include <cmath>
#include <cstring>
#include <map>
#include <set>

namespace snn::onnx {

namespace {

/// Size in bytes of one element of a tensor data type, 0 for types we cannot read.
int64_t elementBytes(int32_t dataType) {
  switch (dataType) {
  case ::onnx::TensorProto::FLOAT:
  case ::onnx::TensorProto::INT32:
    return 4;
  case ::onnx::TensorProto::DOUBLE:
  case ::onnx::TensorProto::INT64:
    return 8;
  case ::onnx::TensorProto::INT16:
    return 2;
  case ::onnx::TensorProto::INT8:
  case ::onnx::TensorProto::UINT8:
  case ::onnx::TensorProto::BOOL:
    return 1;
  default:
    return 0;
  }
}

/// Number of values held in the typed field matching the data type.
int64_t typedValueCount(const ::onnx::TensorProto &t) {
  switch (t.data_type()) {
  case ::onnx::TensorProto::FLOAT:
    return t.float_data_size();
  case ::onnx::TensorProto::DOUBLE:
    return t.double_data_size();
  case ::onnx::TensorProto::INT64:
    return t.int64_data_size();
  default:
    return t.int32_data_size();
  }
}

std::string shapeString(const google::protobuf::RepeatedField<int64_t> &dims) {
  if (dims.empty())
    return "scalar";
  std::string s;
  for (int i = 0; i < dims.size(); ++i)
    s += (i ? "x" : "") + std::to_string(dims[i]);
  return s;
}

/// "NaN at element 17".
std::string nonFiniteAt(double value, int64_t element) {
  return std::string(std::isnan(value) ? "NaN" : value > 0 ? "Inf" : "-Inf") + " at element " +
         std::to_string(element);
}

/// "NaN at element 17" for the first value of a float tensor that is not finite,
/// "" when all are (or the tensor holds no floats). A NaN or Inf weight would
/// silently poison every output of the model, so it is refused at import.
std::string firstNonFinite(const ::onnx::TensorProto &t) {
  const bool isDouble = t.data_type() == ::onnx::TensorProto::DOUBLE;
  if (!isDouble && t.data_type() != ::onnx::TensorProto::FLOAT)
    return "";
  if (t.has_raw_data()) {
    // raw_data is little-endian, like the host (ProtoToMLIR copies it as is).
    const std::string &raw = t.raw_data();
    const size_t size = isDouble ? 8 : 4;
    for (size_t i = 0; i + size <= raw.size(); i += size) {
      double v;
      if (isDouble) {
        std::memcpy(&v, raw.data() + i, 8);
      } else {
        float f;
        std::memcpy(&f, raw.data() + i, 4);
        v = f;
      }
      if (!std::isfinite(v))
        return nonFiniteAt(v, int64_t(i / size));
    }
    return "";
  }
  if (isDouble) {
    for (int i = 0; i < t.double_data_size(); ++i)
      if (!std::isfinite(t.double_data(i)))
        return nonFiniteAt(t.double_data(i), i);
    return "";
  }
  for (int i = 0; i < t.float_data_size(); ++i)
    if (!std::isfinite(t.float_data(i)))
      return nonFiniteAt(t.float_data(i), i);
  return "";
}

/// A Constant node's float value (`value`, `value_float`, `value_floats`) must be
/// finite, as initializers must.
bool checkConstantFinite(const ::onnx::NodeProto &node, int index, std::string &error) {
  for (const auto &attr : node.attribute()) {
    std::string where;
    if (attr.name() == "value" && attr.type() == ::onnx::AttributeProto::TENSOR)
      where = firstNonFinite(attr.t());
    else if (attr.name() == "value_float" && !std::isfinite(attr.f()))
      where = nonFiniteAt(attr.f(), 0);
    else if (attr.name() == "value_floats")
      for (int i = 0; i < attr.floats_size() && where.empty(); ++i)
        if (!std::isfinite(attr.floats(i)))
          where = nonFiniteAt(attr.floats(i), i);
    if (!where.empty()) {
      error = describeNode(node, index) + " holds " + where + ": weights must be finite";
      return false;
    }
  }
  return true;
}

bool checkInitializer(const ::onnx::TensorProto &t, std::string &error, bool &unsupported) {
  std::string what = "initializer '" + t.name() + "'";
  if (t.name().empty()) {
    error = "an initializer has no name";
    return false;
  }
  int64_t count = elementCount(t.dims());
  if (count < 0) {
    error = what + ": invalid shape " + shapeString(t.dims());
    return false;
  }
  if (t.data_location() == ::onnx::TensorProto::EXTERNAL || t.external_data_size()) {
    unsupported = true;
    error = what + ": external data is not supported";
    return false;
  }
  if (t.has_segment()) {
    unsupported = true;
    error = what + ": segmented tensors are not supported";
    return false;
  }
  int64_t bytes = elementBytes(t.data_type());
  if (bytes == 0) {
    unsupported = true;
    error = what + ": data type " +
            ::onnx::TensorProto::DataType_Name(
                static_cast<::onnx::TensorProto::DataType>(t.data_type())) +
            " is not supported";
    return false;
  }
  int64_t have = t.has_raw_data() ? static_cast<int64_t>(t.raw_data().size()) / bytes
                                  : typedValueCount(t);
  if (t.has_raw_data() && static_cast<int64_t>(t.raw_data().size()) % bytes != 0)
    have = -1;
  if (have != count) {
    error = what + ": shape " + shapeString(t.dims()) + " needs " + std::to_string(count) +
            " values but the data holds " +
            (have < 0 ? "a partial value" : std::to_string(have));
    return false;
  }
  std::string where = firstNonFinite(t);
  if (!where.empty()) {
    error = what + " holds " + where + ": weights must be finite";
    return false;
  }
  return true;
}

/// The declared dims of a graph input, or false when it has no complete static shape.
bool declaredDims(const ::onnx::ValueInfoProto &info, std::vector<int64_t> &dims) {
  if (!info.type().has_tensor_type() || !info.type().tensor_type().has_shape())
    return false;
  for (const auto &d : info.type().tensor_type().shape().dim()) {
    if (!d.has_dim_value())
      return false;
    dims.push_back(d.dim_value());
  }
  return true;
}

/// libonnx 1.12's Conv shape inference reads kernel sizes from the weight's shape
/// without checking its rank (a rank-2 weight with auto_pad crashes it), so the ranks
/// known before inference are checked here.
bool checkConvRanks(const ::onnx::GraphProto &graph, std::string &error) {
  std::map<std::string, int> ranks;
  for (const auto *infos : {&graph.input(), &graph.value_info()})
    for (const auto &info : *infos)
      if (info.type().has_tensor_type() && info.type().tensor_type().has_shape())
        ranks[info.name()] = info.type().tensor_type().shape().dim_size();
  for (const auto &init : graph.initializer())
    ranks[init.name()] = init.dims_size();
  auto rankOf = [&](const ::onnx::NodeProto &node, int index) {
    if (index >= node.input_size())
      return -1;
    auto it = ranks.find(node.input(index));
    return it == ranks.end() ? -1 : it->second;
  };
  for (int i = 0; i < graph.node_size(); ++i) {
    const ::onnx::NodeProto &node = graph.node(i);
    const std::string &op = node.op_type();
    if (!(node.domain().empty() || node.domain() == "ai.onnx") ||
        (op != "Conv" && op != "ConvInteger" && op != "ConvTranspose" && op != "QLinearConv"))
      continue;
    int input = rankOf(node, 0), weight = rankOf(node, op == "QLinearConv" ? 3 : 1);
    if ((input >= 0 && input < 3) || (weight >= 0 && weight < 3) ||
        (input >= 0 && weight >= 0 && input != weight)) {
      error = describeNode(node, i) + ": input of rank " + std::to_string(input) +
              " and weight of rank " + std::to_string(weight) +
              " (both must be [N, C, spatial...] of the same rank >= 3)";
      return false;
    }
  }
  return true;
}

/// libonnx 1.12's window shape inference (Conv*, pools) divides by the strides and
/// dilations without checking them (a zero stride is a SIGFPE), so window attributes are
/// checked here: strides, dilations and kernel sizes >= 1, pads >= 0.
bool checkWindowAttributes(const ::onnx::GraphProto &graph, std::string &error) {
  static const std::set<std::string> windowOps = {
      "Conv", "ConvInteger", "ConvTranspose", "QLinearConv", "AveragePool",
      "MaxPool", "LpPool", "MaxUnpool", "MaxRoiPool"};
  for (int i = 0; i < graph.node_size(); ++i) {
    const ::onnx::NodeProto &node = graph.node(i);
    if (!(node.domain().empty() || node.domain() == "ai.onnx") ||
        !windowOps.count(node.op_type()))
      continue;
    for (const auto &attr : node.attribute()) {
      const std::string &name = attr.name();
      int64_t least = name == "pads" ? 0 : 1;
      if (name != "strides" && name != "dilations" && name != "kernel_shape" && name != "pads")
        continue;
      for (int64_t v : attr.ints())
        if (v < least) {
          error = describeNode(node, i) + ": attribute '" + name + "' holds " +
                  std::to_string(v) + " (must be >= " + std::to_string(least) + ")";
          return false;
        }
    }
  }
  return true;
}

} // namespace

std::string nodeName(const ::onnx::NodeProto &node, int index) {
  return node.name().empty() ? "#" + std::to_string(index) : node.name();
}

std::string describeNode(const ::onnx::NodeProto &node, int index) {
  std::string type = node.domain().empty() || node.domain() == "ai.onnx"
                         ? node.op_type()
                         : node.domain() + "." + node.op_type();
  return "node '" + nodeName(node, index) + "' (" + type + ")";
}

int64_t elementCount(const google::protobuf::RepeatedField<int64_t> &dims) {
  int64_t count = 1;
  for (int64_t d : dims) {
    if (d < 0 || (d > 0 && count > (int64_t(1) << 31) / d))
      return -1;
    count *= d;
  }
  return count;
}

bool validateModel(const ::onnx::ModelProto &model, std::string &error, bool &unsupported) {
  unsupported = false;
  if (!model.has_graph()) {
    error = "invalid model: no graph";
    return false;
  }
  if (!model.has_ir_version() || model.ir_version() < 3) {
    error = "invalid model: ir_version " + std::to_string(model.ir_version()) +
            " (opset_import needs 3 or later)";
    return false;
  }
  if (model.ir_version() > ::onnx::IR_VERSION) {
    unsupported = true;
    error = "ir_version " + std::to_string(model.ir_version()) + " is newer than " +
            std::to_string(::onnx::IR_VERSION) + ", the newest this build reads";
    return false;
  }
  if (model.opset_import_size() == 0) {
    error = "invalid model: no opset_import";
    return false;
  }
  std::set<std::string> domains;
  for (const auto &opset : model.opset_import()) {
    std::string domain = opset.domain() == "ai.onnx" ? "" : opset.domain();
    if (!domains.insert(domain).second) {
      error = "invalid model: opset_import lists domain '" + domain + "' twice";
      return false;
    }
    if (opset.version() < 1) {
      error = "invalid model: opset_import version " + std::to_string(opset.version()) +
              " for domain '" + domain + "'";
      return false;
    }
    // Before shape inference: libonnx checks old opsets' types strictly (an int64
    // Constant is invalid in opset 6) and knows no opset above 17.
    if (domain.empty() && (opset.version() < 11 || opset.version() > 17)) {
      unsupported = true;
      error = "opset " + std::to_string(opset.version()) +
              " of the default domain is outside the supported 11..17";
      return false;
    }
  }

  const ::onnx::GraphProto &graph = model.graph();
  if (graph.node_size() == 0) {
    error = "invalid model: the graph has no nodes";
    return false;
  }
  if (graph.output_size() == 0) {
    error = "invalid model: the graph has no outputs";
    return false;
  }
  if (graph.sparse_initializer_size()) {
    unsupported = true;
    error = "sparse initializers are not supported";
    return false;
  }

  // Where each value is defined: graph inputs and initializers, then node outputs.
  std::map<std::string, int> producer; // value -> node index, -1 for inputs/initializers
  std::map<std::string, const ::onnx::ValueInfoProto *> inputs;
  for (const auto &input : graph.input()) {
    if (input.name().empty()) {
      error = "invalid model: a graph input has no name";
      return false;
    }
    if (!inputs.emplace(input.name(), &input).second) {
      error = "invalid model: graph input '" + input.name() + "' is listed twice";
      return false;
    }
    producer[input.name()] = -1;
  }
  std::set<std::string> initializers;
  for (const auto &init : graph.initializer()) {
    if (!checkInitializer(init, error, unsupported))
      return false;
    if (!initializers.insert(init.name()).second) {
      error = "invalid model: initializer '" + init.name() + "' is defined twice";
      return false;
    }
    auto input = inputs.find(init.name());
    std::vector<int64_t> dims;
    if (input != inputs.end() && declaredDims(*input->second, dims) &&
        !std::equal(dims.begin(), dims.end(), init.dims().begin(), init.dims().end())) {
      google::protobuf::RepeatedField<int64_t> declared(dims.begin(), dims.end());
      error = "initializer '" + init.name() + "' has shape " + shapeString(init.dims()) +
              " but the graph input of that name declares " + shapeString(declared);
      return false;
    }
    producer[init.name()] = -1;
  }
  std::map<std::string, int> laterProducer;
  for (int i = 0; i < graph.node_size(); ++i)
    for (const std::string &out : graph.node(i).output())
      if (!out.empty())
        laterProducer.emplace(out, i);

  for (int i = 0; i < graph.node_size(); ++i) {
    const ::onnx::NodeProto &node = graph.node(i);
    if (node.op_type().empty()) {
      error = describeNode(node, i) + ": node has no op_type";
      return false;
    }
    if (node.op_type() == "Constant" && (node.domain().empty() || node.domain() == "ai.onnx") &&
        !checkConstantFinite(node, i, error))
      return false;
    for (const std::string &in : node.input()) {
      if (in.empty() || producer.count(in))
        continue;
      auto later = laterProducer.find(in);
      if (later != laterProducer.end() && later->second >= i)
        error = describeNode(node, i) + ": input '" + in + "' comes from node '" +
                nodeName(graph.node(later->second), later->second) +
                "' at or after it (a cycle, or nodes not in topological order)";
      else
        error = describeNode(node, i) + ": input '" + in +
                "' is missing (no graph input, initializer or earlier node output)";
      return false;
    }
    for (const std::string &out : node.output()) {
      if (out.empty())
        continue;
      if (!producer.emplace(out, i).second) {
        error = describeNode(node, i) + ": output '" + out + "' is already defined";
        return false;
      }
    }
  }
  for (const auto &out : graph.output())
    if (!producer.count(out.name())) {
      error = "invalid model: graph output '" + out.name() + "' is not produced by any node";
      return false;
    }
  return checkConvRanks(graph, error) && checkWindowAttributes(graph, error);
}

} // namespace snn::onnx
