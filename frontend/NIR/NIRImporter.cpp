// NIR graph (.nir file) → graph-level snn module, with a chosen discretisation.
#include "frontend/NIR/NIRImporter.h"
#include "frontend/NIR/NIRFile.h"
#include "frontend/NIR/NIRGraphOrder.h"

#include "dialect/SNN/SNNDialect.h"
#include "dialect/SNN/SNNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Verifier.h"

#include <cmath>
#include <set>

using namespace mlir;

namespace snn::nir {
namespace {

void moveFiltersToSources(func::FuncOp func);

/// Refuses per-sample tensors above this many elements (a hostile `shape`).
constexpr int64_t kMaxElements = int64_t(1) << 24;

struct Discretisation {
  double dt;
  bool exponential;
  bool subtract;
  /// decay and gain of dx/dt = (−x + u)/tau over one step
  std::pair<double, double> leak(double tau) const {
    double decay = exponential ? std::exp(-dt / tau) : 1.0 - dt / tau;
    return {decay, 1.0 - decay};
  }
};

int64_t product(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n = (d <= 0 || n > kMaxElements) ? kMaxElements + 1 : n * d;
  return n;
}

std::string shapeText(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

/// A value of the model under construction and its per-sample shape.
struct Tensor {
  Value value;
  std::vector<int64_t> shape;
};

class Importer {
public:
  Importer(MLIRContext &ctx, const File &file, const ImportOptions &options)
      : ctx(ctx), file(file), options(options), b(&ctx) {}

  ImportResult run();

private:
  MLIRContext &ctx;
  const File &file;
  const ImportOptions &options;
  OpBuilder b;
  Discretisation disc{};
  OwningOpRef<ModuleOp> module;
  func::FuncOp func;
  SmallVector<Type> paramTypes;
  SmallVector<std::string> paramNames;
  SmallVector<Attribute> paramValues;
  std::string error;
  const OrderedNode *current = nullptr;
  const OrderedGraph *graph = nullptr;

  Location loc() { return b.getUnknownLoc(); }
  bool fail(const std::string &why) {
    error = current ? "node '" + current->name + "' (" + current->node->type + "): " + why : why;
    return false;
  }
  RankedTensorType batched(const std::vector<int64_t> &shape) {
    SmallVector<int64_t> dims{ShapedType::kDynamic};
    dims.append(shape.begin(), shape.end());
    return RankedTensorType::get(dims, b.getF32Type());
  }

  const Field *numbers(const std::string &key, bool required = true);
  bool intList(const std::string &key, size_t count, std::vector<int64_t> &out, int64_t fallback);
  bool perNeuron(const std::string &key, const std::vector<int64_t> &shape, double fallback,
                 std::vector<double> &out);
  Value parameter(const std::string &suffix, const std::vector<int64_t> &shape,
                  const std::vector<double> &values);
  Tensor flattenTo1D(const Tensor &x);

  bool settleDiscretisation();
  bool convert(const OrderedNode &node, const std::vector<Tensor> &inputs, Tensor &out);
  bool convertWeights(const Tensor &x, Tensor &out);
  bool convertConv(const Tensor &x, int spatialDims, Tensor &out);
  bool convertPool(const Tensor &x, bool average, Tensor &out);
  bool convertFlatten(const Tensor &x, Tensor &out);
  bool convertNeuron(const OrderedNode &node, const Tensor &x, Tensor &out);
  bool addBias(Tensor &x, const Field *bias);
};

const Field *Importer::numbers(const std::string &key, bool required) {
  const Field *f = current->node->field(key);
  if (!f) {
    if (required)
      fail("missing field '" + key + "'");
    return nullptr;
  }
  if (f->kind != Field::Kind::Number) {
    fail("field '" + key + "' must be numeric, not " +
         (f->kind == Field::Kind::String ? std::string("a string") : f->typeName));
    return nullptr;
  }
  for (double v : f->numbers)
    if (!std::isfinite(v)) {
      fail("field '" + key + "' holds a value that is not finite");
      return nullptr;
    }
  return f;
}

/// An int, or a list of `count` ints (a scalar repeats); `fallback` if absent.
bool Importer::intList(const std::string &key, size_t count, std::vector<int64_t> &out,
                       int64_t fallback) {
  out.assign(count, fallback);
  const Field *f = current->node->field(key);
  if (!f)
    return true;
  if (!(f = numbers(key)))
    return false;
  if (f->numbers.size() != 1 && f->numbers.size() != count)
    return fail("field '" + key + "' must hold 1 or " + std::to_string(count) + " values, not " +
                std::to_string(f->numbers.size()));
  for (size_t i = 0; i < count; ++i) {
    double v = f->numbers[f->numbers.size() == 1 ? 0 : i];
    if (v != std::floor(v) || std::fabs(v) > 1e6)
      return fail("field '" + key + "' must hold integers");
    out[i] = int64_t(v);
  }
  return true;
}

/// A neuron parameter broadcast to `shape`: a scalar, or as many values as neurons (NIR
/// writers store [n], [C, H, W] or a flat array).
bool Importer::perNeuron(const std::string &key, const std::vector<int64_t> &shape,
                         double fallback, std::vector<double> &out) {
  int64_t n = product(shape);
  const Field *f = current->node->field(key);
  if (!f) {
    if (std::isnan(fallback))
      return fail("missing field '" + key + "'");
    out.assign(n, fallback);
    return true;
  }
  if (!(f = numbers(key)))
    return false;
  if (f->numElements() == 1) {
    out.assign(n, f->numbers[0]);
    return true;
  }
  if (f->numElements() != n)
    return fail("field '" + key + "' has " + std::to_string(f->numElements()) +
                " values for " + std::to_string(n) + " neurons " + shapeText(shape));
  out = f->numbers;
  return true;
}

Value Importer::parameter(const std::string &suffix, const std::vector<int64_t> &shape,
                          const std::vector<double> &values) {
  SmallVector<float> f(values.begin(), values.end());
  auto type = RankedTensorType::get(SmallVector<int64_t>(shape.begin(), shape.end()),
                                    b.getF32Type());
  paramNames.push_back(current->name + "." + suffix);
  paramTypes.push_back(type);
  paramValues.push_back(DenseElementsAttr::get(type, ArrayRef<float>(f)));
  // The function's argument list grows as parameters are found.
  Block &body = func.front();
  BlockArgument arg = body.addArgument(type, loc());
  return arg;
}

Tensor Importer::flattenTo1D(const Tensor &x) {
  if (x.shape.size() == 1)
    return x;
  std::vector<int64_t> flat{product(x.shape)};
  return {mlir::snn::FlattenOp::create(b, loc(), batched(flat), x.value), flat};
}

bool Importer::settleDiscretisation() {
  const std::map<std::string, Field> &meta = file.graph.metadata;
  auto metaNumber = [&](const char *key, double &out) {
    auto it = meta.find(key);
    if (it == meta.end() || it->second.kind != Field::Kind::Number ||
        it->second.numbers.size() != 1)
      return false;
    out = it->second.numbers[0];
    return true;
  };
  auto metaString = [&](const char *key) {
    auto it = meta.find(key);
    return it != meta.end() && it->second.kind == Field::Kind::String ? it->second.text
                                                                      : std::string();
  };
  disc.dt = options.dt;
  double v;
  if (disc.dt <= 0 && metaNumber("dt", v) && v > 0 && std::isfinite(v))
    disc.dt = v;
  if (disc.dt <= 0)
    disc.dt = 1e-4;
  std::string integrator = options.integrator;
  if (integrator.empty())
    integrator = metaString("integrator");
  if (integrator.empty())
    integrator = "forward-euler";
  if (integrator != "forward-euler" && integrator != "exponential")
    return fail("unknown integrator '" + integrator + "' (expected forward-euler or exponential)");
  disc.exponential = integrator == "exponential";
  std::string reset = options.reset.empty() ? metaString("reset") : options.reset;
  if (reset.empty())
    reset = "zero";
  if (reset != "zero" && reset != "subtract")
    return fail("unknown reset '" + reset + "' (expected zero or subtract)");
  disc.subtract = reset == "subtract";
  return true;
}

ImportResult Importer::run() {
  ImportResult result;
  auto failed = [&]() {
    result.error = error;
    return std::move(result);
  };
  OrderedGraph graph;
  if (!orderGraph(file.graph, graph, &error))
    return failed();
  if (!settleDiscretisation())
    return failed();
  int64_t steps = options.timeSteps;
  if (steps <= 0) {
    auto it = file.graph.metadata.find("time_steps");
    if (it != file.graph.metadata.end() && it->second.numbers.size() == 1 &&
        it->second.numbers[0] >= 1 && it->second.numbers[0] <= 100000)
      steps = int64_t(it->second.numbers[0]);
    else
      steps = 5;
  }

  ctx.loadDialect<mlir::snn::SNNDialect, func::FuncDialect>();
  module = ModuleOp::create(loc());
  b.setInsertionPointToEnd(module->getBody());
  // The input's type is known once the Input node is read; start with a placeholder.
  func = func::FuncOp::create(b, loc(), "forward", b.getFunctionType({}, {}));
  Block *body = func.addEntryBlock();
  b.setInsertionPointToStart(body);

  std::vector<Tensor> values(graph.nodes.size());
  this->graph = &graph;
  std::set<size_t> feedback;
  for (const OrderedNode &node : graph.nodes)
    if (node.recurrent >= 0)
      feedback.insert(size_t(node.recurrent));
  Tensor output;
  bool haveOutput = false;
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const OrderedNode &node = graph.nodes[i];
    if (feedback.count(i))
      continue; // folded into its neuron
    current = &node;
    if (node.node->type == "Input") {
      const Field *shape = numbers("shape");
      if (!shape)
        return failed();
      std::vector<int64_t> dims;
      for (double d : shape->numbers) {
        if (d < 1 || d != std::floor(d) || d > double(kMaxElements))
          return (fail("'shape' must hold positive integers, got " +
                       std::to_string(d)), failed());
        dims.push_back(int64_t(d));
      }
      if (dims.empty() || product(dims) > kMaxElements)
        return (fail("unsupported input shape " + shapeText(dims)), failed());
      std::vector<int64_t> argShape = dims;
      if (options.sequenceInput)
        argShape.push_back(steps);
      Value arg = body->insertArgument(0u, batched(argShape), loc());
      Value x = arg;
      if (options.sequenceInput)
        x = mlir::snn::CurrentOp::create(b, loc(), batched(dims), arg);
      values[i] = {x, dims};
      continue;
    }
    if (node.inputs.empty())
      return (fail("has no input"), failed());
    // Several edges into a node deliver their sum.
    Tensor x = values[node.inputs[0]];
    for (size_t k = 1; k < node.inputs.size(); ++k) {
      const Tensor &other = values[node.inputs[k]];
      if (other.shape != x.shape)
        return (fail("sums inputs of different shapes " + shapeText(x.shape) + " and " +
                     shapeText(other.shape)),
                failed());
      x.value = mlir::snn::AddOp::create(b, loc(), x.value, other.value);
    }
    if (node.node->type == "Output") {
      output = flattenTo1D(x);
      haveOutput = true;
      continue;
    }
    if (!convert(node, {x}, values[i]))
      return failed();
  }
  if (!haveOutput) {
    error = "the graph's Output node receives no value";
    return failed();
  }
  current = nullptr;
  func::ReturnOp::create(b, loc(), output.value);
  func.setType(b.getFunctionType(body->getArgumentTypes(), {output.value.getType()}));
  moveFiltersToSources(func);
  func->setAttr(mlir::snn::SNNDialect::kTimeStepsAttr, b.getI64IntegerAttr(steps));
  b.setInsertionPoint(func);
  for (size_t p = 0; p < paramNames.size(); ++p) {
    mlir::snn::ParameterOp::create(b, loc(), paramNames[p], cast<ElementsAttr>(paramValues[p]));
    func.setArgAttr(p + 1, mlir::snn::SNNDialect::kParameterAttr,
                    FlatSymbolRefAttr::get(&ctx, paramNames[p]));
  }
  result.module = std::move(module);
  return result;
}

bool Importer::convert(const OrderedNode &node, const std::vector<Tensor> &inputs, Tensor &out) {
  const std::string &type = node.node->type;
  const Tensor &x = inputs[0];
  if (type == "Linear" || type == "Affine")
    return convertWeights(x, out);
  if (type == "Conv2d")
    return convertConv(x, 2, out);
  if (type == "Conv1d")
    return convertConv(x, 1, out);
  if (type == "SumPool2d" || type == "AvgPool2d")
    return convertPool(x, type == "AvgPool2d", out);
  if (type == "Flatten")
    return convertFlatten(x, out);
  if (isNeuronType(type) || type == "Scale" || type == "Threshold")
    return convertNeuron(node, x, out);
  if (type == "NIRGraph" || type == "Input" || type == "Output")
    return fail("unexpected here");
  return fail("unsupported node type (snnc imports Input, Output, Linear, Affine, Scale, "
              "Conv1d, Conv2d, SumPool2d, AvgPool2d, Flatten, Threshold, I, IF, LI, LIF, "
              "CubaLI, CubaLIF and nested NIRGraph)");
}

bool Importer::addBias(Tensor &x, const Field *bias) {
  if (!bias)
    return true;
  int64_t channels = x.shape[0];
  if (bias->numElements() != channels && bias->numElements() != 1)
    return fail("'bias' has " + std::to_string(bias->numElements()) + " values for " +
                std::to_string(channels) + " outputs");
  std::vector<double> values(channels, bias->numbers[0]);
  if (bias->numElements() == channels)
    values = bias->numbers;
  if (std::all_of(values.begin(), values.end(), [](double v) { return v == 0.0; }))
    return true; // no op: keeps the synapse in TSSL-BP form
  Value param = parameter("bias", {channels}, values);
  x.value = mlir::snn::BiasOp::create(b, loc(), x.value.getType(), x.value, param);
  return true;
}

bool Importer::convertWeights(const Tensor &in, Tensor &out) {
  const Field *w = numbers("weight");
  if (!w)
    return false;
  if (w->shape.size() != 2)
    return fail("'weight' must be [out, in], got " + shapeText(w->shape));
  // Affine and Linear act on vectors; a [C, H, W] input is taken row-major.
  Tensor x = flattenTo1D(in);
  if (w->shape[1] != x.shape[0])
    return fail("'weight' " + shapeText(w->shape) + " does not fit an input of " +
                std::to_string(x.shape[0]) + " values " + shapeText(in.shape));
  Value weight = parameter("weight", w->shape, w->numbers);
  out.shape = {w->shape[0]};
  out.value = mlir::snn::DenseOp::create(b, loc(), batched(out.shape), x.value, weight);
  const Field *bias = nullptr;
  if (current->node->type == "Affine" && current->node->field("bias") && !(bias = numbers("bias")))
    return false;
  return addBias(out, bias);
}

bool Importer::convertConv(const Tensor &x, int spatialDims, Tensor &out) {
  const Field *w = numbers("weight");
  if (!w)
    return false;
  if (int(w->shape.size()) != spatialDims + 2 || int(x.shape.size()) != spatialDims + 1)
    return fail("expects a weight [out, in" + std::string(spatialDims == 2 ? ", kh, kw]" : ", k]") +
                " and an input [C" + (spatialDims == 2 ? ", H, W]" : ", L]") + ", got " +
                shapeText(w->shape) + " and " + shapeText(x.shape));
  std::vector<int64_t> stride, dilation, groups;
  if (!intList("stride", spatialDims, stride, 1) ||
      !intList("dilation", spatialDims, dilation, 1) || !intList("groups", 1, groups, 1))
    return false;
  if (groups[0] != 1)
    return fail("groups = " + std::to_string(groups[0]) + " is not supported (only 1)");
  for (int i = 0; i < spatialDims; ++i) {
    if (dilation[i] != 1)
      return fail("dilation " + std::to_string(dilation[i]) + " is not supported (only 1)");
    if (stride[i] < 1)
      return fail("'stride' must be >= 1");
  }
  if (w->shape[1] != x.shape[0])
    return fail("'weight' " + shapeText(w->shape) + " expects " + std::to_string(w->shape[1]) +
                " input channels, the input has " + std::to_string(x.shape[0]));
  // Padding: an int, one per spatial dimension, "valid" or "same" (PyTorch: the extra
  // element of an odd total goes after).
  std::vector<int64_t> before(spatialDims, 0), after(spatialDims, 0);
  const Field *pad = current->node->field("padding");
  if (pad && pad->kind == Field::Kind::String) {
    if (pad->text == "same") {
      for (int i = 0; i < spatialDims; ++i) {
        if (stride[i] != 1)
          return fail("padding 'same' needs stride 1");
        int64_t total = w->shape[2 + i] - 1;
        before[i] = total / 2;
        after[i] = total - before[i];
      }
    } else if (pad->text != "valid") {
      return fail("unknown padding '" + pad->text + "' (expected an integer, 'same' or 'valid')");
    }
  } else {
    std::vector<int64_t> p;
    if (!intList("padding", spatialDims, p, 0))
      return false;
    for (int i = 0; i < spatialDims; ++i) {
      if (p[i] < 0)
        return fail("'padding' must be >= 0");
      before[i] = after[i] = p[i];
    }
  }
  // Conv1d runs as a convolution of height 1.
  std::vector<int64_t> in4 = x.shape, wShape = w->shape;
  if (spatialDims == 1) {
    in4 = {x.shape[0], 1, x.shape[1]};
    wShape = {w->shape[0], w->shape[1], 1, w->shape[2]};
    stride.insert(stride.begin(), 1);
    before.insert(before.begin(), 0);
    after.insert(after.begin(), 0);
  }
  std::vector<int64_t> outShape{wShape[0]};
  for (int i = 0; i < 2; ++i) {
    int64_t padded = in4[1 + i] + before[i] + after[i];
    if (wShape[2 + i] > padded)
      return fail("kernel " + shapeText(w->shape) + " is larger than the padded input " +
                  shapeText(x.shape));
    outShape.push_back((padded - wShape[2 + i]) / stride[i] + 1);
  }
  Value weight = parameter("weight", wShape, w->numbers);
  Value input = x.value;
  if (spatialDims == 1)
    input = mlir::snn::ReshapeOp::create(b, loc(), batched(in4), input);
  out.value = mlir::snn::Conv2DOp::create(b, loc(), batched(outShape), input, weight,
                                          b.getDenseI64ArrayAttr(stride),
                                          b.getDenseI64ArrayAttr({before[0], before[1], after[0],
                                                                  after[1]}));
  out.shape = outShape;
  if (spatialDims == 1) {
    out.shape = {outShape[0], outShape[2]};
    out.value = mlir::snn::ReshapeOp::create(b, loc(), batched(out.shape), out.value);
  }
  const Field *bias = nullptr;
  if (current->node->field("bias") && !(bias = numbers("bias")))
    return false;
  return addBias(out, bias);
}

bool Importer::convertPool(const Tensor &x, bool average, Tensor &out) {
  std::vector<int64_t> kernel, stride, padding;
  if (!numbers("kernel_size") || !intList("kernel_size", 2, kernel, 1) ||
      !intList("padding", 2, padding, 0))
    return false;
  if (!intList("stride", 2, stride, 0))
    return false;
  if (!current->node->field("stride"))
    stride = kernel;
  if (x.shape.size() != 3)
    return fail("expects an input [C, H, W], got " + shapeText(x.shape));
  if (stride != kernel || padding[0] != 0 || padding[1] != 0)
    return fail("only non-overlapping windows (stride = kernel_size, padding 0) are supported");
  if (kernel[0] < 1 || kernel[1] < 1 || kernel[0] > x.shape[1] || kernel[1] > x.shape[2])
    return fail("window " + shapeText(kernel) + " does not fit the input " + shapeText(x.shape));
  out.shape = {x.shape[0], x.shape[1] / kernel[0], x.shape[2] / kernel[1]};
  float scale = average ? float(1.0 / double(kernel[0] * kernel[1])) : 1.0f;
  out.value = mlir::snn::SumPoolOp::create(b, loc(), batched(out.shape), x.value,
                                           b.getDenseI64ArrayAttr(kernel),
                                           b.getF32FloatAttr(scale));
  return true;
}

bool Importer::convertFlatten(const Tensor &x, Tensor &out) {
  std::vector<int64_t> start, end;
  if (!intList("start_dim", 1, start, 0) || !intList("end_dim", 1, end, -1))
    return false;
  int64_t rank = int64_t(x.shape.size());
  // NIR counts dimensions without the batch; some writers (Sinabs) count it, which
  // shows in an `input_type` one dimension longer than the value.
  if (const Field *inputType = current->node->field("input_type");
      inputType && int64_t(inputType->numbers.size()) == rank + 1 && start[0] >= 1) {
    start[0] -= 1;
    if (end[0] > 0)
      end[0] -= 1;
  }
  int64_t s = start[0] < 0 ? start[0] + rank : start[0];
  int64_t e = end[0] < 0 ? end[0] + rank : end[0];
  if (s < 0 || e >= rank || s > e)
    return fail("start_dim " + std::to_string(start[0]) + " and end_dim " +
                std::to_string(end[0]) + " do not fit an input " + shapeText(x.shape));
  std::vector<int64_t> shape(x.shape.begin(), x.shape.begin() + s);
  int64_t merged = 1;
  for (int64_t d = s; d <= e; ++d)
    merged *= x.shape[d];
  shape.push_back(merged);
  shape.insert(shape.end(), x.shape.begin() + e + 1, x.shape.end());
  out.shape = shape;
  out.value = shape.size() == 1
                  ? mlir::snn::FlattenOp::create(b, loc(), batched(shape), x.value).getResult()
                  : mlir::snn::ReshapeOp::create(b, loc(), batched(shape), x.value).getResult();
  return true;
}

/// True when every value equals the first.
bool uniform(const std::vector<double> &v) {
  return std::all_of(v.begin(), v.end(), [&](double x) { return x == v[0]; });
}
bool near(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b)); }

