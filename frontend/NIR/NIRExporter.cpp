// snn model → NIR graph: Linear/Conv2d → CubaLIF, exact under forward Euler.
#include "frontend/NIR/NIRExporter.h"

#include "dialect/SNN/SNNDialect.h"
#include "dialect/SNN/SNNOps.h"
#include "frontend/NIR/NIRFile.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/raw_ostream.h"

namespace snn::nir {

namespace {

using namespace mlir;
namespace snnd = mlir::snn;

/// What an snn value is in the NIR graph: `factor` times the PSP trace (filter τs)
/// of the signal that NIR node `node` emits (spikes, or the static input).
struct Signal {
  std::string node;
  double factor = 1.0;
  double tauS = 0;
};

/// What a synapse's result is: the PSP filter (τs) of the NIR synapse node's output.
struct Current {
  std::string node;
  double tauS = 0;
};

class Exporter {
public:
  Exporter(ModuleOp module, const ExportOptions &options, File &out, std::string *error)
      : module(module), options(options), out(out), error(error) {}

  bool run() {
    auto fn = module.lookupSymbol<func::FuncOp>("forward");
    if (!fn || fn.getBody().empty())
      return fail(module, "the model has no @forward function");
    auto steps = fn->getAttrOfType<IntegerAttr>(snnd::SNNDialect::kTimeStepsAttr);
    if (!steps)
      return fail(fn, "@forward has no snn.time_steps: it is not a spiking model");
    out = File();
    out.version = "1.0.7";
    Node &graph = out.graph;
    graph.type = "NIRGraph";
    graph.metadata["dt"] = Field::scalar(options.dt);
    graph.metadata["integrator"] = Field::string("forward-euler");
    graph.metadata["reset"] = Field::string("zero");
    graph.metadata["time_steps"] = Field::scalar(double(steps.getInt()), true);
    graph.metadata["exporter"] = Field::string("snnc");
    for (BlockArgument arg : fn.getArguments()) {
      auto ref = fn.getArgAttrOfType<FlatSymbolRefAttr>(arg.getArgNumber(),
                                                        snnd::SNNDialect::kParameterAttr);
      if (ref) {
        auto param = module.lookupSymbol<snnd::ParameterOp>(ref);
        auto values = param ? dyn_cast<DenseElementsAttr>(param.getValue()) : nullptr;
        if (!values || !values.getElementType().isF32())
          return fail(fn, "parameter @" + ref.getValue().str() + " has no float32 value");
        weights[arg] = {ref.getValue().str(), values};
        continue;
      }
      if (input)
        return fail(fn, "NIR graphs here have one input; argument " +
                            std::to_string(arg.getArgNumber()) + " is not a parameter");
      input = arg;
      auto type = dyn_cast<RankedTensorType>(arg.getType());
      if (!type || type.getRank() < 2)
        return fail(fn, "the input must be [N, ...] with a per-sample shape");
      std::vector<double> shape(type.getShape().begin() + 1, type.getShape().end());
      addNode("input", "Input").fields["shape"] =
          Field::array({int64_t(shape.size())}, shape, /*isInteger=*/true);
    }
    for (Operation &op : fn.front())
      if (!translate(&op))
        return false;
    return true;
  }

private:
  bool fail(Operation *op, const std::string &why) {
    std::string where;
    llvm::raw_string_ostream os(where);
    os << op->getLoc();
    *error = "cannot export '" + op->getName().getStringRef().str() + "' (" + where +
             ") to NIR: " + why;
    return false;
  }

  Node &addNode(const std::string &name, const std::string &type) {
    out.graph.nodes.emplace_back();
    Node &node = out.graph.nodes.back();
    node.name = name;
    node.type = type;
    return node;
  }
  void connect(const std::string &from, const std::string &to) {
    out.graph.edges.emplace_back(from, to);
  }
  std::string fresh(const std::string &base) { return base + std::to_string(++counts[base]); }

  static Field constant(std::vector<int64_t> shape, double value) {
    int64_t n = 1;
    for (int64_t d : shape)
      n *= d;
    return Field::array(std::move(shape), std::vector<double>(size_t(n), value));
  }

