// Reading the TensorProto files (input_N.pb / output_N.pb) of ONNX backend tests.
#ifndef SNN_TOOLS_SNN_ONNX_CONFORMANCE_TENSORFILE_H
#define SNN_TOOLS_SNN_ONNX_CONFORMANCE_TENSORFILE_H

#include <cstdint>
#include <string>
#include <vector>

namespace snn::conformance {

/// A float32 or int64 tensor: dims and row-major values (`data` holds float32 values;
/// `ints` int64 ones, e.g. the shape operand of Reshape).
struct Tensor {
  bool isInt64 = false;
  std::vector<int64_t> shape;
  std::vector<float> data;
  std::vector<int64_t> ints;
  const void *raw() const {
    return isInt64 ? static_cast<const void *>(ints.data()) : data.data();
  }
};

enum class ReadStatus { Ok, NotFloat, Error };

/// Reads a serialized TensorProto (float_data/int64_data or little-endian raw_data).
/// NotFloat when the file holds another element type (int64 too, unless `allowInt64`)
/// or is not a tensor (e.g. a SequenceProto); `*error` says why.
ReadStatus readTensorFile(const std::string &path, Tensor &out, std::string *error,
                          bool allowInt64 = false);

} // namespace snn::conformance

#endif // SNN_TOOLS_SNN_ONNX_CONFORMANCE_TENSORFILE_H
