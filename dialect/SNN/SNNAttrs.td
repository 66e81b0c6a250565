// Attributes and enums of the `snn` dialect.
#ifndef SNN_ATTRS_TD
#define SNN_ATTRS_TD

include "dialect/SNN/SNNDialect.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/AttrTypeBase.td"

def SNN_NeuronOutput_PSP : I32EnumAttrCase<"psp", 0>;
def SNN_NeuronOutput_Spikes : I32EnumAttrCase<"spikes", 1>;
def SNN_NeuronOutputKind : I32EnumAttr<"NeuronOutput",
    "what a neuron emits: its own PSP trace (TSSL-BP) or raw 0/1 spikes",
    [SNN_NeuronOutput_PSP, SNN_NeuronOutput_Spikes]> {
  let cppNamespace = "::mlir::snn";
  let genSpecializedAttr = 0;
}
def SNN_NeuronOutputAttr : EnumAttr<SNN_Dialect, SNN_NeuronOutputKind, "output"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // SNN_ATTRS_TD
