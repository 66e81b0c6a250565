// The MPI processes of `mpirun -n K snnc train`: started when the launcher's environment says so.
#ifndef SNN_TOOLS_SNNC_MPICOLLECTIVE_H
#define SNN_TOOLS_SNNC_MPICOLLECTIVE_H

#include "runtime/Collective.h"

#include <memory>

namespace snn::driver {

/// The number of processes an MPI launcher (Open MPI's mpirun, or a PMI/PMIx one)
/// started this one among, from its environment; 1 when none did.
int launchedProcessCount();

/// Joins the MPI job this process was launched in (MPI_Init; MPI_Finalize when the
/// result is destroyed). Null with nothing to join (`*error` empty): one process, no
/// MPI at all. Null with a one-line `*error` when the launcher started several
/// processes and this snnc was built without MPI, or MPI fails to start.
std::unique_ptr<rt::Collective> joinLaunchedJob(std::string *error);

} // namespace snn::driver

#endif // SNN_TOOLS_SNNC_MPICOLLECTIVE_H
