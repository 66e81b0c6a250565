// A plain fixed-point reference of a core program's layer view (no cores, routes or delays).
//
// It is the oracle of the core simulator: written from the rules of
// docs/neuromorphic.md ("Simulator semantics") and nothing else, with
// matrices and direct convolution loops over whole populations, one model
// step at a time. Population p's input at model step t is its source's spikes
// of the same step t, so a simulator that gets pipelining, routing or core
// slicing wrong disagrees with it.
#ifndef SNN_TEST_REFERENCE_FIXEDPOINT_H
#define SNN_TEST_REFERENCE_FIXEDPOINT_H

#include "runtime/CoreProgram.h"

#include <cstdint>
#include <vector>

namespace snn::fxref {

/// The integer rules, written independently of the simulator's.
int64_t fit(const core::StateWidth &w, int64_t x);
int64_t decay(const core::NeuronSemantics &s, int64_t x, int64_t d, int64_t offset);
int64_t shiftBy(int64_t x, int64_t k);
int64_t quantize(float x, double scale, int32_t lo, int32_t hi);
int64_t encodeBias(int64_t b, int mantissaBits, int exponentMax);

/// Spikes of every population: spikes[p][t * size(p) + i] = n of neuron i at
/// model step t.
struct FixedPointRun {
  std::vector<std::vector<int32_t>> spikes;
  /// Host input after quantisation.
  std::vector<int64_t> quantised;
};

/// Runs one sample (`program.inputSize()` floats) through the layer view of
/// a valid program for `program.timeSteps` model steps.
FixedPointRun runFixedPoint(const core::Program &program, const float *input);

/// The output population's counts [classes, T] of a run.
std::vector<int32_t> outputCounts(const core::Program &program, const FixedPointRun &run);

} // namespace snn::fxref

#endif // SNN_TEST_REFERENCE_FIXEDPOINT_H
