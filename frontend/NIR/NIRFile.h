// Reading and writing .nir files (HDF5, the layout of the NIR Python package) through libhdf5.
#ifndef SNN_FRONTEND_NIR_NIRFILE_H
#define SNN_FRONTEND_NIR_NIRFILE_H

#include "frontend/NIR/NIRGraph.h"

#include <string>

namespace snn::nir {

/// Reads `path`: the root dataset `version` and the group `node` (the top-level
/// graph), recursively: a node group holds a dataset `type` and one dataset per
/// field; a NIRGraph's group holds `nodes/<name>/…`, `edges` ([N, 2] strings) and an
/// optional `metadata` group. Numeric datasets of any integer or float type and rank,
/// fixed- and variable-length strings are read; a field of another HDF5 type is kept
/// as Unsupported (refused only if an importer needs it). False with a one-line
/// `*error` naming the file and the HDF5 path for a file that is not HDF5, lacks
/// `node` or a node's `type`, or has malformed edges.
bool readFile(const std::string &path, File &out, std::string *error);

/// Writes `file` in the same layout (numbers as float32 or, for integer fields,
/// int64; strings variable-length UTF-8; edges as fixed-length strings), atomically
/// (the previous file survives a failure). False with a one-line `*error`.
bool writeFile(const std::string &path, const File &file, std::string *error);

} // namespace snn::nir

#endif // SNN_FRONTEND_NIR_NIRFILE_H
