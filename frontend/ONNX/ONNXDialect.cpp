// Registration of the `onnx` import dialect.
#include "frontend/ONNX/ONNXDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"

using namespace mlir;
using namespace snn::onnx;

#include "frontend/ONNX/ONNXDialect.cpp.inc"

void ONNXDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "frontend/ONNX/ONNXOps.cpp.inc"
      >();
}

#define GET_OP_CLASSES
#include "frontend/ONNX/ONNXOps.cpp.inc"
