// Reading the TensorProto files (input_N.pb / output_N.pb) of ONNX backend tests.
#include "tools/snn-onnx-conformance/TensorFile.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <fstream>
#include <sstream>

namespace snn::conformance {

ReadStatus readTensorFile(const std::string &path, Tensor &out, std::string *error) {
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
  if (tensor.data_type() != ::onnx::TensorProto::FLOAT) {
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
  if (tensor.has_raw_data()) {
    const std::string &raw = tensor.raw_data();
    if (int64_t(raw.size()) != count * int64_t(sizeof(float))) {
      *error = path + ": raw_data has " + std::to_string(raw.size()) + " bytes for " +
               std::to_string(count) + " floats";
      return ReadStatus::Error;
    }
    out.data.resize(size_t(count));
    // The format is little-endian, like every host this project targets.
    std::memcpy(out.data.data(), raw.data(), raw.size());
  } else {
    out.data.assign(tensor.float_data().begin(), tensor.float_data().end());
    if (int64_t(out.data.size()) != count) {
      *error = path + ": float_data has " + std::to_string(out.data.size()) +
               " values for " + std::to_string(count) + " elements";
      return ReadStatus::Error;
    }
  }
  return ReadStatus::Ok;
}

} // namespace snn::conformance
