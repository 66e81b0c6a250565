// Expanding a mapped neuro.program into the emitted core program (synapse lists, routing tables).
#include "codegen/Neuro/BuildCoreProgram.h"
#include "codegen/Neuro/ProgramView.h"

#include <map>

using namespace mlir;
using namespace mlir::neuro;
namespace core = snn::core;

FailureOr<core::Program>
mlir::neuro::buildCoreProgram(ProgramOp program, const snn::neuro::TargetDescription &target) {
  FailureOr<ProgramView> view = viewProgram(program);
  if (failed(view))
    return failure();
  if (!view->rescale || !program.getRunSteps() || !program.getMesh()) {
    program.emitError("map the program (quantise, align, partition, place, route) before "
                      "emitting it");
    return failure();
  }
  core::Program out;
  out.target = target.name;
  out.semantics = target.semantics;
  out.timeSteps = static_cast<uint32_t>(program.getTimeSteps());
  out.runSteps = static_cast<uint32_t>(*program.getRunSteps());
  out.outputOffset = static_cast<uint32_t>(*program.getOutputOffset());
  out.tauS = view->output ? view->output.getTauS().convertToFloat() : 1.0f;
  out.inputMode = static_cast<core::InputMode>(*view->input.getMode());
  ArrayRef<int64_t> inShape = view->input.getResult().getType().getShape();
  out.inputShape.assign(inShape.begin(), inShape.end());
  out.inputScale = view->rescale.getScale().convertToDouble();
  out.inputMin = static_cast<int32_t>(view->rescale.getMin());
  out.inputMax = static_cast<int32_t>(view->rescale.getMax());
  out.outputPopulation =
      view->outputLayer >= 0 ? view->outputLayer : static_cast<int32_t>(view->layers.size()) - 1;

  std::vector<Connectivity> conns;
  for (size_t li = 0; li < view->layers.size(); ++li) {
    const Layer &layer = view->layers[li];
    auto compartment = cast<CompartmentOp>(layer.neuron);
    conns.emplace_back(layer.projection);
    const Connectivity &conn = conns.back();
    core::Population pop;
    pop.name = layer.name;
    pop.shape = layer.shape;
    pop.currentDecay = static_cast<int32_t>(compartment.getCurrentDecay());
    pop.voltageDecay = static_cast<int32_t>(compartment.getVoltageDecay());
    pop.threshold = compartment.getThreshold();
    pop.weightExponent =
        static_cast<int32_t>(layer.projection->getAttrOfType<IntegerAttr>("weight_exp").getInt());
    out.populations.push_back(pop);
    core::Projection proj;
    proj.kind = conn.isConv() ? core::ProjectionKind::Conv : core::ProjectionKind::Dense;
    proj.source = layer.source;
    proj.target = static_cast<int32_t>(li);
    proj.weightShape.assign(conn.weightShape().begin(), conn.weightShape().end());
    for (double w : conn.weights())
      proj.weights.push_back(static_cast<int16_t>(w));
    if (conn.isConv()) {
      for (int i = 0; i < 2; ++i)
        proj.strides[i] = conn.strides()[i];
      for (int i = 0; i < 4; ++i)
        proj.pads[i] = conn.pads()[i];
    }
    out.projections.push_back(std::move(proj));
  }

  // Cores in id order, and the (core, local index) of every neuron.
  std::map<std::string, int32_t> layerIndex;
  for (size_t i = 0; i < view->layers.size(); ++i)
    layerIndex[view->layers[i].name] = static_cast<int32_t>(i);
  std::vector<CoreOp> coreOps(program.getBody().front().getOps<CoreOp>().begin(),
                              program.getBody().front().getOps<CoreOp>().end());
  llvm::sort(coreOps, [](CoreOp a, CoreOp b) { return a.getId() < b.getId(); });
  std::vector<std::vector<uint32_t>> coreOf(view->layers.size());
  for (auto [li, layer] : llvm::enumerate(view->layers))
    coreOf[li].assign(static_cast<size_t>(layer.size), 0);
  for (CoreOp op : coreOps) {
    core::Core c;
    c.id = static_cast<uint32_t>(op.getId());
    c.x = static_cast<uint16_t>(op.getX());
    c.y = static_cast<uint16_t>(op.getY());
    c.population = layerIndex.at(op.getLayer().str());
    c.firstNeuron = static_cast<uint32_t>(op.getFirst());
    c.numNeurons = static_cast<uint32_t>(op.getCount());
    for (uint32_t n = 0; n < c.numNeurons; ++n)
      coreOf[c.population][c.firstNeuron + n] = c.id;
    out.cores.push_back(std::move(c));
  }

  // Per source neuron (layer, index) or host channel: its destinations.
  std::vector<std::vector<std::vector<core::Route>>> routesOf(view->layers.size());
  for (auto [li, layer] : llvm::enumerate(view->layers))
    routesOf[li].resize(static_cast<size_t>(layer.size));
  std::vector<std::vector<core::Route>> hostRoutes(
      out.inputMode == core::InputMode::Spikes ? static_cast<size_t>(out.inputSize()) : 0);

  for (core::Core &c : out.cores) {
    const Connectivity &conn = conns[c.population];
    int32_t source = out.projections[c.population].source;
    bool shared = conn.isConv() && target.convWeights == snn::neuro::ConvWeights::Shared;
    std::vector<int64_t> axonOf(static_cast<size_t>(conn.numSources()), -1);
    std::vector<int64_t> used;
    if (!conn.isHost()) {
      for (uint32_t n = 0; n < c.numNeurons; ++n)
        conn.forEachInput(c.firstNeuron + n, [&](int64_t s, int64_t) {
          if (axonOf[s] < 0) {
            axonOf[s] = 0;
            used.push_back(s);
          }
        });
      llvm::sort(used);
    }
    if (shared) {
      c.kind = core::ProjectionKind::Conv;
      c.projection = c.population;
      for (int64_t s : used)
        axonOf[s] = s;
    } else {
      std::vector<std::vector<core::Synapse>> perAxon(used.size());
      for (size_t a = 0; a < used.size(); ++a)
        axonOf[used[a]] = static_cast<int64_t>(a);
      for (uint32_t n = 0; n < c.numNeurons && !conn.isHost(); ++n)
        conn.forEachInput(c.firstNeuron + n, [&](int64_t s, int64_t w) {
          perAxon[axonOf[s]].push_back(
              core::Synapse{n, static_cast<int16_t>(conn.weights()[w])});
        });
      c.axonSynapseStart.push_back(0);
      for (auto &list : perAxon) {
        c.synapses.insert(c.synapses.end(), list.begin(), list.end());
        c.axonSynapseStart.push_back(static_cast<uint32_t>(c.synapses.size()));
      }
    }
    for (int64_t s : used) {
      core::Route r{c.id, static_cast<uint32_t>(axonOf[s])};
      if (source < 0)
        hostRoutes[s].push_back(r);
      else
        routesOf[source][s].push_back(r);
    }
  }
  for (core::Core &c : out.cores) {
    c.routeStart.push_back(0);
    for (uint32_t n = 0; n < c.numNeurons; ++n) {
      auto &list = routesOf[c.population][c.firstNeuron + n];
      c.routes.insert(c.routes.end(), list.begin(), list.end());
      c.routeStart.push_back(static_cast<uint32_t>(c.routes.size()));
    }
  }
  if (!hostRoutes.empty()) {
    out.hostRouteStart.push_back(0);
    for (auto &list : hostRoutes) {
      out.hostRoutes.insert(out.hostRoutes.end(), list.begin(), list.end());
      out.hostRouteStart.push_back(static_cast<uint32_t>(out.hostRoutes.size()));
    }
  }
  return out;
}
