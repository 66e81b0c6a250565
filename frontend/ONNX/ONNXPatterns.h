// The pattern framework of convert-onnx-to-snn: patterns keyed on (op type, opset range).
//
// Adding a lowering: derive from NodePattern, give the op type and opset range, and
// implement rewriteNode. `operands` are the converted inputs (an absent optional input
// is a value of type `none`, see isAbsent). A pattern must replace the node with values
// of exactly the node's result types (the importer has inferred them; in the snn
// profile the batch dimension is already dynamic). When a node has the right op type
// but something is outside the supported set, return `unsupported(op, "reason")`: the
// importer reports that one line (node name, op type, reason) to the user.
//
// Who owns what: populateSNNProfilePatterns / populateConvertANNPatterns (the `snn`
// profile and --convert-ann) live in SNN*.cpp and ConvertANN*.cpp; the standard ANN
// ops (linalg/tensor/arith on tensors) in ANN*.cpp, registered by
// populateANNOpPatterns. Sources are listed in frontend/ONNX/CMakeLists.txt.
#ifndef SNN_FRONTEND_ONNX_ONNXPATTERNS_H
#define SNN_FRONTEND_ONNX_ONNXPATTERNS_H

#include "frontend/ONNX/ONNXDialect.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

#include <optional>
#include <string>

namespace snn::onnx {

/// Opset versions of the default domain the importer supports.
constexpr int64_t kMinOpset = 11, kMaxOpset = 17;

/// Lowers one ONNX op type of one domain over an inclusive opset range.
class NodePattern : public mlir::OpConversionPattern<NodeOp> {
public:
  NodePattern(mlir::MLIRContext *ctx, llvm::StringRef opType, int64_t minVersion = kMinOpset,
              int64_t maxVersion = kMaxOpset, llvm::StringRef domain = "",
              mlir::PatternBenefit benefit = 1);

  mlir::LogicalResult
  matchAndRewrite(NodeOp op, OpAdaptor adaptor,
                  mlir::ConversionPatternRewriter &rewriter) const final;

protected:
  virtual mlir::LogicalResult rewriteNode(NodeOp op, mlir::ValueRange operands,
                                          mlir::ConversionPatternRewriter &rewriter) const = 0;

private:
  std::string opType, domain;
  int64_t minVersion, maxVersion;
};

//===----------------------------------------------------------------------===//
// Pattern sets
//===----------------------------------------------------------------------===//

/// The `snn` profile: snn.PSP/LIF, dense/conv synapses and their biases, pooling,
/// shapes, dropout.
void populateSNNProfilePatterns(mlir::RewritePatternSet &patterns);

/// Neuron defaults of the snn.lif ops --convert-ann creates.
struct ConvertANNOptions {
  float tauM = 5.0f, tauS = 3.0f, threshold = 1.0f;
};
/// --convert-ann: Relu → snn.lif, MaxPool → sum pooling, BatchNormalization folded.
void populateConvertANNPatterns(mlir::RewritePatternSet &patterns,
                                const ConvertANNOptions &options);

/// Ordinary ANN ops lowered to linalg/tensor/arith over tensors (ANN*.cpp).
void populateANNOpPatterns(mlir::RewritePatternSet &patterns);

//===----------------------------------------------------------------------===//
// Helpers for patterns
//===----------------------------------------------------------------------===//

/// "node 'NAME' (OP)" for messages.
std::string describe(NodeOp op);

/// Emits "node 'NAME' (OP): REASON" as an error on the node and returns failure; the
/// importer reports it as unsupported.
mlir::LogicalResult unsupported(NodeOp op, const llvm::Twine &reason);

/// Fails with `unsupported` when the node has an attribute outside `known`.
mlir::LogicalResult checkAttributes(NodeOp op, llvm::ArrayRef<llvm::StringRef> known);

/// ONNX attribute accessors with ONNX's defaults.
int64_t getInt(NodeOp op, llvm::StringRef name, int64_t defaultValue);
float getFloat(NodeOp op, llvm::StringRef name, float defaultValue);
std::string getString(NodeOp op, llvm::StringRef name, llvm::StringRef defaultValue);
llvm::SmallVector<int64_t> getInts(NodeOp op, llvm::StringRef name,
                                   llvm::ArrayRef<int64_t> defaultValue = {});
llvm::SmallVector<float> getFloats(NodeOp op, llvm::StringRef name);
bool hasAttr(NodeOp op, llvm::StringRef name);

/// An absent optional input.
bool isAbsent(mlir::Value value);

/// The constant value behind `value` (arith.constant or onnx.constant), or null.
mlir::DenseElementsAttr getConstant(mlir::Value value);

/// The ranked result type `index` of the node, or null when its shape is unknown.
mlir::RankedTensorType resultType(NodeOp op, unsigned index = 0);

/// Discardable attribute naming the initializer an arith.constant came from; constants
/// carrying it may become snn.parameter arguments.
constexpr llvm::StringLiteral kInitializerAttr = "onnx.initializer";

/// Module attribute holding the model's metadata_props as a dictionary of strings.
constexpr llvm::StringLiteral kMetadataAttr = "onnx.metadata";

} // namespace snn::onnx

#endif // SNN_FRONTEND_ONNX_ONNXPATTERNS_H