bool Importer::convertNeuron(const OrderedNode &node, const Tensor &x, Tensor &out) {
  const std::string &type = node.node->type;
  const std::vector<int64_t> &shape = x.shape;
  int64_t n = product(shape);
  if (n > kMaxElements)
    return fail("too many neurons");
  const double none = std::nan("");
  std::vector<double> decay(n, 0.0), gain(n, 1.0), drive(n, 0.0), sDecay, sGain, threshold,
      vReset;
  if (type == "Scale") {
    if (!perNeuron("scale", shape, none, gain))
      return false;
  } else if (type == "Threshold") {
    if (!perNeuron("threshold", shape, none, threshold))
      return false;
    vReset.assign(n, 0.0);
  } else {
    std::vector<double> r;
    if (!perNeuron("r", shape, none, r))
      return false;
    if (type == "I" || type == "IF") {
      // dv/dt = R·I, no leak: the same step under both integrators.
      for (int64_t i = 0; i < n; ++i) {
        decay[i] = 1.0;
        gain[i] = disc.dt * r[i];
      }
    } else {
      std::vector<double> tau, vLeak;
      if (!perNeuron(type.rfind("Cuba", 0) == 0 ? "tau_mem" : "tau", shape, none, tau) ||
          !perNeuron("v_leak", shape, none, vLeak))
        return false;
      for (int64_t i = 0; i < n; ++i) {
        if (!(tau[i] > 0))
          return fail("time constants must be > 0");
        auto [a, g] = disc.leak(tau[i]);
        decay[i] = a;
        gain[i] = g * r[i];
        drive[i] = g * vLeak[i];
      }
    }
    if (type == "CubaLIF" || type == "CubaLI") {
      std::vector<double> tauSyn, wIn;
      if (!perNeuron("tau_syn", shape, none, tauSyn) || !perNeuron("w_in", shape, 1.0, wIn))
        return false;
      sDecay.resize(n);
      sGain.resize(n);
      for (int64_t i = 0; i < n; ++i) {
        if (!(tauSyn[i] > 0))
          return fail("time constants must be > 0");
        auto [a, g] = disc.leak(tauSyn[i]);
        sDecay[i] = a;
        sGain[i] = g * wIn[i];
      }
    }
    if (type == "IF" || type == "LIF" || type == "CubaLIF") {
      // Files written before v_reset existed (NIR < 1.0.6) reset to 0.
      if (!perNeuron("v_threshold", shape, none, threshold) ||
          !perNeuron("v_reset", shape, 0.0, vReset))
        return false;
    }
  }

  Value recurrent;
  Value input = x.value;
  if (node.recurrent >= 0) {
    // The feedback Affine|Linear folded into this neuron: [n, n] from its own output.
    if (shape.size() != 1)
      return fail("a recurrent neuron must be a vector of neurons, got " + shapeText(shape));
    const OrderedNode *neuron = current;
    current = &graph->nodes[node.recurrent];
    const Field *w = numbers("weight");
    if (!w)
      return false;
    if (w->shape != std::vector<int64_t>{n, n})
      return fail("'weight' " + shapeText(w->shape) + " must be [" + std::to_string(n) + ", " +
                  std::to_string(n) + "] to feed " + std::to_string(n) + " neurons back");
    recurrent = parameter("weight", {n, n}, w->numbers);
    // Its bias reaches the neuron at every step, like a bias on the input.
    const Field *bias = nullptr;
    if (current->node->field("bias") && !(bias = numbers("bias")))
      return false;
    Tensor biased = x;
    if (current->node->type == "Affine" && !addBias(biased, bias))
      return false;
    input = biased.value;
    current = neuron;
  }

  // TSSL-BP form: uniform parameters whose steps are the PSP filter and the LIF neuron.
  bool tssl = node.recurrent < 0 && uniform(decay) && uniform(gain) && uniform(drive) &&
              drive[0] == 0.0 && decay[0] >= 0.0 && decay[0] < 1.0 &&
              1.0 / (1.0 - decay[0]) >= 1.0;
  if (tssl && (type == "LIF" || type == "CubaLIF"))
    tssl = near(gain[0], 1.0) && uniform(threshold) && threshold[0] > 0 && uniform(vReset) &&
           vReset[0] == 0.0 && !disc.subtract;
  else if (tssl && type == "LI")
    tssl = near(gain[0], 1.0 - decay[0]);
  else
    tssl = false;
  if (tssl && type == "CubaLIF")
    tssl = uniform(sDecay) && uniform(sGain) && sDecay[0] >= 0.0 && sDecay[0] < 1.0 &&
           near(sGain[0], 1.0 - sDecay[0]);
  out.shape = shape;
  if (tssl) {
    Value v = x.value;
    auto f32 = [&](double d) { return b.getF32FloatAttr(float(d)); };
    // Time constants in steps, from τ and dt stored as float32: a value within a few
    // float32 roundings of a whole number of steps is that number (τs = 3, not 3.0000002).
    auto steps = [&](double decay) {
      double tau = 1.0 / (1.0 - decay), whole = std::round(tau);
      return b.getF32FloatAttr(float(std::fabs(tau - whole) <= 5e-7 * tau ? whole : tau));
    };
    if (type == "LI") {
      out.value = mlir::snn::PSPOp::create(b, loc(), v, steps(decay[0]));
      return true;
    }
    if (type == "CubaLIF")
      v = mlir::snn::PSPOp::create(b, loc(), v, steps(sDecay[0]));
    out.value = mlir::snn::LIFOp::create(
        b, loc(), v, steps(decay[0]), f32(3.0), f32(threshold[0]),
        mlir::snn::NeuronOutputAttr::get(&ctx, mlir::snn::NeuronOutput::spikes));
    return true;
  }
  auto attr = [&](const std::vector<double> &values) -> ElementsAttr {
    if (values.empty())
      return nullptr;
    auto t = RankedTensorType::get(SmallVector<int64_t>(shape.begin(), shape.end()),
                                   b.getF32Type());
    if (uniform(values))
      return DenseElementsAttr::get(t, float(values[0]));
    SmallVector<float> f(values.begin(), values.end());
    return DenseElementsAttr::get(t, ArrayRef<float>(f));
  };
  if (disc.subtract && !threshold.empty())
    vReset.clear();
  out.value = mlir::snn::DynamicsOp::create(
      b, loc(), x.value.getType(), input, recurrent, attr(decay), attr(gain), attr(drive),
      attr(sDecay), attr(sGain), attr(threshold), attr(vReset),
      disc.subtract && !threshold.empty() ? b.getUnitAttr() : UnitAttr());
  return true;
}

