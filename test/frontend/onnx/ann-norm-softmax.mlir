// RUN: snn-opt %s --split-input-file --convert-onnx-to-snn | FileCheck %s --implicit-check-not=onnx.

// Inference BatchNormalization: scale / sqrt(var + eps) once per channel, then one
// generic computing (x - mean) · factor + B with the channel operands read at d1.
// CHECK-DAG: #[[VEC:.+]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CH:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x3x4x5xf32>, %[[S:[^:]+]]: tensor<3xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[M:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[F:.+]] = linalg.generic {indexing_maps = [#[[VEC]], #[[VEC]], #[[VEC]]], iterator_types = ["parallel"]} ins(%[[S]], %[[V]] : tensor<3xf32>, tensor<3xf32>)
// CHECK: ^bb0(%[[SI:.+]]: f32, %[[VI:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[EPS:.+]] = arith.constant 0.00999999977 : f32
// CHECK: %[[VE:.+]] = arith.addf %[[VI]], %[[EPS]]
// CHECK: %[[SD:.+]] = math.sqrt %[[VE]]
// CHECK: arith.divf %[[SI]], %[[SD]]
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[CH]], #[[ID]]]{{.*}} ins(%[[X]], %[[M]], %[[F]], %[[B]] :
// CHECK: ^bb0(%[[XI:.+]]: f32, %[[MI:.+]]: f32, %[[FI:.+]]: f32, %[[BI:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[C:.+]] = arith.subf %[[XI]], %[[MI]]
// CHECK: %[[SC:.+]] = arith.mulf %[[C]], %[[FI]]
// CHECK: arith.addf %[[SC]], %[[BI]]
func.func @forward(%x: tensor<2x3x4x5xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3x4x5xf32> {
  %y = onnx.node "BatchNormalization"(%x, %s, %b, %m, %v) {domain = "", version = 15 : i64, node_name = "bn", node_attrs = {epsilon = 1.0e-2 : f32}} : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  return %y : tensor<2x3x4x5xf32>
}

// -----

// Softmax from opset 13 normalises along one axis: max, exp(x - max), sum, divide.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[KEPT:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<3x4x5xf32>)
// CHECK: %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MAX0:.+]] = linalg.fill ins(%[[NEGINF]] : f32) {{.*}} -> tensor<3x5xf32>
// CHECK: %[[MAX:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[KEPT]]], iterator_types = ["parallel", "reduction", "parallel"]} ins(%[[X]] : tensor<3x4x5xf32>) outs(%[[MAX0]] : tensor<3x5xf32>)
// CHECK: arith.maximumf
// CHECK: %[[EXP:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[KEPT]], #[[ID]]]{{.*}} ins(%[[X]], %[[MAX]] :
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[KEPT]]], iterator_types = ["parallel", "reduction", "parallel"]} ins(%[[EXP]] :
// CHECK: arith.addf
// CHECK: %[[Y:.+]] = linalg.generic {{.*}} ins(%[[EXP]], %[[SUM]] :
// CHECK: arith.divf
// CHECK: return %[[Y]]
func.func @forward(%x: tensor<3x4x5xf32>) -> tensor<3x4x5xf32> {
  %y = onnx.node "Softmax"(%x) {domain = "", version = 13 : i64, node_name = "sm", node_attrs = {axis = 1 : i64}} : (tensor<3x4x5xf32>) -> tensor<3x4x5xf32>
  return %y : tensor<3x4x5xf32>
}

// -----

// Before opset 13 Softmax coerces to 2-D at axis: it reduces over every dimension from
// axis on (default axis 1).
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-LABEL: func.func @forward(
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[ROW]]], iterator_types = ["parallel", "reduction", "reduction"]} {{.*}} outs(%{{.+}} : tensor<3xf32>)
// CHECK: arith.maximumf
// CHECK: math.exp
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[ROW]]], iterator_types = ["parallel", "reduction", "reduction"]} {{.*}} outs(%{{.+}} : tensor<3xf32>)
// CHECK: arith.addf
// CHECK: arith.divf
func.func @forward(%x: tensor<3x4x5xf32>) -> tensor<3x4x5xf32> {
  %y = onnx.node "Softmax"(%x) {domain = "", version = 11 : i64, node_name = "sm", node_attrs = {}} : (tensor<3x4x5xf32>) -> tensor<3x4x5xf32>
  return %y : tensor<3x4x5xf32>
}

// -----

// LayerNormalization (opset 17) over the last axis: mean, x - mean, mean of the squares,
// 1 / sqrt(variance + eps), then scale and B broadcast like numpy; Mean and InvStdDev
// come back with the normalised dimension as a unit.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.+]]: tensor<2x3x4xf32>, %[[S:.+]]: tensor<4xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK: %[[SUM:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]] :
// CHECK: %[[MEAN:.+]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2x3xf32>)
// CHECK: %[[C:.+]] = linalg.generic {{.*}} ins(%[[X]], %[[MEAN]] :
// CHECK: arith.subf
// CHECK: %[[SQ:.+]] = linalg.generic {{.*}} ins(%[[C]] :
// CHECK: %[[VSUM:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[SQ]] :
// CHECK: %[[INV:.+]] = linalg.generic {{.*}} ins(%[[VSUM]] : tensor<2x3xf32>)
// CHECK: math.sqrt
// CHECK: %[[N:.+]] = linalg.generic {{.*}} ins(%[[C]], %[[INV]] :
// CHECK: %[[Y:.+]] = linalg.generic {{.*}} ins(%[[N]], %[[S]], %[[B]] :
// CHECK: %[[M:.+]] = tensor.expand_shape %[[MEAN]] {{\[\[}}0], [1, 2]] output_shape [2, 3, 1]
// CHECK: %[[I:.+]] = tensor.expand_shape %[[INV]] {{\[\[}}0], [1, 2]] output_shape [2, 3, 1]
// CHECK: return %[[Y]], %[[M]], %[[I]]
func.func @forward(%x: tensor<2x3x4xf32>, %s: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>) {
  %y, %m, %i = onnx.node "LayerNormalization"(%x, %s, %b) {domain = "", version = 17 : i64, node_name = "ln", node_attrs = {axis = -1 : i64, epsilon = 1.0e-3 : f32}} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
  return %y, %m, %i : tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>
}
