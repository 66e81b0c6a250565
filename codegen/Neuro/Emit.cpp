// snn-neuro-emit: write the core program (binary and text), the resource report (text, JSON) and the placement SVG.
#include "codegen/Neuro/BuildCoreProgram.h"
#include "codegen/Neuro/Passes.h"
#include "codegen/Neuro/ProgramView.h"
#include "codegen/Neuro/Resources.h"
#include "codegen/Neuro/TargetSupport.h"
#include "runtime/AtomicFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace mlir::neuro {
#define GEN_PASS_DEF_NEUROEMIT
#include "codegen/Neuro/Passes.h.inc"
} // namespace mlir::neuro

using namespace mlir;
using namespace mlir::neuro;

namespace {

struct CoreRow {
  int64_t id, x, y, neurons, inputAxons, outputAxons, synapseBits;
  std::string layer;
  double utilisation; // the largest fraction of any core limit
};

double fraction(int64_t used, int64_t limit) {
  return limit > 0 ? static_cast<double>(used) / static_cast<double>(limit) : 0.0;
}

std::string percent(double f) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", 100.0 * f);
  return text;
}

/// A colour per layer, distinguishable on a white background.
std::string colourOf(int layer) {
  static const char *palette[] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
                                  "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
  return palette[layer % 10];
}

struct NeuroEmitPass : public mlir::neuro::impl::NeuroEmitBase<NeuroEmitPass> {
  using NeuroEmitBase::NeuroEmitBase;

  void runOnOperation() override {
    ProgramOp program = getOperation();
    if (outputDir.empty()) {
      program.emitError("snn-neuro-emit needs output-dir");
      return signalPassFailure();
    }
    auto target = loadTarget(program);
    if (!target)
      return signalPassFailure();
    FailureOr<snn::core::Program> core = buildCoreProgram(program, *target);
    if (failed(core))
      return signalPassFailure();
    if (std::error_code ec = llvm::sys::fs::create_directories(outputDir)) {
      program.emitError() << outputDir << ": cannot create the folder: " << ec.message();
      return signalPassFailure();
    }
    std::string error;
    std::string dir = outputDir + "/";
    if (!snn::core::writeProgramBinary(*core, dir + "program.bin", &error) ||
        !snn::core::writeProgramText(*core, dir + "program.txt", &error) ||
        !writeReports(program, *target, dir, &error)) {
      program.emitError() << error;
      return signalPassFailure();
    }
  }

