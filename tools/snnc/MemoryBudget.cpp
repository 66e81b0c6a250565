// Estimating the memory a model needs before compiling or allocating, and refusing what cannot fit.
#include "tools/snnc/MemoryBudget.h"

#include "dialect/SNN/SNNDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sys/resource.h>

using namespace mlir;

namespace snn::driver {

namespace {

/// A "Key: N kB" line of a /proc file, in bytes; 0 when absent.
uint64_t procField(const char *file, const std::string &key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (line.compare(0, key.size(), key) == 0 && line.size() > key.size() &&
        line[key.size()] == ':') {
      unsigned long long kb = 0;
      std::sscanf(line.c_str() + key.size() + 1, "%llu", &kb);
      return uint64_t(kb) * 1024;
    }
  return 0;
}

/// A cgroup v2 file holding one number ("max" = no limit); 0 when absent.
uint64_t cgroupValue(const char *file) {
  std::ifstream in(file);
  std::string text;
  if (!(in >> text) || text == "max")
    return 0;
  return std::strtoull(text.c_str(), nullptr, 10);
}

int64_t elementsPerSample(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || tensor.getRank() == 0)
    return 0;
  int64_t n = 1;
  for (int64_t d : tensor.getShape().drop_front())
    n *= ShapedType::isDynamic(d) ? 1 : d;
  return n;
}

} // namespace

uint64_t availableMemoryBytes() {
  uint64_t available = procField("/proc/meminfo", "MemAvailable");
  if (available == 0)
    available = UINT64_MAX;
  rlimit limit;
  if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    uint64_t mapped = procField("/proc/self/status", "VmSize");
    available = std::min<uint64_t>(available, limit.rlim_cur > mapped ? limit.rlim_cur - mapped : 0);
  }
  if (uint64_t max = cgroupValue("/sys/fs/cgroup/memory.max")) {
    uint64_t used = cgroupValue("/sys/fs/cgroup/memory.current");
    available = std::min<uint64_t>(available, max > used ? max - used : 0);
  }
  return available;
}

MemoryNeed estimateMemory(ModuleOp module, int64_t rows, bool training, int64_t copies) {
  MemoryNeed need;
  auto fn = module.lookupSymbol<func::FuncOp>("forward");
  if (!fn)
    return need;
  auto steps = fn->getAttrOfType<IntegerAttr>(mlir::snn::SNNDialect::kTimeStepsAttr);
  const double T = steps ? double(steps.getInt()) : 1.0;
  double parameters = 0, traced = 0;
  for (unsigned i = 0; i < fn.getNumArguments(); ++i) {
    auto type = dyn_cast<RankedTensorType>(fn.getArgumentTypes()[i]);
    if (!type)
      continue;
    if (fn.getArgAttr(i, mlir::snn::SNNDialect::kParameterAttr)) {
      double n = 1;
      for (int64_t d : type.getShape())
        n *= ShapedType::isDynamic(d) ? 1 : double(d);
      parameters += n;
    } else {
      need.buffers += 4.0 * double(elementsPerSample(type)) * double(rows);
    }
  }
  fn.walk([&](Operation *op) {
    for (Type type : op->getResultTypes())
      traced += double(elementsPerSample(type));
  });
  // Weights: the values, the compiled code's copy; training adds one gradient
  // set per concurrent chunk and AdamW's two moments.
  need.weights = 4.0 * parameters * (training ? 4.0 + double(copies) : 2.0);
  // Measured peak growth per step over the Σ above (docs/reliability.md):
  // training 3.1-3.3×, forward 1.3×; the factors leave a margin over both.
  need.activations = 4.0 * traced * T * double(rows) * (training ? 3.5 : 1.5);
  for (Type type : fn.getResultTypes())
    need.buffers += 4.0 * double(elementsPerSample(type)) * T * double(rows);
  return need;
}

std::string formatBytes(double bytes) {
  const char *units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (bytes >= 1024 && u < 6)
    bytes /= 1024, ++u;
  char text[48];
  std::snprintf(text, sizeof(text), u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return text;
}

bool checkMemory(const std::string &what, const MemoryNeed &need, const std::string &hint,
                 std::string *error) {
  double available = double(availableMemoryBytes());
  if (need.total() <= available)
    return true;
  std::string parts;
  for (auto [name, bytes] : {std::pair{"weights", need.weights},
                             std::pair{"activations", need.activations},
                             std::pair{"buffers", need.buffers}})
    if (bytes > 0)
      parts += (parts.empty() ? "" : ", ") + std::string(name) + " " + formatBytes(bytes);
  *error = what + " needs about " + formatBytes(need.total()) + " (" + parts + ") but only " +
           formatBytes(available) + " of memory is available" +
           (hint.empty() ? "" : "; " + hint);
  return false;
}

} // namespace snn::driver
