// A pre-parse check that textual IR does not nest deeper than MLIR's recursive parser can take.
#ifndef SNN_TOOLS_COMMON_NESTINGDEPTH_H
#define SNN_TOOLS_COMMON_NESTINGDEPTH_H

#include <string>
#include <string_view>

namespace snn::tools {

/// MLIR parses, verifies and prints nested regions, attributes and types recursively,
/// so a deeply nested input (e.g. 20,000 `module {` levels) overflows the stack and
/// crashes. 1,000 levels are far beyond any real model and still parse, verify and
/// print with the default 8 MiB stack (test/tools/snn-opt/nesting-depth.test).
constexpr unsigned kMaxNestingDepth = 1000;

/// Checks that `text` nests `()`, `[]`, `{}` and `<>` (not counting the `>` of `->`
/// and `>=`) at most `limit` levels deep, skipping string literals and `//` comments.
/// False with a one-line `*error` "NAME:LINE:COLUMN: ..." at the first bracket past
/// the limit. Call it on a file's text before handing it to MLIR's parser.
bool checkNestingDepth(std::string_view text, std::string_view name, std::string *error,
                       unsigned limit = kMaxNestingDepth);

} // namespace snn::tools

#endif // SNN_TOOLS_COMMON_NESTINGDEPTH_H
