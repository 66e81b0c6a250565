// Command line of snn-onnx-conformance.
#ifndef SNN_TOOLS_SNN_ONNX_CONFORMANCE_OPTIONS_H
#define SNN_TOOLS_SNN_ONNX_CONFORMANCE_OPTIONS_H

#include "tools/snn-onnx-conformance/Conformance.h"

namespace snn::conformance {

/// -1: run with `options`; 0: help was printed; 2: bad command line (`*error` says why).
int parseOptions(int argc, char **argv, Options &options, std::string *error);

} // namespace snn::conformance

#endif // SNN_TOOLS_SNN_ONNX_CONFORMANCE_OPTIONS_H
