// snn-emit-c-entry: the C ABI `void snn_forward(input, batch, params, output)`.
// RUN: snn-opt %s -split-input-file --snn-emit-c-entry | FileCheck %s
// RUN: snn-opt %s -split-input-file '--snn-emit-c-entry=kernel=forward c-name=run_model embed-parameters' | FileCheck %s --check-prefix=EMBED

// Proves: for a kernel that returns its dynamic-batch output, the entry point has the
// signature (!llvm.ptr, i64, !llvm.ptr, !llvm.ptr); it builds row-major descriptors
// whose dynamic dimension is `batch` (input [batch, 3] strides [3, 1], as constants
// since only sizes left of a dynamic one make a stride dynamic); it loads the
// parameter pointer from params[0] (a static [4, 3] descriptor); it calls the kernel,
// copies the returned buffer into the caller's output and frees it. Parameter tags and
// snn.parameter ops are removed (weights now come through `params`).
// CHECK-NOT: snn.parameter
// CHECK-LABEL: func.func @forward
// CHECK-SAME: (%{{[^:]+}}: memref<?x3xf32> {llvm.noalias}, %{{[^:]+}}: memref<4x3xf32> {llvm.noalias}) -> memref<?x4xf32>
// CHECK-LABEL: func.func @snn_forward
// CHECK-SAME: (%[[IN:[^:]+]]: !llvm.ptr, %[[BATCH:[^:]+]]: i64, %[[PARAMS:[^:]+]]: !llvm.ptr, %[[OUTP:[^:]+]]: !llvm.ptr) {
// CHECK: %[[D0:.+]] = llvm.mlir.undef : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK: %[[D1:.+]] = llvm.insertvalue %[[IN]], %[[D0]][0]
// CHECK: %[[D2:.+]] = llvm.insertvalue %[[IN]], %[[D1]][1]
// CHECK: %[[THREE:.+]] = llvm.mlir.constant(3 : i64) : i64
// CHECK: llvm.insertvalue %[[THREE]], %{{.+}}[3, 1]
// CHECK: %[[ONE:.+]] = llvm.mlir.constant(1 : i64) : i64
// CHECK: llvm.insertvalue %[[ONE]], %{{.+}}[4, 1]
// CHECK: llvm.insertvalue %[[BATCH]], %{{.+}}[3, 0]
// CHECK-NEXT: %[[S0:.+]] = llvm.mlir.constant(3 : i64) : i64
// CHECK-NEXT: llvm.insertvalue %[[S0]], %{{.+}}[4, 0]
// CHECK: %[[XM:.+]] = builtin.unrealized_conversion_cast %{{.+}} to memref<?x3xf32>
// CHECK: %[[SLOT:.+]] = llvm.getelementptr %[[PARAMS]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK: %[[WP:.+]] = llvm.load %[[SLOT]] : !llvm.ptr -> !llvm.ptr
// CHECK: llvm.insertvalue %[[WP]], %{{.+}}[0]
// CHECK: %[[FOUR:.+]] = llvm.mlir.constant(4 : i64) : i64
// CHECK: llvm.insertvalue %[[FOUR]], %{{.+}}[3, 0]
// CHECK: %[[WM:.+]] = builtin.unrealized_conversion_cast %{{.+}} to memref<4x3xf32>
// CHECK: llvm.insertvalue %[[OUTP]], %{{.+}}[0]
// CHECK: llvm.insertvalue %[[BATCH]], %{{.+}}[3, 0]
// CHECK: %[[OM:.+]] = builtin.unrealized_conversion_cast %{{.+}} to memref<?x4xf32>
// CHECK: %[[R:.+]] = call @forward(%[[XM]], %[[WM]]) : (memref<?x3xf32>, memref<4x3xf32>) -> memref<?x4xf32>
// CHECK-NEXT: memref.copy %[[R]], %[[OM]] : memref<?x4xf32> to memref<?x4xf32>
// CHECK-NEXT: memref.dealloc %[[R]] : memref<?x4xf32>
// CHECK-NEXT: return
// EMBED-LABEL: func.func @forward
// EMBED-LABEL: func.func @run_model
// EMBED: call @forward
snn.parameter @fc1 = dense<0.5> : tensor<4x3xf32>
func.func @forward(%x: memref<?x3xf32>, %w: memref<4x3xf32> {snn.parameter = @fc1}) -> memref<?x4xf32> {
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?x3xf32>
  %out = memref.alloc(%n) : memref<?x4xf32>
  return %out : memref<?x4xf32>
}

