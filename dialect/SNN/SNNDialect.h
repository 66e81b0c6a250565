// The `snn` dialect class and its attributes.
#ifndef SNN_DIALECT_SNNDIALECT_H
#define SNN_DIALECT_SNNDIALECT_H

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dialect.h"

#include "dialect/SNN/SNNOpsDialect.h.inc"
#include "dialect/SNN/SNNEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialect/SNN/SNNAttrs.h.inc"

#endif // SNN_DIALECT_SNNDIALECT_H
