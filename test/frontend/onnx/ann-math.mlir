// RUN: snn-opt %s --split-input-file --convert-onnx-to-snn | FileCheck %s --implicit-check-not=onnx.

// Math functions map to one math/arith op per element.
// CHECK-LABEL: func.func @forward(
// CHECK: math.exp
// CHECK: math.log
// CHECK: math.tanh
// CHECK: math.absf
// CHECK: arith.negf
// CHECK: math.sqrt
func.func @forward(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %a = onnx.node "Exp"(%x) {domain = "", version = 13 : i64, node_name = "exp", node_attrs = {}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %b = onnx.node "Log"(%a) {domain = "", version = 13 : i64, node_name = "log", node_attrs = {}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %c = onnx.node "Tanh"(%b) {domain = "", version = 13 : i64, node_name = "tanh", node_attrs = {}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %d = onnx.node "Abs"(%c) {domain = "", version = 13 : i64, node_name = "abs", node_attrs = {}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %e = onnx.node "Neg"(%d) {domain = "", version = 13 : i64, node_name = "neg", node_attrs = {}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %f = onnx.node "Sqrt"(%e) {domain = "", version = 13 : i64, node_name = "sqrt", node_attrs = {}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %f : tensor<2x3xf32>
}

// -----

// LeakyRelu selects alpha·x below zero; Clip bounds by scalar tensors ([1] ones are
// collapsed to rank 0), an absent bound is no bound.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<2x3xf32>, %[[HI:.+]]: tensor<1xf32>)
// CHECK: %[[ALPHA:.+]] = arith.constant 2.000000e-01 : f32
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[NEG:.+]] = arith.cmpf olt, %{{.+}}, %[[ZERO]] : f32
// CHECK: %[[SCALED:.+]] = arith.mulf %[[ALPHA]], %{{.+}} : f32
// CHECK: arith.select %[[NEG]], %[[SCALED]], %{{.+}} : f32
// CHECK: %[[HI0:.+]] = tensor.collapse_shape %[[HI]] [] : tensor<1xf32> into tensor<f32>
// CHECK: linalg.generic {{.*}} ins(%{{.+}}, %[[HI0]] : tensor<2x3xf32>, tensor<f32>)
// CHECK-NOT: arith.maximumf
// CHECK: arith.minimumf
func.func @forward(%x: tensor<2x3xf32>, %hi: tensor<1xf32>) -> tensor<2x3xf32> {
  %l = onnx.node "LeakyRelu"(%x) {domain = "", version = 16 : i64, node_name = "lrelu", node_attrs = {alpha = 0.2 : f32}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %none = onnx.none
  %c = onnx.node "Clip"(%l, %none, %hi) {domain = "", version = 13 : i64, node_name = "clip", node_attrs = {}} : (tensor<2x3xf32>, none, tensor<1xf32>) -> tensor<2x3xf32>
  return %c : tensor<2x3xf32>
}

// -----

// LogSoftmax keeps x - max and subtracts log(sum(exp(x - max))).
// CHECK-LABEL: func.func @forward(
// CHECK: %[[MAX:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: arith.maximumf
// CHECK: %[[SHIFTED:.+]] = linalg.generic {{.*}} ins(%{{.+}}, %[[MAX]] :
// CHECK: arith.subf
// CHECK: %[[EXP:.+]] = linalg.generic {{.*}} ins(%[[SHIFTED]] :
// CHECK: math.exp
// CHECK: %[[SUM:.+]] = linalg.generic {{.*}} ins(%[[EXP]] :
// CHECK: linalg.generic {{.*}} ins(%[[SHIFTED]], %[[SUM]] :
// CHECK: %[[LOG:.+]] = math.log
// CHECK: arith.subf %{{.+}}, %[[LOG]]
func.func @forward(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %y = onnx.node "LogSoftmax"(%x) {domain = "", version = 13 : i64, node_name = "lsm", node_attrs = {}} : (tensor<2x5xf32>) -> tensor<2x5xf32>
  return %y : tensor<2x5xf32>
}

// -----

// ReduceMean over axis 1 with keepdims: sum, divide by the count, re-expand the unit dim.
// CHECK-DAG: #[[KEPT:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @forward(
// CHECK: %[[SUM:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #[[KEPT]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK: arith.addf
// CHECK: %[[MEAN:.+]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2x5xf32>)
// CHECK: %[[N:.+]] = arith.constant 4.000000e+00 : f32
// CHECK: arith.divf %{{.+}}, %[[N]]
// CHECK: tensor.expand_shape %[[MEAN]] {{\[\[}}0], [1, 2]] output_shape [2, 1, 5] : tensor<2x5xf32> into tensor<2x1x5xf32>
func.func @forward(%x: tensor<2x4x5xf32>) -> tensor<2x1x5xf32> {
  %y = onnx.node "ReduceMean"(%x) {domain = "", version = 13 : i64, node_name = "mean", node_attrs = {axes = array<i64: -2>}} : (tensor<2x4x5xf32>) -> tensor<2x1x5xf32>
  return %y : tensor<2x1x5xf32>
}

// -----

// ReduceSum from opset 13 takes axes as an input; noop_with_empty_axes without axes is
// the identity, and ReduceMax without axes reduces everything.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<2x3xf32>)
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: arith.addf
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]{{.*}} outs(%{{.+}} : tensor<f32>)
// CHECK: arith.maximumf
// CHECK: return %{{.+}}, %[[X]], %{{.+}} : tensor<2xf32>, tensor<2x3xf32>, tensor<f32>
func.func @forward(%x: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2x3xf32>, tensor<f32>) {
  %axes = onnx.constant "axes" dense<[1]> : tensor<1xi64>
  %s = onnx.node "ReduceSum"(%x, %axes) {domain = "", version = 13 : i64, node_name = "sum", node_attrs = {keepdims = 0 : i64}} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2xf32>
  %n = onnx.node "ReduceSum"(%x) {domain = "", version = 13 : i64, node_name = "noop", node_attrs = {noop_with_empty_axes = 1 : i64}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %m = onnx.node "ReduceMax"(%x) {domain = "", version = 13 : i64, node_name = "max", node_attrs = {keepdims = 0 : i64}} : (tensor<2x3xf32>) -> tensor<f32>
  return %s, %n, %m : tensor<2xf32>, tensor<2x3xf32>, tensor<f32>
}

// -----

// Pow and PRelu broadcast like Add; Max and Mean fold any number of inputs in one
// generic (Mean divides by their count).
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<2x3xf32>, %[[E:.+]]: tensor<3xf32>, %[[S:.+]]: tensor<3xf32>)
// CHECK: %[[P:.+]] = linalg.generic {{.*}} ins(%[[X]], %[[E]] : tensor<2x3xf32>, tensor<3xf32>)
// CHECK: math.powf
// CHECK: %[[R:.+]] = linalg.generic {{.*}} ins(%[[P]], %[[S]] : tensor<2x3xf32>, tensor<3xf32>)
// CHECK: arith.cmpf olt
// CHECK: arith.select
// CHECK: %[[M:.+]] = linalg.generic {{.*}} ins(%[[X]], %[[P]], %[[R]] :
// CHECK-COUNT-2: arith.maximumf
// CHECK: linalg.generic {{.*}} ins(%[[M]], %[[E]] :
// CHECK: arith.addf
// CHECK: %[[TWO:.+]] = arith.constant 2.000000e+00 : f32
// CHECK: arith.divf %{{.+}}, %[[TWO]]
func.func @forward(%x: tensor<2x3xf32>, %e: tensor<3xf32>, %s: tensor<3xf32>) -> tensor<2x3xf32> {
  %p = onnx.node "Pow"(%x, %e) {domain = "", version = 15 : i64, node_name = "pow", node_attrs = {}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %r = onnx.node "PRelu"(%p, %s) {domain = "", version = 16 : i64, node_name = "prelu", node_attrs = {}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %m = onnx.node "Max"(%x, %p, %r) {domain = "", version = 13 : i64, node_name = "max", node_attrs = {}} : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = onnx.node "Mean"(%m, %e) {domain = "", version = 13 : i64, node_name = "mean", node_attrs = {}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
