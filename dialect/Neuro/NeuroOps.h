// Operation classes of the `neuro` dialect.
#ifndef SNN_DIALECT_NEURO_NEUROOPS_H
#define SNN_DIALECT_NEURO_NEUROOPS_H

#include "dialect/Neuro/NeuroDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"

#define GET_OP_CLASSES
#include "dialect/Neuro/NeuroOps.h.inc"

#endif // SNN_DIALECT_NEURO_NEUROOPS_H
