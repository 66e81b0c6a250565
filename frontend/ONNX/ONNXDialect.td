// The `onnx` import dialect: a faithful, frontend-only image of an ONNX graph.
#ifndef SNN_FRONTEND_ONNX_DIALECT_TD
#define SNN_FRONTEND_ONNX_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def ONNX_Dialect : Dialect {
  let name = "onnx";
  let cppNamespace = "::snn::onnx";
  let summary = "A faithful import of ONNX graphs, before their semantics are lowered";
  let description = [{
    The importer turns every ONNX node into one generic `onnx.node` that keeps the op
    type, domain, resolved opset version, node name and attributes, and every
    initializer or `Constant` node into `onnx.constant`. No semantics are applied
    here: `convert-onnx-to-snn` lowers the nodes with rewrite patterns keyed on
    (op type, opset version), in the style of torch-mlir's `torch.operator "onnx.X"`.
  }];
}

class ONNX_Op<string mnemonic, list<Trait> traits = []>
    : Op<ONNX_Dialect, mnemonic, traits>;

def ONNX_NodeOp : ONNX_Op<"node", [Pure]> {
  let summary = "one ONNX node, with its op type, opset version and attributes";
  let description = [{
    `version` is the opset version of the node's domain (from the model's
    `opset_import`). ONNX attributes are kept in `node_attrs`: ints as `i64`, floats as
    `f32`, strings, int/float lists as dense arrays, tensors as dense elements.
    An absent optional input is a value of `onnx.none`.

    ```mlir
    %y = onnx.node "Gemm"(%x, %w) {domain = "", version = 13 : i64, node_name = "fc1",
                                   node_attrs = {transB = 1 : i64}}
        : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$inputs, StrAttr:$op_type, StrAttr:$domain,
                   I64Attr:$version, StrAttr:$node_name, DictionaryAttr:$node_attrs);
  let results = (outs Variadic<AnyType>:$outputs);
  let assemblyFormat =
      "$op_type `(` $inputs `)` attr-dict `:` functional-type($inputs, $outputs)";
}

def ONNX_ConstantOp : ONNX_Op<"constant", [Pure, AllTypesMatch<["value", "result"]>]> {
  let summary = "an initializer or the value of a Constant node";
  let description = [{
    ```mlir
    %w = onnx.constant "fc1.weight" dense<0.5> : tensor<3x4xf32>
    ```
  }];
  let arguments = (ins StrAttr:$name, ElementsAttr:$value);
  let results = (outs AnyTensor:$result);
  let assemblyFormat = "$name $value attr-dict";
}

def ONNX_None : Type<CPred<"::llvm::isa<::mlir::NoneType>($_self)">, "none type",
                     "::mlir::NoneType"> {
  let builderCall = "$_builder.getNoneType()";
}

def ONNX_NoneOp : ONNX_Op<"none", [Pure]> {
  let summary = "an absent optional input";
  let description = [{
    ```mlir
    %none = onnx.none
    ```
  }];
  let results = (outs ONNX_None:$result);
  let assemblyFormat = "attr-dict";
}

#endif // SNN_FRONTEND_ONNX_DIALECT_TD
