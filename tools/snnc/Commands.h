// The snnc subcommands; each returns the process exit code and prints its own errors.
#ifndef SNN_TOOLS_SNNC_COMMANDS_H
#define SNN_TOOLS_SNNC_COMMANDS_H

#include <string>
#include <vector>

namespace snn::driver {

using Argv = std::vector<std::string>;

int runCommand(const Argv &args);
int compileCommand(const Argv &args);
int evalCommand(const Argv &args);
int trainCommand(const Argv &args);
int simCommand(const Argv &args);
int mapCommand(const Argv &args);
int statsCommand(const Argv &args);
/// Entry point of the `snnc` binary.
int snncMain(int argc, char **argv);

/// Prints "snnc <command>: error: <message>" on stderr and returns 1.
int fail(const std::string &command, const std::string &message);

} // namespace snn::driver

#endif // SNN_TOOLS_SNNC_COMMANDS_H
