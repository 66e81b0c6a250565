// Op interfaces of the `snn` dialect: neurons, synapses and TSSL-BP gradients.
#ifndef SNN_DIALECT_SNNINTERFACES_H
#define SNN_DIALECT_SNNINTERFACES_H

#include "dialect/SNN/SNNDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"

#include "dialect/SNN/SNNInterfaces.h.inc"

#endif // SNN_DIALECT_SNNINTERFACES_H
