// Public API of the ONNX importer: parse, check, import faithfully, convert, verify.
#include "frontend/ONNX/ONNXImporter.h"
#include "frontend/ONNX/GraphImporter.h"
#include "frontend/ONNX/ModelLoader.h"
#include "frontend/ONNX/ONNXDialect.h"
#include "frontend/ONNX/Passes.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <set>
#include <vector>

using namespace mlir;

namespace snn::onnx {

namespace {

std::string oneLine(std::string text) {
  for (char &c : text)
    if (c == '\n' || c == '\r')
      c = ' ';
  return text;
}

/// Keeps the first error as one line; prints warnings (e.g. a dropped bias) as lines.
class DiagnosticCapture {
public:
  explicit DiagnosticCapture(MLIRContext &ctx)
      : handler(&ctx, [this](Diagnostic &diag) {
          if (diag.getSeverity() == DiagnosticSeverity::Error) {
            // A verifier message about an op built for a node: name the node.
            auto name = dyn_cast<NameLoc>(diag.getLocation());
            std::string message = oneLine(diag.str());
            if (name && !StringRef(message).starts_with("node '"))
              message = "node '" + name.getName().str() + "': " + message;
            if (first.empty())
              first = message;
          } else if (diag.getSeverity() == DiagnosticSeverity::Warning) {
            llvm::errs() << "warning: " << oneLine(diag.str()) << "\n";
          }
          return success();
        }) {}
  std::string take(const std::string &fallback) { return first.empty() ? fallback : first; }

private:
  std::string first;
  ScopedDiagnosticHandler handler;
};

/// `text` with control bytes written as \xHH: op types and value names come from the
/// file verbatim, and an error must stay one printable line whatever they hold.
std::string escapeControlBytes(const std::string &text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7f) {
      out += c;
      continue;
    }
    const char *hex = "0123456789abcdef";
    out += "\\x";
    out += hex[byte >> 4];
    out += hex[byte & 15];
  }
  return out;
}

ImportResult failure(std::string error, bool unsupported) {
  ImportResult result;
  result.error = escapeControlBytes(error);
  result.unsupported = unsupported;
  return result;
}

/// A spiking model is batch-polymorphic (the conversion makes dimension 0 dynamic), so
/// shape inference may as well see a batch of 1: then data propagation resolves
/// shape computations such as PyTorch's `x.view(x.size(0), -1)` to static targets.
void pinSymbolicBatch(::onnx::ModelProto &model, const ImportOptions &options) {
  bool spiking = options.convertANN;
  for (const auto &node : model.graph().node())
    spiking |= node.domain() == "snn";
  if (!spiking)
    return;
  for (auto &input : *model.mutable_graph()->mutable_input()) {
    if (!input.type().has_tensor_type() || !input.type().tensor_type().has_shape() ||
        input.type().tensor_type().shape().dim_size() == 0)
      continue;
    auto *dim = input.mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(0);
    if (!dim->has_dim_value())
      dim->set_dim_value(1);
  }
}

/// The graph inputs that are not initializers: the data the model is fed.
std::vector<std::string> dataInputs(const ::onnx::GraphProto &graph) {
  std::set<std::string> initializers;
  for (const auto &init : graph.initializer())
    initializers.insert(init.name());
  std::vector<std::string> names;
  for (const auto &input : graph.input())
    if (!initializers.count(input.name()))
      names.push_back(input.name());
  return names;
}

/// `options` null: stop after the faithful import.
ImportResult importModel(MLIRContext &ctx, ::onnx::ModelProto &model,
                         const ImportOptions *options) {
  std::string error;
  bool unsupported = false;
  if (!validateModel(model, error, unsupported))
    return failure(error, unsupported);
  if (options && options->singleInput) {
    std::vector<std::string> inputs = dataInputs(model.graph());
    if (inputs.size() != 1) {
      std::string names;
      for (const std::string &name : inputs)
        names += (names.empty() ? "" : ", ") + name;
      return failure("the graph has " + std::to_string(inputs.size()) + " inputs" +
                         (names.empty() ? "" : " (" + names + ")") +
                         "; snnc runs models with one input",
                     true);
    }
  }
  if (!checkModel(model, error))
    return failure(error, false);
  if (options) {
    pinSymbolicBatch(model, *options);
    // Each round of inference can make more Shape inputs static.
    for (int round = 0; round < 4; ++round) {
      inferShapesLenient(model);
      if (!foldShapeComputations(model))
        break;
    }
  }
  if (!inferShapes(model, error))
    return failure(error, false);
  OwningOpRef<ModuleOp> module = importGraph(ctx, model, error, unsupported);
  if (!module)
    return failure(error, unsupported);
  DiagnosticCapture diagnostics(ctx);
  if (!options) {
    if (failed(verify(*module)))
      return failure(diagnostics.take("the imported module does not verify"), false);
    ImportResult result;
    result.module = std::move(module);
    return result;
  }
  PassManager pm(&ctx);
  ConvertONNXToSNNOptions convert;
  convert.convertANN = options->convertANN;
  convert.timeSteps = options->timeSteps;
  convert.tauM = options->tauM;
  convert.tauS = options->tauS;
  convert.threshold = options->threshold;
  pm.addPass(createConvertONNXToSNN(convert));
  if (failed(pm.run(*module)))
    return failure(diagnostics.take("conversion of the imported graph failed"), true);
  if (failed(verify(*module)))
    return failure(diagnostics.take("the imported module does not verify"), false);
  ImportResult result;
  result.module = std::move(module);
  return result;
}

} // namespace

bool isONNXModelPath(llvm::StringRef path) { return formatForPath(path).has_value(); }

ImportResult importModelBytes(MLIRContext &ctx, llvm::StringRef bytes,
                              const ImportOptions &options) {
  ::onnx::ModelProto model;
  std::string error;
  if (!parseModelProto(bytes, ModelFormat::Binary, model, error))
    return failure(error, false);
  return importModel(ctx, model, &options);
}

namespace {
ImportResult importFile(MLIRContext &ctx, llvm::StringRef path, const ImportOptions *options) {
  std::optional<ModelFormat> format = formatForPath(path);
  if (!format)
    return failure("unknown model file type (expected .onnx, .onnxtxt, .textproto or .json)",
                   false);
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return failure("cannot read: " + buffer.getError().message(), false);
  ::onnx::ModelProto model;
  std::string error;
  if (!parseModelProto((*buffer)->getBuffer(), *format, model, error))
    return failure(error, false);
  return importModel(ctx, model, options);
}
} // namespace

ImportResult importModelFile(MLIRContext &ctx, llvm::StringRef path,
                             const ImportOptions &options) {
  return importFile(ctx, path, &options);
}

ImportResult importModelFileFaithful(MLIRContext &ctx, llvm::StringRef path) {
  return importFile(ctx, path, nullptr);
}

void registerONNXDialectAndPasses(DialectRegistry &registry) {
  registry.insert<ONNXDialect>();
  registerConvertONNXToSNN();
}

} // namespace snn::onnx
