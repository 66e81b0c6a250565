// snn-cuda-expand-math: math functions in kernels as arithmetic, so PTX needs no libdevice.
// RUN: snn-opt %s --pass-pipeline='builtin.module(gpu.module(snn-cuda-expand-math))' | FileCheck %s --implicit-check-not=math.exp --implicit-check-not=math.floor --implicit-check-not=math.absf

// Proves: exp (the kernel loss), floor and abs in a kernel become arithmetic (the
// polynomial approximation of exp leaves only fma of the math dialect, a PTX
// instruction): floor through an i32 round trip kept only below 2^23, abs by
// clearing the sign bit. Host functions are not touched.
// CHECK-LABEL: gpu.func @kernel
// CHECK-DAG: arith.constant 0x4B000000 : f32
// CHECK-DAG: math.fma
// CHECK-DAG: arith.fptosi %{{.+}} : f32 to i32
// CHECK-DAG: arith.sitofp
// CHECK-DAG: arith.andi %{{.+}}, %{{.+}} : i32
// CHECK-LABEL: func.func @host
// CHECK: math.log
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @kernel(%buf: memref<3xf32>) kernel {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c2 = arith.constant 2 : index
      %x = memref.load %buf[%c0] : memref<3xf32>
      %e = math.exp %x : f32
      %f = math.floor %x : f32
      %a = math.absf %x : f32
      memref.store %e, %buf[%c0] : memref<3xf32>
      memref.store %f, %buf[%c1] : memref<3xf32>
      memref.store %a, %buf[%c2] : memref<3xf32>
      gpu.return
    }
  }
  func.func @host(%x: f32) -> f32 {
    %y = math.log %x : f32
    return %y : f32
  }
}
