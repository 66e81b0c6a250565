// convert-snn-to-linalg on the imported-model ops: snn.dynamics.step/.seq and snn.add.
// RUN: snn-opt %s --convert-snn-to-linalg | FileCheck %s --implicit-check-not=snn.

// Proves: one step is one elementwise generic over [N, n] that reads the per-neuron
// parameters through a broadcast map, updates the synaptic current, then the membrane
// (decay·v + gain·I + drive), compares with the threshold (strict >) and resets to
// v_reset; it writes membrane, current, the carried output and the emitted value.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[PER:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @step
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[PER]], #[[PER]], #[[PER]], #[[PER]], #[[PER]], #[[PER]], #[[PER]], #[[ID]], #[[ID]], #[[ID]], #[[ID]]]
// CHECK: ^bb0(%[[X:[^:]+]]: f32, %[[D:[^:]+]]: f32, %[[G:[^:]+]]: f32, %[[DR:[^:]+]]: f32, %[[SD:[^:]+]]: f32, %[[SG:[^:]+]]: f32, %[[TH:[^:]+]]: f32, %[[VR:[^:]+]]: f32, %[[V:[^:]+]]: f32, %[[I:[^:]+]]: f32,
// CHECK-DAG: %[[SX:.+]] = arith.mulf %[[SG]], %[[X]]
// CHECK-DAG: %[[SI:.+]] = arith.mulf %[[SD]], %[[I]]
// CHECK: %[[I1:.+]] = arith.addf %[[SI]], %[[SX]]
// CHECK-DAG: %[[GI:.+]] = arith.mulf %[[G]], %[[I1]]
// CHECK-DAG: %[[DV:.+]] = arith.mulf %[[D]], %[[V]]
// CHECK: %[[S:.+]] = arith.addf %[[DV]], %[[GI]]
// CHECK: %[[U:.+]] = arith.addf %[[S]], %[[DR]]
// CHECK: %[[F:.+]] = arith.cmpf ogt, %[[U]], %[[TH]]
// CHECK: %[[VN:.+]] = arith.select %[[F]], %[[VR]], %[[U]]
// CHECK: %[[Z:.+]] = arith.select %[[F]]
// CHECK: linalg.yield %[[VN]], %[[I1]], %[[Z]], %[[Z]]
func.func @step(%x: tensor<?x2xf32>, %v: tensor<?x2xf32>, %i: tensor<?x2xf32>,
                %p: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %o, %v1, %i1 = snn.dynamics.step %x, %v, %i, %p {decay = dense<0.5> : tensor<2xf32>,
      gain = dense<0.5> : tensor<2xf32>, drive = dense<0.1> : tensor<2xf32>,
      synapse_decay = dense<0.8> : tensor<2xf32>, synapse_gain = dense<0.2> : tensor<2xf32>,
      threshold = dense<[1.0, 2.0]> : tensor<2xf32>, v_reset = dense<0.0> : tensor<2xf32>} : tensor<?x2xf32>
  return %o : tensor<?x2xf32>
}

// Proves: a subtract reset takes v' − threshold; a recurrent sequence transposes its
// weight once, then loops over time and adds previous · recurrentᵀ (a matmul into the
// step's input, reading the carried previous output) before the elementwise update.
// CHECK-LABEL: func.func @recurrent_seq
// CHECK: %[[WT:.+]] = linalg.transpose
// CHECK: scf.for {{.*}} iter_args(%{{[^ ]+}} = %{{[^,]+}}, %{{[^ ]+}} = %{{[^,]+}}, %[[PREV:[^ ]+]] =
// CHECK: %[[XT:.+]] = tensor.extract_slice
// CHECK: linalg.generic {{.*}} ins(%[[PREV]], %[[WT]] : {{.*}}) outs(%[[XT]] :
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: linalg.generic
// CHECK: arith.cmpf ogt, %[[U:[^,]+]], %[[TH:[^ ]+]] :
// CHECK: arith.subf %[[U]], %[[TH]]
// CHECK: tensor.insert_slice
// CHECK: scf.yield
func.func @recurrent_seq(%xs: tensor<4x?x3xf32>, %w: tensor<3x3xf32>) -> tensor<4x?x3xf32> {
  %s = snn.dynamics.seq %xs recurrent %w : tensor<3x3xf32> {decay = dense<0.9> : tensor<3xf32>,
      gain = dense<1.0> : tensor<3xf32>, drive = dense<0.0> : tensor<3xf32>,
      threshold = dense<1.0> : tensor<3xf32>, subtract_reset} : tensor<4x?x3xf32>
  return %s : tensor<4x?x3xf32>
}

// Proves: snn.add is an elementwise sum.
// CHECK-LABEL: func.func @add
// CHECK: linalg.generic
// CHECK: arith.addf
func.func @add(%a: tensor<?x3xf32>, %b: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %s = snn.add %a, %b : tensor<?x3xf32>
  return %s : tensor<?x3xf32>
}
