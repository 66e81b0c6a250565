// A pre-parse check that textual IR does not nest deeper than MLIR's recursive parser can take.
#include "tools/common/NestingDepth.h"

namespace snn::tools {

bool checkNestingDepth(std::string_view text, std::string_view name, std::string *error,
                       unsigned limit) {
  // One count per bracket kind, never below zero, so that a stray closer (e.g. the
  // `>` of a comparison in a custom syntax) cannot hide the nesting of another kind.
  unsigned open[4] = {0, 0, 0, 0};
  unsigned depth = 0;
  std::size_t line = 1, lineStart = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      lineStart = i + 1;
      continue;
    }
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\')
          ++i;
        else if (text[i] == '\n')
          ++line, lineStart = i + 1;
      }
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i + 1 < text.size() && text[i + 1] != '\n')
        ++i;
      continue;
    }
    int kind = -1;
    bool opens = false;
    switch (c) {
    case '(': kind = 0, opens = true; break;
    case ')': kind = 0; break;
    case '[': kind = 1, opens = true; break;
    case ']': kind = 1; break;
    case '{': kind = 2, opens = true; break;
    case '}': kind = 2; break;
    case '<': kind = 3, opens = true; break;
    case '>':
      if ((i > 0 && text[i - 1] == '-') || (i + 1 < text.size() && text[i + 1] == '='))
        continue;
      kind = 3;
      break;
    default:
      continue;
    }
    if (!opens) {
      if (open[kind] > 0)
        --open[kind], --depth;
      continue;
    }
    ++open[kind], ++depth;
    if (depth > limit) {
      if (error)
        *error = std::string(name) + ":" + std::to_string(line) + ":" +
                 std::to_string(i - lineStart + 1) + ": brackets nest deeper than " +
                 std::to_string(limit) +
                 " levels; the input is rejected before parsing (the parser would run out "
                 "of stack)";
      return false;
    }
  }
  return true;
}

} // namespace snn::tools
