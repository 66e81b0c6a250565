// The training step after backward: global grad-norm clip, AdamW or SGD, clamp.
#ifndef SNN_RUNTIME_OPTIMIZER_H
#define SNN_RUNTIME_OPTIMIZER_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace snn::rt {

/// Hyper-parameters of one optimiser (defaults: tssl-bp.md §5).
struct OptimizerConfig {
  enum Kind { AdamW, SGD } kind = AdamW;
  double lr = 5e-4, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0.01,
         clip = 1.0, weightClamp = 4.0;
};

/// Everything an optimiser carries from one step to the next, for
/// checkpoints. `m` and `v` hold one vector per parameter (the sizes given to
/// the constructor) for AdamW and are empty for SGD.
struct OptimizerState {
  int64_t step = 0;
  std::vector<std::vector<float>> m, v;
};

/// Returns "adamw" or "sgd".
const char *optimizerKindName(OptimizerConfig::Kind kind);

/// Applies one update to a fixed list of float32 parameter tensors.
///
/// The moments are kept in float32, as PyTorch keeps them; each element's
/// update is computed in double and rounded once when stored. Every value
/// carried between steps (weights, m, v, the step count) is therefore exactly
/// what a checkpoint stores, so a resumed run continues bit for bit.
class Optimizer {
public:
  /// `sizes[i]` is the number of elements of parameter i.
  Optimizer(const OptimizerConfig &config, std::vector<std::size_t> sizes);

  /// One step over `params` (updated in place) with `grads` (both one
  /// pointer per parameter, in constructor order), in the order of
  /// tssl-bp.md §5:
  ///  1. global L2 norm ‖g‖ over all gradients together; when clip > 0 and
  ///     s = clip / (‖g‖ + 1e-6) < 1, every gradient is scaled by s in place;
  ///  2. AdamW (PyTorch's torch.optim.AdamW formula):
  ///       w ← w·(1 − lr·wd); m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²;
  ///       w ← w − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
  ///     or SGD (no momentum): w ← w·(1 − lr·wd) − lr·g;
  ///  3. when weightClamp c > 0, every weight is clamped to [−c, c].
  /// With SGD, lr 1, wd 0, clip 0 and clamp 0 the new weight is the float32
  /// w − g exactly. Returns ‖g‖ before clipping. If it is not finite
  /// (a NaN or infinite gradient), nothing is changed (weights, gradients and
  /// state stay as they were) and the caller should stop training.
  /// `threads` workers share the elements; the result does not depend on it.
  double step(const std::vector<float *> &params,
              const std::vector<float *> &grads, int threads = 1);

  const OptimizerConfig &config() const { return cfg; }
  const std::vector<std::size_t> &sizes() const { return paramSizes; }
  const OptimizerState &state() const { return st; }
  /// Replaces the state (from a checkpoint). Fails, leaving the state as it
  /// was, if the moments do not match this optimiser's kind and sizes or the
  /// step count is negative.
  bool setState(const OptimizerState &state, std::string *error);

private:
  OptimizerConfig cfg;
  std::vector<std::size_t> paramSizes;
  OptimizerState st;
};

/// The global L2 norm of the gradients, accumulated in double in a fixed
/// order: each block of kOptimizerBlock elements of a tensor in index order,
/// then the blocks' sums in order (so it does not depend on the thread count).
double globalGradNorm(const std::vector<const float *> &grads,
                      const std::vector<std::size_t> &sizes, int threads = 1);

/// Elements per unit of work of the optimiser (and per partial sum of the norm).
constexpr std::size_t kOptimizerBlock = 16384;

/// A range [begin, end) of parameter tensor `param`.
struct ParamBlock {
  std::size_t param, begin, end;
};

/// Calls `fn(i, block)` for the blocks of kOptimizerBlock elements of every tensor
/// (tensor by tensor, `i` counting them in that order) on `threads` workers, in one
/// fork-join.
void forEachBlock(const std::vector<std::size_t> &sizes, int threads,
                  const std::function<void(std::size_t index, const ParamBlock &)> &fn);

} // namespace snn::rt

#endif // SNN_RUNTIME_OPTIMIZER_H
