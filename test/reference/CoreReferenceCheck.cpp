// snn-core-check: runs an emitted program in the core simulator and in the fixed-point reference, sample by sample, and reports any difference.
//
//   snn-core-check DIR|PROGRAM.bin (--input X.npy | --dataset NAME [--limit N])
//
// Prints "N samples: simulator == reference (bit for bit)" and exits 0, or names
// the first sample, class and step that differ and exits 1.
#include "test/reference/FixedPoint.h"

#include "runtime/CoreProgram.h"
#include "runtime/CoreSim.h"
#include "runtime/Dataset.h"
#include "runtime/Npy.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace snn;

namespace {

int fail(const std::string &message) {
  std::fprintf(stderr, "snn-core-check: error: %s\n", message.c_str());
  return 2;
}

} // namespace

int main(int argc, char **argv) {
  std::string path, input, dataset;
  long limit = 100;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--input" && i + 1 < argc)
      input = argv[++i];
    else if (a == "--dataset" && i + 1 < argc)
      dataset = argv[++i];
    else if (a == "--limit" && i + 1 < argc)
      limit = std::strtol(argv[++i], nullptr, 10);
    else if (path.empty())
      path = a;
    else
      return fail("unexpected argument '" + a + "'");
  }
  if (path.empty() || input.empty() == dataset.empty())
    return fail("usage: snn-core-check DIR (--input X.npy | --dataset NAME [--limit N])");
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    path += "/program.bin";
  std::string error;
  core::Program program;
  if (!core::readProgramBinary(path, &program, &error))
    return fail(error);
  int64_t size = program.inputSize();

  std::vector<float> samples;
  int64_t n = 0;
  if (!input.empty()) {
    rt::NpyReader reader;
    if (!reader.open(input, &error))
      return fail(error);
    if (reader.rowElements() != size)
      return fail(input + ": rows of " + std::to_string(reader.rowElements()) +
                  " values, the program takes " + std::to_string(size));
    samples.resize(size_t(reader.rows() * size));
    if (!reader.readRows(reader.rows(), samples.data(), &n, &error) || !reader.finish(&error))
      return fail(error);
  } else {
    std::string dir;
    rt::Dataset test;
    if (!rt::resolveDatasetDir(dataset, dir, &error) || !rt::loadIdxSplit(dir, false, test, &error))
      return fail(error);
    n = std::min<int64_t>(limit, test.size());
    samples.resize(size_t(n * size));
    test.images.decode(0, n, samples.data());
  }

  core::CoreSimulator sim(program);
  int64_t classes = sim.classes(), steps = sim.timeSteps();
  std::vector<int32_t> simulated(size_t(classes * steps));
  for (int64_t s = 0; s < n; ++s) {
    const float *x = samples.data() + s * size;
    sim.run(x, simulated.data());
    std::vector<int32_t> reference = fxref::outputCounts(program, fxref::runFixedPoint(program, x));
    for (int64_t i = 0; i < classes * steps; ++i)
      if (simulated[i] != reference[i]) {
        std::printf("sample %lld: class %lld step %lld: simulator %d, reference %d\n",
                    (long long)s, (long long)(i / steps), (long long)(i % steps), simulated[i],
                    reference[i]);
        return 1;
      }
  }
  int64_t spikes = 0;
  for (const auto &p : sim.counters().populations)
    spikes += p.spikes;
  std::printf("%lld samples: simulator == reference (bit for bit), %lld spikes\n", (long long)n,
              (long long)spikes);
  return 0;
}
