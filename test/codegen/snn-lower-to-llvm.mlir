// snn-lower-to-llvm: a whole graph-level model ends as LLVM dialect with a C entry point.
// RUN: snn-opt %s --snn-time-explicit --snn-lower-to-linalg --snn-lower-to-llvm \
// RUN:   | FileCheck %s --implicit-check-not=linalg. --implicit-check-not=scf. \
// RUN:       --implicit-check-not=memref. --implicit-check-not=fastmath --implicit-check-not=tensor. --implicit-check-not=arith. \
// RUN:       --implicit-check-not=cf. --implicit-check-not=func.func \
// RUN:       --implicit-check-not=unrealized_conversion_cast --implicit-check-not='= snn.' \
// RUN:       --implicit-check-not=snn.parameter
// RUN: snn-opt %s '--snn-time-explicit=schedule=step' --snn-lower-to-linalg --snn-lower-to-llvm \
// RUN:   | FileCheck %s --implicit-check-not=linalg. --implicit-check-not=scf. \
// RUN:       --implicit-check-not=memref. --implicit-check-not=tensor. --implicit-check-not=arith. \
// RUN:       --implicit-check-not=cf. --implicit-check-not=func.func \
// RUN:       --implicit-check-not=unrealized_conversion_cast --implicit-check-not='= snn.' \
// RUN:       --implicit-check-not=snn.parameter

// Proves: with either schedule, only LLVM dialect ops are left (no linalg, scf, memref,
// tensor, arith, cf, func or snn op, no unresolved cast, no parameter op); the model
// function (internal: only the C entry points are exported) takes expanded memref descriptors (input and two weights, 7 values each,
// then the [N, 2, 3] traces as an out-parameter, 9 values); both neurons' spike test (fcmp ogt)
// and the in-order dense multiply-adds (no fast-math flags) survive; no memrefCopy runtime call remains;
// the C entry point has the ABI (input, batch, params, output) and calls the model,
// which writes straight into the caller's output. Allocations go through the module's
// own checked functions (snn-cpu-check-allocations).
// CHECK: llvm.func @free(!llvm.ptr)
// CHECK: llvm.func @malloc(i64) -> !llvm.ptr
// CHECK: llvm.func internal @_mlir_memref_to_llvm_alloc(
// CHECK-LABEL: llvm.func internal @forward(
// CHECK-SAME: %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64,
// CHECK-SAME: %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64) attributes
// CHECK: llvm.fmul %{{.+}}, %{{.+}} : f32
// CHECK: llvm.fadd %{{.+}}, %{{.+}} : f32
// CHECK: llvm.fcmp "ogt"
// CHECK: llvm.fmul %{{.+}}, %{{.+}} : f32
// CHECK: llvm.fadd %{{.+}}, %{{.+}} : f32
// CHECK: llvm.fcmp "ogt"
// CHECK: llvm.return{{$}}
// CHECK-NOT: memrefCopy
// CHECK-LABEL: llvm.func @snn_forward(%{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: i64, %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: !llvm.ptr) {
// CHECK: llvm.call @forward({{.*}}) : ({{.*}}) -> ()
// CHECK-NEXT: llvm.return
// CHECK-NOT: memrefCopy
snn.parameter @fc1 = dense<0.5> : tensor<4x3xf32>
snn.parameter @fc2 = dense<0.25> : tensor<2x4xf32>
func.func @forward(%x: tensor<?x3xf32>, %w1: tensor<4x3xf32> {snn.parameter = @fc1},
                   %w2: tensor<2x4xf32> {snn.parameter = @fc2}) -> tensor<?x2xf32>
    attributes {snn.time_steps = 3 : i64} {
  %a = snn.psp %x : tensor<?x3xf32>
  %i1 = snn.synapse.dense %a, %w1 : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  %o1 = snn.lif %i1 : tensor<?x4xf32>
  %d = snn.dropout %o1 {rate = 0.2 : f32} : tensor<?x4xf32>
  %i2 = snn.synapse.dense %d, %w2 : tensor<?x4xf32>, tensor<2x4xf32> -> tensor<?x2xf32>
  %o2 = snn.lif %i2 {output = #snn.output<spikes>} : tensor<?x2xf32>
  return %o2 : tensor<?x2xf32>
}