// -----

// Proves: with static shapes the output is already an out-parameter and is passed
// through (strides of [2, 4, 5] are [20, 5, 1]); `c-name` names the symbol;
// embed-parameters freezes the values, in argument order, into 64-byte aligned
// constant globals, a table of their addresses and two accessors.
// CHECK-LABEL: func.func @forward
// CHECK-SAME: (%{{[^:]+}}: memref<2x3xf32> {llvm.noalias}, %{{[^:]+}}: memref<4x3xf32> {llvm.noalias}, %{{[^:]+}}: memref<3x3xf32> {llvm.noalias}, %{{[^:]+}}: memref<2x4x5xf32> {llvm.noalias})
// CHECK-LABEL: func.func @snn_forward
// CHECK: llvm.insertvalue %{{.+}}, %{{.+}}[3, 2] : !llvm.struct<(ptr, ptr, i64, array<3 x i64>, array<3 x i64>)>
// CHECK: llvm.insertvalue %{{.+}}, %{{.+}}[3, 1]
// CHECK-NEXT: %[[S1:.+]] = llvm.mlir.constant(5 : i64) : i64
// CHECK-NEXT: llvm.insertvalue %[[S1]], %{{.+}}[4, 1]
// CHECK: llvm.insertvalue %{{.+}}, %{{.+}}[3, 0]
// CHECK-NEXT: %[[S0:.+]] = llvm.mlir.constant(20 : i64) : i64
// CHECK-NEXT: llvm.insertvalue %[[S0]], %{{.+}}[4, 0]
// CHECK: %[[OM:.+]] = builtin.unrealized_conversion_cast %{{.+}} to memref<2x4x5xf32>
// CHECK: call @forward(%{{.+}}, %{{.+}}, %{{.+}}, %[[OM]]) : (memref<2x3xf32>, memref<4x3xf32>, memref<3x3xf32>, memref<2x4x5xf32>) -> ()
// CHECK-NEXT: return
// CHECK-NOT: llvm.mlir.global
// EMBED-LABEL: func.func @run_model
// EMBED-SAME: (%{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: i64, %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: !llvm.ptr)
// EMBED: llvm.getelementptr %{{.+}}[0]
// EMBED: llvm.getelementptr %{{.+}}[1]
// EMBED: call @forward
// EMBED: llvm.mlir.global internal constant @__snn_param_0(dense<5.000000e-01> : tensor<12xf32>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<12 x f32>
// EMBED: llvm.mlir.global internal constant @__snn_param_1(dense<2.500000e-01> : tensor<9xf32>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<9 x f32>
// EMBED: llvm.mlir.global internal constant @__snn_param_table() {{.*}} : !llvm.array<2 x ptr> {
// EMBED: %[[P0:.+]] = llvm.mlir.addressof @__snn_param_0
// EMBED: llvm.insertvalue %[[P0]], %{{.+}}[0]
// EMBED: %[[P1:.+]] = llvm.mlir.addressof @__snn_param_1
// EMBED: llvm.insertvalue %[[P1]], %{{.+}}[1]
// EMBED-LABEL: func.func @snn_model_params() -> !llvm.ptr
// EMBED-NEXT: %[[T:.+]] = llvm.mlir.addressof @__snn_param_table : !llvm.ptr
// EMBED-NEXT: return %[[T]]
// EMBED-LABEL: func.func @snn_model_num_params() -> i64
// EMBED-NEXT: %[[N:.+]] = llvm.mlir.constant(2 : i64) : i64
// EMBED-NEXT: return %[[N]]
snn.parameter @fc2 = dense<0.25> : tensor<3x3xf32>
snn.parameter @fc1 = dense<0.5> : tensor<4x3xf32>
func.func @forward(%x: memref<2x3xf32>, %w1: memref<4x3xf32> {snn.parameter = @fc1},
                   %w2: memref<3x3xf32> {snn.parameter = @fc2}, %out: memref<2x4x5xf32>) {
  return
}
