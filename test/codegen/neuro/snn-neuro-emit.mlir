// snn-neuro-emit: the program (binary and text), the reports and the placement picture.
// RUN: rm -rf %t && snn-opt %S/Inputs/mlp.mlir '--pass-pipeline=builtin.module(convert-snn-to-neuro{target=%S/Inputs/tiny.json},neuro.program(snn-neuro-encode-input,snn-neuro-quantize,snn-neuro-align-time,snn-neuro-partition,snn-neuro-place,snn-neuro-route,snn-neuro-check-resources,snn-neuro-emit{output-dir=%t}))' -o /dev/null
// RUN: FileCheck %s --check-prefix=REPORT < %t/report.txt
// RUN: FileCheck %s --check-prefix=JSON < %t/report.json
// RUN: FileCheck %s --check-prefix=SVG < %t/placement.svg
// RUN: FileCheck %s --check-prefix=TEXT < %t/program.txt
// RUN: snnc sim %t --input %S/Inputs/mlp-x.npy --output %t/y.npy

// Proves: the text report gives the input mode and scale, time alignment, totals, one row
// per layer (scale, exponent, threshold, decays) and one per core (use = largest fraction).
// REPORT: input: current, scale 4.501152e+01 (integers in [-127, 127])
// REPORT: time: T = 5, chip steps 6, output read from step 1
// REPORT: cores 3 of 4 (75.0%), neurons 5, synapse bits 140, routes 2
// REPORT: layer1          3      2  609756.015702            5     609756  1365   819  (fed by the host)
// REPORT: layer2          2      1  65024.000000             8      65024  1365   819
// REPORT: 2  (1,1)    layer2           2            3             0           140  100.0%

// JSON: "input_mode": "current"
// JSON: "synapse_bits": 140
// SVG: <svg xmlns="http://www.w3.org/2000/svg"
// SVG: core 2: layer2, 2 neurons, use 100.0%

// Proves: the readable program lists the cores with their synapses and routes.
// TEXT: core 2