  /// The weights of a synapse as a field, times `factor` (a pooling scale folded in).
  bool weightField(Operation *op, Value weight, double factor, Field &field,
                   std::string &name) {
    auto it = weights.find(weight);
    if (it == weights.end())
      return fail(op, "the weight is not a parameter of @forward");
    name = it->second.first;
    DenseElementsAttr values = it->second.second;
    std::vector<double> numbers;
    numbers.reserve(size_t(values.getNumElements()));
    for (float v : values.getValues<float>())
      numbers.push_back(double(v) * factor);
    auto shape = values.getType().getShape();
    field = Field::array(std::vector<int64_t>(shape.begin(), shape.end()), std::move(numbers));
    return true;
  }

  const Signal *signalOf(Operation *op, Value v) {
    auto it = signals.find(v);
    if (it != signals.end())
      return &it->second;
    fail(op, v == input ? std::string("the input must first pass through snn.psp (the "
                                      "TSSL-BP input filter)")
                        : std::string("its input is not a PSP trace of spikes (a neuron's "
                                      "output, or pooled or flattened ones)"));
    return nullptr;
  }

  bool translate(Operation *op) {
    if (auto psp = dyn_cast<snnd::PSPOp>(op)) {
      if (psp.getInput() != input)
        return fail(op, "a PSP filter inside the network has no NIR counterpart here");
      signals[psp.getResult()] = {"input", 1.0, psp.getTauSAttr().getValueAsDouble()};
      return true;
    }
    if (auto dense = dyn_cast<snnd::DenseOp>(op)) {
      const Signal *in = signalOf(op, dense.getInput());
      if (!in)
        return false;
      Field weight;
      std::string name;
      if (!weightField(op, dense.getWeight(), in->factor, weight, name))
        return false;
      addNode(name, "Linear").fields["weight"] = std::move(weight);
      connect(in->node, name);
      currents[dense.getResult()] = {name, in->tauS};
      return true;
    }
    if (auto conv = dyn_cast<snnd::Conv2DOp>(op)) {
      const Signal *in = signalOf(op, conv.getInput());
      if (!in)
        return false;
      ArrayRef<int64_t> pads = conv.getPads(); // top, left, bottom, right
      if (pads[0] != pads[2] || pads[1] != pads[3])
        return fail(op, "NIR's Conv2d pads both sides alike; these pads are asymmetric");
      Field weight;
      std::string name;
      if (!weightField(op, conv.getWeight(), in->factor, weight, name))
        return false;
      auto inType = cast<RankedTensorType>(conv.getInput().getType());
      int64_t outChannels = weight.shape[0];
      Node &node = addNode(name, "Conv2d");
      node.fields["weight"] = std::move(weight);
      node.fields["bias"] = constant({outChannels}, 0.0);
      node.fields["stride"] = Field::array({2}, {double(conv.getStrides()[0]),
                                                 double(conv.getStrides()[1])}, true);
      node.fields["padding"] = Field::array({2}, {double(pads[0]), double(pads[1])}, true);
      node.fields["dilation"] = Field::array({2}, {1, 1}, true);
      node.fields["groups"] = Field::scalar(1, true);
      node.fields["input_shape"] =
          Field::array({2}, {double(inType.getDimSize(2)), double(inType.getDimSize(3))}, true);
      connect(in->node, name);
      currents[conv.getResult()] = {name, in->tauS};
      return true;
    }
    if (auto lif = dyn_cast<snnd::LIFOp>(op)) {
      auto it = currents.find(lif.getInput());
      if (it == currents.end())
        return fail(op, "a neuron must be fed by one synapse (dense or conv2d)");
      if (lif.getOutput() != snnd::NeuronOutput::psp)
        return fail(op, "a neuron emitting raw spikes to a synapse has no CubaLIF form "
                        "(the synapse would have no current filter)");
      double tauM = lif.getTauMAttr().getValueAsDouble();
      double tauS = lif.getTauSAttr().getValueAsDouble();
      auto type = cast<RankedTensorType>(lif.getType());
      std::vector<int64_t> shape(type.getShape().begin() + 1, type.getShape().end());
      std::string name = fresh("lif");
      Node &node = addNode(name, "CubaLIF");
      node.fields["tau_syn"] = constant(shape, it->second.tauS * options.dt);
      node.fields["tau_mem"] = constant(shape, tauM * options.dt);
      node.fields["r"] = constant(shape, tauM);
      node.fields["v_leak"] = constant(shape, 0.0);
      node.fields["w_in"] = constant(shape, 1.0);
      node.fields["v_threshold"] = constant(shape, lif.getThresholdAttr().getValueAsDouble());
      node.fields["v_reset"] = constant(shape, 0.0);
      connect(it->second.node, name);
      signals[lif.getResult()] = {name, 1.0, tauS};
      neuronShapes[name] = shape;
      return true;
    }
    if (auto pool = dyn_cast<snnd::SumPoolOp>(op)) {
      const Signal *in = signalOf(op, pool.getInput());
      if (!in)
        return false;
      ArrayRef<int64_t> k = pool.getKernel();
      std::string name = fresh("pool");
      Node &node = addNode(name, "SumPool2d");
      node.fields["kernel_size"] = Field::array({2}, {double(k[0]), double(k[1])}, true);
      node.fields["stride"] = Field::array({2}, {double(k[0]), double(k[1])}, true);
      node.fields["padding"] = Field::array({2}, {0, 0}, true);
      connect(in->node, name);
      signals[pool.getResult()] = {name, in->factor * double(pool.getScale().convertToFloat()),
                                   in->tauS};
      return true;
    }
    if (auto flatten = dyn_cast<snnd::FlattenOp>(op)) {
      const Signal *in = signalOf(op, flatten.getInput());
      if (!in)
        return false;
      auto type = cast<RankedTensorType>(flatten.getInput().getType());
      std::vector<double> shape(type.getShape().begin() + 1, type.getShape().end());
      std::string name = fresh("flatten");
      Node &node = addNode(name, "Flatten");
      node.fields["start_dim"] = Field::scalar(0, true);
      node.fields["end_dim"] = Field::scalar(-1, true);
      node.fields["input_type"] =
          Field::array({int64_t(shape.size())}, std::move(shape), /*isInteger=*/true);
      connect(in->node, name);
      signals[flatten.getResult()] = {name, in->factor, in->tauS};
      return true;
    }
    if (auto dropout = dyn_cast<snnd::DropoutOp>(op)) {
      const Signal *in = signalOf(op, dropout.getInput());
      if (!in)
        return false;
      signals[dropout.getResult()] = *in; // inference: the identity
      return true;
    }
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      if (ret.getNumOperands() != 1)
        return fail(op, "NIR graphs here have one output");
      auto it = signals.find(ret.getOperand(0));
      if (it == signals.end() || it->second.factor != 1.0 ||
          !neuronShapes.count(it->second.node))
        return fail(op, "the output must be the PSP trace of the last neuron layer");
      // The model's output is the PSP trace of the last layer's spikes: an LI under
      // forward Euler, v = (1 − 1/τs)·v + spikes/τs.
      const std::vector<int64_t> &shape = neuronShapes[it->second.node];
      Node &readout = addNode("readout", "LI");
      readout.fields["tau"] = constant(shape, it->second.tauS * options.dt);
      readout.fields["r"] = constant(shape, 1.0);
      readout.fields["v_leak"] = constant(shape, 0.0);
      connect(it->second.node, "readout");
      std::vector<double> dims(shape.begin(), shape.end());
      addNode("output", "Output").fields["shape"] =
          Field::array({int64_t(dims.size())}, std::move(dims), /*isInteger=*/true);
      connect("readout", "output");
      return true;
    }
    if (isa<snnd::ParameterOp>(op))
      return true;
    if (isa<snnd::BiasOp>(op))
      // NIR filters a Linear's bias through CubaLIF's synapse with the spikes, so a
      // constant bias would ramp up over the first steps instead of being added whole.
      return fail(op, "a bias has no exact NIR form (CubaLIF would filter it over time)");
    return fail(op, "no NIR node expresses this op");
  }

  ModuleOp module;
  const ExportOptions &options;
  File &out;
  std::string *error;
  Value input;
  llvm::DenseMap<Value, std::pair<std::string, DenseElementsAttr>> weights;
  llvm::DenseMap<Value, Signal> signals;
  llvm::DenseMap<Value, Current> currents;
  std::map<std::string, std::vector<int64_t>> neuronShapes;
  std::map<std::string, int> counts;
};

} // namespace

bool exportGraph(mlir::ModuleOp module, const ExportOptions &options, File &out,
                 std::string *error) {
  return Exporter(module, options, out, error).run();
}

bool exportFile(mlir::ModuleOp module, llvm::StringRef path, const ExportOptions &options,
                std::string *error) {
  File file;
  return exportGraph(module, options, file, error) && writeFile(path.str(), file, error);
}

} // namespace snn::nir
