// Reader for IDX files (the MNIST / Fashion-MNIST format), plain or gzipped.
#ifndef SNN_RUNTIME_IDX_H
#define SNN_RUNTIME_IDX_H

#include <cstdint>
#include <string>
#include <vector>

namespace snn::rt {

constexpr uint32_t kIdxLabelsMagic = 0x00000801; // unsigned bytes, 1 dim
constexpr uint32_t kIdxImagesMagic = 0x00000803; // unsigned bytes, 3 dims

/// The contents of one IDX file.
struct IdxData {
  uint32_t magic = 0;         ///< kIdxLabelsMagic or kIdxImagesMagic.
  std::vector<uint32_t> dims; ///< Outermost first, e.g. {N, 28, 28}.
  std::vector<uint8_t> bytes; ///< product(dims) values in row-major order.
  std::string path;           ///< The file actually read (maybe NAME.gz).
};

/// Reads the IDX file `path`, or `path`.gz when `path` does not exist; either
/// may be gzip-compressed or plain (zlib reads both). Only unsigned-byte
/// labels (0x00000801) and images (0x00000803) are accepted; the data must
/// have exactly the size the big-endian dimensions announce. On failure
/// returns false and sets `*error` (if non-null) to one line naming the
/// file(s) and the reason.
bool readIdx(const std::string &path, IdxData &out, std::string *error);

} // namespace snn::rt

#endif // SNN_RUNTIME_IDX_H
