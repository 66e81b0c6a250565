// Operations of the `snn` dialect: neurons, synapses, pooling, shapes and the time axis.
#ifndef SNN_OPS_TD
#define SNN_OPS_TD

include "dialect/SNN/SNNDialect.td"
include "dialect/SNN/SNNAttrs.td"
include "dialect/SNN/SNNInterfaces.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

def SNN_Tensor : RankedTensorOf<[F32]>;

// Neuron parameters shared by the three forms of the LIF neuron.
defvar LIFParams = (ins
  DefaultValuedAttr<F32Attr, "5.0">:$tau_m,
  DefaultValuedAttr<F32Attr, "3.0">:$tau_s,
  DefaultValuedAttr<F32Attr, "1.0">:$threshold,
  DefaultValuedAttr<SNN_NeuronOutputAttr, "::mlir::snn::NeuronOutput::psp">:$output);

//===----------------------------------------------------------------------===//
// Model parameters
//===----------------------------------------------------------------------===//

def SNN_ParameterOp : SNN_Op<"parameter", [Symbol, HasParent<"::mlir::ModuleOp">]> {
  let summary = "a named, time-invariant weight tensor of the model";
  let description = [{
    Holds the value of one weight tensor. The forward function receives it as an
    argument tagged `{snn.parameter = @name}`, so compiled code takes weights at run time
    (training updates them) while an `.mlir` model file still carries its values.

    ```mlir
    snn.parameter @fc1 = dense<0.5> : tensor<4x3xf32>
    func.func @forward(%x: tensor<?x3xf32>, %w: tensor<4x3xf32> {snn.parameter = @fc1}) ...
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, ElementsAttr:$value);
  let assemblyFormat = "$sym_name `=` $value attr-dict";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Graph level: one time step, neuron state implicit
//===----------------------------------------------------------------------===//

def SNN_PSPOp : SNN_Op<"psp", [Pure, AllTypesMatch<["input", "result"]>, SNN_NeuronOpInterface,
    DeclareOpInterfaceMethods<SNN_GraphNeuronOpInterface>]> {
  let summary = "synaptic PSP filter y_t = (1-1/tau_s) y_{t-1} + x_t/tau_s";
  let description = [{
    The first-order synaptic filter of TSSL-BP, applied elementwise with state carried
    across time steps (zero before step 0). Models apply it to their input.

    ```mlir
    %a = snn.psp %x {tau_s = 3.0 : f32} : tensor<?x784xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, DefaultValuedAttr<F32Attr, "3.0">:$tau_s);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def SNN_LIFOp : SNN_Op<"lif", [Pure, AllTypesMatch<["input", "result"]>,
    SNN_LIFNeuronOpInterface, DeclareOpInterfaceMethods<SNN_GraphNeuronOpInterface>]> {
  let summary = "leaky integrate-and-fire neuron with hard reset (TSSL-BP §1)";
  let description = [{
    Per neuron, with input current `I_t` and state reset at the start of a sample:
    `u_t = v_{t-1} + (I_t - v_{t-1}/tau_m)`, `o_t = u_t > threshold`,
    `v_t = (1 - o_t) u_t`, `a_t = (1-1/tau_s) a_{t-1} + o_t/tau_s`. Emits the PSP trace
    `a_t` (`output = psp`, the default) or the spikes `o_t` (`output = spikes`).

    ```mlir
    %o = snn.lif %i {tau_m = 5.0 : f32, tau_s = 3.0 : f32, threshold = 1.0 : f32} : tensor<?x400xf32>
    ```
  }];
  let arguments = !con((ins SNN_Tensor:$input), LIFParams);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def SNN_DenseOp : SNN_Op<"synapse.dense", [Pure,
    DeclareOpInterfaceMethods<SNN_DifferentiableOpInterface>,
    DeclareOpInterfaceMethods<SNN_SynapseOpInterface>]> {
  let summary = "dense synapse: out[n, m] = sum_k in[n, k] * weight[m, k]";
  let description = [{
    A fully connected, bias-free synapse. The weight is `[out, in]` (ONNX Gemm with
    `transB = 1`). The leading dimension is the batch (or time × batch after
    layer-by-layer scheduling) and may be dynamic. `spike_input` states that the input
    holds only spikes (0 or 1), so code generation may add only the weight columns of
    the inputs that fired (`snn-synapse-on-spikes` sets it).

    ```mlir
    %i = snn.synapse.dense %a, %w : tensor<?x784xf32>, tensor<400x784xf32> -> tensor<?x400xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_Tensor:$weight, UnitAttr:$spike_input);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat =
      "$input `,` $weight attr-dict `:` type($input) `,` type($weight) `->` type($result)";
  let hasVerifier = 1;
}

def SNN_Conv2DOp : SNN_Op<"synapse.conv2d", [Pure,
    DeclareOpInterfaceMethods<SNN_DifferentiableOpInterface>,
    DeclareOpInterfaceMethods<SNN_SynapseOpInterface>]> {
  let summary = "2-D convolution synapse (cross-correlation, NCHW, no bias)";
  let description = [{
    `weight` is `[F, C, KH, KW]`; `pads` is `[top, left, bottom, right]` zero padding;
    `strides` is `[sh, sw]`. Output size `(H + top + bottom - KH) / sh + 1`.

    ```mlir
    %i = snn.synapse.conv2d %a, %w {pads = array<i64: 2, 2, 2, 2>}
        : tensor<?x1x28x28xf32>, tensor<32x1x5x5xf32> -> tensor<?x32x28x28xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_Tensor:$weight,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$pads);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat =
      "$input `,` $weight attr-dict `:` type($input) `,` type($weight) `->` type($result)";
  let hasVerifier = 1;
}

def SNN_BiasOp : SNN_Op<"bias", [Pure, AllTypesMatch<["input", "result"]>,
    DeclareOpInterfaceMethods<SNN_DifferentiableOpInterface>,
    DeclareOpInterfaceMethods<SNN_SynapseOpInterface>]> {
  let summary = "learned per-channel bias: y[n, c, ...] = x[n, c, ...] + bias[c]";
  let description = [{
    Adds `bias[c]` to every element of channel (or feature) `c`, dimension 1 of the
    input: a synapse's bias kept as its own op so the synapses stay bias-free
    (ONNX Gemm's C, Conv's B). The bias is a learned parameter like a weight, so the
    op is a synapse for training: its "weight" is the bias and its weight gradient is
    the result gradient summed over every dimension but 1 (all time × batch rows and
    all pixels). The leading dimension may be dynamic.

    ```mlir
    %y = snn.bias %x, %b : tensor<?x16x8x8xf32>, tensor<16xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_Tensor:$bias);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input `,` $bias attr-dict `:` type($input) `,` type($bias)";
  let hasVerifier = 1;
}

def SNN_BiasGradOp : SNN_Op<"bias.grad", [Pure]> {
  let summary = "gradient of snn.bias w.r.t. its bias: the sum over every dimension but 1";
  let description = [{
    Rows are time × batch after layer-by-layer scheduling, so this is
    `Σ_{n,t,h,w} δ[n, c, h, w, t]`.

    ```mlir
    %db = snn.bias.grad %delta : tensor<?x16x8x8xf32> -> tensor<16xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$grad);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$grad attr-dict `:` type($grad) `->` type($result)";
  let hasVerifier = 1;
}

def SNN_SumPoolOp : SNN_Op<"pool.sum", [Pure,
    DeclareOpInterfaceMethods<SNN_DifferentiableOpInterface>]> {
  let summary = "scaled sum pooling: scale × sum over a k×k window, stride k";
  let description = [{
    TSSL-BP pooling: no neuron and no learnable weight; the output is `scale` (1.1 in
    the paper) times the sum of each non-overlapping `kernel` window, per channel.
    Rows and columns that do not fill a window are dropped (floor).

    ```mlir
    %p = snn.pool.sum %a {kernel = array<i64: 2, 2>, scale = 1.1 : f32}
        : tensor<?x32x28x28xf32> -> tensor<?x32x14x14xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, DenseI64ArrayAttr:$kernel,
                   DefaultValuedAttr<F32Attr, "1.1">:$scale);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def SNN_FlattenOp : SNN_Op<"flatten", [Pure,
    DeclareOpInterfaceMethods<SNN_DifferentiableOpInterface>]> {
  let summary = "row-major flatten of every dimension but the first";
  let description = [{
    ```mlir
    %f = snn.flatten %a : tensor<?x64x7x7xf32> -> tensor<?x3136xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def SNN_ReshapeOp : SNN_Op<"reshape", [Pure,
    DeclareOpInterfaceMethods<SNN_DifferentiableOpInterface>]> {
  let summary = "row-major reshape of the per-sample dimensions (the first is kept)";
  let description = [{
    ```mlir
    %r = snn.reshape %a : tensor<?x784xf32> -> tensor<?x1x28x28xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def SNN_DropoutOp : SNN_Op<"dropout", [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "dropout on PSP traces (training only; identity for inference)";
  let description = [{
    During training survivors are scaled by `1/(1-rate)` with one mask per sample and
    channel row shared over time (TSSL-BP §2.2); inference removes the op
    (`snn-strip-dropout`). A rate of 0 folds away.

    ```mlir
    %d = snn.dropout %a {rate = 0.2 : f32} : tensor<?x400xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, F32Attr:$rate);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Explicit time: step form (state as values) inside snn.time_loop
//===----------------------------------------------------------------------===//

def SNN_PSPStepOp : SNN_Op<"psp.step", [Pure, AllTypesMatch<["input", "trace", "result"]>,
    SNN_NeuronOpInterface]> {
  let summary = "one step of the PSP filter: the new trace from the input and the old trace";
  let description = [{
    ```mlir
    %y1 = snn.psp.step %x, %y0 {tau_s = 3.0 : f32} : tensor<?x784xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_Tensor:$trace,
                   DefaultValuedAttr<F32Attr, "3.0">:$tau_s);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input `,` $trace attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def SNN_LIFStepOp : SNN_Op<"lif.step", [Pure, AllTypesMatch<["input", "membrane", "trace", "result", "next_membrane", "next_trace"]>,
    SNN_LIFNeuronOpInterface]> {
  let summary = "one step of the LIF neuron with explicit state (membrane v, trace a)";
  let description = [{
    Returns the emitted value (trace or spikes, per `output`), the membrane potential
    after reset and the output PSP trace, i.e. the next state.

    ```mlir
    %out, %v1, %a1 = snn.lif.step %i, %v0, %a0 {tau_m = 5.0 : f32} : tensor<?x10xf32>
    ```
  }];
  let arguments = !con((ins SNN_Tensor:$input, SNN_Tensor:$membrane, SNN_Tensor:$trace),
                       LIFParams);
  let results = (outs SNN_Tensor:$result, SNN_Tensor:$next_membrane, SNN_Tensor:$next_trace);
  let assemblyFormat = "$input `,` $membrane `,` $trace attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def SNN_TimeLoopOp : SNN_Op<"time_loop", [SingleBlock, RecursiveMemoryEffects]> {
  let summary = "a loop over T time steps whose region is one step";
  let description = [{
    The block receives the step index and the loop-carried neuron state; its
    `snn.time.yield` gives the per-step outputs and the next state. Results: each
    per-step output stacked over time (`tensor<T x ...>`), then the final state.
    Values from above (input, weights) are captured implicitly.

    ```mlir
    %out, %s = snn.time_loop steps 5 carry(%z : tensor<?x3xf32>)
        -> (tensor<5x?x3xf32>, tensor<?x3xf32>) {
    ^bb0(%t: index, %y: tensor<?x3xf32>):
      %y1 = snn.psp.step %x, %y : tensor<?x3xf32>
      snn.time.yield outputs %y1 : tensor<?x3xf32> carry %y1 : tensor<?x3xf32>
    }
    ```
  }];
  let arguments = (ins I64Attr:$steps, Variadic<SNN_Tensor>:$inits);
  let results = (outs Variadic<SNN_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    `steps` $steps (`carry` `(` $inits^ `:` type($inits) `)`)? attr-dict-with-keyword
    `->` `(` type($results) `)` $body
  }];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// The terminator of the step region.
    TimeYieldOp getYield();
    /// Number of per-step outputs (results before the final carried state).
    unsigned getNumStepOutputs();
  }];
}

def SNN_TimeYieldOp : SNN_Op<"time.yield",
    [Pure, Terminator, HasParent<"TimeLoopOp">, AttrSizedOperandSegments, ReturnLike]> {
  let summary = "ends a time step: per-step outputs and the next loop-carried state";
  let arguments = (ins Variadic<SNN_Tensor>:$outputs, Variadic<SNN_Tensor>:$carried);
  let assemblyFormat = [{
    (`outputs` $outputs^ `:` type($outputs))? (`carry` $carried^ `:` type($carried))? attr-dict
  }];
}

//===----------------------------------------------------------------------===//
// Explicit time: layer-by-layer form (leading time dimension)
//===----------------------------------------------------------------------===//

def SNN_PSPSeqOp : SNN_Op<"psp.seq", [Pure, AllTypesMatch<["input", "result"]>,
    SNN_NeuronOpInterface]> {
  let summary = "PSP filter over a whole sequence: dimension 0 is time";
  let description = [{
    ```mlir
    %y = snn.psp.seq %x {tau_s = 3.0 : f32} : tensor<5x?x784xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, DefaultValuedAttr<F32Attr, "3.0">:$tau_s);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def SNN_LIFSeqOp : SNN_Op<"lif.seq", [Pure, AllTypesMatch<["input", "result"]>,
    SNN_LIFNeuronOpInterface]> {
  let summary = "LIF neuron over a whole sequence: a per-element recurrence over dimension 0";
  let description = [{
    Input currents for all steps `[T, ...]` in, emitted values for all steps out.

    ```mlir
    %o = snn.lif.seq %i {tau_m = 5.0 : f32} : tensor<5x?x400xf32>
    ```
  }];
  let arguments = !con((ins SNN_Tensor:$input), LIFParams);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def SNN_RepeatOp : SNN_Op<"time.repeat", [Pure]> {
  let summary = "a static input presented unchanged at every step: [N, ...] -> [T, N, ...]";
  let description = [{
    ```mlir
    %xs = snn.time.repeat %x : tensor<?x784xf32> -> tensor<5x?x784xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def SNN_CurrentOp : SNN_Op<"time.current", [Pure]> {
  let summary = "graph level: the current step's slice of a time-varying input [N, ..., T]";
  let description = [{
    Spike-train and event inputs (e.g. N-MNIST frames) differ from step to step. The
    model takes the whole sequence, time last as users store it, and this op stands for
    its value at the step being computed. Its length must equal `snn.time_steps`.

    ```mlir
    %s = snn.time.current %seq : tensor<?x2x5xf32> -> tensor<?x2xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Length T of the sequence (its last dimension).
    int64_t getSequenceLength() {
      return ::llvm::cast<::mlir::RankedTensorType>(getInput().getType()).getShape().back();
    }
  }];
}

def SNN_FromSequenceOp : SNN_Op<"time.from_sequence", [Pure]> {
  let summary = "a user-layout sequence [N, ..., T] in time-major layout [T, N, ...]";
  let description = [{
    ```mlir
    %tm = snn.time.from_sequence %seq : tensor<?x2x5xf32> -> tensor<5x?x2xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def SNN_ToTracesOp : SNN_Op<"time.to_traces", [Pure]> {
  let summary = "time-major outputs [T, N, C] to the user-facing traces [N, C, T]";
  let description = [{
    ```mlir
    %y = snn.time.to_traces %o : tensor<5x?x10xf32> -> tensor<?x10x5xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Training (TSSL-BP): forward with saved state, losses, gradients
//===----------------------------------------------------------------------===//

def SNN_LIFSeqSaveOp : SNN_Op<"lif.seq.save", [Pure,
    AllTypesMatch<["input", "result", "potential", "increment", "spikes", "trace"]>,
    SNN_LIFNeuronOpInterface, DeclareOpInterfaceMethods<SNN_DifferentiableOpInterface>]> {
  let summary = "LIF neuron over a sequence, also returning the state TSSL-BP needs";
  let description = [{
    Like `snn.lif.seq`, and returns per step the pre-reset potential `u_t`, the membrane
    increment `Δ_t`, the spikes `o_t` and the neuron's own output trace `a_t`
    (TSSL-BP §1), which `snn.lif.seq.grad` consumes.

    ```mlir
    %out, %u, %du, %o, %a = snn.lif.seq.save %i : tensor<5x?x400xf32>
    ```
  }];
  let arguments = !con((ins SNN_Tensor:$input), LIFParams);
  let results = (outs SNN_Tensor:$result, SNN_Tensor:$potential, SNN_Tensor:$increment,
                      SNN_Tensor:$spikes, SNN_Tensor:$trace);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def SNN_LIFSeqGradOp : SNN_Op<"lif.seq.grad", [Pure,
    AllTypesMatch<["grad", "potential", "increment", "spikes", "trace", "result"]>,
    SNN_LIFNeuronOpInterface]> {
  let summary = "TSSL-BP backward of a LIF sequence: dL/dI from dL/da and the saved state";
  let description = [{
    The per-neuron rule of TSSL-BP §4.1, two O(T) recurrences backwards in time:
    `G_t = g_t/τs + αs·G_{t+1}`; at a spike `X_t = ρ_t (G_t + u_t X_{t+1}/τm)` with
    `ρ_t = min(1/Δ_t, 8)` (inter- and intra-neuron terms), else the membrane carry
    `X_t = αm X_{t+1}`; the sigmoid surrogate `S_t = G_t e^z / (β (1+e^z)²)`,
    `z = clamp((ϑ − u_t)/β, −8, 8)`, `β = 0.2`; the result is `S_t` where the neuron's
    own trace `a_t < 1/(4τs)`, else `X_t`. `grad` is dL/d(output): the trace for
    `output = psp`, the spikes for `output = spikes`.

    ```mlir
    %di = snn.lif.seq.grad %g, %u, %du, %o, %a : tensor<5x?x400xf32>
    ```
  }];
  let arguments = !con((ins SNN_Tensor:$grad, SNN_Tensor:$potential, SNN_Tensor:$increment,
                            SNN_Tensor:$spikes, SNN_Tensor:$trace), LIFParams);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$grad `,` $potential `,` $increment `,` $spikes `,` $trace attr-dict `:` type($grad)";
  let hasVerifier = 1;
}

def SNN_DropoutSeqOp : SNN_Op<"dropout.seq", [Pure, AllTypesMatch<["input", "result"]>,
    DeclareOpInterfaceMethods<SNN_DifferentiableOpInterface>]> {
  let summary = "training dropout on a time-major sequence, one mask shared over time";
  let description = [{
    `input` is `[T, N, ...]`. Each kept element is scaled by `1/(1-rate)`, the others are
    zeroed. One Bernoulli draw per (sample, channel, row) for conv maps (`[T, N, C, H, W]`:
    shared over the columns and all T steps, TSSL-BP §2.2, PyTorch ≤ 1.11 behaviour) and
    per (sample, feature) otherwise, shared over T.

    The mask is counter based, so the same (`seed`, `stream`) reproduces it — the backward
    applies this same op to the gradient — and no random state crosses the C ABI:
    `k = seed + n·G + stream·S + e·E` (wrapping 64-bit arithmetic; `n` the sample, `e` the
    row-major index of the draw within the sample, G = 0x9E3779B97F4A7C15,
    S = 0xD1B54A32D192ED03, E = 0xAEF17502108EF2D9), mixed by the SplitMix64 finaliser;
    the element is kept when `(mix(k) >> 40) · 2⁻²⁴ ≥ rate`. Because `n` enters linearly, a
    caller that splits a batch passes `seed + first·G` for the part starting at sample
    `first` and gets the masks of the whole batch.

    ```mlir
    %d = snn.dropout.seq %a, %seed {rate = 0.2 : f32, stream = 0 : i64} : tensor<5x?x400xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, I64:$seed, F32Attr:$rate, I64Attr:$stream);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input `,` $seed attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def SNN_KernelLossOp : SNN_Op<"loss.kernel", [Pure, AllTypesMatch<["output", "grad"]>]> {
  let summary = "TSSL-BP kernel loss against the doubly filtered desired spike pattern";
  let description = [{
    `output` is the time-major output trace `[T, N, C]`, `target` one-hot `[N, C]`.
    The desired pattern `d` of the correct class (T ≥ 10: 0101…, T < 10: 01111 repeated)
    is filtered twice, `ŷ = 𝓕(𝓕(d))`; wrong classes want 0. Returns
    `L = ½ Σ (a − ŷ)²` (summed over batch, classes and steps) and `dL/da = a − ŷ`.

    ```mlir
    %loss, %g = snn.loss.kernel %a, %onehot : tensor<5x?x10xf32>, tensor<?x10xf32> -> tensor<f32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$output, SNN_Tensor:$target,
                   DefaultValuedAttr<F32Attr, "3.0">:$tau_s);
  let results = (outs 0DTensorOf<[F32]>:$loss, SNN_Tensor:$grad);
  let assemblyFormat =
      "$output `,` $target attr-dict `:` type($output) `,` type($target) `->` type($loss)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// ŷ for the correct class, step by step (float32, as the loss uses it).
    static ::llvm::SmallVector<float> desiredTrace(int64_t steps, double tauS);
  }];
}

def SNN_CountLossOp : SNN_Op<"loss.count", [Pure, AllTypesMatch<["output", "grad"]>]> {
  let summary = "TSSL-BP count loss on the PSP sum of each output neuron";
  let description = [{
    Per sample and class, `e = (Σ_t a_t − q)/T` with `q = desired` for the correct class
    and `undesired` otherwise, clamped one-sided (`min(e, 0)` for the correct class,
    `max(e, 0)` for the others); `L = (T/2) Σ e²` and `dL/da_t = e` at every step.

    ```mlir
    %loss, %g = snn.loss.count %a, %onehot {desired = 15.0 : f32, undesired = 3.0 : f32}
        : tensor<30x?x10xf32>, tensor<?x10xf32> -> tensor<f32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$output, SNN_Tensor:$target, F32Attr:$desired,
                   F32Attr:$undesired);
  let results = (outs 0DTensorOf<[F32]>:$loss, SNN_Tensor:$grad);
  let assemblyFormat =
      "$output `,` $target attr-dict `:` type($output) `,` type($target) `->` type($loss)";
  let hasVerifier = 1;
}

def SNN_DenseGradInputOp : SNN_Op<"synapse.dense.grad_input", [Pure]> {
  let summary = "gradient of a dense synapse w.r.t. its input: dL/dx = δ · W";
  let description = [{
    ```mlir
    %dx = snn.synapse.dense.grad_input %delta, %w : tensor<?x400xf32>, tensor<400x784xf32> -> tensor<?x784xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$grad, SNN_Tensor:$weight);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat =
      "$grad `,` $weight attr-dict `:` type($grad) `,` type($weight) `->` type($result)";
  let hasVerifier = 1;
}

def SNN_DenseGradWeightOp : SNN_Op<"synapse.dense.grad_weight", [Pure]> {
  let summary = "gradient of a dense synapse w.r.t. its weight: dL/dW = δᵀ · x over all rows";
  let description = [{
    Rows are time × batch after layer-by-layer scheduling, so this is TSSL-BP's
    `Σ_{n,t} δ_{n,i,t} A_{n,j,t}`.

    ```mlir
    %dw = snn.synapse.dense.grad_weight %delta, %x : tensor<?x400xf32>, tensor<?x784xf32> -> tensor<400x784xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$grad, SNN_Tensor:$input);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat =
      "$grad `,` $input attr-dict `:` type($grad) `,` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def SNN_Conv2DGradInputOp : SNN_Op<"synapse.conv2d.grad_input", [Pure]> {
  let summary = "gradient of a convolution w.r.t. its input (transposed convolution)";
  let description = [{
    The result type is the forward input type; `pads` and `strides` are the forward's.
    Only unit strides are supported.

    ```mlir
    %dx = snn.synapse.conv2d.grad_input %delta, %w {pads = array<i64: 2, 2, 2, 2>}
        : tensor<?x32x28x28xf32>, tensor<32x1x5x5xf32> -> tensor<?x1x28x28xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$grad, SNN_Tensor:$weight,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$pads);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat =
      "$grad `,` $weight attr-dict `:` type($grad) `,` type($weight) `->` type($result)";
  let hasVerifier = 1;
}

def SNN_Conv2DGradWeightOp : SNN_Op<"synapse.conv2d.grad_weight", [Pure]> {
  let summary = "gradient of a convolution w.r.t. its weight, summed over all rows";
  let description = [{
    ```mlir
    %dw = snn.synapse.conv2d.grad_weight %delta, %x {pads = array<i64: 2, 2, 2, 2>}
        : tensor<?x32x28x28xf32>, tensor<?x1x28x28xf32> -> tensor<32x1x5x5xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$grad, SNN_Tensor:$input,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$pads);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat =
      "$grad `,` $input attr-dict `:` type($grad) `,` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def SNN_SumPoolGradOp : SNN_Op<"pool.sum.grad", [Pure]> {
  let summary = "gradient of scaled sum pooling: scale × the pooled gradient over each window";
  let description = [{
    Cells dropped by the floor of the forward window get zero.

    ```mlir
    %dx = snn.pool.sum.grad %d {kernel = array<i64: 2, 2>, scale = 1.1 : f32}
        : tensor<?x32x14x14xf32> -> tensor<?x32x28x28xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$grad, DenseI64ArrayAttr:$kernel,
                   DefaultValuedAttr<F32Attr, "1.1">:$scale);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$grad attr-dict `:` type($grad) `->` type($result)";
  let hasVerifier = 1;
}

def SNN_PSPHeldGradOp : SNN_Op<"psp.held.grad", [Pure]> {
  let summary = "adjoint of a PSP filter over a held input: out = Σ_t c_t · grad[t]";
  let description = [{
    An input `x` held unchanged for `T` steps has the PSP `c_t · x`, with
    `c_t = Σ_{s ≤ t} αs^{t-s} / τs` the filter's response to a unit step. So a
    bilinear gradient taken against that PSP over all `T·N` rows,
    `Σ_t δ_t (c_t x)ᵀ`, equals `(Σ_t c_t δ_t) xᵀ` over `N` rows: this op forms
    `Σ_t c_t δ_t`. `snn-hoist-time-invariant` introduces it for the first synapse's
    weight gradient.

    ```mlir
    %s = snn.psp.held.grad %delta {tau_s = 3.0 : f32} : tensor<5x?x400xf32> -> tensor<?x400xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$grad, DefaultValuedAttr<F32Attr, "3.0">:$tau_s);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$grad attr-dict `:` type($grad) `->` type($result)";
  let hasVerifier = 1;
}

include "dialect/SNN/SNNDynamicsOps.td"

#endif // SNN_OPS_TD
