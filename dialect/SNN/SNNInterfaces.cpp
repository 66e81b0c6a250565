// Generated definitions of the `snn` op interfaces (see SNNInterfaces.td).
#include "dialect/SNN/SNNInterfaces.h"

#include "dialect/SNN/SNNInterfaces.cpp.inc"
