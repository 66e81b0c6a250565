// Op interfaces of the `snn` dialect: neurons in every form, synapses and TSSL-BP gradients.
#ifndef SNN_INTERFACES_TD
#define SNN_INTERFACES_TD

include "mlir/IR/OpBase.td"

//===----------------------------------------------------------------------===//
// Neurons
//===----------------------------------------------------------------------===//

def SNN_NeuronOpInterface : OpInterface<"NeuronOpInterface"> {
  let cppNamespace = "::mlir::snn";
  let description = [{
    A neuron in any of its forms: graph level (`snn.psp`, `snn.lif`), one step
    (`snn.psp.step`, `snn.lif.step`), a whole sequence (`snn.psp.seq`, `snn.lif.seq`,
    `snn.lif.seq.save`) and the TSSL-BP backward (`snn.lif.seq.grad`). The PSP filter counts
    as a neuron: its one parameter, the synaptic time constant `tau_s`, is the one every
    neuron has, and it is all this interface gives.

    The LIF forms implement `SNN_LIFNeuronOpInterface`, which derives from this one and adds
    `tau_m`, `threshold` and `output`. Two interfaces rather than one with optional getters:
    the PSP filter has none of those three, so one interface would hand its users null
    attributes to test, the per-op case list again in another form; a successful
    `dyn_cast<LIFNeuronOpInterface>` instead proves that all four parameters exist.
  }];
  let methods = [
    InterfaceMethod<"The synaptic time constant of the PSP trace, in steps.",
      "::mlir::FloatAttr", "getTauSAttr">,
  ];
}

def SNN_LIFNeuronOpInterface : OpInterface<"LIFNeuronOpInterface", [SNN_NeuronOpInterface]> {
  let cppNamespace = "::mlir::snn";
  let description = [{
    A leaky integrate-and-fire neuron in any of its forms (`snn.lif`, `snn.lif.step`,
    `snn.lif.seq`, `snn.lif.seq.save`, `snn.lif.seq.grad`): the membrane time constant,
    the firing threshold and what the neuron emits, besides the inherited `tau_s`. Every
    form takes these four parameters last, in the same order, so `createForm` turns one
    form into another without naming them.
  }];
  let methods = [
    InterfaceMethod<"The membrane time constant, in steps.",
      "::mlir::FloatAttr", "getTauMAttr">,
    InterfaceMethod<"The membrane potential above which the neuron fires.",
      "::mlir::FloatAttr", "getThresholdAttr">,
    InterfaceMethod<"What the neuron emits: its own PSP trace or its raw spikes.",
      "::mlir::snn::NeuronOutputAttr", "getOutputAttr">,
  ];
  let extraSharedClassDeclaration = [{
    /// Builds `OpTy`, another form of this neuron, from `args` followed by this neuron's
    /// parameters (`tau_m`, `tau_s`, `threshold`, `output`).
    template <typename OpTy, typename... Args>
    OpTy createForm(::mlir::OpBuilder &b, ::mlir::Location loc, Args &&...args) {
      return OpTy::create(b, loc, std::forward<Args>(args)..., $_op.getTauMAttr(),
                          $_op.getTauSAttr(), $_op.getThresholdAttr(), $_op.getOutputAttr());
    }
  }];
}

def SNN_GraphNeuronOpInterface : OpInterface<"GraphNeuronOpInterface"> {
  let cppNamespace = "::mlir::snn";
  let description = [{
    A graph-level neuron (`snn.psp`, `snn.lif`, `snn.dynamics`): one time step whose state is carried
    implicitly to the next. The passes that make time explicit ask it for its explicit
    forms instead of knowing each neuron: `snn-introduce-time-loop` for the number of state
    values and the step form that carries them, `snn-schedule-layer-by-layer` for the
    sequence form. Every state value has the type of the neuron's result and starts at zero.
  }];
  let methods = [
    InterfaceMethod<"The value the neuron integrates (the PSP filter: the value it filters).",
      "::mlir::Value", "getInput">,
    InterfaceMethod<"The number of values carried from one step to the next.",
      "unsigned", "getNumStateValues">,
    InterfaceMethod<[{
        Builds the step form on this neuron's input with the carried `state`
        (`getNumStateValues()` values), appends the next state to `nextState` and returns
        the value the neuron emits at this step.
      }],
      "::mlir::Value", "buildStep",
      (ins "::mlir::OpBuilder &":$b, "::mlir::Location":$loc, "::mlir::ValueRange":$state,
           "::llvm::SmallVectorImpl<::mlir::Value> &":$nextState)>,
    InterfaceMethod<[{
        Builds the sequence form on `timedInput`, this neuron's input with a leading time
        dimension, and returns its result.
      }],
      "::mlir::Value", "buildSequence",
      (ins "::mlir::OpBuilder &":$b, "::mlir::Location":$loc, "::mlir::Value":$timedInput)>,
  ];
}

//===----------------------------------------------------------------------===//
// Gradients and synapses
//===----------------------------------------------------------------------===//

def SNN_DifferentiableOpInterface : OpInterface<"DifferentiableOpInterface"> {
  let cppNamespace = "::mlir::snn";
  let description = [{
    An op of the layer-by-layer training function that `snn-derive-training` can
    differentiate with the TSSL-BP rules: the gradient flows from its first result back to
    its one data input (`snn.lif.seq.save`, `snn.pool.sum`, `snn.flatten`, `snn.reshape`,
    `snn.dropout.seq` and the synapses). Ops with weights also implement
    `SNN_SynapseOpInterface` for the weight gradient.

    The upstream `tensor.expand_shape` and `tensor.collapse_shape` that the schedule puts
    around batched layers keep their own cases in the pass: an external model would have to
    be registered by every tool that runs it, and a tool that forgot would fail at run time.
  }];
  let methods = [
    InterfaceMethod<"The data operand the gradient flows back to.",
      "::mlir::Value", "getInput">,
    InterfaceMethod<[{
        Builds dL/d(input) from `resultGrad`, dL/d(result), and returns it.
      }],
      "::mlir::Value", "buildInputGradient",
      (ins "::mlir::OpBuilder &":$b, "::mlir::Location":$loc, "::mlir::Value":$resultGrad)>,
  ];
}

def SNN_SynapseOpInterface : OpInterface<"SynapseOpInterface",
                                         [SNN_DifferentiableOpInterface]> {
  let cppNamespace = "::mlir::snn";
  let description = [{
    A synapse (`snn.synapse.dense`, `snn.synapse.conv2d`): a stateless, learnable map from
    the input (PSP traces) to the input currents of the next neurons, through `weight`.
    Besides the inherited input gradient it builds the weight gradient, summed over all
    rows (time × batch after layer-by-layer scheduling).
  }];
  let methods = [
    InterfaceMethod<"The learned weight tensor.", "::mlir::Value", "getWeight">,
    InterfaceMethod<[{
        Builds dL/d(weight) from `resultGrad`, dL/d(result), and returns it.
      }],
      "::mlir::Value", "buildWeightGradient",
      (ins "::mlir::OpBuilder &":$b, "::mlir::Location":$loc, "::mlir::Value":$resultGrad)>,
  ];
}

#endif // SNN_INTERFACES_TD
