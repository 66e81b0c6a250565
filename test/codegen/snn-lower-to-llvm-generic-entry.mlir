// snn-lower-to-llvm with generic-c-name: a linalg-on-tensors model with two inputs, a
// parameter and two results becomes LLVM with `void f(ptr inputs, ptr outputs)`.
// RUN: snn-opt %s --snn-lower-to-linalg '--snn-lower-to-llvm=generic-c-name=model_entry num-outputs=2' | FileCheck %s

// Proves: bufferization turns both results into out-parameters that the entry point
// fills from `outputs`; the parameter becomes a constant global; only the entry point
// is external; nothing of memref/func/snn is left.
// CHECK-NOT: snn.parameter
// CHECK-DAG: llvm.mlir.global private constant @__snn_generic_param_2(dense<{{.+}}> : tensor<3xf32>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<3 x f32>
// CHECK-DAG: llvm.func internal @forward(
// CHECK-DAG: llvm.func @model_entry(%{{.+}}: !llvm.ptr, %{{.+}}: !llvm.ptr)
// CHECK-NOT: memref.
// CHECK-NOT: func.func
snn.parameter @b = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
func.func @forward(%x: tensor<3xf32>, %y: tensor<3xf32>, %b: tensor<3xf32> {snn.parameter = @b})
    -> (tensor<3xf32>, tensor<3xf32>) {
  %s = arith.addf %x, %b : tensor<3xf32>
  %p = arith.mulf %s, %y : tensor<3xf32>
  return %s, %p : tensor<3xf32>, tensor<3xf32>
}
