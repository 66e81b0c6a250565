// Graceful interruption of training on SIGINT / SIGTERM.
#ifndef SNN_RUNTIME_SIGNALS_H
#define SNN_RUNTIME_SIGNALS_H

namespace snn::rt {

/// Installs handlers so that SIGINT and SIGTERM only set a flag that the
/// trainer polls between batches (it then stops and keeps its last
/// checkpoint). The first SIGINT also restores SIGINT's default action, so a
/// second Ctrl-C ends the process at once. `notice`, if non-null, is written
/// to stderr when the first signal arrives (it must outlive the handler, e.g.
/// a string literal). Returns false if a handler could not be installed.
bool installInterruptHandler(const char *notice = nullptr);

/// Whether SIGINT or SIGTERM arrived since installation (or the last
/// clearInterruptRequest).
bool interruptRequested();

/// The signal that requested the interrupt (SIGINT or SIGTERM), 0 if none;
/// a tool can exit with 128 + this, as shells expect.
int interruptSignal();

/// Forgets a request (for tests and for a trainer that handles it and goes
/// on). Does not reinstall the SIGINT handler.
void clearInterruptRequest();

} // namespace snn::rt

#endif // SNN_RUNTIME_SIGNALS_H
