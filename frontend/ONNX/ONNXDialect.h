// The `onnx` import dialect (frontend-only IR): dialect and op classes.
#ifndef SNN_FRONTEND_ONNX_ONNXDIALECT_H
#define SNN_FRONTEND_ONNX_ONNXDIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "frontend/ONNX/ONNXDialect.h.inc"

#define GET_OP_CLASSES
#include "frontend/ONNX/ONNXOps.h.inc"

#endif // SNN_FRONTEND_ONNX_ONNXDIALECT_H