/// NIR puts a layer's synaptic filter behind its weights (CubaLIF's current); TSSL-BP
/// filters the spikes in front of them. The filter is linear and time-invariant, so it
/// moves back through bias-free synapses, pooling and reshapes to the spike source:
/// the neuron before emits its PSP trace (snn.lif output psp) or the input is
/// filtered. Then the model has the form snn-derive-training and the core mapping
/// expect, and computes exactly what snnc's own model did before export.
void moveFiltersToSources(func::FuncOp func) {
  SmallVector<mlir::snn::PSPOp> filters;
  func.walk([&](mlir::snn::PSPOp p) { filters.push_back(p); });
  OpBuilder b(func.getContext());
  for (mlir::snn::PSPOp p : filters) {
    Value v = p.getInput();
    bool crossed = false;
    while (Operation *def = v.getDefiningOp()) {
      if (!isa<mlir::snn::DenseOp, mlir::snn::Conv2DOp, mlir::snn::SumPoolOp,
               mlir::snn::FlattenOp, mlir::snn::ReshapeOp>(def) ||
          !def->getResult(0).hasOneUse())
        break;
      v = def->getOperand(0);
      crossed = true;
    }
    auto lif = dyn_cast_or_null<mlir::snn::LIFOp>(v.getDefiningOp());
    if (lif && lif.getOutput() == mlir::snn::NeuronOutput::spikes && lif->hasOneUse()) {
      lif.setOutputAttr(
          mlir::snn::NeuronOutputAttr::get(func.getContext(), mlir::snn::NeuronOutput::psp));
      lif.setTauSAttr(p.getTauSAttr());
    } else if (crossed && v.hasOneUse() &&
               (!v.getDefiningOp() || isa<mlir::snn::CurrentOp>(v.getDefiningOp()))) {
      b.setInsertionPointAfterValue(v);
      auto filter = mlir::snn::PSPOp::create(b, p.getLoc(), v, p.getTauSAttr());
      v.replaceAllUsesExcept(filter.getResult(), filter.getOperation());
    } else {
      continue;
    }
    p.getResult().replaceAllUsesWith(p.getInput());
    p.erase();
  }
}

} // namespace

ImportResult importGraph(MLIRContext &ctx, const File &file, const ImportOptions &options) {
  return Importer(ctx, file, options).run();
}

ImportResult importFile(MLIRContext &ctx, StringRef path, const ImportOptions &options) {
  File file;
  ImportResult result;
  if (!readFile(path.str(), file, &result.error))
    return result;
  return importGraph(ctx, file, options);
}

} // namespace snn::nir
