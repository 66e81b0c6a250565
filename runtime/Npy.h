// Reading and writing NumPy .npy files as float32 Arrays.
#ifndef SNN_RUNTIME_NPY_H
#define SNN_RUNTIME_NPY_H

#include "runtime/Array.h"

#include <string>

namespace snn::rt {

/// Reads a .npy file (format versions 1.0, 2.0 and 3.0, C order, at least one
/// dimension). The dtype '<f4' is read as is; '<f8', '<i4', '<i8' and '|u1'
/// are converted to float32 (values beyond float32's precision are rounded,
/// which is what `np.asarray(x, np.float32)` does too). Big-endian data,
/// Fortran order, any other dtype, a malformed header or a data section whose
/// size differs from the shape's are rejected. On failure returns false, sets
/// `*error` (if non-null) to one line naming the file and the reason, and
/// leaves `out` unspecified.
bool readNpy(const std::string &path, Array &out, std::string *error);

/// Writes `a` as a version 1.0, little-endian float32 ('<f4'), C-order .npy
/// file whose header is padded to a multiple of 64 bytes, as NumPy writes it.
/// Fails if `a.shape` is empty, has a negative dimension, or does not match
/// `a.data.size()`, or if the file cannot be written.
bool writeNpy(const std::string &path, const Array &a, std::string *error);

} // namespace snn::rt

#endif // SNN_RUNTIME_NPY_H
