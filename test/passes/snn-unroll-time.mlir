// snn-unroll-time: time loops of at most max-steps steps become straight-line code.
// RUN: snn-opt %s --snn-unroll-time=max-steps=3 | FileCheck %s
// RUN: snn-opt %s --snn-unroll-time | FileCheck %s --check-prefix=DEFAULT

// Proves: each step is one copy of the body; step t reads the state step t-1 produced
// (step 0 the initial state); each per-step output is inserted at time index t of one
// stacked tensor; the loop's final-state results become the last step's state.
// CHECK-LABEL: func.func @three_steps
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>, %[[V0:[^:]+]]: tensor<?x4xf32>, %[[A0:[^:]+]]: tensor<?x4xf32>)
// CHECK-NOT: snn.time_loop
// CHECK: %[[O0:[^,]+]], %[[V1:[^,]+]], %[[A1:[^ ]+]] = snn.lif.step %[[X]], %[[V0]], %[[A0]]
// CHECK: %[[N:.+]] = tensor.dim %[[O0]], %{{.+}} : tensor<?x4xf32>
// CHECK: %[[E:.+]] = tensor.empty(%[[N]]) : tensor<3x?x4xf32>
// CHECK: %[[S0:.+]] = tensor.insert_slice %[[O0]] into %[[E]][0, 0, 0] [1, %{{.+}}, 4] [1, 1, 1] : tensor<?x4xf32> into tensor<3x?x4xf32>
// CHECK: %[[O1:[^,]+]], %[[V2:[^,]+]], %[[A2:[^ ]+]] = snn.lif.step %[[X]], %[[V1]], %[[A1]]
// CHECK: %[[S1:.+]] = tensor.insert_slice %[[O1]] into %[[S0]][1, 0, 0] [1, %{{.+}}, 4] [1, 1, 1]
// CHECK: %[[O2:[^,]+]], %[[V3:[^,]+]], %[[A3:[^ ]+]] = snn.lif.step %[[X]], %[[V2]], %[[A2]]
// CHECK: %[[S2:.+]] = tensor.insert_slice %[[O2]] into %[[S1]][2, 0, 0] [1, %{{.+}}, 4] [1, 1, 1]
// CHECK-NOT: snn.lif.step
// CHECK: return %[[S2]], %[[V3]], %[[A3]]
func.func @three_steps(%x: tensor<?x4xf32>, %v: tensor<?x4xf32>, %a: tensor<?x4xf32>)
    -> (tensor<3x?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>) {
  %out, %vf, %af = snn.time_loop steps 3 carry(%v, %a : tensor<?x4xf32>, tensor<?x4xf32>)
      -> (tensor<3x?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>) {
  ^bb0(%t: index, %v0: tensor<?x4xf32>, %a0: tensor<?x4xf32>):
    %o, %v1, %a1 = snn.lif.step %x, %v0, %a0 : tensor<?x4xf32>
    snn.time.yield outputs %o : tensor<?x4xf32> carry %v1, %a1 : tensor<?x4xf32>, tensor<?x4xf32>
  }
  return %out, %vf, %af : tensor<3x?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>
}

// Proves: the step index becomes the constant t in copy t, and several outputs each
// get their own stacked tensor.
// CHECK-LABEL: func.func @step_index
// CHECK-SAME: (%[[XS:[^:]+]]: tensor<2x4xf32>)
// CHECK: %[[C0:.+]] = arith.constant 0 : index
// CHECK: %[[T0:.+]] = arith.constant 0 : index
// CHECK: %[[E0:.+]] = tensor.extract %[[XS]][%[[T0]], %[[C0]]]
// CHECK: %[[R0:.+]] = tensor.from_elements %[[E0]] : tensor<1xf32>
// CHECK: %[[EA:.+]] = tensor.empty() : tensor<2x1xf32>
// CHECK: %[[A0:.+]] = tensor.insert_slice %[[R0]] into %[[EA]][0, 0] [1, 1] [1, 1]
// CHECK: %[[EB:.+]] = tensor.empty() : tensor<2x1xf32>
// CHECK: %[[B0:.+]] = tensor.insert_slice %[[R0]] into %[[EB]][0, 0] [1, 1] [1, 1]
// CHECK: %[[T1:.+]] = arith.constant 1 : index
// CHECK: %[[E1:.+]] = tensor.extract %[[XS]][%[[T1]], %[[C0]]]
// CHECK: %[[R1:.+]] = tensor.from_elements %[[E1]] : tensor<1xf32>
// CHECK: %[[A1:.+]] = tensor.insert_slice %[[R1]] into %[[A0]][1, 0] [1, 1] [1, 1]
// CHECK: %[[B1:.+]] = tensor.insert_slice %[[R1]] into %[[B0]][1, 0] [1, 1] [1, 1]
// CHECK: return %[[A1]], %[[B1]]
func.func @step_index(%xs: tensor<2x4xf32>) -> (tensor<2x1xf32>, tensor<2x1xf32>) {
  %c0 = arith.constant 0 : index
  %r:2 = snn.time_loop steps 2 -> (tensor<2x1xf32>, tensor<2x1xf32>) {
  ^bb0(%t: index):
    %e = tensor.extract %xs[%t, %c0] : tensor<2x4xf32>
    %s = tensor.from_elements %e : tensor<1xf32>
    snn.time.yield outputs %s, %s : tensor<1xf32>, tensor<1xf32>
  }
  return %r#0, %r#1 : tensor<2x1xf32>, tensor<2x1xf32>
}

// Proves: loops longer than max-steps are kept; the default limit (64) unrolls them.
// CHECK-LABEL: func.func @four_steps
// CHECK: snn.time_loop steps 4
// DEFAULT-LABEL: func.func @four_steps
// DEFAULT-NOT: snn.time_loop
// DEFAULT-COUNT-4: snn.psp.step
// DEFAULT-NOT: snn.psp.step
// DEFAULT: return
func.func @four_steps(%x: tensor<?x4xf32>, %y: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %y4 = snn.time_loop steps 4 carry(%y : tensor<?x4xf32>) -> (tensor<?x4xf32>) {
  ^bb0(%t: index, %y0: tensor<?x4xf32>):
    %y1 = snn.psp.step %x, %y0 : tensor<?x4xf32>
    snn.time.yield carry %y1 : tensor<?x4xf32>
  }
  return %y4 : tensor<?x4xf32>
}

// Proves: a loop above the default limit is kept by default.
// DEFAULT-LABEL: func.func @long
// DEFAULT: snn.time_loop steps 65
func.func @long(%x: tensor<?x4xf32>, %y: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %y4 = snn.time_loop steps 65 carry(%y : tensor<?x4xf32>) -> (tensor<?x4xf32>) {
  ^bb0(%t: index, %y0: tensor<?x4xf32>):
    %y1 = snn.psp.step %x, %y0 : tensor<?x4xf32>
    snn.time.yield carry %y1 : tensor<?x4xf32>
  }
  return %y4 : tensor<?x4xf32>
}
