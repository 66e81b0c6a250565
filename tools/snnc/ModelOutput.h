// Writing models and text stages to files atomically (the previous file survives any failure).
#ifndef SNN_TOOLS_SNNC_MODELOUTPUT_H
#define SNN_TOOLS_SNNC_MODELOUTPUT_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace snn::driver {

/// Streams what `print` writes into `path` through rt::AtomicFile; "-" is
/// stdout. False with a one-line `*error` ("PATH: cannot write: REASON") when
/// any write fails; the previous file is then unchanged.
bool writeTextFile(const std::string &path,
                   llvm::function_ref<bool(llvm::raw_ostream &, std::string *)> print,
                   std::string *error);

/// Writes a graph-level model as `path` says: `.onnx` (the snn profile), `.nir` (NIR,
/// docs/nir.md) or `.mlir` (the snn dialect), atomically.
bool writeModelFile(mlir::ModuleOp module, const std::string &path, std::string *error);

} // namespace snn::driver

#endif // SNN_TOOLS_SNNC_MODELOUTPUT_H
