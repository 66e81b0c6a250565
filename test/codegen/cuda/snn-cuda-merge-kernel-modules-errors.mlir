// snn-cuda-merge-kernel-modules: what it refuses, with a diagnostic.
// RUN: snn-opt %s -split-input-file --snn-cuda-merge-kernel-modules --verify-diagnostics --mlir-print-op-on-diagnostic=false

// Proves: the merged module's name must be free.
// expected-error @+1 {{snn-cuda-merge-kernel-modules: the module already has a symbol @snn_kernels}}
module attributes {gpu.container_module} {
  func.func private @snn_kernels()
  gpu.module @k {
    gpu.func @k() kernel {
      gpu.return
    }
  }
}

// -----

// Proves: a gpu.module holding anything but kernel functions and constants is not merged.
module attributes {gpu.container_module} {
  gpu.module @k {
    // expected-error @+1 {{snn-cuda-merge-kernel-modules: only kernel functions and constant globals are merged, got func.func}}
    func.func @helper() {
      return
    }
  }
}
