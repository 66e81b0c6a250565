// Types and operations of the `neuro` dialect: the input, projections, populations, cores and routes.
#ifndef NEURO_OPS_TD
#define NEURO_OPS_TD

include "dialect/Neuro/NeuroDialect.td"
include "dialect/Neuro/NeuroAttrs.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

// A 64-bit integer attribute read back signed (MLIR's Neuro_I64Attr reads unsigned,
// and ranges, exponents and the host's core -1 are negative).
def Neuro_I64Attr : TypedSignlessIntegerAttrBase<I64, "int64_t",
    "64-bit signless integer attribute"> {
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

class Neuro_EventType<string name, string typeMnemonic, string doc>
    : TypeDef<Neuro_Dialect, name> {
  let mnemonic = typeMnemonic;
  let summary = doc;
  let parameters = (ins ArrayRefParameter<"int64_t">:$shape);
  // `<32x28x28>`, as tensor shapes are written.
  let assemblyFormat = "`<` custom<Shape>($shape) `>`";
  let extraClassDeclaration = [{
    /// Number of neurons (or channels) the stream covers.
    int64_t getNumElements() const {
      int64_t n = 1;
      for (int64_t d : getShape())
        n *= d;
      return n;
    }
  }];
  let genVerifyDecl = 1;
}

def Neuro_SpikesType : Neuro_EventType<"Spikes", "spikes",
    "events leaving a population or the chip input, one channel per element">;
def Neuro_CurrentType : Neuro_EventType<"Current", "current",
    "synaptic input a projection delivers to a population, one per neuron">;

//===----------------------------------------------------------------------===//
// The program
//===----------------------------------------------------------------------===//

def Neuro_ProgramOp : Neuro_Op<"program", [Symbol, SingleBlock, NoTerminator,
                                          IsolatedFromAbove]> {
  let summary = "a network to run on one chip described by a target description";
  let description = [{
    Holds the network of one model. `target` names the target description (a
    shipped name or a file path) every `snn-neuro-*` pass reads; `time_steps` is
    the model's T. Passes add `run_steps` and `output_offset` (time alignment) and
    `mesh` (placement).

    ```mlir
    neuro.program @mlp attributes {target = "generic", time_steps = 5 : i64} {
      %x = neuro.input : !neuro.spikes<784>
      ...
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, StrAttr:$target, Neuro_I64Attr:$time_steps,
                   OptionalAttr<Neuro_I64Attr>:$run_steps, OptionalAttr<Neuro_I64Attr>:$output_offset,
                   OptionalAttr<DenseI64ArrayAttr>:$mesh);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$sym_name attr-dict-with-keyword $body";
  let hasVerifier = 1;
}

def Neuro_InputOp : Neuro_Op<"input"> {
  let summary = "the model input as the chip receives it";
  let description = [{
    One channel per input element. Before `snn-neuro-encode-input` the values are
    the model's float input (a static image is the same at every step); the pass
    sets `mode`: `current` (the host evaluates the first projection and adds it to
    the first population's accumulator every step), `bias` (the same product as a
    per-neuron bias on the voltage) or `spikes` (quantised values sent as event
    counts).

    ```mlir
    %x = neuro.input {mode = #neuro.input_mode<bias>} : !neuro.spikes<784>
    ```
  }];
  let arguments = (ins OptionalAttr<Neuro_InputModeAttr>:$mode);
  let results = (outs Neuro_SpikesType:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

def Neuro_RescaleOp : Neuro_Op<"rescale", [AllTypesMatch<["input", "result"]>]> {
  let summary = "float input to integers: clamp(round(x * scale), min, max)";
  let description = [{
    The boundary between the host's float values and the chip's integers, inserted
    by `snn-neuro-quantize` after the input: rounding is half away from zero.

    ```mlir
    %q = neuro.rescale %x {scale = 45.0 : f64, min = -127 : i64, max = 127 : i64}
        : !neuro.spikes<784>
    ```
  }];
  let arguments = (ins Neuro_SpikesType:$input, F64Attr:$scale, Neuro_I64Attr:$min, Neuro_I64Attr:$max);
  let results = (outs Neuro_SpikesType:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Neuro_DenseOp : Neuro_Op<"dense"> {
  let summary = "all-to-all projection: current[m] = sum_k weight[m, k] * events[k]";
  let description = [{
    `weights` is `[targets, sources]`, float before quantisation, `i16` integers
    after it, with `weight_exp` the projection's exponent (the accumulated input is
    shifted by the core's input shift plus `weight_exp`). `host` marks a projection
    the host evaluates (input modes `current` and `bias`).

    ```mlir
    %c = neuro.dense %x {weights = dense<1> : tensor<400x784xi16>, weight_exp = -2 : i64}
        : !neuro.spikes<784> -> !neuro.current<400>
    ```
  }];
  let arguments = (ins Neuro_SpikesType:$input, ElementsAttr:$weights,
                   DefaultValuedAttr<Neuro_I64Attr, "0">:$weight_exp, UnitAttr:$host);
  let results = (outs Neuro_CurrentType:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Neuro_ConvOp : Neuro_Op<"conv"> {
  let summary = "2-D convolution projection over [C, H, W] events";
  let description = [{
    `weights` is `[F, C, KH, KW]`; `pads` `[top, left, bottom, right]`; `strides`
    `[sh, sw]`. A sum pooling in front of a synapse is folded into it when the
    network is converted (a conv with a `k`-times larger kernel and stride).

    ```mlir
    %c = neuro.conv %s {weights = dense<0.1> : tensor<32x1x5x5xf32>,
                        pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>}
        : !neuro.spikes<1x28x28> -> !neuro.current<32x28x28>
    ```
  }];
  let arguments = (ins Neuro_SpikesType:$input, ElementsAttr:$weights,
                   DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                   DefaultValuedAttr<Neuro_I64Attr, "0">:$weight_exp, UnitAttr:$host);
  let results = (outs Neuro_CurrentType:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Neuro_LIFOp : Neuro_Op<"lif"> {
  let summary = "a population of TSSL-BP neurons with float parameters";
  let description = [{
    The neuron of the `snn` dialect in spike form: the synaptic PSP filter sits in
    the neuron's current (`u = (1-1/tau_s) u + W·o/tau_s`, `v = (1-1/tau_m) v + u`,
    spike when `v > threshold`, reset to 0), so projections carry spikes.
    `snn-neuro-quantize` turns it into a `neuro.compartment`.

    ```mlir
    %s = neuro.lif %c {name = "layer1", tau_m = 5.0 : f32, tau_s = 3.0 : f32, threshold = 1.0 : f32}
        : !neuro.current<400> -> !neuro.spikes<400>
    ```
  }];
  let arguments = (ins Neuro_CurrentType:$input, StrAttr:$name, F32Attr:$tau_m,
                   F32Attr:$tau_s, F32Attr:$threshold);
  let results = (outs Neuro_SpikesType:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Neuro_CompartmentOp : Neuro_Op<"compartment"> {
  let summary = "a population of integer core neurons";
  let description = [{
    The quantised neuron: decays in the target's encoding, the effective integer
    threshold, and `scale` (integer units per float unit of the voltage) for
    reports. Later passes add `step_offset` (the chip step of model step 0),
    `slices` (neurons per core, in order) and `cores` (their core ids).

    ```mlir
    %s = neuro.compartment %c {name = "layer1", current_decay = 1364 : i64,
                               voltage_decay = 819 : i64, threshold = 8192 : i64,
                               scale = 8192.0 : f64}
        : !neuro.current<400> -> !neuro.spikes<400>
    ```
  }];
  let arguments = (ins Neuro_CurrentType:$input, StrAttr:$name, Neuro_I64Attr:$current_decay,
                   Neuro_I64Attr:$voltage_decay, Neuro_I64Attr:$threshold, F64Attr:$scale,
                   OptionalAttr<Neuro_I64Attr>:$step_offset,
                   OptionalAttr<DenseI64ArrayAttr>:$slices,
                   OptionalAttr<DenseI64ArrayAttr>:$cores);
  let results = (outs Neuro_SpikesType:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Neuro_OutputOp : Neuro_Op<"output"> {
  let summary = "the population the host reads out";
  let description = [{
    The host turns the output spikes into the model's PSP readout with `tau_s`
    (the synaptic constant of the output layer's own trace).

    ```mlir
    neuro.output %s {tau_s = 3.0 : f32} : !neuro.spikes<10>
    ```
  }];
  let arguments = (ins Neuro_SpikesType:$input, F32Attr:$tau_s);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Neuro_CoreOp : Neuro_Op<"core"> {
  let summary = "one placed core: a slice of a population at a mesh position";
  let description = [{
    Created by `snn-neuro-place`. `layer` names the population, `first`/`count`
    the slice; `snn-neuro-check-resources` adds its usage (`neurons`,
    `input_axons`, `output_axons`, `synapse_bits`).

    ```mlir
    neuro.core 3 at (1, 0) {layer = "layer2", first = 0 : i64, count = 200 : i64}
    ```
  }];
  let arguments = (ins Neuro_I64Attr:$id, Neuro_I64Attr:$x, Neuro_I64Attr:$y, StrAttr:$layer,
                   Neuro_I64Attr:$first, Neuro_I64Attr:$count);
  let assemblyFormat = "$id `at` `(` $x `,` $y `)` attr-dict";
}

def Neuro_RouteOp : Neuro_Op<"route"> {
  let summary = "a link of the routing tables: events of one core to another";
  let description = [{
    Created by `snn-neuro-route`: core `from` sends the spikes of `neurons` of its
    neurons to `axons` input axons of core `to`, `hops` mesh hops away. The
    per-neuron tables of the emitted program expand these links.

    ```mlir
    neuro.route 0 -> 2 {neurons = 400 : i64, axons = 400 : i64, hops = 1 : i64}
    ```
  }];
  let arguments = (ins Neuro_I64Attr:$from, Neuro_I64Attr:$to, Neuro_I64Attr:$neurons, Neuro_I64Attr:$axons,
                   Neuro_I64Attr:$hops);
  let assemblyFormat = "$from `->` $to attr-dict";
}

#endif // NEURO_OPS_TD
