// Conversion of ONNX types, tensors and attributes to MLIR types and attributes.
#include "frontend/ONNX/ProtoToMLIR.h"
#include "frontend/ONNX/ModelLoader.h"

#include "mlir/IR/Builders.h"

#include <cstring>

using namespace mlir;

namespace snn::onnx {

Type elementType(MLIRContext &ctx, int32_t dataType) {
  Builder b(&ctx);
  switch (dataType) {
  case ::onnx::TensorProto::FLOAT:
    return b.getF32Type();
  case ::onnx::TensorProto::DOUBLE:
    return b.getF64Type();
  case ::onnx::TensorProto::INT64:
    return b.getI64Type();
  case ::onnx::TensorProto::INT32:
    return b.getI32Type();
  case ::onnx::TensorProto::INT16:
    return b.getI16Type();
  case ::onnx::TensorProto::INT8:
    return b.getI8Type();
  case ::onnx::TensorProto::UINT8:
    return IntegerType::get(&ctx, 8, IntegerType::Unsigned);
  case ::onnx::TensorProto::BOOL:
    return b.getI1Type();
  default:
    return {};
  }
}

namespace {
std::string dataTypeName(int32_t dataType) {
  if (!::onnx::TensorProto::DataType_IsValid(dataType))
    return "#" + std::to_string(dataType);
  return ::onnx::TensorProto::DataType_Name(
      static_cast<::onnx::TensorProto::DataType>(dataType));
}

/// Values of type T from raw little-endian bytes or the typed field `typed`.
template <typename T, typename Field>
bool readValues(const ::onnx::TensorProto &t, const Field &typed, int64_t count,
                std::vector<T> &out) {
  out.resize(count);
  if (t.has_raw_data()) {
    if (t.raw_data().size() != count * sizeof(T))
      return false;
    if (count)
      std::memcpy(out.data(), t.raw_data().data(), count * sizeof(T));
    return true;
  }
  if (typed.size() != count)
    return false;
  for (int64_t i = 0; i < count; ++i)
    out[i] = static_cast<T>(typed.Get(i));
  return true;
}

template <typename T, typename Field>
DenseElementsAttr denseFrom(RankedTensorType type, const ::onnx::TensorProto &t,
                            const Field &typed, int64_t count) {
  std::vector<T> values;
  if (!readValues<T>(t, typed, count, values))
    return {};
  return DenseElementsAttr::get(type, ArrayRef<T>(values));
}
} // namespace

Type convertType(MLIRContext &ctx, const ::onnx::TypeProto &type, std::string &error) {
  if (!type.has_tensor_type()) {
    error = "only tensor values are supported (sequences, maps and optionals are not)";
    return {};
  }
  const auto &tensor = type.tensor_type();
  Type element = elementType(ctx, tensor.elem_type());
  if (!element) {
    error = "element type " + dataTypeName(tensor.elem_type()) + " is not supported";
    return {};
  }
  if (!tensor.has_shape())
    return UnrankedTensorType::get(element);
  SmallVector<int64_t> shape;
  for (const auto &dim : tensor.shape().dim())
    shape.push_back(dim.has_dim_value() && dim.dim_value() >= 0 ? dim.dim_value()
                                                                 : ShapedType::kDynamic);
  return RankedTensorType::get(shape, element);
}

DenseElementsAttr convertTensor(MLIRContext &ctx, const ::onnx::TensorProto &t,
                                std::string &error) {
  std::string what = t.name().empty() ? "tensor" : "tensor '" + t.name() + "'";
  int64_t count = elementCount(t.dims());
  if (count < 0) {
    error = what + ": invalid shape";
    return {};
  }
  if (t.data_location() == ::onnx::TensorProto::EXTERNAL || t.external_data_size()) {
    error = what + ": external data is not supported";
    return {};
  }
  Type element = elementType(ctx, t.data_type());
  if (!element) {
    error = what + ": data type " + dataTypeName(t.data_type()) + " is not supported";
    return {};
  }
  auto type = RankedTensorType::get(SmallVector<int64_t>(t.dims().begin(), t.dims().end()),
                                    element);
  DenseElementsAttr value;
  switch (t.data_type()) {
  case ::onnx::TensorProto::FLOAT:
    value = denseFrom<float>(type, t, t.float_data(), count);
    break;
  case ::onnx::TensorProto::DOUBLE:
    value = denseFrom<double>(type, t, t.double_data(), count);
    break;
  case ::onnx::TensorProto::INT64:
    value = denseFrom<int64_t>(type, t, t.int64_data(), count);
    break;
  case ::onnx::TensorProto::INT32:
    value = denseFrom<int32_t>(type, t, t.int32_data(), count);
    break;
  case ::onnx::TensorProto::INT16:
    value = denseFrom<int16_t>(type, t, t.int32_data(), count);
    break;
  case ::onnx::TensorProto::INT8:
    value = denseFrom<int8_t>(type, t, t.int32_data(), count);
    break;
  case ::onnx::TensorProto::UINT8:
    value = denseFrom<uint8_t>(type, t, t.int32_data(), count);
    break;
  case ::onnx::TensorProto::BOOL: {
    std::vector<uint8_t> bytes;
    if (readValues<uint8_t>(t, t.int32_data(), count, bytes)) {
      std::vector<bool> bits(bytes.begin(), bytes.end());
      SmallVector<bool> flags(bits.begin(), bits.end());
      value = DenseElementsAttr::get(type, ArrayRef<bool>(flags));
    }
    break;
  }
  default:
    break;
  }
  if (!value)
    error = what + ": the data does not match its shape";
  return value;
}

Attribute convertAttribute(MLIRContext &ctx, const ::onnx::AttributeProto &attr,
                           std::string &error) {
  Builder b(&ctx);
  if (!attr.ref_attr_name().empty()) {
    error = "attribute '" + attr.name() + "' refers to a function attribute (not supported)";
    return {};
  }
  switch (attr.type()) {
  case ::onnx::AttributeProto::FLOAT:
    return b.getF32FloatAttr(attr.f());
  case ::onnx::AttributeProto::INT:
    return b.getI64IntegerAttr(attr.i());
  case ::onnx::AttributeProto::STRING:
    return b.getStringAttr(attr.s());
  case ::onnx::AttributeProto::TENSOR:
    return convertTensor(ctx, attr.t(), error);
  case ::onnx::AttributeProto::FLOATS:
    return b.getDenseF32ArrayAttr(SmallVector<float>(attr.floats().begin(), attr.floats().end()));
  case ::onnx::AttributeProto::INTS:
    return b.getDenseI64ArrayAttr(SmallVector<int64_t>(attr.ints().begin(), attr.ints().end()));
  case ::onnx::AttributeProto::STRINGS: {
    SmallVector<Attribute> strings;
    for (const std::string &s : attr.strings())
      strings.push_back(b.getStringAttr(s));
    return b.getArrayAttr(strings);
  }
  default:
    error = "attribute '" + attr.name() + "' of type " +
            ::onnx::AttributeProto::AttributeType_Name(attr.type()) + " is not supported";
    return {};
  }
}

} // namespace snn::onnx
