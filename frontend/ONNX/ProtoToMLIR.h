// Conversion of ONNX types, tensors and attributes to MLIR types and attributes.
#ifndef SNN_FRONTEND_ONNX_PROTOTOMLIR_H
#define SNN_FRONTEND_ONNX_PROTOTOMLIR_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

#include <onnx/onnx_pb.h>

#include <string>

namespace snn::onnx {

/// The MLIR element type of an ONNX tensor data type, or null for unsupported ones.
mlir::Type elementType(mlir::MLIRContext &ctx, int32_t dataType);

/// A tensor TypeProto: ranked when it has a shape (unknown or symbolic dims become
/// `?`), unranked otherwise. Null with `error` for non-tensor or unsupported types.
mlir::Type convertType(mlir::MLIRContext &ctx, const ::onnx::TypeProto &type,
                       std::string &error);

/// The dense value of a TensorProto (size already checked by validateModel for
/// initializers; checked again here for tensors held in attributes).
mlir::DenseElementsAttr convertTensor(mlir::MLIRContext &ctx, const ::onnx::TensorProto &t,
                                      std::string &error);

/// ints → i64, floats → f32, strings, int/float lists → dense arrays, string lists →
/// arrays, tensors → dense elements. Null with `error` for graphs and the rest.
mlir::Attribute convertAttribute(mlir::MLIRContext &ctx, const ::onnx::AttributeProto &attr,
                                 std::string &error);

} // namespace snn::onnx

#endif // SNN_FRONTEND_ONNX_PROTOTOMLIR_H
