// Loading a model (layer string or .mlir), and compiling it through the staged pipeline.
#include "tools/snnc/Model.h"
#include "tools/snnc/CudaModel.h"

#include "codegen/CPU/CPUBackend.h"
#include "dialect/SNN/SNNOps.h"
#include "frontend/LayerString/NetworkToSNN.h"
#include "frontend/NIR/NIRImporter.h"
#include "frontend/ONNX/ONNXImporter.h"
#include "runtime/MessageText.h"
#include "runtime/Parallel.h"
#include "tools/common/NestingDepth.h"
#include "tools/snnc/MemoryBudget.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <algorithm>
#include <mutex>

using namespace mlir;

namespace snn::driver {

namespace {

/// Collects the first error MLIR reports as one line "file:line:col: message".
class FirstError {
public:
  explicit FirstError(MLIRContext &ctx)
      : handler(&ctx, [this](Diagnostic &diag) {
          if (diag.getSeverity() == DiagnosticSeverity::Error && message.empty()) {
            std::string loc;
            if (auto fileLoc = dyn_cast<FileLineColLoc>(diag.getLocation()))
              loc = fileLoc.getFilename().str() + ":" + std::to_string(fileLoc.getLine()) +
                    ":" + std::to_string(fileLoc.getColumn()) + ": ";
            message = loc + diag.str();
            for (char &c : message)
              if (c == '\n')
                c = ' ';
          }
          return success();
        }) {}
  std::string take(const std::string &fallback) {
    return message.empty() ? fallback : message;
  }

private:
  std::string message;
  ScopedDiagnosticHandler handler;
};

bool endsWith(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// An ANN: one float32 input [N, ...] and one float32 output [N, ...], run as one step.
bool annSignature(func::FuncOp fn, ModelSignature &out, std::string *error) {
  SmallVector<Type> inputs;
  for (unsigned i = 0; i < fn.getNumArguments(); ++i)
    if (!fn.getArgAttr(i, mlir::snn::SNNDialect::kParameterAttr))
      inputs.push_back(fn.getArgumentTypes()[i]);
  if (inputs.size() != 1 || fn.getNumResults() != 1) {
    *error = "this ANN has " + std::to_string(inputs.size()) + " inputs and " +
             std::to_string(fn.getNumResults()) +
             " outputs; snnc runs models with one input and one output";
    return false;
  }
  auto inType = dyn_cast<RankedTensorType>(inputs[0]);
  auto outType = dyn_cast<RankedTensorType>(fn.getResultTypes()[0]);
  auto batchOnlyDynamic = [](RankedTensorType t) {
    return t.getRank() >= 1 && t.getElementType().isF32() &&
           llvm::none_of(t.getShape().drop_front(), ShapedType::isDynamic);
  };
  if (!inType || !outType || !batchOnlyDynamic(inType) || !batchOnlyDynamic(outType) ||
      inType.getDimSize(0) != outType.getDimSize(0)) {
    *error = "the ANN's input and output must be float32 [N, ...] with static sizes but N";
    return false;
  }
  out.ann = true;
  out.inputShape.assign(inType.getShape().begin() + 1, inType.getShape().end());
  out.outputShape.assign(outType.getShape().begin() + 1, outType.getShape().end());
  out.classes = 1;
  for (int64_t d : out.outputShape)
    out.classes *= d;
  out.timeSteps = 1;
  out.staticBatch = inType.isDynamicDim(0) ? 0 : inType.getDimSize(0);
  return true;
}

} // namespace

std::unique_ptr<MLIRContext> createContext() {
  // The pipelines add upstream passes by name, so they must be registered.
  static std::once_flag registered;
  std::call_once(registered, [] {
    registerAllPasses();
    mlir::snn::registerSNNTransforms();
    for (const mlir::snn::Backend *backend : mlir::snn::allBackends())
      backend->registerPasses();
  });
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<mlir::snn::SNNDialect>();
  for (const mlir::snn::Backend *backend : mlir::snn::allBackends())
    backend->registerDialects(registry);
  auto ctx = std::make_unique<MLIRContext>(registry);
  ctx->loadDialect<mlir::snn::SNNDialect, func::FuncDialect>();
  return ctx;
}

ModelKind modelKind(const std::string &model) {
  if (onnx::isONNXModelPath(model))
    return ModelKind::ONNX;
  if (endsWith(model, ".mlir"))
    return ModelKind::MLIR;
  if (endsWith(model, ".nir"))
    return ModelKind::NIR;
  return ModelKind::LayerString;
}

func::FuncOp modelFunction(ModuleOp module) {
  return module.lookupSymbol<func::FuncOp>("forward");
}

OwningOpRef<ModuleOp> loadModel(MLIRContext &ctx, const std::string &model,
                                const std::vector<int64_t> &inputShape,
                                const ModelOptions &options, std::string *error) {
  OwningOpRef<ModuleOp> module;
  if (onnx::isONNXModelPath(model)) {
    if (!llvm::sys::fs::exists(model)) {
      *error = model + ": no such file";
      return nullptr;
    }
    onnx::ImportOptions import;
    import.convertANN = options.convertANN;
    // snnc feeds one tensor of samples; other graph inputs would be mistaken for weights.
    import.singleInput = true;
    import.timeSteps = options.timeSteps;
    import.tauM = static_cast<float>(options.tauM);
    import.tauS = static_cast<float>(options.tauS);
    import.threshold = static_cast<float>(options.threshold);
    onnx::ImportResult imported = onnx::importModelFile(ctx, model, import);
    if (!imported.module) {
      *error = model + ": " + imported.error;
      return nullptr;
    }
    module = std::move(imported.module);
  } else if (endsWith(model, ".nir")) {
    if (!llvm::sys::fs::exists(model)) {
      *error = model + ": no such file";
      return nullptr;
    }
    nir::ImportOptions import;
    import.dt = options.nirDt;
    import.integrator = options.nirIntegrator;
    import.reset = options.nirReset;
    import.timeSteps = options.timeSteps;
    import.sequenceInput = options.sequenceInput;
    nir::ImportResult imported = nir::importFile(ctx, model, import);
    if (!imported.module) {
      // The file layer's messages already start with the path.
      *error = llvm::StringRef(imported.error).starts_with(model) ? imported.error
                                                                  : model + ": " + imported.error;
      return nullptr;
    }
    module = std::move(imported.module);
  } else if (endsWith(model, ".mlir")) {
    if (!llvm::sys::fs::exists(model)) {
      *error = model + ": no such file";
      return nullptr;
    }
    auto buffer = llvm::MemoryBuffer::getFile(model, /*IsText=*/true);
    if (!buffer) {
      *error = model + ": cannot read: " + buffer.getError().message();
      return nullptr;
    }
    // MLIR's parser recurses per nesting level; a hostile file would overflow the stack.
    if (!tools::checkNestingDepth((*buffer)->getBuffer(), model, error))
      return nullptr;
    FirstError diag(ctx);
    module = parseSourceString<ModuleOp>((*buffer)->getBuffer(), ParserConfig(&ctx), model);
    if (!module) {
      *error = diag.take(model + ": cannot parse");
      return nullptr;
    }
    func::FuncOp fn = modelFunction(*module);
    if (!fn || !fn->hasAttr(mlir::snn::SNNDialect::kTimeStepsAttr) ||
        fn->hasAttr(mlir::snn::SNNDialect::kScheduleAttr)) {
      *error = model + ": expected a graph-level snn model: func.func @forward with "
                       "'snn.time_steps' and no 'snn.schedule'";
      return nullptr;
    }
  } else {
    if (llvm::sys::fs::exists(model)) {
      *error = model + ": unknown model file type (expected .onnx, .mlir or a layer string)";
      return nullptr;
    }
    frontend::NetworkSpec net;
    std::vector<int64_t> shape = inputShape.empty() ? std::vector<int64_t>{1, 28, 28} : inputShape;
    frontend::NeuronDefaults neuron;
    neuron.timeSteps = options.timeSteps > 0 ? options.timeSteps : 5;
    if (options.sequenceInput) {
      // The data's last dimension is time; the layers see one step.
      if (shape.size() < 2 || shape.back() != neuron.timeSteps) {
        *error = "the input sequences have " + std::to_string(shape.back()) +
                 " steps but the model runs " + std::to_string(neuron.timeSteps) +
                 " (see --time-steps)";
        return nullptr;
      }
      shape.pop_back();
      neuron.sequenceInput = true;
    }
    if (!frontend::parseLayerString(model, shape, net, error))
      return nullptr;
    // Initialising the weights is the first large allocation: refuse a network
    // whose weights cannot fit instead of dying in the allocator.
    MemoryNeed need;
    for (const frontend::LayerSpec &layer : net.layers) {
      double n = 1;
      for (int64_t d : layer.weightShape())
        n *= double(d);
      need.weights += layer.hasWeights() ? 4.0 * 3.0 * n : 0.0;
    }
    if (!checkMemory("the network " + rt::quoteForMessage(model), need,
                     "use fewer or smaller layers", error))
      return nullptr;
    neuron.tauM = options.tauM;
    neuron.tauS = options.tauS;
    neuron.threshold = options.threshold;
    module = frontend::buildSNNModule(&ctx, net, neuron, options.seed);
  }
  // An ANN has no time axis to override.
  if (options.timeSteps > 0 &&
      modelFunction(*module)->hasAttr(mlir::snn::SNNDialect::kTimeStepsAttr))
    modelFunction(*module)->setAttr(mlir::snn::SNNDialect::kTimeStepsAttr,
                                    Builder(&ctx).getI64IntegerAttr(options.timeSteps));
  FirstError diag(ctx);
  if (failed(verify(*module))) {
    *error = diag.take(model + ": invalid model");
    return nullptr;
  }
  return module;
}

bool modelSignature(ModuleOp module, ModelSignature &out, std::string *error) {
  func::FuncOp fn = modelFunction(module);
  if (!fn) {
    *error = "model has no function @forward";
    return false;
  }
  auto steps = fn->getAttrOfType<IntegerAttr>(mlir::snn::SNNDialect::kTimeStepsAttr);
  if (!steps)
    return annSignature(fn, out, error);
  auto inType = fn.getNumArguments() ? dyn_cast<RankedTensorType>(fn.getArgumentTypes()[0])
                                     : RankedTensorType();
  auto outType = fn.getNumResults() == 1 ? dyn_cast<RankedTensorType>(fn.getResultTypes()[0])
                                         : RankedTensorType();
  if (!steps || !inType || !outType || outType.getRank() != 2 ||
      outType.isDynamicDim(1) || (!inType.hasStaticShape() && inType.getNumDynamicDims() != 1)) {
    *error = "model @forward must take [N, ...] and return [N, classes] per step";
    return false;
  }
  out.inputShape.assign(inType.getShape().begin() + 1, inType.getShape().end());
  out.classes = outType.getDimSize(1);
  out.timeSteps = steps.getInt();
  return true;
}

bool collectParameters(ModuleOp module, std::vector<std::vector<float>> &out,
                       std::string *error) {
  func::FuncOp fn = modelFunction(module);
  out.clear();
  for (unsigned i = 1; i < fn.getNumArguments(); ++i) {
    auto ref = fn.getArgAttrOfType<FlatSymbolRefAttr>(i, mlir::snn::SNNDialect::kParameterAttr);
    auto param = ref ? module.lookupSymbol<mlir::snn::ParameterOp>(ref) : nullptr;
    auto dense = param ? dyn_cast<DenseElementsAttr>(param.getValue()) : nullptr;
    if (!dense) {
      *error = "argument #" + std::to_string(i) +
               " of @forward is not tagged with a dense snn.parameter";
      return false;
    }
    auto values = dense.getValues<float>();
    out.emplace_back(values.begin(), values.end());
  }
  return true;
}

bool parameterInfo(ModuleOp module, std::vector<std::string> &names,
                   std::vector<std::vector<int64_t>> &shapes, std::string *error) {
  func::FuncOp fn = modelFunction(module);
  names.clear();
  shapes.clear();
  for (unsigned i = 1; i < fn.getNumArguments(); ++i) {
    auto ref = fn.getArgAttrOfType<FlatSymbolRefAttr>(i, mlir::snn::SNNDialect::kParameterAttr);
    if (!ref) {
      *error = "argument #" + std::to_string(i) + " of @forward is not a parameter";
      return false;
    }
    names.push_back(ref.getValue().str());
    auto type = cast<RankedTensorType>(fn.getArgumentTypes()[i]);
    shapes.emplace_back(type.getShape().begin(), type.getShape().end());
  }
  return true;
}

void setParameters(ModuleOp module, const std::vector<std::vector<float>> &values) {
  func::FuncOp fn = modelFunction(module);
  for (unsigned i = 1; i < fn.getNumArguments(); ++i) {
    auto ref = fn.getArgAttrOfType<FlatSymbolRefAttr>(i, mlir::snn::SNNDialect::kParameterAttr);
    auto param = module.lookupSymbol<mlir::snn::ParameterOp>(ref);
    auto type = cast<RankedTensorType>(param.getValue().getType());
    param.setValueAttr(DenseElementsAttr::get(type, ArrayRef<float>(values[i - 1])));
  }
}

bool runPasses(ModuleOp module, llvm::function_ref<void(PassManager &)> build,
               std::string *error) {
  PassManager pm(module.getContext());
  build(pm);
  FirstError diag(*module.getContext());
  if (failed(pm.run(module))) {
    *error = diag.take("compilation failed");
    return false;
  }
  return true;
}

bool lowerTo(ModuleOp module, const mlir::snn::Backend &backend, StringRef stage,
             const ModelOptions &options, mlir::snn::BackendOptions target, std::string *error,
             bool training) {
  target.schedule = options.schedule;
  target.spikeSynapses = options.spikeSynapses;
  target.unroll = options.unroll;
  target.training = training;
  return runPasses(
      module,
      [&](PassManager &pm) {
        if (training) {
          mlir::snn::SNNDeriveTrainingOptions derive;
          derive.loss = options.loss;
          derive.desired = options.desired;
          derive.undesired = options.undesired;
          pm.addPass(mlir::snn::createSNNDeriveTraining(derive));
        }
        if (!stage.empty())
          backend.buildPipeline(pm, stage, target);
      },
      error);
}

void CompiledModel::run(const float *input, int64_t batch, float *output, int threads) const {
  int64_t inStride = 1;
  for (int64_t d : signature.inputShape)
    inStride *= d;
  int64_t outStride = signature.classes * signature.timeSteps;
  std::vector<const float *> pointers;
  for (const auto &p : params)
    pointers.push_back(p.data());
  if (hostForward) {
    // The device runs the batch in parallel; one call, whatever `threads` says.
    hostForward(input, batch, pointers.data(), output);
    return;
  }
  mlir::snn::ForwardFn fn = jit->forward();
  if (signature.staticBatch > 0) {
    // The model's batch size is fixed: run it on consecutive chunks of that many rows,
    // the last one zero-padded.
    int64_t chunk = signature.staticBatch, full = batch / chunk;
    rt::parallelFor(full, threads, [&](int64_t begin, int64_t end) {
      for (int64_t c = begin; c < end; ++c)
        fn(input + c * chunk * inStride, chunk, pointers.data(),
           output + c * chunk * outStride);
    });
    if (int64_t rest = batch - full * chunk) {
      std::vector<float> in(chunk * inStride, 0.0f), out(chunk * outStride);
      std::copy(input + full * chunk * inStride, input + batch * inStride, in.begin());
      fn(in.data(), chunk, pointers.data(), out.data());
      std::copy(out.begin(), out.begin() + rest * outStride, output + full * chunk * outStride);
    }
    return;
  }
  // Samples are independent: each thread runs the compiled code on its own rows.
  rt::parallelFor(batch, threads, [&](int64_t begin, int64_t end) {
    fn(input + begin * inStride, end - begin, pointers.data(), output + begin * outStride);
  });
}

namespace {
/// The JIT takes the parameters as arguments, so training can update them.
mlir::snn::BackendOptions jitOptions() {
  mlir::snn::BackendOptions options;
  options.embedParameters = false;
  return options;
}
} // namespace

std::unique_ptr<CompiledModel> compileModel(ModuleOp module, const ModelOptions &options,
                                            std::string *error, bool training) {
  std::string descriptor;
  const mlir::snn::Backend *backend = mlir::snn::selectBackend(options.target, descriptor, error);
  if (!backend)
    return nullptr;
  if (backend->name() == "cuda" && descriptor == "host")
    return compileForCPU(module, options, error, training, backend, descriptor);
  if (backend->name() == "cuda")
    return compileForCUDA(module, options, descriptor, error, training);
  return compileForCPU(module, options, error, training);
}

std::unique_ptr<CompiledModel> compileForCPU(ModuleOp module, const ModelOptions &options,
                                             std::string *error, bool training,
                                             const mlir::snn::Backend *hostBackend,
                                             StringRef descriptor) {
  auto compiled = std::make_unique<CompiledModel>();
  if (!modelSignature(module, compiled->signature, error))
    return nullptr;
  if (training && compiled->signature.ann) {
    *error = "the model is an ANN (no snn node): add --convert-ann to train it as an SNN";
    return nullptr;
  }
  mlir::snn::BackendOptions target = jitOptions();
  target.descriptor = descriptor.str();
  if (!collectParameters(module, compiled->params, error) ||
      !lowerTo(module, hostBackend ? *hostBackend : mlir::snn::getCPUBackend(), "llvm", options,
               target, error, training))
    return nullptr;
  compiled->jit = mlir::snn::CpuJit::create(module, "snn_forward", error);
  if (!compiled->jit)
    return nullptr;
  return compiled;
}

} // namespace snn::driver
