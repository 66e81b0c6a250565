// One conformance test in this process: import, compile via the generic entry, compare.
#include "tools/snn-onnx-conformance/Conformance.h"
#include "tools/snn-onnx-conformance/TensorFile.h"

#include "codegen/CPU/CpuCompiler.h"
#include "codegen/CPU/Passes.h"
#include "codegen/Common/Passes.h"
#include "dialect/SNN/SNNOps.h"
#include "frontend/ONNX/ONNXImporter.h"
#include "tools/snnc/Model.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cmath>

using namespace mlir;

namespace snn::conformance {

namespace {

using GenericFn = void (*)(const float *const *inputs, float *const *outputs);
constexpr const char *kEntry = "snn_conformance_entry";

void fail(TestCase &test, std::string reason) {
  test.status = Status::Fail;
  test.reason = std::move(reason);
}

void skip(TestCase &test, std::string reason) {
  test.status = Status::Skip;
  test.reason = std::move(reason);
}

std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

/// The sorted test_data_set_* folders of a test.
std::vector<std::string> dataSets(const std::string &dir) {
  std::vector<std::string> sets;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec; it.increment(ec))
    if (llvm::sys::path::filename(it->path()).starts_with("test_data_set_"))
      sets.push_back(it->path());
  std::sort(sets.begin(), sets.end());
  return sets;
}

/// Reads `prefix_0.pb`, `prefix_1.pb`, ... of a data set. False with `test` marked
/// skipped (not float32) or failed (unreadable).
bool readTensors(TestCase &test, const std::string &set, const char *prefix,
                 std::vector<Tensor> &out, bool allowInt64) {
  for (unsigned i = 0;; ++i) {
    std::string path = set + "/" + prefix + "_" + std::to_string(i) + ".pb";
    if (!llvm::sys::fs::exists(path))
      return true;
    Tensor t;
    std::string error;
    switch (readTensorFile(path, t, &error, allowInt64)) {
    case ReadStatus::Ok:
      out.push_back(std::move(t));
      break;
    case ReadStatus::NotFloat:
      skip(test, error.substr(error.rfind('/') + 1));
      return false;
    case ReadStatus::Error:
      fail(test, error);
      return false;
    }
  }
}

/// First error diagnostic of the pipeline, as one line.
class FirstError {
public:
  explicit FirstError(MLIRContext &ctx)
      : handler(&ctx, [this](Diagnostic &diag) {
          if (diag.getSeverity() == DiagnosticSeverity::Error && text.empty()) {
            text = diag.str();
            std::replace(text.begin(), text.end(), '\n', ' ');
          }
          return success();
        }) {}
  std::string text;

private:
  ScopedDiagnosticHandler handler;
};

/// Compares every element with ONNX's |got - want| <= atol + rtol·|want| (NaN matches
/// NaN); returns an empty string or the first mismatch and the count.
std::string compare(const Tensor &want, const std::vector<float> &got, unsigned output,
                    const Options &options) {
  size_t bad = 0, first = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    double w = want.data[i], g = got[i];
    bool ok = (std::isnan(w) && std::isnan(g)) || (std::isinf(w) && w == g) ||
              std::fabs(g - w) <= options.atol + options.rtol * std::fabs(w);
    if (!ok && bad++ == 0)
      first = i;
  }
  if (!bad)
    return "";
  return "output " + std::to_string(output) + " element " + std::to_string(first) + ": got " +
         std::to_string(got[first]) + ", expected " + std::to_string(want.data[first]) +
         " (" + std::to_string(bad) + " of " + std::to_string(got.size()) +
         " elements out of tolerance)";
}

} // namespace

