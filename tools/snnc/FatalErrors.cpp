// Last-resort handlers: memory exhaustion and escaped C++ exceptions end in one error line, not a crash.
// This file is compiled with -fexceptions (CMakeLists.txt) to name what escaped.
#include "tools/snnc/FatalErrors.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace snn::driver {

namespace {

const char *currentCommand = "";

/// Writes without allocating: the heap may be exhausted.
void writeLine(const char *what) {
  std::fprintf(stderr, "snnc%s%s: error: %s\n", *currentCommand ? " " : "", currentCommand,
               what);
  std::fflush(stderr);
}

void outOfMemory() {
  writeLine("out of memory: an allocation failed (reduce --batch, --time-steps or the model "
            "size; outputs already written are intact)");
  std::_Exit(1);
}

void escapedException() {
  if (std::exception_ptr escaped = std::current_exception()) {
    try {
      std::rethrow_exception(escaped);
    } catch (const std::bad_alloc &) {
      outOfMemory();
    } catch (const std::length_error &e) {
      writeLine((std::string("a size is too large to allocate (") + e.what() + ")").c_str());
    } catch (const std::exception &e) {
      writeLine((std::string("internal error: ") + e.what()).c_str());
    } catch (...) {
      writeLine("internal error: an unknown exception");
    }
  } else {
    writeLine("internal error: terminated");
  }
  std::_Exit(1);
}

} // namespace

void fatalError(const std::string &message) {
  writeLine(message.c_str());
  std::exit(1);
}

void installFatalErrorHandlers(const char *command) {
  currentCommand = command;
  std::set_new_handler(outOfMemory);
  std::set_terminate(escapedException);
  std::signal(SIGXFSZ, SIG_IGN);
}

} // namespace snn::driver
