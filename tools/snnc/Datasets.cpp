// Resolving a --dataset name (fashion-mnist, mnist, idx:DIR, nmnist:DIR) into loaded splits.
#include "tools/snnc/Datasets.h"

#include "runtime/NMnist.h"

namespace snn::driver {

bool loadDataset(const std::string &name, int64_t timeSteps, rt::Dataset *train,
                 rt::Dataset &test, bool &sequence, std::string *error) {
  const std::string nmnist = "nmnist:";
  sequence = name.compare(0, nmnist.size(), nmnist) == 0;
  if (sequence) {
    std::string dir = name.substr(nmnist.size());
    return (!train || rt::loadNMnistSplit(dir, true, timeSteps, *train, error)) &&
           rt::loadNMnistSplit(dir, false, timeSteps, test, error);
  }
  std::string dir;
  return rt::resolveDatasetDir(name, dir, error) &&
         (!train || rt::loadIdxSplit(dir, true, *train, error)) &&
         rt::loadIdxSplit(dir, false, test, error);
}

} // namespace snn::driver
