// The general neuron of imported models (NIR): per-neuron parameters, any reset, recurrence.
#ifndef SNN_DYNAMICS_OPS_TD
#define SNN_DYNAMICS_OPS_TD

// The discretised dynamics shared by the three forms. Every parameter is a dense f32
// array of the per-sample shape (a splat when uniform). Per step, with input x:
//   c  = x + recurrent · previous output          (the recurrent weight, if any)
//   I  = synapse_decay ⊙ I + synapse_gain ⊙ c     (only with a synapse; else I = c)
//   v' = decay ⊙ v + gain ⊙ I + drive
//   with a threshold: z = [v' > threshold]; emitted z; v = z ? (subtract ? v' − threshold
//                     : v_reset) : v'
//   without:          emitted v' (a leaky integrator, or memoryless when decay = 0)
defvar DynamicsParams = (ins
  ElementsAttr:$decay,
  ElementsAttr:$gain,
  ElementsAttr:$drive,
  OptionalAttr<ElementsAttr>:$synapse_decay,
  OptionalAttr<ElementsAttr>:$synapse_gain,
  OptionalAttr<ElementsAttr>:$threshold,
  OptionalAttr<ElementsAttr>:$v_reset,
  UnitAttr:$subtract_reset);

def SNN_DynamicsOp : SNN_Op<"dynamics", [Pure, AllTypesMatch<["input", "result"]>,
    DeclareOpInterfaceMethods<SNN_GraphNeuronOpInterface>]> {
  let summary = "a neuron with explicit discrete dynamics (imported models)";
  let description = [{
    The neurons of imported NIR graphs (`IF`, `LIF`, `LI`, `CubaLIF`, `CubaLI`, `I`,
    `Threshold`, `Scale`) once discretised with a chosen step, integrator and reset:
    per-neuron decays and gains, a constant drive (the leak potential), an optional
    synaptic current, an optional threshold with a reset to a value or by subtraction,
    and an optional recurrent weight from the neuron's own previous output (`[n, n]`,
    per-sample shape `[n]`). TSSL-BP training is defined for `snn.lif` only; models with
    these neurons run, compile and evaluate but do not train.

    ```mlir
    %z = snn.dynamics %x {decay = dense<1.0> : tensor<10xf32>, gain = dense<1.0> : tensor<10xf32>,
                          drive = dense<0.0> : tensor<10xf32>, threshold = dense<1.0> : tensor<10xf32>,
                          v_reset = dense<0.0> : tensor<10xf32>} : tensor<?x10xf32>
    ```
  }];
  let arguments = !con((ins SNN_Tensor:$input, Optional<SNN_Tensor>:$recurrent), DynamicsParams);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat =
      "$input (`recurrent` $recurrent^ `:` type($recurrent))? attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def SNN_DynamicsStepOp : SNN_Op<"dynamics.step", [Pure,
    AllTypesMatch<["input", "membrane", "current", "previous", "result", "next_membrane",
                   "next_current"]>]> {
  let summary = "one step of snn.dynamics with explicit state (membrane, current, previous output)";
  let description = [{
    ```mlir
    %z, %v1, %i1 = snn.dynamics.step %x, %v0, %i0, %z0 {decay = …} : tensor<?x10xf32>
    ```
  }];
  let arguments = !con((ins SNN_Tensor:$input, SNN_Tensor:$membrane, SNN_Tensor:$current,
                            SNN_Tensor:$previous, Optional<SNN_Tensor>:$recurrent),
                       DynamicsParams);
  let results = (outs SNN_Tensor:$result, SNN_Tensor:$next_membrane, SNN_Tensor:$next_current);
  let assemblyFormat = [{
    $input `,` $membrane `,` $current `,` $previous (`recurrent` $recurrent^ `:` type($recurrent))?
    attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
}

def SNN_DynamicsSeqOp : SNN_Op<"dynamics.seq", [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "snn.dynamics over a whole sequence: dimension 0 is time";
  let description = [{
    ```mlir
    %z = snn.dynamics.seq %x {decay = …} : tensor<5x?x10xf32>
    ```
  }];
  let arguments = !con((ins SNN_Tensor:$input, Optional<SNN_Tensor>:$recurrent), DynamicsParams);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat =
      "$input (`recurrent` $recurrent^ `:` type($recurrent))? attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def SNN_AddOp : SNN_Op<"add", [Pure, Commutative, AllTypesMatch<["lhs", "rhs", "result"]>]> {
  let summary = "elementwise sum of two values (several edges into one NIR node)";
  let description = [{
    NIR sums what the edges into a node deliver; imported graphs with skip or merging
    connections sum with this op. Not differentiated by TSSL-BP and not mapped to cores.

    ```mlir
    %s = snn.add %a, %b : tensor<?x10xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$lhs, SNN_Tensor:$rhs);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

#endif // SNN_DYNAMICS_OPS_TD
