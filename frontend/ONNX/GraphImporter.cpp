// A checked ModelProto (shapes inferred) into the `onnx` import dialect.
#include "frontend/ONNX/GraphImporter.h"
#include "frontend/ONNX/ModelLoader.h"
#include "frontend/ONNX/ONNXDialect.h"
#include "frontend/ONNX/ONNXPatterns.h"
#include "frontend/ONNX/ProtoToMLIR.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

#include <map>

using namespace mlir;

namespace snn::onnx {

namespace {

class GraphImporter {
public:
  GraphImporter(MLIRContext &ctx, const ::onnx::ModelProto &model)
      : ctx(ctx), model(model), graph(model.graph()), b(&ctx) {}

  OwningOpRef<ModuleOp> run(std::string &error, bool &unsupported);

private:
  bool fail(const std::string &message, bool isUnsupported) {
    error = message;
    unsupported = isUnsupported;
    return false;
  }
  bool collectTypes();
  bool importNode(const ::onnx::NodeProto &node, int index);
  bool importConstantNode(const ::onnx::NodeProto &node, int index, Location loc);
  Value none(Location loc);

  MLIRContext &ctx;
  const ::onnx::ModelProto &model;
  const ::onnx::GraphProto &graph;
  OpBuilder b;
  std::map<std::string, int64_t> opsets;
  std::map<std::string, const ::onnx::TypeProto *> types;
  std::map<std::string, Value> values;
  Value noneValue;
  std::string error;
  bool unsupported = false;
};

bool GraphImporter::collectTypes() {
  for (const auto &opset : model.opset_import())
    opsets[opset.domain() == "ai.onnx" ? "" : opset.domain()] = opset.version();
  for (const auto *infos : {&graph.input(), &graph.value_info(), &graph.output()})
    for (const auto &info : *infos)
      if (info.has_type())
        types[info.name()] = &info.type();
  return true;
}

Value GraphImporter::none(Location loc) {
  if (!noneValue) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(b.getInsertionBlock());
    noneValue = NoneOp::create(b, loc, b.getNoneType());
  }
  return noneValue;
}

bool GraphImporter::importConstantNode(const ::onnx::NodeProto &node, int index, Location loc) {
  if (node.attribute_size() != 1 || node.output_size() != 1)
    return fail(describeNode(node, index) + ": expects exactly one value attribute", false);
  const ::onnx::AttributeProto &attr = node.attribute(0);
  std::string attrError;
  ElementsAttr value;
  if (attr.name() == "value" && attr.type() == ::onnx::AttributeProto::TENSOR) {
    value = convertTensor(ctx, attr.t(), attrError);
  } else if (attr.name() == "value_float" && attr.type() == ::onnx::AttributeProto::FLOAT) {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getF32Type()), attr.f());
  } else if (attr.name() == "value_int" && attr.type() == ::onnx::AttributeProto::INT) {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getI64Type()),
                                   static_cast<int64_t>(attr.i()));
  } else if (attr.name() == "value_floats" && attr.type() == ::onnx::AttributeProto::FLOATS) {
    SmallVector<float> data(attr.floats().begin(), attr.floats().end());
    value = DenseElementsAttr::get(
        RankedTensorType::get({static_cast<int64_t>(data.size())}, b.getF32Type()),
        ArrayRef<float>(data));
  } else if (attr.name() == "value_ints" && attr.type() == ::onnx::AttributeProto::INTS) {
    SmallVector<int64_t> data(attr.ints().begin(), attr.ints().end());
    value = DenseElementsAttr::get(
        RankedTensorType::get({static_cast<int64_t>(data.size())}, b.getI64Type()),
        ArrayRef<int64_t>(data));
  } else {
    return fail(describeNode(node, index) + ": attribute '" + attr.name() +
                    "' is not supported",
                true);
  }
  if (!value)
    return fail(describeNode(node, index) + ": " + attrError, true);
  values[node.output(0)] = ConstantOp::create(b, loc, value.getType(), b.getStringAttr(node.output(0)), value);
  return true;
}

