// Reading and writing NumPy .npy files as float32, whole (Array) or row by row (streaming).
#ifndef SNN_RUNTIME_NPY_H
#define SNN_RUNTIME_NPY_H

#include "runtime/Array.h"
#include "runtime/AtomicFile.h"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace snn::rt {

/// Reads the rows [N, ...] of a .npy file in order, a chunk at a time, so memory
/// is bounded by the chunk whatever N is. It never seeks: a FIFO, a pipe or
/// /dev/stdin works as well as a regular file. Format versions 1.0, 2.0 and 3.0,
/// C order, at least one dimension; '<f4' is read as is, '<f8', '<i4', '<i8' and
/// '|u1' are converted to float32 (values beyond float32's precision are
/// rounded, as `np.asarray(x, np.float32)` does). Every failure is one line
/// naming the file.
class NpyReader {
public:
  NpyReader() = default;
  NpyReader(const NpyReader &) = delete;
  NpyReader &operator=(const NpyReader &) = delete;

  /// Opens `path` and parses its header. Big-endian data, Fortran order, other
  /// dtypes and malformed headers are refused here. A regular file's data size
  /// is checked here too (so a truncated file fails before any work); a stream's
  /// can only be checked as it is read (`readRows`, `finish`).
  bool open(const std::string &path, std::string *error);

  /// With `on`, `readRows` refuses float data holding NaN or ±Inf (or float64
  /// values beyond float32's range), naming the sample and the element: what a
  /// model input must never hold. Off by default.
  void rejectNonFinite(bool on) { finiteOnly = on; }

  const std::vector<int64_t> &shape() const { return dims; }
  /// shape[0]: the number of rows (samples).
  int64_t rows() const { return dims.empty() ? 0 : dims[0]; }
  /// Elements per row: the product of shape[1:] (1 for a 1-D array).
  int64_t rowElements() const { return perRow; }
  int64_t rowsRead() const { return done; }

  /// Reads the next min(`maxRows`, rows left) rows into `out`, which must hold
  /// `maxRows * rowElements()` floats, and sets `*count` to how many were read
  /// (0 at the end). A data section that ends early is "truncated data".
  bool readRows(int64_t maxRows, float *out, int64_t *count, std::string *error);

  /// After the last row: the data section must end exactly there ("trailing
  /// data" otherwise), and every row must have been read.
  bool finish(std::string *error);

private:
  bool fail(std::string *error, const std::string &why) const;
  bool checkFinite(const float *values, const unsigned char *raw, int64_t count,
                   std::string *error) const;

  std::unique_ptr<std::FILE, int (*)(std::FILE *)> file{nullptr, &std::fclose};
  std::string path, descr;
  std::vector<int64_t> dims;
  std::vector<unsigned char> raw;
  int64_t perRow = 0, done = 0;
  uint64_t dataBytes = 0, dataRead = 0;
  int dtype = 0, itemSize = 0;
  bool finiteOnly = false;
};

/// Writes a float32 .npy file of a shape given up front, rows in chunks, through
/// an AtomicFile: until `commit` succeeds the previous file at `path` is
/// untouched, and any failure (disk full, too many or too few rows, an early
/// return) leaves it as it was. The bytes are those of `writeNpy`.
class NpyWriter {
public:
  NpyWriter() = default;
  NpyWriter(const NpyWriter &) = delete;
  NpyWriter &operator=(const NpyWriter &) = delete;

  /// Creates the temporary and writes the header. Fails for an empty shape, a
  /// negative dimension or an unwritable folder.
  bool open(const std::string &path, const std::vector<int64_t> &shape, std::string *error);
  int64_t rowElements() const { return perRow; }
  /// Appends `count` rows (`count * rowElements()` floats). More rows than
  /// shape[0] or a failed write is an error, after which the output is dropped.
  bool writeRows(const float *data, int64_t count, std::string *error);
  /// Requires exactly shape[0] rows, then flushes and renames over `path`.
  bool commit(std::string *error);
  /// Drops the output; the previous file stays.
  void discard() { file.discard(); }

private:
  bool fail(std::string *error, const std::string &why);

  AtomicFile file;
  std::string path;
  std::vector<int64_t> dims;
  int64_t perRow = 0, done = 0;
  bool failed = false;
};

/// Reads a whole .npy file (see NpyReader for what is accepted). On failure
/// returns false, sets `*error` (if non-null) to one line naming the file and
/// the reason, and leaves `out` unspecified.
bool readNpy(const std::string &path, Array &out, std::string *error);

/// Writes `a` as a version 1.0, little-endian float32 ('<f4'), C-order .npy
/// file whose header is padded to a multiple of 64 bytes, as NumPy writes it,
/// atomically (see NpyWriter). Fails if `a.shape` is empty, has a negative
/// dimension, or does not match `a.data.size()`, or if the file cannot be
/// written.
bool writeNpy(const std::string &path, const Array &a, std::string *error);

} // namespace snn::rt

#endif // SNN_RUNTIME_NPY_H
