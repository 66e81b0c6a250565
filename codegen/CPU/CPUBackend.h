// The host-CPU target (`--target cpu`): time-explicit snn → linalg → LLVM, JIT or object files.
#ifndef SNN_CODEGEN_CPU_CPUBACKEND_H
#define SNN_CODEGEN_CPU_CPUBACKEND_H

#include "codegen/Backend.h"

namespace mlir::snn {

const Backend &getCPUBackend();

} // namespace mlir::snn

#endif // SNN_CODEGEN_CPU_CPUBACKEND_H
