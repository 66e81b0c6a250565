// snn-cpu-emit-generic-entry: `void NAME(const float *const *inputs, float *const *outputs)`.
// RUN: snn-opt %s '--snn-cpu-emit-generic-entry=num-outputs=1' | FileCheck %s
// RUN: snn-opt %s '--snn-cpu-emit-generic-entry=num-outputs=1 embed-parameters=false c-name=g' | FileCheck %s --check-prefix=PASS

// Proves: graph inputs come from inputs[0], inputs[1] (a rank-0 buffer has no sizes);
// the tagged parameter is embedded as a private 64-byte aligned constant global and
// passed through memref.get_global; the out-parameter comes from outputs[0] and the
// returned buffer is copied into outputs[1] and freed; the kernel becomes internal
// with disjoint (noalias) buffers; parameter ops and tags are gone.
// CHECK-NOT: snn.parameter
// CHECK-LABEL: func.func @forward
// CHECK-SAME: (%{{[^:]+}}: memref<2x3xf32> {llvm.noalias}, %{{[^:]+}}: memref<f32> {llvm.noalias}, %{{[^:]+}}: memref<3x2xf32> {llvm.noalias}, %{{[^:]+}}: memref<2x2xf32> {llvm.noalias}) -> memref<4xf32>
// CHECK-SAME: llvm.linkage = #llvm.linkage<internal>
// CHECK: memref.global "private" constant @__snn_generic_param_2 : memref<3x2xf32> = dense<{{.+}}> {alignment = 64 : i64}
// CHECK-LABEL: func.func @snn_generic_forward
// CHECK-SAME: (%[[IN:[^:]+]]: !llvm.ptr, %[[OUT:[^:]+]]: !llvm.ptr) {
// CHECK: %[[S0:.+]] = llvm.getelementptr %[[IN]][0]
// CHECK: %[[P0:.+]] = llvm.load %[[S0]]
// CHECK: llvm.insertvalue %[[P0]], %{{.+}}[0]
// CHECK: llvm.insertvalue %{{.+}}, %{{.+}}[4, 1]
// CHECK: %[[THREE:.+]] = llvm.mlir.constant(3 : i64) : i64
// CHECK-NEXT: llvm.insertvalue %[[THREE]], %{{.+}}[4, 0]
// CHECK: %[[X:.+]] = builtin.unrealized_conversion_cast %{{.+}} to memref<2x3xf32>
// CHECK: llvm.getelementptr %[[IN]][1]
// CHECK: %[[Y:.+]] = builtin.unrealized_conversion_cast %{{.+}} : !llvm.struct<(ptr, ptr, i64)> to memref<f32>
// CHECK: %[[W:.+]] = memref.get_global @__snn_generic_param_2 : memref<3x2xf32>
// CHECK: llvm.getelementptr %[[OUT]][0]
// CHECK: %[[O0:.+]] = builtin.unrealized_conversion_cast %{{.+}} to memref<2x2xf32>
// CHECK: %[[R:.+]] = call @forward(%[[X]], %[[Y]], %[[W]], %[[O0]])
// CHECK: llvm.getelementptr %[[OUT]][1]
// CHECK: %[[O1:.+]] = builtin.unrealized_conversion_cast %{{.+}} to memref<4xf32>
// CHECK-NEXT: memref.copy %[[R]], %[[O1]]
// CHECK-NEXT: memref.dealloc %[[R]]
// CHECK-NEXT: return

// Proves: without embedding, the parameter is inputs[2] (argument order) and no
// global is emitted; c-name names the symbol.
// PASS-NOT: memref.global
// PASS-LABEL: func.func @g
// PASS: llvm.getelementptr %{{.+}}[2]
// PASS-NOT: memref.get_global
// PASS: call @forward
snn.parameter @w = dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
func.func @forward(%x: memref<2x3xf32>, %y: memref<f32>, %w: memref<3x2xf32> {snn.parameter = @w},
                   %o: memref<2x2xf32>) -> memref<4xf32> {
  %r = memref.alloc() : memref<4xf32>
  return %r : memref<4xf32>
}

