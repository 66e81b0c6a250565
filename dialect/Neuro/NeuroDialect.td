// The `neuro` dialect definition: a spiking network as it is mapped onto neuromorphic cores.
#ifndef NEURO_DIALECT_TD
#define NEURO_DIALECT_TD

include "mlir/IR/OpBase.td"

def Neuro_Dialect : Dialect {
  let name = "neuro";
  let cppNamespace = "::mlir::neuro";
  let summary = "A spiking network mapped onto the cores of a described neuromorphic chip";
  let description = [{
    The core level, one step below `snn`. A `neuro.program` holds the network as
    populations of neurons (`neuro.lif` with float parameters, `neuro.compartment`
    with the integer parameters of a core) fed by projections (`neuro.dense`,
    `neuro.conv`) from the chip's input (`neuro.input`) or from other populations.
    Values are event streams: `!neuro.spikes<shape>` leave a population or the input,
    `!neuro.current<shape>` is the synaptic input a projection delivers. The
    `snn-neuro-*` passes quantise, choose the input encoding, align time, partition,
    place and route against a target description and emit the core program.
  }];
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
}

class Neuro_Op<string mnemonic, list<Trait> traits = []>
    : Op<Neuro_Dialect, mnemonic, traits>;

#endif // NEURO_DIALECT_TD