bool GraphImporter::importNode(const ::onnx::NodeProto &node, int index) {
  std::string name = nodeName(node, index);
  Location loc = NameLoc::get(b.getStringAttr(name));
  std::string domain = node.domain() == "ai.onnx" ? "" : node.domain();
  auto opset = opsets.find(domain);
  if (opset == opsets.end())
    return fail(describeNode(node, index) + ": domain '" + domain +
                    "' is not in the model's opset_import",
                false);
  if (domain.empty() && node.op_type() == "Constant")
    return importConstantNode(node, index, loc);

  SmallVector<Value> operands;
  for (const std::string &input : node.input()) {
    auto value = values.find(input);
    if (!input.empty() && value == values.end())
      return fail(describeNode(node, index) + ": input '" + input + "' is undefined", false);
    operands.push_back(input.empty() ? none(loc) : value->second);
  }
  SmallVector<Type> resultTypes;
  for (const std::string &output : node.output()) {
    if (output.empty()) {
      resultTypes.push_back(b.getNoneType());
      continue;
    }
    auto type = types.find(output);
    if (type == types.end()) {
      // Shape inference knows nothing of this value (e.g. an op of a foreign domain):
      // keep it open; the conversion decides whether that is acceptable.
      resultTypes.push_back(UnrankedTensorType::get(b.getF32Type()));
      continue;
    }
    std::string typeError;
    Type converted = convertType(ctx, *type->second, typeError);
    if (!converted)
      return fail(describeNode(node, index) + ": output '" + output + "': " + typeError, true);
    resultTypes.push_back(converted);
  }
  SmallVector<NamedAttribute> attrs;
  for (const auto &attr : node.attribute()) {
    std::string attrError;
    Attribute converted = convertAttribute(ctx, attr, attrError);
    if (!converted)
      return fail(describeNode(node, index) + ": " + attrError, true);
    attrs.emplace_back(b.getStringAttr(attr.name()), converted);
  }
  auto op = NodeOp::create(b, loc, resultTypes, operands, node.op_type(), domain,
                           opset->second, name, b.getDictionaryAttr(attrs));
  for (auto [output, result] : llvm::zip(node.output(), op->getResults()))
    if (!output.empty())
      values[output] = result;
  return true;
}

OwningOpRef<ModuleOp> GraphImporter::run(std::string &errorOut, bool &unsupportedOut) {
  auto finish = [&]() -> OwningOpRef<ModuleOp> {
    errorOut = error;
    unsupportedOut = unsupported;
    return nullptr;
  };
  collectTypes();
  Location loc = NameLoc::get(b.getStringAttr(graph.name().empty() ? "graph" : graph.name()));
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  SmallVector<NamedAttribute> metadata;
  for (const auto &prop : model.metadata_props())
    metadata.emplace_back(b.getStringAttr(prop.key()), b.getStringAttr(prop.value()));
  if (!metadata.empty())
    (*module)->setAttr(kMetadataAttr, b.getDictionaryAttr(metadata));

  std::map<std::string, const ::onnx::TensorProto *> initializers;
  for (const auto &init : graph.initializer())
    initializers[init.name()] = &init;
  SmallVector<Type> argTypes;
  SmallVector<std::string> argNames;
  for (const auto &input : graph.input()) {
    if (initializers.count(input.name()))
      continue;
    std::string typeError;
    Type type = input.has_type() ? convertType(ctx, input.type(), typeError) : Type();
    if (!type) {
      fail("graph input '" + input.name() + "': " +
               (input.has_type() ? typeError : std::string("no type")),
           input.has_type());
      return finish();
    }
    argTypes.push_back(type);
    argNames.push_back(input.name());
  }

  b.setInsertionPointToEnd(module->getBody());
  auto fn = func::FuncOp::create(b, loc, "forward", b.getFunctionType(argTypes, {}));
  Block *body = fn.addEntryBlock();
  b.setInsertionPointToStart(body);
  for (auto [i, name] : llvm::enumerate(argNames)) {
    values[name] = body->getArgument(i);
    fn.setArgAttr(i, "onnx.name", b.getStringAttr(name));
  }
  for (const auto &init : graph.initializer()) {
    std::string tensorError;
    DenseElementsAttr value = convertTensor(ctx, init, tensorError);
    if (!value) {
      fail("initializer '" + init.name() + "': " + tensorError, true);
      return finish();
    }
    values[init.name()] =
        ConstantOp::create(b, NameLoc::get(b.getStringAttr(init.name())), value.getType(),
                           b.getStringAttr(init.name()), value);
  }
  for (int i = 0; i < graph.node_size(); ++i)
    if (!importNode(graph.node(i), i))
      return finish();

  SmallVector<Value> results;
  for (const auto &output : graph.output()) {
    auto value = values.find(output.name());
    if (value == values.end()) {
      fail("graph output '" + output.name() + "' is not produced by any node", false);
      return finish();
    }
    results.push_back(value->second);
  }
  func::ReturnOp::create(b, loc, results);
  fn.setType(b.getFunctionType(argTypes, ValueRange(results).getTypes()));
  return module;
}

} // namespace

OwningOpRef<ModuleOp> importGraph(MLIRContext &ctx, const ::onnx::ModelProto &model,
                                  std::string &error, bool &unsupported) {
  ctx.loadDialect<ONNXDialect, func::FuncDialect>();
  return GraphImporter(ctx, model).run(error, unsupported);
}

} // namespace snn::onnx
