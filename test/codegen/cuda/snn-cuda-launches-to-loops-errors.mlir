// snn-cuda-launches-to-loops: kernels that sequential loops cannot run are refused.
// RUN: snn-opt %s --snn-cuda-launches-to-loops --split-input-file --verify-diagnostics --mlir-print-op-on-diagnostic=false

// Proves: a barrier makes each thread wait for the others; threads run one after
// another here, so the kernel is refused rather than computed wrongly.
func.func @barrier(%buf: memref<256xf32>) {
  %c1 = arith.constant 1 : index
  %c256 = arith.constant 256 : index
  // expected-error @+1 {{snn-cuda-launches-to-loops: 'gpu.barrier' synchronises threads, which sequential loops cannot emulate}}
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c256, %sy = %c1, %sz = %c1) {
    gpu.barrier
    gpu.terminator
  }
  return
}

// -----

// Proves: an asynchronous launch (a token out) is refused.
func.func @async() {
  %c1 = arith.constant 1 : index
  // expected-error @+1 {{snn-cuda-launches-to-loops: asynchronous launches are not emulated}}
  %token = gpu.launch async blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    gpu.terminator
  }
  return
}
