// ONNX's checker and strict shape inference, with the `snn` domain's schemas registered.
// Compiled with exceptions and RTTI (libonnx reports through exceptions).
#include "frontend/ONNX/ModelLoader.h"

#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/defs/shape_inference.h>
#include <onnx/shape_inference/implementation.h>

#include <mutex>

namespace snn::onnx {

namespace {

using ::onnx::AttributeProto;
using ::onnx::OpSchema;

/// snn.PSP and snn.LIF (architecture.md §2): elementwise on float32, shape-preserving.
void registerSNNSchemas() {
  static std::once_flag once;
  std::call_once(once, [] {
    ::onnx::OpSchemaRegistry::DomainToVersionRange::Instance().AddDomainToVersion("snn", 1,
                                                                                   1);
    static OpSchema psp = OpSchema()
                              .SetName("PSP")
                              .SetDomain("snn")
                              .SinceVersion(1)
                              .SetDoc("TSSL-BP synaptic filter y_t = (1-1/tau_s) y_{t-1} + x_t/tau_s")
                              .Attr("tau_s", "synaptic time constant",
                                    AttributeProto::FLOAT, 3.0f)
                              .Input(0, "x", "input", "T")
                              .Output(0, "y", "filtered input", "T")
                              .TypeConstraint("T", {"tensor(float)"}, "float32 tensors")
                              .TypeAndShapeInferenceFunction(
                                  ::onnx::propagateShapeAndTypeFromFirstInput);
    static OpSchema lif =
        OpSchema()
            .SetName("LIF")
            .SetDomain("snn")
            .SinceVersion(1)
            .SetDoc("leaky integrate-and-fire neuron with hard reset (TSSL-BP)")
            .Attr("tau_m", "membrane time constant", AttributeProto::FLOAT, 5.0f)
            .Attr("tau_s", "synaptic time constant", AttributeProto::FLOAT, 3.0f)
            .Attr("threshold", "firing threshold", AttributeProto::FLOAT, 1.0f)
            .Attr("output", "psp or spikes", AttributeProto::STRING, std::string("psp"))
            .Input(0, "current", "input current", "T")
            .Output(0, "out", "PSP trace or spikes", "T")
            .TypeConstraint("T", {"tensor(float)"}, "float32 tensors")
            .TypeAndShapeInferenceFunction(::onnx::propagateShapeAndTypeFromFirstInput);
    ::onnx::OpSchemaRegistry::OpSchemaRegisterOnce registerPSP(psp);
    ::onnx::OpSchemaRegistry::OpSchemaRegisterOnce registerLIF(lif);
  });
}

std::string oneLine(const char *what) {
  std::string text(what);
  for (char &c : text)
    if (c == '\n' || c == '\r')
      c = ' ';
  while (!text.empty() && text.back() == ' ')
    text.pop_back();
  return text;
}

} // namespace

bool isKnownOperator(llvm::StringRef opType, llvm::StringRef domain, int64_t version) {
  registerSNNSchemas();
  return ::onnx::OpSchemaRegistry::Schema(opType.str(), static_cast<int>(version),
                                          domain.str()) != nullptr;
}

void inferShapesLenient(::onnx::ModelProto &model) {
  try {
    registerSNNSchemas();
    ::onnx::shape_inference::InferShapes(model, ::onnx::OpSchemaRegistry::Instance(),
                                         ::onnx::ShapeInferenceOptions(false, 0, true));
  } catch (const std::exception &) {
    // The strict run that follows reports what is wrong.
  }
}

bool checkModel(const ::onnx::ModelProto &model, std::string &error) {
  try {
    registerSNNSchemas();
    ::onnx::checker::check_model(model);
  } catch (const std::exception &e) {
    error = "invalid model: " + oneLine(e.what());
    return false;
  }
  return true;
}

bool inferShapes(::onnx::ModelProto &model, std::string &error) {
  try {
    registerSNNSchemas();
    ::onnx::ShapeInferenceOptions options;
    options.check_type = true;
    options.error_mode = 1;
    options.enable_data_propagation = true;
    ::onnx::shape_inference::InferShapes(model, ::onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception &e) {
    error = "invalid model: " + oneLine(e.what());
    return false;
  }
  return true;
}

} // namespace snn::onnx
