// Resolving a --dataset name (fashion-mnist, mnist, idx:DIR, nmnist:DIR) into loaded splits.
#ifndef SNN_TOOLS_SNNC_DATASETS_H
#define SNN_TOOLS_SNNC_DATASETS_H

#include "runtime/Dataset.h"

#include <string>

namespace snn::driver {

/// Loads the training split (when `train` is non-null) and the test split. Event datasets
/// (nmnist:DIR) are binned into `timeSteps` steps and reported with `sequence = true`.
/// Refuses splits whose sample shapes or class counts differ (the compiled
/// code is specialised to one shape; another would be read out of bounds).
bool checkSplitsAgree(const std::string &name, const rt::Dataset &train,
                      const rt::Dataset &test, std::string *error);

/// Also refuses a train and test split that disagree (checkSplitsAgree), and
/// says how to install `mnist` or `fashion-mnist` when it is missing.
bool loadDataset(const std::string &name, int64_t timeSteps, rt::Dataset *train,
                 rt::Dataset &test, bool &sequence, std::string *error);

/// The test split of a dataset of static images, for the neuromorphic commands
/// (map, sim, stats): event datasets are refused (core programs take static
/// inputs), `limit` > 0 keeps the first `limit` samples, an empty split is an error.
bool loadStaticTestSplit(const std::string &name, int64_t limit, rt::Dataset &test,
                         std::string *error);

} // namespace snn::driver

#endif // SNN_TOOLS_SNNC_DATASETS_H
