// The NVIDIA GPU target (`--target cuda[:sm_XX]`): time-explicit snn → linalg → GPU kernels → PTX.
#ifndef SNN_CODEGEN_CUDA_CUDABACKEND_H
#define SNN_CODEGEN_CUDA_CUDABACKEND_H

#include "codegen/Backend.h"

namespace mlir::snn {

const Backend &getCUDABackend();

} // namespace mlir::snn

#endif // SNN_CODEGEN_CUDA_CUDABACKEND_H
