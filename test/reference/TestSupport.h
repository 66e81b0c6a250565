// Helpers shared by the oracle's unit tests: golden tolerance, vector comparison, parsing.
#ifndef SNN_TEST_REFERENCE_TESTSUPPORT_H
#define SNN_TEST_REFERENCE_TESTSUPPORT_H

#include "frontend/LayerString/NetworkSpec.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace snn::ref::testing {

// Goldens are float64 values printed to 9 digits by tssl_bp_golden.py; the oracle's
// forward runs in float32 (≈6e-8 relative per operation over 5 steps) and its backward
// in double, so 1e-6 absolute (the spec's stated tolerance) holds with room to spare.
constexpr double kGoldenTol = 1e-6;

template <typename T>
void expectNear(const std::vector<T> &actual, const std::vector<double> &expected, double tol,
                const char *what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(actual[i], expected[i], tol) << what << " at " << i;
}

inline frontend::NetworkSpec parse(const std::string &text, const std::vector<int64_t> &input) {
  frontend::NetworkSpec net;
  std::string error;
  EXPECT_TRUE(frontend::parseLayerString(text, input, net, &error)) << error;
  return net;
}

} // namespace snn::ref::testing

#endif // SNN_TEST_REFERENCE_TESTSUPPORT_H
