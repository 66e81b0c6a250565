// snn-cuda-constants-into-kernels: constant tables read inside kernels, not through host pointers.
// RUN: snn-opt %s --snn-cuda-constants-into-kernels | FileCheck %s
// RUN: snn-opt %s --snn-cuda-constants-into-kernels --gpu-kernel-outlining | FileCheck %s --check-prefix=OUTLINED

// Proves: a memref.get_global read by a launch is cloned into the launch body (uses
// outside stay on the original), so outlining passes no host pointer to the kernel and
// copies the global into the kernel module instead.
// CHECK-LABEL: func.func @filter_table
// CHECK: %[[HOST:.+]] = memref.get_global @table
// CHECK: gpu.launch
// CHECK-NEXT: %[[DEVICE:.+]] = memref.get_global @table
// CHECK: memref.load %[[DEVICE]]
// CHECK: gpu.terminator
// CHECK: memref.load %[[HOST]]
// OUTLINED: gpu.launch_func @filter_table_kernel::@filter_table_kernel {{.*}} args(%arg0 : memref<5xf32>){{$}}
// OUTLINED: gpu.module @filter_table_kernel
// OUTLINED: memref.global "private" constant @table
module {
  memref.global "private" constant @table : memref<5xf32> = dense<[1.0, 2.0, 3.0, 4.0, 5.0]>
  func.func @filter_table(%out: memref<5xf32>) -> f32 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c5 = arith.constant 5 : index
    %g = memref.get_global @table : memref<5xf32>
    gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1) threads(%tx, %ty, %tz) in (%a = %c5, %b = %c1, %c = %c1) {
      %v = memref.load %g[%tx] : memref<5xf32>
      memref.store %v, %out[%tx] : memref<5xf32>
      gpu.terminator
    }
    %first = memref.load %g[%c0] : memref<5xf32>
    return %first : f32
  }
}
