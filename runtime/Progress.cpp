// Progress bar drawing and the per-epoch summary line.
#include "runtime/Progress.h"

#include <algorithm>
#include <cmath>
#include <unistd.h>

namespace snn::rt {
namespace {

constexpr int kBarWidth = 20;

std::string format(const char *fmt, double a) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), fmt, a);
  return buf;
}

std::string percent(double fraction) {
  if (std::isnan(fraction))
    return "n/a";
  return format("%.2f%%", 100.0 * fraction);
}

std::string rate(double samplesPerSec) {
  if (!std::isfinite(samplesPerSec) || samplesPerSec < 0)
    samplesPerSec = 0;
  return format("%.0f samples/s", samplesPerSec);
}

} // namespace

bool stderrIsTerminal() { return isatty(fileno(stderr)) != 0; }

std::string formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0)
    seconds = 0;
  const long long total = static_cast<long long>(seconds);
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%02lld:%02lld:%02lld", total / 3600,
                total / 60 % 60, total % 60);
  return buf;
}

std::string formatEpochSummary(int64_t epoch, int64_t epochs, double loss,
                               double trainAcc, double testAcc,
                               double samplesPerSec, double elapsedSec) {
  return "epoch " + std::to_string(epoch) + "/" + std::to_string(epochs) +
         "  loss " + format("%.4f", loss) + "  train " + percent(trainAcc) +
         "  test " + percent(testAcc) + "  " + rate(samplesPerSec) +
         "  elapsed " + formatDuration(elapsedSec);
}

std::string formatProgressLine(int64_t epoch, int64_t epochs, int64_t batch,
                               int64_t batches, double loss,
                               double samplesPerSec, double etaSec) {
  const int64_t filled =
      batches > 0 ? std::min<int64_t>(kBarWidth, batch * kBarWidth / batches)
                  : 0;
  return "epoch " + std::to_string(epoch) + "/" + std::to_string(epochs) +
         " [" + std::string(filled, '#') +
         std::string(kBarWidth - filled, '.') + "] " + std::to_string(batch) +
         "/" + std::to_string(batches) + "  loss " + format("%.4f", loss) +
         "  " + rate(samplesPerSec) + "  eta " + formatDuration(etaSec);
}

ProgressBar::ProgressBar(bool enabled, std::FILE *out,
                         std::chrono::milliseconds minInterval)
    : on(enabled), out(out), minInterval(minInterval) {}

ProgressBar::~ProgressBar() { clear(); }

void ProgressBar::beginEpoch(int64_t e, int64_t es, int64_t bs) {
  epoch = e;
  epochs = es;
  batches = bs;
  start = std::chrono::steady_clock::now();
  lastDraw = start;
}

void ProgressBar::update(int64_t batch, int64_t samples, double runningLoss) {
  if (!on)
    return;
  const auto now = std::chrono::steady_clock::now();
  // Redrawing on every fast batch would make the terminal the bottleneck.
  if (drawn && batch < batches && now - lastDraw < minInterval)
    return;
  lastDraw = now;
  const double elapsed = std::chrono::duration<double>(now - start).count();
  const double perSec = elapsed > 0 ? samples / elapsed : 0.0;
  const double eta =
      batch > 0 ? elapsed * static_cast<double>(batches - batch) / batch : 0.0;
  // "\033[K" erases what a longer previous line left at the end.
  std::fprintf(out, "\r%s\033[K",
               formatProgressLine(epoch, epochs, batch, batches, runningLoss,
                                  perSec, eta)
                   .c_str());
  std::fflush(out);
  drawn = true;
}

void ProgressBar::clear() {
  if (!on || !drawn)
    return;
  std::fputs("\r\033[K", out);
  std::fflush(out);
  drawn = false;
}

} // namespace snn::rt
