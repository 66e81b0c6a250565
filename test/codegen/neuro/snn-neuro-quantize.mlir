// snn-neuro-quantize: one scale per population, co-scaled thresholds, rounded weights, encoded decays.
// RUN: snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=%S/Inputs/tiny.json},neuro.program(snn-neuro-encode-input,snn-neuro-quantize))' | FileCheck %s --implicit-check-not=neuro.lif
// RUN: snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=loihi},neuro.program(snn-neuro-encode-input,snn-neuro-quantize))' | FileCheck %s --check-prefix=LOIHI
// RUN: not snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=truenorth},neuro.program(snn-neuro-encode-input,snn-neuro-quantize))' 2>&1 | FileCheck %s --check-prefix=EXACT
// RUN: snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=truenorth},neuro.program(snn-neuro-encode-input,snn-neuro-quantize{allow-approx}))' | FileCheck %s --check-prefix=APPROX

// Proves: the input is rescaled explicitly (127 / 2.8215); the host-fed layer's scale is
// 127 * 2^5 * 45.0115 / 0.3 = 609756 (the largest exponent keeping the threshold under
// 2^23 / 8), its weights w * 127 / 0.3 rounded half away from zero (0.2 -> 85); the hidden
// layer's scale 127 * 2^8 / 0.5 = 65024 and -0.25 -> -64; decays round(4096 / 3) = 1365
// and round(4096 / 5) = 819; the threshold equals the scale (threshold 1).
// CHECK: %[[Q:.+]] = neuro.rescale %{{.+}} {max = 127 : i64, min = -127 : i64, scale = 45.011518695729222 : f64} : <4>
// CHECK: neuro.dense %[[Q]] {host, weight_exp = 5 : i64, weights = dense<{{\[\[}}85, -42, 0, 127], [0, 42, 42, 0], [-85, 0, 127, 42]]> : tensor<3x4xi16>}
// CHECK: neuro.compartment %{{.+}} {current_decay = 1365 : i64, name = "layer1", scale = 609756.01570195134 : f64, threshold = 609756 : i64, voltage_decay = 819 : i64}
// CHECK: neuro.dense %{{.+}} {weight_exp = 8 : i64, weights = dense<{{\[\[}}127, 0, -64], [0, 64, 64]]> : tensor<2x3xi16>}
// CHECK: neuro.compartment %{{.+}} {current_decay = 1365 : i64, name = "layer2", scale = 6.502400e+04 : f64, threshold = 65024 : i64, voltage_decay = 819 : i64}

// Proves: Loihi's current decay has an offset of 1 (1365 - 1), its threshold is a 17-bit
// mantissa << 6 (round(609756 / 64) * 64 = 609728), and the bias input mode (the host
// writes its current as the bias each step) is reported.
// LOIHI: neuro.approximations = ["layer1: the host computes the input current and writes it as a per-step bias (13-bit mantissa)"]
// LOIHI: neuro.compartment %{{.+}} {current_decay = 1364 : i64, name = "layer1", scale = 609756.01570195134 : f64, threshold = 609728 : i64, voltage_decay = 819 : i64}

// Proves: dynamics the target cannot represent are refused without --allow-approx ...
// EXACT: error: layer1: voltage decay tau 5 cannot be represented (the core has no leak) on target 'truenorth' (use --allow-approx to approximate and measure the cost)

// ... and recorded as approximations with it (ternary weights per neuron on TrueNorth).
// APPROX: neuro.approximations = [
// APPROX-SAME: "layer2: weights become ternary per neuron (4 axon types, one per sign)"
// APPROX-SAME: "layer2: voltage decay tau 5 cannot be represented (the core has no leak)"
