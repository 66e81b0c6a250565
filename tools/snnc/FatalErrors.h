// Last-resort handlers: memory exhaustion and escaped C++ exceptions end in one error line, not a crash.
#ifndef SNN_TOOLS_SNNC_FATALERRORS_H
#define SNN_TOOLS_SNNC_FATALERRORS_H

#include <string>

namespace snn::driver {

/// Installs, for the rest of the process: a new-handler that prints
/// "snnc <command>: error: out of memory …" and exits with status 1 (a failed
/// allocation would otherwise abort with a stack dump), a terminate handler
/// that names an escaped exception (std::length_error from a hostile size, …)
/// in the same one-line form, and SIGXFSZ ignored so that exceeding a file-size
/// limit makes the write fail (and AtomicFile keep the old file) instead of
/// killing the process. `command` must outlive the process (a literal or argv).
void installFatalErrorHandlers(const char *command);

/// Prints "snnc <command>: error: <message>" and exits with status 1: for failures
/// deep in a run that no caller can recover from (a GPU fault), after which only
/// what was already written (the last checkpoint) is kept.
[[noreturn]] void fatalError(const std::string &message);

} // namespace snn::driver

#endif // SNN_TOOLS_SNNC_FATALERRORS_H
