// Helpers the neuromorphic subcommands (map, stats) share: in-memory mapping and accuracy.
#ifndef SNN_TOOLS_SNNC_NEUROSUPPORT_H
#define SNN_TOOLS_SNNC_NEUROSUPPORT_H

#include "tools/snnc/Model.h"

#include "codegen/Neuro/Passes.h"
#include "codegen/Neuro/TargetDescription.h"
#include "runtime/CoreProgram.h"
#include "runtime/Dataset.h"

#include <string>

namespace snn::driver {

/// Runs the mapping pipeline on `module` (graph-level snn, changed in place)
/// without an output folder and expands the neuro.program it leaves into a
/// validated core program for `target`. False with a one-line `*error` (the
/// mapper's own message when the model does not fit).
bool mapToCoreProgram(mlir::ModuleOp module, const mlir::neuro::NeuroMappingOptions &mapping,
                      const snn::neuro::TargetDescription &target, core::Program *program,
                      std::string *error);

/// Accuracy in percent of `floatModel` compiled for the CPU on `test`.
bool measureFloatAccuracy(mlir::ModuleOp floatModel, const ModelOptions &options,
                          const rt::Dataset &test, int threads, double *accuracy,
                          std::string *error);

/// Accuracy in percent of `program` in the core simulator on `test` (PSP readout).
double measureProgramAccuracy(const core::Program &program, const rt::Dataset &test, int threads);

} // namespace snn::driver

#endif // SNN_TOOLS_SNNC_NEUROSUPPORT_H
