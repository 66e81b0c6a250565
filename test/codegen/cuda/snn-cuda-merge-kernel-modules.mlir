// snn-cuda-merge-kernel-modules: every outlined kernel in one gpu.module, so one PTX module.
// RUN: snn-opt %s -split-input-file --snn-cuda-merge-kernel-modules | FileCheck %s

// Proves: two outlined modules whose kernels share a name become one module
// @snn_kernels holding both kernels, each renamed after its old module, and each
// launch names its kernel's new symbol. The old modules are gone.
// CHECK-LABEL: module attributes {gpu.container_module}
// CHECK: gpu.launch_func @snn_kernels::@forward_kernel blocks
// CHECK: gpu.launch_func @snn_kernels::@forward_kernel_0 blocks
// CHECK: gpu.module @snn_kernels {
// CHECK-NEXT: gpu.func @forward_kernel(
// CHECK: gpu.func @forward_kernel_0(
// CHECK-NOT: gpu.module
module attributes {gpu.container_module} {
  func.func @forward(%buf: memref<4xf32>) {
    %c1 = arith.constant 1 : index
    gpu.launch_func @forward_kernel::@forward_kernel blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%buf : memref<4xf32>)
    gpu.launch_func @forward_kernel_0::@forward_kernel blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%buf : memref<4xf32>)
    return
  }
  gpu.module @forward_kernel {
    gpu.func @forward_kernel(%arg0: memref<4xf32>) kernel {
      gpu.return
    }
  }
  gpu.module @forward_kernel_0 {
    gpu.func @forward_kernel(%arg0: memref<4xf32>) kernel {
      gpu.return
    }
  }
}

// -----

// Proves: a module without kernels is left as it is.
// CHECK-LABEL: func.func @no_kernels
// CHECK-NOT: gpu.module
func.func @no_kernels() {
  return
}
