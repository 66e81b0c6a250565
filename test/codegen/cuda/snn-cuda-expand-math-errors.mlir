// snn-cuda-expand-math: a math function it cannot expand is an error, not a libdevice call.
// RUN: snn-opt %s --pass-pipeline='builtin.module(gpu.module(snn-cuda-expand-math))' --verify-diagnostics --mlir-print-op-on-diagnostic=false

// Proves: powf has no approximation here and is refused in a kernel.
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @kernel(%x: f32, %y: f32, %buf: memref<1xf32>) kernel {
      %c0 = arith.constant 0 : index
      // expected-error @+1 {{snn-cuda-expand-math: no arithmetic expansion for math.powf in a kernel}}
      %p = math.powf %x, %y : f32
      memref.store %p, %buf[%c0] : memref<1xf32>
      gpu.return
    }
  }
}
