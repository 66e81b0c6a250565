// The MPI processes of `mpirun -n K snnc train`: started when the launcher's environment says so.
#include "tools/snnc/MpiCollective.h"

#include <cstdlib>
#include <string>

#ifdef SNNC_HAVE_MPI
#include <mpi.h>
#endif

namespace snn::driver {

int launchedProcessCount() {
  // Open MPI, then the PMIx and PMI conventions of other launchers (srun, MPICH).
  for (const char *name : {"OMPI_COMM_WORLD_SIZE", "PMIX_SIZE", "PMI_SIZE"})
    if (const char *value = std::getenv(name)) {
      int count = std::atoi(value);
      if (count >= 1)
        return count;
    }
  return 1;
}

#ifdef SNNC_HAVE_MPI
namespace {

class MpiCollective final : public rt::Collective {
public:
  MpiCollective(int rank, int size) : myRank(rank), mySize(size) {}
  ~MpiCollective() override { MPI_Finalize(); }
  int rank() const override { return myRank; }
  int size() const override { return mySize; }
  bool sumInPlace(float *data, size_t n, std::string *error) override {
    // One call over the whole buffer; counts above INT_MAX would need chunks.
    if (n > size_t(INT32_MAX)) {
      *error = "MPI_Allreduce: " + std::to_string(n) + " values exceed one call's count";
      return false;
    }
    int rc = MPI_Allreduce(MPI_IN_PLACE, data, int(n), MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
    if (rc != MPI_SUCCESS) {
      char text[MPI_MAX_ERROR_STRING];
      int length = 0;
      MPI_Error_string(rc, text, &length);
      *error = "MPI_Allreduce failed: " + std::string(text, size_t(length));
      return false;
    }
    return true;
  }
  [[noreturn]] void abortAll(int code) override {
    MPI_Abort(MPI_COMM_WORLD, code);
    std::_Exit(code);
  }

private:
  int myRank, mySize;
};

} // namespace
#endif

std::unique_ptr<rt::Collective> joinLaunchedJob(std::string *error) {
  int launched = launchedProcessCount();
  if (launched <= 1)
    return nullptr;
#ifdef SNNC_HAVE_MPI
  if (MPI_Init(nullptr, nullptr) != MPI_SUCCESS) {
    *error = "MPI_Init failed: cannot join the job of " + std::to_string(launched) +
             " processes";
    return nullptr;
  }
  // Errors come back as return codes (reported in one line), not as MPI's abort.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return std::make_unique<MpiCollective>(rank, size);
#else
  *error = "launched as one of " + std::to_string(launched) +
           " processes, but this snnc was built without MPI (install libopenmpi-dev and "
           "rebuild); K separate runs would each train the whole model";
  return nullptr;
#endif
}

} // namespace snn::driver
