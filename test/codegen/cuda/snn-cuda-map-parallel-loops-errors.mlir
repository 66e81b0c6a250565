// snn-cuda-map-parallel-loops: what it refuses, with a diagnostic.
// RUN: snn-opt %s --snn-cuda-map-parallel-loops --verify-diagnostics --mlir-print-op-on-diagnostic=false
// RUN: not snn-opt %s '--snn-cuda-map-parallel-loops=block-size=0' 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not snn-opt %s '--snn-cuda-map-parallel-loops=block-size=2048' 2>&1 | FileCheck %s --check-prefix=BIG

// Proves: block sizes outside what a GPU block holds are refused.
// BAD: snn-cuda-map-parallel-loops: block-size must be in [1, 1024], got 0
// BIG: snn-cuda-map-parallel-loops: block-size must be in [1, 1024], got 2048

// Proves: a loop with a reduction has no mapping here and is refused.
func.func @reduction(%buf: memref<?xf32>, %n: index) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  // expected-error @+1 {{snn-cuda-map-parallel-loops: parallel loops with reductions are not mapped}}
  %sum = scf.parallel (%i) = (%c0) to (%n) step (%c1) init (%zero) -> f32 {
    %x = memref.load %buf[%i] : memref<?xf32>
    scf.reduce(%x : f32) {
    ^bb0(%a: f32, %b: f32):
      %s = arith.addf %a, %b : f32
      scf.reduce.return %s : f32
    }
  }
  return %sum : f32
}

