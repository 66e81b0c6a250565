// Parsing a ModelProto from binary protobuf, protobuf text format or protobuf JSON.
#include "frontend/ONNX/ModelLoader.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include <climits>

namespace snn::onnx {

namespace {
/// Keeps the first text-format error instead of letting protobuf log it.
class FirstTextError : public google::protobuf::io::ErrorCollector {
public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string &message) override {
    if (error.empty())
      error = "line " + std::to_string(line + 1) + ":" + std::to_string(column + 1) + ": " +
              message;
  }
  void AddWarning(int, google::protobuf::io::ColumnNumber, const std::string &) override {}
  std::string error;
};

std::string oneLine(std::string text) {
  for (char &c : text)
    if (c == '\n' || c == '\r')
      c = ' ';
  return text;
}
} // namespace

std::optional<ModelFormat> formatForPath(llvm::StringRef path) {
  if (path.ends_with(".onnx"))
    return ModelFormat::Binary;
  if (path.ends_with(".onnxtxt") || path.ends_with(".textproto"))
    return ModelFormat::Text;
  if (path.ends_with(".json"))
    return ModelFormat::JSON;
  return std::nullopt;
}

bool parseModelProto(llvm::StringRef bytes, ModelFormat format, ::onnx::ModelProto &model,
                     std::string &error) {
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    error = "model is larger than 2 GiB (external data is not supported)";
    return false;
  }
  switch (format) {
  case ModelFormat::Binary:
    if (bytes.empty()) {
      error = "empty file: not an ONNX model";
      return false;
    }
    if (!model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
      error = "not a valid ONNX protobuf (truncated or corrupt)";
      return false;
    }
    return true;
  case ModelFormat::Text: {
    FirstTextError errors;
    google::protobuf::TextFormat::Parser parser;
    parser.RecordErrorsTo(&errors);
    if (!parser.ParseFromString(std::string(bytes), &model)) {
      error = "cannot parse ONNX text format: " + oneLine(errors.error);
      return false;
    }
    return true;
  }
  case ModelFormat::JSON: {
    auto status = google::protobuf::util::JsonStringToMessage(
        google::protobuf::StringPiece(bytes.data(), bytes.size()), &model);
    if (!status.ok()) {
      error = "cannot parse ONNX JSON: " + oneLine(std::string(status.message()));
      return false;
    }
    return true;
  }
  }
  return false;
}

} // namespace snn::onnx