  bool writeReports(ProgramOp program, const snn::neuro::TargetDescription &target,
                    const std::string &dir, std::string *error) {
    FailureOr<ProgramView> view = viewProgram(program);
    std::map<std::string, int> layerIndex;
    for (size_t i = 0; i < view->layers.size(); ++i)
      layerIndex[view->layers[i].name] = static_cast<int>(i);
    std::vector<CoreRow> rows;
    for (auto c : program.getBody().front().getOps<CoreOp>()) {
      auto get = [&](const char *name) {
        auto attr = c->getAttrOfType<IntegerAttr>(name);
        return attr ? attr.getInt() : 0;
      };
      CoreRow row{c.getId(), c.getX(), c.getY(), get("neurons"), get("input_axons"),
                  get("output_axons"), get("synapse_bits"), c.getLayer().str(), 0.0};
      row.utilisation = std::max({fraction(row.neurons, target.neuronsPerCore),
                                  fraction(row.inputAxons, target.inputAxonsPerCore),
                                  fraction(row.outputAxons, target.outputAxonsPerCore),
                                  fraction(row.synapseBits, target.synapseMemoryBits)});
      rows.push_back(row);
    }
    int64_t routes = 0, hopsPerSpikes = 0, maxHops = 0;
    for (auto r : program.getBody().front().getOps<RouteOp>()) {
      ++routes;
      hopsPerSpikes += r.getNeurons() * r.getHops();
      maxHops = std::max(maxHops, r.getHops());
    }
    int64_t neurons = 0, bits = 0;
    for (const CoreRow &r : rows) {
      neurons += r.neurons;
      bits += r.synapseBits;
    }
    std::vector<std::string> approximations;
    if (auto notes = program->getAttrOfType<ArrayAttr>("neuro.approximations"))
      for (Attribute a : notes)
        approximations.push_back(cast<StringAttr>(a).str());
    const char *mode = inputModeName(static_cast<snn::core::InputMode>(*view->input.getMode()));

    // Text report.
    std::string text;
    llvm::raw_string_ostream os(text);
    os << "target " << target.name << " (" << target.path << ")\n";
    os << "input: " << mode << ", scale " << view->rescale.getScale().convertToDouble()
       << " (integers in [" << view->rescale.getMin() << ", " << view->rescale.getMax()
       << "])\n";
    os << "time: T = " << program.getTimeSteps() << ", chip steps " << *program.getRunSteps()
       << ", output read from step " << *program.getOutputOffset() << "\n";
    for (const std::string &a : approximations)
      os << "approximation: " << a << "\n";
    os << "cores " << rows.size() << " of " << target.cores << " (" << percent(fraction(
                                                                     rows.size(), target.cores))
       << "), neurons " << withCommas(neurons) << ", synapse bits " << withCommas(bits)
       << ", routes " << routes << ", hops per step if every neuron spikes "
       << withCommas(hopsPerSpikes) << ", longest route " << maxHops << " hops\n\n";
    os << "layer       neurons  cores  scale         weight_exp  threshold  du     dv\n";
    for (const Layer &l : view->layers) {
      auto c = cast<CompartmentOp>(l.neuron);
      os << llvm::left_justify(l.name, 11) << " " << llvm::right_justify(std::to_string(l.size), 7)
         << "  " << llvm::right_justify(std::to_string(c.getCores()->size()), 5) << "  "
         << llvm::left_justify(std::to_string(c.getScale().convertToDouble()), 13) << " "
         << llvm::right_justify(
                std::to_string(l.projection->getAttrOfType<IntegerAttr>("weight_exp").getInt()),
                10)
         << "  " << llvm::right_justify(std::to_string(c.getThreshold()), 9) << "  "
         << llvm::left_justify(std::to_string(c.getCurrentDecay()), 6) << " "
         << c.getVoltageDecay() << (l.projection->hasAttr("host") ? "  (fed by the host)" : "")
         << "\n";
    }
    os << "\ncore  at       layer       neurons  input_axons  output_axons  synapse_bits  use\n";
    for (const CoreRow &r : rows)
      os << llvm::right_justify(std::to_string(r.id), 4) << "  "
         << llvm::left_justify("(" + std::to_string(r.x) + "," + std::to_string(r.y) + ")", 7)
         << "  " << llvm::left_justify(r.layer, 10) << " "
         << llvm::right_justify(std::to_string(r.neurons), 7) << "  "
         << llvm::right_justify(std::to_string(r.inputAxons), 11) << "  "
         << llvm::right_justify(std::to_string(r.outputAxons), 12) << "  "
         << llvm::right_justify(std::to_string(r.synapseBits), 12) << "  "
         << percent(r.utilisation) << "\n";
    if (!snn::rt::writeFileAtomically(dir + "report.txt", text, error))
      return false;

    // JSON report.
    llvm::json::Array coresJson, layersJson, approxJson;
    for (const CoreRow &r : rows)
      coresJson.push_back(llvm::json::Object{{"id", r.id},
                                             {"x", r.x},
                                             {"y", r.y},
                                             {"layer", r.layer},
                                             {"neurons", r.neurons},
                                             {"input_axons", r.inputAxons},
                                             {"output_axons", r.outputAxons},
                                             {"synapse_bits", r.synapseBits},
                                             {"utilisation", r.utilisation}});
    for (const Layer &l : view->layers) {
      auto c = cast<CompartmentOp>(l.neuron);
      llvm::json::Array cores;
      for (int64_t id : c.getCoresAttr().asArrayRef())
        cores.push_back(id);
      layersJson.push_back(llvm::json::Object{
          {"name", l.name},
          {"neurons", l.size},
          {"cores", std::move(cores)},
          {"scale", c.getScale().convertToDouble()},
          {"weight_exp", l.projection->getAttrOfType<IntegerAttr>("weight_exp").getInt()},
          {"threshold", c.getThreshold()},
          {"current_decay", c.getCurrentDecay()},
          {"voltage_decay", c.getVoltageDecay()},
          {"step_offset", c.getStepOffset() ? *c.getStepOffset() : 0},
          {"host", l.projection->hasAttr("host")}});
    }
    for (const std::string &a : approximations)
      approxJson.push_back(a);
    llvm::json::Object report{
        {"target", target.name},
        {"input_mode", mode},
        {"input_scale", view->rescale.getScale().convertToDouble()},
        {"time_steps", program.getTimeSteps()},
        {"run_steps", *program.getRunSteps()},
        {"output_offset", *program.getOutputOffset()},
        {"approximations", std::move(approxJson)},
        {"totals", llvm::json::Object{{"cores", static_cast<int64_t>(rows.size())},
                                      {"chip_cores", target.cores},
                                      {"neurons", neurons},
                                      {"synapse_bits", bits},
                                      {"routes", routes},
                                      {"hops_if_all_spike", hopsPerSpikes},
                                      {"max_hops", maxHops}}},
        {"layers", std::move(layersJson)},
        {"cores", std::move(coresJson)}};
    std::string json;
    llvm::raw_string_ostream js(json);
    js << llvm::formatv("{0:2}", llvm::json::Value(std::move(report))) << "\n";
    if (!snn::rt::writeFileAtomically(dir + "report.json", json, error))
      return false;

    // Placement picture: the mesh, used cores coloured by layer, shaded by use.
    int64_t w = target.meshWidth, h = target.meshHeight;
    int64_t cell = std::max<int64_t>(6, std::min<int64_t>(48, 960 / std::max(w, h)));
    int64_t legend = 20 * static_cast<int64_t>(view->layers.size()) + 30;
    std::string svg;
    llvm::raw_string_ostream ss(svg);
    ss << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w * cell + 20
       << "\" height=\"" << h * cell + 20 + legend << "\" font-family=\"sans-serif\">\n";
    ss << "<title>" << target.name << ": " << rows.size() << " of " << target.cores
       << " cores</title>\n";
    for (int64_t y = 0; y < h; ++y)
      for (int64_t x = 0; x < w; ++x)
        ss << "<rect x=\"" << 10 + x * cell << "\" y=\"" << 10 + y * cell << "\" width=\""
           << cell - 1 << "\" height=\"" << cell - 1
           << "\" fill=\"#f4f4f4\" stroke=\"#dddddd\"/>\n";
    for (const CoreRow &r : rows) {
      double opacity = 0.25 + 0.75 * std::min(1.0, r.utilisation);
      ss << "<rect x=\"" << 10 + r.x * cell << "\" y=\"" << 10 + r.y * cell << "\" width=\""
         << cell - 1 << "\" height=\"" << cell - 1 << "\" fill=\""
         << colourOf(layerIndex[r.layer]) << "\" fill-opacity=\"" << opacity
         << "\"><title>core " << r.id << ": " << r.layer << ", " << r.neurons
         << " neurons, use " << percent(r.utilisation) << "</title></rect>\n";
      if (cell >= 24)
        ss << "<text x=\"" << 10 + r.x * cell + cell / 2 << "\" y=\""
           << 10 + r.y * cell + cell / 2 + 4 << "\" font-size=\"" << cell / 3
           << "\" text-anchor=\"middle\">" << r.id << "</text>\n";
    }
    int64_t ly = h * cell + 30;
    for (const Layer &l : view->layers) {
      ss << "<rect x=\"10\" y=\"" << ly << "\" width=\"14\" height=\"14\" fill=\""
         << colourOf(layerIndex[l.name]) << "\"/><text x=\"30\" y=\"" << ly + 12
         << "\" font-size=\"12\">" << l.name << " (" << l.size << " neurons, "
         << cast<CompartmentOp>(l.neuron).getCores()->size() << " cores)</text>\n";
      ly += 20;
    }
    ss << "<text x=\"10\" y=\"" << ly + 12
       << "\" font-size=\"11\">shade: the core's largest use of a limit</text>\n</svg>\n";
    return snn::rt::writeFileAtomically(dir + "placement.svg", svg, error);
  }
};

} // namespace
