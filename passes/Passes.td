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

#endif // SNN_PASSES_TD
