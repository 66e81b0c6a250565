// Reading the TensorProto files (input_N.pb / output_N.pb) of ONNX backend tests.
#include "tools/snn-onnx-conformance/TensorFile.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <fstream>
#include <sstream>

namespace snn::conformance {

namespace {
/// Copies `count` values from raw_data or the typed field into `out`.
template <typename T, typename Field>
bool readValues(const ::onnx::TensorProto &tensor, const Field &field, int64_t count,
                std::vector<T> &out, const std::string &path, std::string *error) {
  if (tensor.has_raw_data()) {
    const std::string &raw = tensor.raw_data();
    if (int64_t(raw.size()) != count * int64_t(sizeof(T))) {
      *error = path + ": raw_data has " + std::to_string(raw.size()) + " bytes for " +
               std::to_string(count) + " values";
      return false;
    }
    out.resize(size_t(count));
    // The format is little-endian, like every host this project targets.
    std::memcpy(out.data(), raw.data(), raw.size());
    return true;
  }
  out.assign(field.begin(), field.end());
  if (int64_t(out.size()) != count) {
    *error = path + ": the tensor has " + std::to_string(out.size()) + " values for " +
             std::to_string(count) + " elements";
    return false;
  }
  return true;
}
} // namespace

ReadStatus readTensorFile(const std::string &path, Tensor &out, std::string *error,
                          bool allowInt64) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    *error = path + ": cannot open";
    return ReadStatus::Error;
  }
  std::stringstream bytes;
  bytes << file.rdbuf();
  ::onnx::TensorProto tensor;
  if (!tensor.ParseFromString(bytes.str())) {
    *error = path + ": not a TensorProto";
    return ReadStatus::NotFloat;
  }
  out.isInt64 = allowInt64 && tensor.data_type() == ::onnx::TensorProto::INT64;
  if (tensor.data_type() != ::onnx::TensorProto::FLOAT && !out.isInt64) {
    *error = path + ": element type " +
             ::onnx::TensorProto::DataType_Name(
                 ::onnx::TensorProto::DataType(tensor.data_type())) +
             " is not float32";
    return ReadStatus::NotFloat;
  }
  out.shape.assign(tensor.dims().begin(), tensor.dims().end());
  int64_t count = 1;
  for (int64_t d : out.shape)
    count *= d;
  bool ok = out.isInt64 ? readValues(tensor, tensor.int64_data(), count, out.ints, path, error)
                        : readValues(tensor, tensor.float_data(), count, out.data, path, error);
  return ok ? ReadStatus::Ok : ReadStatus::Error;
}

} // namespace snn::conformance
