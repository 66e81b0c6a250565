// Passes of the host-CPU backend.
#ifndef SNN_CODEGEN_CPU_PASSES_TD
#define SNN_CODEGEN_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def SNNCPUVectorizeContractions : Pass<"snn-cpu-vectorize-contractions", "func::FuncOp"> {
  let summary = "Register-blocked vector code for the matrix products of synapses and gradients";
  let description = [{
    Matches bufferized `linalg.generic` contractions `C[i, j] += A(i, p) · B[p, j]` (A
    read as `A[i, p]` or `A[p, i]`, B and C contiguous along j) — the dense synapse, its
    input gradient and its weight gradient — and replaces each with a micro-kernel: tiles
    of `rows` × `vectors`·`width` outputs kept in vector registers across the whole reduction,
    one broadcast of A and one fused multiply-add per row and vector, masked loads and
    stores for the column tail, and a one-row loop for the row tail. The sum over `p`
    keeps its order.

    A product marked `snnc.spike_input` (A holds only 0 and 1: a dense synapse fed by
    spikes) gets an event-driven kernel: per tile of `rows` rows, each row lists the p
    where A is non-zero (branch-free), and unless a fifth or more of the tile's terms
    are non-zero (then the dense tile runs) each row adds only those rows of B. The
    non-zero terms are added in the same order, so for finite B the result is the same
    bits.
  }];
  let options = [
    Option<"rows", "rows", "int64_t", "8", "Rows per register tile">,
    Option<"width", "width", "int64_t", "16", "f32 lanes per vector (16 = AVX-512)">,
    Option<"vectors", "vectors", "int64_t", "2", "Vectors per row of a register tile">,
    Option<"spikeKernels", "spike-kernels", "bool", "true",
           "Event-driven kernels for products marked snnc.spike_input">
  ];
  let dependentDialects = ["::mlir::vector::VectorDialect", "::mlir::scf::SCFDialect",
                           "::mlir::memref::MemRefDialect", "::mlir::arith::ArithDialect"];
}

def SNNCPUEmitGenericEntry : Pass<"snn-cpu-emit-generic-entry", "ModuleOp"> {
  let summary = "Add a C entry point taking tables of input and output buffers";
  let description = [{
    For graphs that are not TSSL-BP models (ANN models, ONNX node tests): after
    bufferization, the model function takes static-shaped identity-layout memrefs: the
    graph inputs, the parameters (arguments tagged `snn.parameter`), then `num-outputs`
    out-parameters, and may also return buffers (the last outputs). This pass adds
    `void <c-name>(const float *const *inputs, float *const *outputs)`: `inputs[i]`
    points at the i-th untagged non-output argument, `outputs[j]` at the j-th output
    (out-parameters first, then returned buffers), each a dense row-major buffer of
    the argument's element type (`float` for f32). Returned buffers are copied into
    `outputs` and freed. Buffers must not overlap (`llvm.noalias`).

    Parameters are embedded: their `snn.parameter` values become private constant
    `memref.global`s passed to the model function, so callers only supply graph
    inputs. Without `embed-parameters` they are expected in `inputs` after the graph
    inputs, in argument order. Parameter ops and tags are removed either way.
  }];
  let options = [
    Option<"kernel", "kernel", "std::string", "\"forward\"", "The bufferized model function">,
    Option<"cName", "c-name", "std::string", "\"snn_generic_forward\"",
           "Name of the C entry point">,
    Option<"numOutputs", "num-outputs", "int64_t", "0",
           "How many trailing arguments are out-parameters (outputs)">,
    Option<"embedParameters", "embed-parameters", "bool", "true",
           "Freeze the snn.parameter values into constant globals">
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect", "::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect"];
}

def SNNCPUCheckAllocations : Pass<"snn-cpu-check-allocations", "ModuleOp"> {
  let summary = "Define the memref allocation functions so that a failed allocation exits with a message";
  let description = [{
    `finalize-memref-to-llvm{use-generic-functions=true}` lowers `memref.alloc` and
    `memref.dealloc` to calls of `_mlir_memref_to_llvm_alloc`, `_mlir_memref_to_llvm_aligned_alloc`
    and `_mlir_memref_to_llvm_free`. This pass defines those declarations in the module,
    with internal linkage (so that several models JIT'ed or loaded into one process
    never clash): they call `malloc`, `aligned_alloc` and `free` (so the runtime's
    glibc heap settings still apply), and when an allocation of a non-zero size returns
    null they write the one line `snn model: error: out of memory: cannot allocate N
    bytes` to standard error (one `write` to fd 2, formatted on the stack) and call
    `exit(1)`. Without it, generated code would dereference the null pointer (SIGSEGV,
    e.g. under `ulimit -v`). Declarations that are not present are not added.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // SNN_CODEGEN_CPU_PASSES_TD
