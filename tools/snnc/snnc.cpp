// snnc: the compiler driver (train, eval, run, compile, map, sim, stats).
#include "tools/snnc/Commands.h"

int main(int argc, char **argv) { return snn::driver::snncMain(argc, argv); }
