// Last-resort handlers: memory exhaustion and escaped C++ exceptions end in one error line, not a crash.
#ifndef SNN_TOOLS_SNNC_FATALERRORS_H
#define SNN_TOOLS_SNNC_FATALERRORS_H

namespace snn::driver {

/// Installs, for the rest of the process: a new-handler that prints
/// "snnc <command>: error: out of memory …" and exits with status 1 (a failed
/// allocation would otherwise abort with a stack dump), a terminate handler
/// that names an escaped exception (std::length_error from a hostile size, …)
/// in the same one-line form, and SIGXFSZ ignored so that exceeding a file-size
/// limit makes the write fail (and AtomicFile keep the old file) instead of
/// killing the process. `command` must outlive the process (a literal or argv).
void installFatalErrorHandlers(const char *command);

} // namespace snn::driver

#endif // SNN_TOOLS_SNNC_FATALERRORS_H