void runTest(TestCase &test, const Options &options) {
  auto ctx = ::snn::driver::createContext();
  ctx->disableMultithreading();
  auto bytes = llvm::MemoryBuffer::getFile(test.dir + "/model.onnx");
  if (!bytes)
    return fail(test, "cannot read model.onnx: " + bytes.getError().message());
  ::snn::onnx::ImportResult imported =
      ::snn::onnx::importModelBytes(*ctx, (*bytes)->getBuffer(), ::snn::onnx::ImportOptions());
  if (!imported.module)
    return imported.unsupported ? skip(test, imported.error)
                                : fail(test, "import: " + imported.error);
  ModuleOp module = *imported.module;
  auto fn = module.lookupSymbol<func::FuncOp>("forward");
  if (!fn)
    return fail(test, "the imported module has no @forward");

  // Graph inputs are the untagged arguments: static f32 tensors, or i64 ones (shape
  // operands); outputs must be static f32 tensors.
  std::vector<std::vector<int64_t>> inShapes, outShapes;
  std::vector<bool> inInt64;
  for (unsigned i = 0; i < fn.getNumArguments(); ++i) {
    if (fn.getArgAttr(i, mlir::snn::SNNDialect::kParameterAttr))
      continue;
    auto t = dyn_cast<RankedTensorType>(fn.getArgumentTypes()[i]);
    if (!t || !t.hasStaticShape() ||
        !(t.getElementType().isF32() || t.getElementType().isInteger(64)))
      return skip(test, "graph input #" + std::to_string(inShapes.size()) +
                            " is not a static float32 or int64 tensor");
    inShapes.emplace_back(t.getShape().begin(), t.getShape().end());
    inInt64.push_back(t.getElementType().isInteger(64));
  }
  for (Type type : fn.getResultTypes()) {
    auto t = dyn_cast<RankedTensorType>(type);
    if (!t || !t.hasStaticShape() || !t.getElementType().isF32())
      return skip(test, "graph output #" + std::to_string(outShapes.size()) +
                            " is not a static float32 tensor");
    outShapes.emplace_back(t.getShape().begin(), t.getShape().end());
  }

  {
    FirstError diagnostics(*ctx);
    PassManager pm(ctx.get());
    mlir::snn::buildSNNToLinalgPipeline(pm);
    mlir::snn::CPULoweringOptions lowering;
    lowering.genericCName = kEntry;
    lowering.genericNumOutputs = int64_t(outShapes.size());
    mlir::snn::buildLinalgToLLVMPipeline(pm, lowering);
    if (failed(pm.run(module)))
      return fail(test, "compile: " + (diagnostics.text.empty() ? std::string("pipeline failed")
                                                                : diagnostics.text));
  }
  std::string error;
  auto jit = mlir::snn::CpuJit::create(module, kEntry, &error);
  if (!jit)
    return fail(test, "JIT: " + error);
  auto entry = reinterpret_cast<GenericFn>(jit->lookup(kEntry));

  std::vector<std::string> sets = dataSets(test.dir);
  if (sets.empty())
    return fail(test, "no test_data_set_*");
  for (const std::string &set : sets) {
    std::string setName = llvm::sys::path::filename(set).str();
    std::vector<Tensor> inputs, expected;
    if (!readTensors(test, set, "input", inputs, true) ||
        !readTensors(test, set, "output", expected, false))
      return;
    if (inputs.size() != inShapes.size() || expected.size() != outShapes.size())
      return fail(test, setName + ": " + std::to_string(inputs.size()) + " inputs and " +
                            std::to_string(expected.size()) + " outputs, the model has " +
                            std::to_string(inShapes.size()) + " and " +
                            std::to_string(outShapes.size()));
    std::vector<const float *> in;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i].isInt64 != inInt64[i])
        return fail(test, setName + ": input " + std::to_string(i) + " is " +
                              (inputs[i].isInt64 ? "int64" : "float32") +
                              ", the model takes " + (inInt64[i] ? "int64" : "float32"));
      if (inputs[i].shape != inShapes[i])
        return fail(test, setName + ": input " + std::to_string(i) + " has shape " +
                              shapeString(inputs[i].shape) + ", the model takes " +
                              shapeString(inShapes[i]));
      // The entry point takes each buffer in its element type (int64 for shapes).
      in.push_back(static_cast<const float *>(inputs[i].raw()));
    }
    std::vector<std::vector<float>> results;
    std::vector<float *> out;
    for (size_t i = 0; i < expected.size(); ++i) {
      if (expected[i].shape != outShapes[i])
        return fail(test, setName + ": output " + std::to_string(i) + " has shape " +
                              shapeString(outShapes[i]) + ", expected " +
                              shapeString(expected[i].shape));
      results.emplace_back(expected[i].data.size(), std::nanf(""));
    }
    for (auto &r : results)
      out.push_back(r.data());
    entry(in.data(), out.data());
    for (size_t i = 0; i < expected.size(); ++i) {
      std::string mismatch = compare(expected[i], results[i], unsigned(i), options);
      if (!mismatch.empty())
        return fail(test, setName + ": " + mismatch);
    }
  }
  test.status = Status::Pass;
  test.reason.clear();
}

} // namespace snn::conformance
