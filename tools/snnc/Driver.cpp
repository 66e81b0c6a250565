// snnc: subcommand dispatch, top-level help and the commands not built yet.
#include "tools/snnc/Commands.h"
#include "runtime/Allocator.h"
#include "runtime/MessageText.h"
#include "tools/snnc/FatalErrors.h"

#include <cstdio>
#include <cstring>

namespace snn::driver {

int fail(const std::string &command, const std::string &message) {
  std::fprintf(stderr, "snnc %s: error: %s\n", command.c_str(), message.c_str());
  return 1;
}

namespace {

struct Command {
  const char *name, *summary;
  int (*fn)(const Argv &);
};

const Command kCommands[] = {
    {"train", "train with TSSL-BP through compiled forward+backward code", trainCommand},
    {"eval", "test accuracy of a model on a dataset (forward pass only)", evalCommand},
    {"run", "forward pass on inputs from a .npy file; writes output traces [N, classes, T]",
     runCommand},
    {"compile", "staged compilation: --emit snn|onnx|unrolled|lowered|llvm|obj|so", compileCommand},
    {"map", "map a model onto a neuromorphic target description", mapCommand},
    {"sim", "run an emitted core program in the core simulator", simCommand},
    {"stats", "spike rates, synaptic operations and energy estimates", statsCommand},
};

void printHelp() {
  std::printf("snnc: a compiler for spiking neural networks (TSSL-BP training, CPU code)\n\n"
              "usage: snnc <command> [options]    snnc <command> --help\n\ncommands:\n");
  for (const Command &c : kCommands)
    std::printf("  %-9s %s%s\n", c.name, c.summary, c.fn ? "" : " [not built yet]");
}

} // namespace

int snncMain(int argc, char **argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    printHelp();
    return argc < 2 ? 1 : 0;
  }
  Argv args(argv + 2, argv + argc);
  rt::keepLargeAllocationsMapped();
  for (const Command &c : kCommands) {
    if (std::strcmp(argv[1], c.name))
      continue;
    installFatalErrorHandlers(c.name);
    if (!c.fn)
      return fail(c.name, std::string("'snnc ") + c.name +
                              "' is not implemented in this build yet (see README, Status)");
    return c.fn(args);
  }
  std::fprintf(stderr, "snnc: error: unknown command %s (see 'snnc --help')\n",
               rt::quoteForMessage(argv[1]).c_str());
  return 1;
}

} // namespace snn::driver
