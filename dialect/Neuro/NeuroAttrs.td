// Types, enums and attributes of the `neuro` dialect.
#ifndef NEURO_ATTRS_TD
#define NEURO_ATTRS_TD

include "dialect/Neuro/NeuroDialect.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/AttrTypeBase.td"

def Neuro_InputMode_Current : I32EnumAttrCase<"current", 0>;
def Neuro_InputMode_Bias : I32EnumAttrCase<"bias", 1>;
def Neuro_InputMode_Spikes : I32EnumAttrCase<"spikes", 2>;
def Neuro_InputModeKind : I32EnumAttr<"InputMode",
    "how the host feeds the model input to the chip",
    [Neuro_InputMode_Current, Neuro_InputMode_Bias, Neuro_InputMode_Spikes]> {
  let cppNamespace = "::mlir::neuro";
  let genSpecializedAttr = 0;
}
def Neuro_InputModeAttr : EnumAttr<Neuro_Dialect, Neuro_InputModeKind, "input_mode"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // NEURO_ATTRS_TD
