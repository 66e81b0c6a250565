// The neuromorphic target (`--target neuro:DESC`): a model mapped onto a described core.
#ifndef SNN_CODEGEN_NEURO_NEUROBACKEND_H
#define SNN_CODEGEN_NEURO_NEUROBACKEND_H

#include "codegen/Backend.h"

namespace mlir::neuro {

const snn::Backend &getNeuroBackend();

} // namespace mlir::neuro

#endif // SNN_CODEGEN_NEURO_NEUROBACKEND_H
