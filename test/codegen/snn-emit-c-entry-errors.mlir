// snn-emit-c-entry: functions that cannot get the C ABI are diagnosed.
// RUN: snn-opt %s -split-input-file --snn-emit-c-entry=embed-parameters -verify-diagnostics

// Proves: a module without the kernel function is rejected (the default kernel is
// @forward; here it is named differently).
// expected-error @+1 {{no function 'forward' to wrap in a C entry point}}
module {
  func.func @model(%x: memref<?x3xf32>, %out: memref<?x3xf32>) {
    return
  }
}

// -----

// Proves: two dynamic dimensions cannot both be the batch.
module {
  // expected-error @+1 {{C entry point needs a bufferized function over identity-layout f32 memrefs with at most the batch dimension dynamic (input, parameters..., output), got '(memref<?x?xf32>, memref<?x3xf32>) -> ()'}}
  func.func @forward(%x: memref<?x?xf32>, %out: memref<?x3xf32>) {
    return
  }
}

// -----

// Proves: tensors (not yet bufferized) are rejected.
module {
  // expected-error @+1 {{C entry point needs a bufferized function}}
  func.func @forward(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
    return %x : tensor<?x3xf32>
  }
}

// -----

// Proves: a strided (non-identity layout) memref is rejected: the entry point builds
// row-major descriptors only.
module {
  // expected-error @+1 {{C entry point needs a bufferized function}}
  func.func @forward(%x: memref<?x3xf32, strided<[4, 1]>>, %out: memref<?x3xf32>) {
    return
  }
}

// -----

// Proves: more than one result is rejected.
module {
  // expected-error @+1 {{C entry point needs a bufferized function}}
  func.func @forward(%x: memref<?x3xf32>) -> (memref<?x3xf32>, memref<?x3xf32>) {
    return %x, %x : memref<?x3xf32>, memref<?x3xf32>
  }
}

// -----

// Proves: embedding needs every argument between the input and the output to be a
// tagged parameter (here the weight is untagged).
module {
  // expected-error @+1 {{cannot embed parameters: every argument after the input must be tagged with a dense snn.parameter}}
  func.func @forward(%x: memref<?x3xf32>, %w: memref<4x3xf32>, %out: memref<?x4xf32>) {
    return
  }
}
