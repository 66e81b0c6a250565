// Passes of the NVIDIA GPU backend.
#ifndef SNN_CODEGEN_CUDA_PASSES_TD
#define SNN_CODEGEN_CUDA_PASSES_TD

include "mlir/Pass/PassBase.td"

def SNNCUDAContractionsToLoops : Pass<"snn-cuda-contractions-to-loops", "func::FuncOp"> {
  let summary = "Rewrite bufferized matrix products as one parallel loop over outputs";
  let description = [{
    A contraction `C[i, j] += A(i, p) · B[p, j]` (the dense synapses and every
    gradient product, see codegen/Common/Contraction.h) becomes
    `scf.parallel (i, j)` whose body loads `C[i, j]` once, sums over `p` in a
    register (an `scf.for` with the accumulator as iteration argument, `p` in
    increasing order like the CPU kernels) and stores it once. Upstream
    `convert-linalg-to-parallel-loops` would put the reduction between `i` and `j`
    and read and write `C` in memory at every `p`; here each GPU thread owns one
    output and adjacent threads read adjacent `B` and `C` elements.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def SNNCUDATimeInsideKernels : Pass<"snn-cuda-time-inside-kernels", "func::FuncOp"> {
  let summary = "Move a neuron layer's time loop inside its parallel loop";
  let description = [{
    The layer schedule lowers a neuron or PSP sequence to `scf.for %t` whose body
    takes the time slices (`memref.subview`) and runs one elementwise
    `scf.parallel` over the layer's neurons. On a GPU that is one kernel launch per
    step. This pass interchanges the two loops, `scf.parallel { scf.for %t { … } }`,
    so one kernel runs the whole T loop of each neuron (time is sequential per
    neuron: a LIF with reset is not an associative scan) and keeps its state in
    registers between steps.

    It applies when the time loop has no iteration arguments, its body holds the
    parallel loop and only side-effect-free operations besides, the parallel loop's
    bounds do not depend on `%t`, and every load and store inside the parallel loop
    indexes its memref with exactly the parallel induction variables: then iteration
    `(i, j)` touches only elements `(i, j)` of each buffer at every step, and no two
    iterations depend on each other at any step, so the order (all neurons at step
    t, then t + 1) may become (neuron by neuron, all steps).
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect"];
}

def SNNCUDAMapParallelLoops : Pass<"snn-cuda-map-parallel-loops", "func::FuncOp"> {
  let summary = "Map each outermost scf.parallel to a gpu.launch over a linear index";
  let description = [{
    Each outermost `scf.parallel` becomes a `gpu.launch` of
    ceil(iterations / block-size) blocks of `block-size` threads: thread
    `blockIdx.x · block-size + threadIdx.x` runs the iteration with that linear
    index (the last loop dimension varying fastest, so adjacent threads touch
    adjacent elements of row-major buffers), and threads past the end do nothing.
    A loop with no iterations launches nothing. Nested parallel loops stay inside
    the kernel and run sequentially per thread. Upstream `gpu-map-parallel-loops`
    instead maps each dimension to one grid dimension with one-thread blocks.
  }];
  let options = [
    Option<"blockSize", "block-size", "int64_t", "256", "Threads per block">
  ];
  let dependentDialects = ["::mlir::gpu::GPUDialect", "::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect"];
}

def SNNCUDAExpandMath : Pass<"snn-cuda-expand-math"> {
  let summary = "Expand math functions in kernels into arithmetic";
  let description = [{
    `convert-gpu-to-nvvm` turns `math.exp` into a call of libdevice's `__nv_expf`,
    which only the CUDA toolkit provides; compiled kernels must not need one. This
    pass rewrites the math functions in kernels with MLIR's polynomial
    approximations (for `exp`, a few ulp in float32), so the PTX is self-contained.
    What the approximations use is expanded too (`floor` through an i32 round trip
    below 2^23, `abs` by clearing the sign bit) except `fma`, a PTX instruction,
    which `convert-math-to-llvm` lowers; any other math op left is an error.
    It runs on any operation: the kernels' `gpu.module`, or a host function whose
    kernels `snn-cuda-launches-to-loops` inlined (`--target cuda:host`), so the
    emulation computes what the GPU computes.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def SNNCUDALaunchesToLoops : Pass<"snn-cuda-launches-to-loops", "func::FuncOp"> {
  let summary = "Run gpu.launch kernels on the host as loops over blocks and threads";
  let description = [{
    The emulation behind `--target cuda:host`: each `gpu.launch` becomes nested
    `scf.for` loops over its grid (z, y, x) and its blocks (z, y, x, x innermost),
    with the kernel body inside and the block and thread ids, grid and block sizes
    bound to the loop indices and the launch's operands. The result is the kernels'
    own arithmetic and indexing (bounds checks of partial blocks, the linear index of
    `snn-cuda-map-parallel-loops`, time loops inside kernels) executed by the CPU, so
    a machine without a GPU checks what the GPU would compute. Threads run one after
    another: a kernel that synchronises its threads (`gpu.barrier`, `gpu.shuffle`),
    an asynchronous launch, dynamic shared memory or clusters are refused.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::arith::ArithDialect"];
}

def SNNCUDAConstantsIntoKernels : Pass<"snn-cuda-constants-into-kernels", "func::FuncOp"> {
  let summary = "Read constant tables inside kernels instead of through host pointers";
  let description = [{
    Bufferization turns constant tensors (the PSP filter's coefficients of the kernel
    loss and of `snn.psp.held.grad`) into `memref.global` constants read through
    `memref.get_global` in the host function. A kernel given that host pointer would
    read host memory. This pass clones each such `memref.get_global` into every
    `gpu.launch` that uses it; `gpu-kernel-outlining` then copies the global into the
    kernel module, and the PTX holds the table as a `.global` array.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect", "::mlir::memref::MemRefDialect"];
}

def SNNCUDADeviceBuffers : Pass<"snn-cuda-device-buffers", "func::FuncOp"> {
  let summary = "Allocate the host functions' temporaries in GPU memory";
  let description = [{
    After bufferization the host function allocates its temporaries with
    `memref.alloc`, which is host memory; only kernels read and write them. This pass
    turns each `memref.alloc` into a `gpu.alloc` and each `memref.dealloc` into a
    `gpu.dealloc`, in the asynchronous form `gpu-to-llvm` lowers (a `gpu.wait async`
    token in, a `gpu.wait` on the result), so they become the runtime's
    `mgpuMemAlloc`/`mgpuMemFree`. Kernels run one after another (each launch is waited
    for), so memory freed by one call may be handed to the next allocation at once.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

def SNNCUDAMergeKernelModules : Pass<"snn-cuda-merge-kernel-modules", "ModuleOp"> {
  let summary = "Gather every outlined kernel into one gpu.module";
  let description = [{
    `gpu-kernel-outlining` puts each kernel in a module of its own, each holding a
    function of the same name as its launcher's. This pass moves them all into one
    `gpu.module @snn_kernels`, each kernel renamed after its old module (unique in the
    enclosing module), and points every `gpu.launch_func` at the new symbol; the
    constant globals the kernels read (copied into each module that uses them) are
    kept once. The
    model's device code is then one PTX module: one file for `ptxas`, one
    `cuModuleLoadData` for a runtime.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

#endif // SNN_CODEGEN_CUDA_PASSES_TD
