// Passes of the neuromorphic backend: snn to neuro, quantise, encode, align, partition, place, route, check, emit.
#ifndef SNN_CODEGEN_NEURO_PASSES_TD
#define SNN_CODEGEN_NEURO_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertSNNToNeuro : Pass<"convert-snn-to-neuro", "::mlir::ModuleOp"> {
  let summary = "Turn a graph-level snn forward function into a neuro.program";
  let description = [{
    Reads the forward function (one time step, `snn.time_steps`) and its
    `snn.parameter` weights and builds a `neuro.program` for `target`: the input
    PSP becomes `neuro.input`, synapses `neuro.dense`/`neuro.conv` with float
    weights, each `snn.lif` a `neuro.lif` in spike form (the PSP filter the next
    layer applies to its input moves into that layer's current, so projections
    carry spikes and the weights are divided by the filter's tau_s). A scaled sum
    pooling is folded into the synapse after it: a conv gets a kernel and stride
    k times larger, a dense layer a weight per pooled input pixel. The function
    must be a feed-forward chain of these ops; anything else is refused naming
    the op.
  }];
  let options = [
    Option<"target", "target", "std::string", "\"generic\"",
           "target description: a shipped name or a JSON file">,
  ];
  let dependentDialects = ["::mlir::neuro::NeuroDialect"];
}

def NeuroEncodeInput : Pass<"snn-neuro-encode-input", "::mlir::neuro::ProgramOp"> {
  let summary = "Choose how the host feeds the model input to the chip";
  let description = [{
    TSSL-BP feeds a static image as a constant current; chips take graded host
    currents, per-neuron biases or spikes. The first mode of the target's
    `input.modes` the network allows is chosen (or `mode`): `current` and
    `bias` mark the first projection `host` (the host evaluates it on the
    quantised input every step); `spikes` sends quantised values as event counts
    and needs the input to fit `core.max_input_channels`. Sets `neuro.input`'s
    `mode`.
  }];
  let options = [
    Option<"mode", "mode", "std::string", "\"\"",
           "force an input mode: current, bias or spikes (default: the target's first)">,
  ];
}

def NeuroQuantize : Pass<"snn-neuro-quantize", "::mlir::neuro::ProgramOp"> {
  let summary = "Quantise weights, thresholds and decays to the target's integers";
  let description = [{
    One scale per receiving population: the largest weight exponent whose scale
    keeps the threshold within the target's mantissa and the voltage range is
    chosen, weights are rounded to nearest (i16 attributes with `weight_exp`),
    the threshold is scaled by the same factor and rounded to the target's
    mantissa and exponent, decays are encoded as multipliers (with the target's
    offsets) or bit shifts. The input gets an explicit `neuro.rescale` (float to
    integers, `input-max` maps to the largest input value). Dynamics the target
    cannot represent exactly (a bit-shift decay for a tau that is not a power of
    two, no current state, subtractive reset, axon-type weights) are refused
    naming the op, the parameter and the target, unless `allow-approx` is set.
  }];
  let options = [
    Option<"allowApprox", "allow-approx", "bool", "false",
           "approximate dynamics the target cannot represent exactly">,
    Option<"inputMax", "input-max", "double", "2.8215",
           "largest absolute input value (maps to the largest input integer)">,
  ];
}

def NeuroAlignTime : Pass<"snn-neuro-align-time", "::mlir::neuro::ProgramOp"> {
  let summary = "Shift each population by its depth times the synaptic delay";
  let description = [{
    On a chip every connection delays spikes by `synaptic_delay` steps, while the
    model's layer l uses layer l-1's spikes of the same step. Population p's model
    step t therefore runs at chip step t + depth(p)·delay (`step_offset`); the
    program runs T + the output's offset steps (`run_steps`) and the host reads
    the output from `output_offset` on. Host-fed populations have depth 0.
  }];
}

def NeuroPartition : Pass<"snn-neuro-partition", "::mlir::neuro::ProgramOp"> {
  let summary = "Split populations into per-core slices that fit the core's limits";
  let description = [{
    Fills cores greedily in neuron order: a slice grows while its neurons, the
    distinct input axons its synapses use, and its synapse memory (stored
    synapses or a shared conv kernel, plus per-axon headers) fit the core. A
    single neuron that cannot fit (its fan-in above the core's input axons or
    `core.max_fan_in`) is an error naming the layer, the limit and the amount.
  }];
}

def NeuroPlace : Pass<"snn-neuro-place", "::mlir::neuro::ProgramOp"> {
  let summary = "Place the slices on the chip's mesh";
  let description = [{
    Numbers cores in population order and lays them along a serpentine path of
    the mesh, so consecutive slices, which exchange the most events, are
    neighbours. Creates `neuro.core` ops and fails naming `chip.cores` when the
    network needs more cores than the chip has.
  }];
}

def NeuroRoute : Pass<"snn-neuro-route", "::mlir::neuro::ProgramOp"> {
  let summary = "Build the core-to-core routing links";
  let description = [{
    For every projection and every pair of source and target cores that share a
    synapse, one `neuro.route` with the source neurons it carries, the input axons
    it uses on the target and the mesh hops (Manhattan distance) between them.
    Host-fed spikes come from core -1.
  }];
}

def NeuroCheckResources : Pass<"snn-neuro-check-resources", "::mlir::neuro::ProgramOp"> {
  let summary = "Check every core against the target's limits";
  let description = [{
    Counts per core the neurons, input axons, output axons (routes of its neurons),
    synapse memory bits, and per neuron its fan-in and fan-out, annotates each
    `neuro.core` with them and fails with the layer, the core, the limit's name
    and the amount over it.
  }];
}

def NeuroEmit : Pass<"snn-neuro-emit", "::mlir::neuro::ProgramOp"> {
  let summary = "Write the core program, the resource report and the placement picture";
  let description = [{
    Writes into `output-dir`: `program.bin` (versioned binary the simulator runs),
    `program.txt` (its readable form), `report.txt` and `report.json` (cores,
    neurons, synapse bits, routes, hops, scales, input mode) and `placement.svg`
    (the mesh, each core coloured by layer with its utilisation).
  }];
  let options = [
    Option<"outputDir", "output-dir", "std::string", "\"\"", "folder to write into">,
  ];
}

#endif // SNN_CODEGEN_NEURO_PASSES_TD
