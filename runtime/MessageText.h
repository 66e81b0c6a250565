// Quoting user-supplied text in one-line error messages: bounded length, no control bytes.
#ifndef SNN_RUNTIME_MESSAGETEXT_H
#define SNN_RUNTIME_MESSAGETEXT_H

#include <cstddef>
#include <string>

namespace snn::rt {

/// `text` in single quotes for an error message: control bytes and DEL are
/// shown as \xNN (a message stays one line and cannot drive the terminal), and
/// text longer than `maxBytes` is cut at a character boundary and marked with
/// its full length ("'7777…' (100000 bytes)"), so a hostile 100 KB argument
/// does not flood the terminal.
std::string quoteForMessage(const std::string &text, std::size_t maxBytes = 64);

} // namespace snn::rt

#endif // SNN_RUNTIME_MESSAGETEXT_H
