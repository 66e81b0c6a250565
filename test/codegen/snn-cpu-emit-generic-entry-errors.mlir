// snn-cpu-emit-generic-entry: functions it cannot expose are rejected with one error.
// RUN: snn-opt %s -split-input-file '--snn-cpu-emit-generic-entry=num-outputs=1' -verify-diagnostics

// Proves: num-outputs cannot exceed the arguments.
// expected-error @+1 {{num-outputs=1 but the function has 0 arguments}}
func.func @forward() {
  return
}

// -----

// Proves: a dynamic dimension has no size in the ABI.
// expected-error @+1 {{generic C entry point needs a bufferized function over static identity-layout memrefs}}
func.func @forward(%x: memref<?xf32>, %o: memref<2xf32>) {
  return
}

// -----

// Proves: tensors (not bufferized) are rejected.
// expected-error @+1 {{generic C entry point needs a bufferized function}}
func.func @forward(%x: tensor<2xf32>, %o: memref<2xf32>) {
  return
}

// -----

// Proves: the kernel must exist.
// expected-error @+1 {{no function 'forward' to wrap in a C entry point}}
module {
  func.func @other(%o: memref<2xf32>) {
    return
  }
}
