// Resolving a --dataset name (fashion-mnist, mnist, idx:DIR, nmnist:DIR) into loaded splits.
#include "tools/snnc/Datasets.h"

#include "frontend/LayerString/NetworkSpec.h"
#include "runtime/NMnist.h"

#include "llvm/Support/FileSystem.h"

namespace snn::driver {

bool checkSplitsAgree(const std::string &name, const rt::Dataset &train,
                      const rt::Dataset &test, std::string *error) {
  std::vector<int64_t> trainShape(train.images.shape().begin() + 1, train.images.shape().end()),
      testShape(test.images.shape().begin() + 1, test.images.shape().end());
  if (trainShape != testShape) {
    *error = "dataset '" + name + "': the training samples are " +
             frontend::formatShape(trainShape) + " but the test samples " +
             frontend::formatShape(testShape) + "; both splits must have one shape";
    return false;
  }
  if (train.numClasses != test.numClasses) {
    *error = "dataset '" + name + "': the training split has " +
             std::to_string(train.numClasses) + " classes but the test split " +
             std::to_string(test.numClasses);
    return false;
  }
  return true;
}

bool loadDataset(const std::string &name, int64_t timeSteps, rt::Dataset *train,
                 rt::Dataset &test, bool &sequence, std::string *error) {
  const std::string nmnist = "nmnist:";
  sequence = name.compare(0, nmnist.size(), nmnist) == 0;
  if (sequence) {
    std::string dir = name.substr(nmnist.size());
    return (!train || rt::loadNMnistSplit(dir, true, timeSteps, *train, error)) &&
           rt::loadNMnistSplit(dir, false, timeSteps, test, error) &&
           (!train || checkSplitsAgree(name, *train, test, error));
  }
  std::string dir;
  if (!rt::resolveDatasetDir(name, dir, error))
    return false;
  if ((name == "mnist" || name == "fashion-mnist") && !llvm::sys::fs::is_directory(dir)) {
    *error = "dataset '" + name + "' is not installed (" + dir + " does not exist): " +
             (name == "mnist"
                  ? "scripts/get-mnist-subset.sh DIR writes an MNIST subset; then use "
                    "--dataset idx:DIR"
                  : "install the Debian package dataset-fashion-mnist (scripts/setup.sh does)");
    return false;
  }
  return (!train || rt::loadIdxSplit(dir, true, *train, error)) &&
         rt::loadIdxSplit(dir, false, test, error) &&
         (!train || checkSplitsAgree(name, *train, test, error));
}

bool loadStaticTestSplit(const std::string &name, int64_t limit, rt::Dataset &test,
                         std::string *error) {
  bool sequence = false;
  // Static images ignore the step count; 5 is only what event binning would use.
  if (!loadDataset(name, 5, nullptr, test, sequence, error))
    return false;
  if (sequence) {
    *error = "dataset '" + name + "' holds event sequences; core programs take static inputs";
    return false;
  }
  if (limit > 0)
    test = test.slice(0, limit);
  if (test.size() == 0) {
    *error = "dataset '" + name + "' has no test samples";
    return false;
  }
  return true;
}

} // namespace snn::driver
