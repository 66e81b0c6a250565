// Quoting user-supplied text in one-line error messages: bounded length, no control bytes.
#include "runtime/MessageText.h"

#include <cstdio>

namespace snn::rt {

std::string quoteForMessage(const std::string &text, std::size_t maxBytes) {
  std::size_t cut = text.size();
  if (cut > maxBytes) {
    cut = maxBytes;
    // Never split a UTF-8 sequence: back up over continuation bytes.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
      --cut;
  }
  std::string out = "'";
  for (std::size_t i = 0; i < cut; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      char hex[5];
      std::snprintf(hex, sizeof(hex), "\\x%02X", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += cut < text.size() ? "...' (" + std::to_string(text.size()) + " bytes)" : "'";
  return out;
}

} // namespace snn::rt
