// Which step counts the TSSL-BP kernel loss can place its desired spikes in (one rule, two users).
#ifndef SNN_DIALECT_SNN_KERNELLOSSSTEPS_H
#define SNN_DIALECT_SNN_KERNELLOSSSTEPS_H

#include <cstdint>

namespace mlir::snn {

/// The kernel loss wants a spike every 5 steps (TSSL-BP §3.1): T = 5 or a
/// multiple of 10. The verifier of snn.loss.kernel and `snnc train` (which
/// refuses earlier, with a hint) both ask this.
inline bool kernelLossSupportsSteps(int64_t steps) {
  return steps < 10 ? steps % 5 == 0 && steps > 0 : steps % 10 == 0;
}

} // namespace mlir::snn

#endif // SNN_DIALECT_SNN_KERNELLOSSSTEPS_H
