// The `neuro` dialect class, its types and attributes.
#ifndef SNN_DIALECT_NEURO_NEURODIALECT_H
#define SNN_DIALECT_NEURO_NEURODIALECT_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"

#include "dialect/Neuro/NeuroOpsDialect.h.inc"
#include "dialect/Neuro/NeuroEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialect/Neuro/NeuroAttrs.h.inc"

#define GET_TYPEDEF_CLASSES
#include "dialect/Neuro/NeuroOpsTypes.h.inc"

#endif // SNN_DIALECT_NEURO_NEURODIALECT_H
