// What a slice of a population costs a core: neurons, input axons and synapse memory, counted incrementally.
#ifndef SNN_CODEGEN_NEURO_RESOURCES_H
#define SNN_CODEGEN_NEURO_RESOURCES_H

#include "codegen/Neuro/ProgramView.h"
#include "codegen/Neuro/TargetDescription.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlir::neuro {

struct SliceUsage {
  int64_t neurons = 0;
  int64_t inputAxons = 0;
  int64_t synapses = 0;
  int64_t synapseBits = 0;
  int64_t maxFanIn = 0;
};

/// Grows a slice one neuron at a time and says which limit stops it.
class SliceCounter {
public:
  /// `onChip` false: the projection runs on the host (no axons, no synapses).
  SliceCounter(const Connectivity &conn, const snn::neuro::TargetDescription &target,
               bool onChip);

  /// The usage the slice would have with `neuron` added (the slice is unchanged).
  SliceUsage tryAdd(int64_t neuron);
  /// Adds `neuron` (after a successful tryAdd).
  void add(int64_t neuron);
  void clear();
  const SliceUsage &usage() const { return current; }

  /// The first limit `usage` breaks as "<amount> > <limit> (<field>)", or "".
  std::string overLimit(const SliceUsage &usage) const;
  /// The dotted field name of the first limit `usage` breaks, or "".
  std::string limitName(const SliceUsage &usage) const;

private:
  int64_t bitsOf(int64_t inputAxons, int64_t synapses, int64_t neurons) const;

  const Connectivity &conn;
  const snn::neuro::TargetDescription &target;
  bool onChip;
  int64_t axonsPerSource;
  std::vector<uint32_t> stamp; // per source: the slice generation that used it
  uint32_t generation = 1;
  std::vector<int64_t> pending; // sources new to the slice in the last tryAdd
  SliceUsage current;
};

/// Formats 1310720 as "1,310,720".
std::string withCommas(int64_t value);

} // namespace mlir::neuro

#endif // SNN_CODEGEN_NEURO_RESOURCES_H
