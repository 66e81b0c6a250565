// snn-time-explicit on imported-model ops: snn.dynamics gets its sequence form (layer
// schedule) or its step form with three carried states (step schedule); snn.add sums
// two time-varying values over all T·N rows.
// RUN: snn-opt %s --snn-time-explicit | FileCheck %s --check-prefix=LAYER
// RUN: snn-opt %s --snn-time-explicit=schedule=step | FileCheck %s --check-prefix=STEP

// LAYER-LABEL: func.func @forward
// LAYER: %[[XS:.+]] = snn.time.repeat
// LAYER: %[[Z:.+]] = snn.dynamics.seq %[[XS]] recurrent %arg1 : tensor<3x3xf32>
// LAYER-DAG: tensor.collapse_shape %[[Z]]
// LAYER-DAG: tensor.collapse_shape %[[XS]]
// LAYER: snn.add {{.*}} : tensor<?x3xf32>
// LAYER: snn.time.to_traces

// STEP-LABEL: func.func @forward
// STEP: snn.time_loop steps 4 carry({{.*}} : tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x3xf32>)
// STEP: %[[O:.+]], %{{.+}}, %{{.+}} = snn.dynamics.step %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} recurrent
// STEP: snn.add %[[O]]
func.func @forward(%x: tensor<?x3xf32>, %w: tensor<3x3xf32> {snn.parameter = @rec})
    -> tensor<?x3xf32> attributes {snn.time_steps = 4 : i64} {
  %z = snn.dynamics %x recurrent %w : tensor<3x3xf32> {decay = dense<0.9> : tensor<3xf32>,
      gain = dense<1.0> : tensor<3xf32>, drive = dense<0.0> : tensor<3xf32>,
      threshold = dense<1.0> : tensor<3xf32>, v_reset = dense<0.0> : tensor<3xf32>} : tensor<?x3xf32>
  %s = snn.add %z, %x : tensor<?x3xf32>
  return %s : tensor<?x3xf32>
}
snn.parameter @rec = dense<0.1> : tensor<3x3xf32>
