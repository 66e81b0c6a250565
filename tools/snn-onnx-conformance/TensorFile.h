// Reading the TensorProto files (input_N.pb / output_N.pb) of ONNX backend tests.
#ifndef SNN_TOOLS_SNN_ONNX_CONFORMANCE_TENSORFILE_H
#define SNN_TOOLS_SNN_ONNX_CONFORMANCE_TENSORFILE_H

#include <cstdint>
#include <string>
#include <vector>

namespace snn::conformance {

/// A float32 tensor: dims and row-major values.
struct Tensor {
  std::vector<int64_t> shape;
  std::vector<float> data;
};

enum class ReadStatus { Ok, NotFloat, Error };

/// Reads a serialized TensorProto (float_data or little-endian raw_data). NotFloat when
/// the file holds another element type or is not a tensor (e.g. a SequenceProto);
/// `*error` says why.
ReadStatus readTensorFile(const std::string &path, Tensor &out, std::string *error);

} // namespace snn::conformance

#endif // SNN_TOOLS_SNN_ONNX_CONFORMANCE_TENSORFILE_H
