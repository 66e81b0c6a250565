// Target-independent transformations of the `snn` dialect.
#ifndef SNN_PASSES_TD
#define SNN_PASSES_TD

include "mlir/Pass/PassBase.td"

def SNNStripDropout : Pass<"snn-strip-dropout", "func::FuncOp"> {
  let summary = "Remove dropout for inference";
  let description = [{
    Dropout only acts during training (TSSL-BP §2.2); at inference every `snn.dropout`
    is the identity and is replaced by its input.
  }];
  let statistics = [Statistic<"numRemoved", "removed", "Number of dropout ops removed">];
}

def SNNIntroduceTimeLoop : Pass<"snn-introduce-time-loop", "func::FuncOp"> {
  let summary = "Make time explicit as an snn.time_loop whose region is one step";
  let description = [{
    Rewrites a graph-level function (one time step, attribute `snn.time_steps = T`)
    into a loop over `T` steps. Every stateful op becomes its step form with its state
    as loop-carried values, initialised to zero: `snn.psp` carries its trace,
    `snn.lif` its membrane potential and output trace. The per-step output `[N, C]` is
    stacked over time and returned as traces `[N, C, T]` (`snn.time.to_traces`). This
    is the step-by-step schedule used for streaming inference and neuromorphic cores.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
  let statistics = [Statistic<"numStateValues", "state-values",
                              "Number of loop-carried neuron state tensors">];
}

def SNNUnrollTime : Pass<"snn-unroll-time", "func::FuncOp"> {
  let summary = "Fully unroll snn.time_loop ops with at most max-steps steps";
  let description = [{
    Clones the step region once per time step, threading the carried state from one
    copy to the next, and stacks the per-step outputs with `tensor.insert_slice`.
    For small `T` this exposes all steps to later optimisation.
  }];
  let options = [Option<"maxSteps", "max-steps", "int64_t", "64",
                        "Only unroll loops with at most this many steps">];
  let dependentDialects = ["::mlir::tensor::TensorDialect", "::mlir::arith::ArithDialect"];
  let statistics = [Statistic<"numUnrolled", "unrolled", "Number of time loops unrolled">];
}

def SNNScheduleLayerByLayer : Pass<"snn-schedule-layer-by-layer", "func::FuncOp"> {
  let summary = "Give every value a leading time axis: each layer processes all T steps";
  let description = [{
    Rewrites a graph-level function so that each layer runs over all time steps
    before the next: the input is repeated over `T` (`snn.time.repeat`), neurons become
    per-element recurrences over time (`snn.psp.seq`, `snn.lif.seq`), and each stateless
    op (synapse, pooling, reshape) runs once on the `T·N` rows obtained by collapsing
    time into the batch — one GEMM or convolution per layer instead of `T`. Valid for
    feed-forward stacks, where no value depends on a later layer's state.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
  let statistics = [Statistic<"numBatched", "batched-ops",
                              "Number of stateless ops run over time x batch rows">];
}

def SNNHoistTimeInvariant : Pass<"snn-hoist-time-invariant", "func::FuncOp"> {
  let summary = "Run the first synapse once on a held input instead of once per step";
  let description = [{
    In the layer-by-layer form a static input is repeated over time and filtered,
    `psp.seq(time.repeat(x))`, whose value at step t is `c_t · x`. A synapse (dense or
    convolution: linear, bias-free, the same at every step) commutes with that filter,
    so `synapse(collapse(psp.seq(repeat(x))))` becomes
    `collapse(psp.seq(repeat(synapse(x))))`: one product over N rows instead of T·N.
    The weight gradient taken against the same PSP becomes one product over N rows
    too: `gradWeight(δ, c_t·x) = gradWeight(Σ_t c_t δ_t, x)` (`snn.psp.held.grad`).
    Exact in real arithmetic; in f32 the currents differ by rounding (a few ulp), which
    can move a potential that sits within rounding of the threshold across it.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
  let statistics = [
    Statistic<"numSynapses", "synapses", "Number of synapses run once instead of per step">,
    Statistic<"numGradients", "weight-gradients",
              "Number of weight gradients formed over N rows instead of T·N">
  ];
}

def SNNSynapseOnSpikes : Pass<"snn-synapse-on-spikes", "func::FuncOp"> {
  let summary = "Feed a dense synapse its neuron's spikes and filter the synapse's output";
  let description = [{
    In the layer-by-layer form a neuron's output traces are the PSP of its spikes,
    `a = 𝓕(o)`, and a dense synapse is linear and the same at every step, so
    `W·𝓕(o) = 𝓕(W·o)`. This pass rewrites `dense(collapse(lif.seq(x)))` into
    `collapse(psp.seq(expand(dense(collapse(lif.seq(x) {output = spikes})))))` with the
    neuron's τs, and marks the new synapse `spike_input`: its input holds only 0 and 1,
    so the CPU backend adds only the weight columns of the neurons that fired. Applies
    where every reader of the traces is a dense synapse (inference: the training
    function also reads them for the weight gradient). Exact in real arithmetic; in
    float32 the currents change by rounding. Not in the default pipeline
    (`snn-time-explicit{synapse-on-spikes=true}`, snnc `--spike-synapses`): it pays
    only where few neurons fire (docs/performance.md).
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
  let statistics = [
    Statistic<"numSynapses", "synapses", "Number of dense synapses fed spikes">
  ];
}

def SNNDeriveTraining : Pass<"snn-derive-training", "ModuleOp"> {
  let summary = "Derive the TSSL-BP training function from a graph-level forward function";
  let description = [{
    Clones the graph-level model function into
    `train_step(input, target, seed: i64, params...)`, schedules it layer by layer,
    turns each `snn.dropout` into `snn.dropout.seq` (one mask per sample shared over
    time, drawn from `seed`; its gradient is the same mask), keeps the neuron state TSSL-BP needs
    (`snn.lif.seq.save`), appends the loss on the time-major output trace against the
    one-hot `target` [N, C], and generates the backward pass by walking the forward in
    reverse: `snn.lif.seq.grad` for each neuron layer (TSSL-BP §4.1), transposed
    synapses and weight gradients for dense and convolution layers, the pooling
    gradient, and inverse reshapes, giving the gradient of every parameter in argument
    order. No gradient is computed for the
    input encoding. It returns the loss (0-d), the output traces [N, C, T] (for training
    accuracy) and the gradients. The forward function is left unchanged for inference.
  }];
  let options = [
    Option<"forwardName", "forward", "std::string", "\"forward\"", "Graph-level model function">,
    Option<"trainName", "name", "std::string", "\"train_step\"", "Name of the derived function">,
    Option<"loss", "loss", "std::string", "\"kernel\"", "Loss: kernel or count">,
    Option<"desired", "desired", "double", "15.0", "Count loss: desired PSP sum of the correct class">,
    Option<"undesired", "undesired", "double", "3.0", "Count loss: desired PSP sum of other classes">
  ];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

#endif // SNN_PASSES_TD
