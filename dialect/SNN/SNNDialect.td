// The `snn` dialect definition: spiking neural network layers with an explicit time axis.
#ifndef SNN_DIALECT_TD
#define SNN_DIALECT_TD

include "mlir/IR/OpBase.td"

def SNN_Dialect : Dialect {
  let name = "snn";
  let cppNamespace = "::mlir::snn";
  let summary = "Spiking neural network layers whose time axis is explicit";
  let description = [{
    The `snn` dialect models a feed-forward spiking neural network trained with
    TSSL-BP. At graph level a function describes *one time step* (like an ONNX graph in
    the snn profile): `snn.psp` and `snn.lif` are stateful across steps, synapses are
    stateless, and the function attribute `snn.time_steps` gives `T`. Two passes make time
    explicit: `snn-introduce-time-loop` builds an `snn.time_loop` whose region is one step
    and whose loop-carried values are the neuron states (`snn.psp.step`, `snn.lif.step`),
    and `snn-schedule-layer-by-layer` gives every value a leading time dimension so a
    synapse processes all `T·N` rows at once and a neuron is a recurrence over `t`
    (`snn.psp.seq`, `snn.lif.seq`).
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let hasRegionArgAttrVerify = 1;
  let extraClassDeclaration = [{
    /// Function attribute giving the number of time steps T of a graph-level model.
    static constexpr ::llvm::StringLiteral kTimeStepsAttr = "snn.time_steps";
    /// Argument attribute linking a function argument to its `snn.parameter`.
    static constexpr ::llvm::StringLiteral kParameterAttr = "snn.parameter";
    /// Function attribute set once time is explicit ("step" or "layer").
    static constexpr ::llvm::StringLiteral kScheduleAttr = "snn.schedule";
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

class SNN_Op<string mnemonic, list<Trait> traits = []>
    : Op<SNN_Dialect, mnemonic, traits>;

#endif // SNN_DIALECT_TD
