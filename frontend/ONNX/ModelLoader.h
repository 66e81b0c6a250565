// Reading a ModelProto (binary, protobuf text or JSON) and checking its structure.
#ifndef SNN_FRONTEND_ONNX_MODELLOADER_H
#define SNN_FRONTEND_ONNX_MODELLOADER_H

#include "llvm/ADT/StringRef.h"

#include <onnx/onnx_pb.h>

#include <optional>
#include <string>

namespace snn::onnx {

enum class ModelFormat { Binary, Text, JSON };

/// The format of a model file by its extension: .onnx, .onnxtxt/.textproto, .json.
std::optional<ModelFormat> formatForPath(llvm::StringRef path);

/// Parses `bytes`; false with a one-line `error`.
bool parseModelProto(llvm::StringRef bytes, ModelFormat format, ::onnx::ModelProto &model,
                     std::string &error);

/// Structural checks with precise one-line messages before anything else trusts the
/// model: graph present, ir_version and opset_import sane, initializers consistent with
/// their shapes, float weights (initializers, Constant nodes) finite, every node input
/// defined earlier (missing inputs, cycles), outputs produced. `unsupported` is set when the model is well-formed but out of scope.
bool validateModel(const ::onnx::ModelProto &model, std::string &error, bool &unsupported);

/// "node 'NAME' (OP)", naming an unnamed node by its position ("#3").
std::string describeNode(const ::onnx::NodeProto &node, int index);

/// The node name the importer uses: the proto's, or "#INDEX" when it has none.
std::string nodeName(const ::onnx::NodeProto &node, int index);

/// Number of elements of `dims`, or -1 when a dimension is negative or the count is
/// absurd (over 2^31).
int64_t elementCount(const google::protobuf::RepeatedField<int64_t> &dims);

/// Replaces int64 shape computations whose value is known (Shape of a statically
/// shaped value, then Gather, Unsqueeze, Squeeze, Concat, Cast) by Constant nodes, so
/// shape inference sees static Reshape targets (PyTorch's `x.view(x.size(0), -1)`).
/// Uses the shapes already in the graph's value_info; true when a node was folded.
bool foldShapeComputations(::onnx::ModelProto &model);

/// ONNX shape inference that keeps whatever it could infer and never fails.
void inferShapesLenient(::onnx::ModelProto &model);

/// Whether ONNX (or the registered `snn` domain) defines `opType` at `version`.
bool isKnownOperator(llvm::StringRef opType, llvm::StringRef domain, int64_t version);

/// ONNX's checker, with the `snn` domain's PSP and LIF schemas registered first so
/// their attributes are checked (and their shapes propagate in inference).
bool checkModel(const ::onnx::ModelProto &model, std::string &error);

/// ONNX's strict shape inference with data propagation (in place).
bool inferShapes(::onnx::ModelProto &model, std::string &error);

} // namespace snn::onnx

#endif // SNN_FRONTEND_ONNX_MODELLOADER_H
