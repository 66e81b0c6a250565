// The targets of this build and the selection of one by its `--target` spelling.
#include "codegen/Backend.h"

#include "codegen/CPU/CPUBackend.h"
#include "codegen/CUDA/CUDABackend.h"
#include "codegen/Neuro/NeuroBackend.h"
#include "runtime/MessageText.h"

namespace mlir::snn {

ArrayRef<const Backend *> allBackends() {
  static const Backend *const list[] = {&getCPUBackend(), &getCUDABackend(),
                                        &neuro::getNeuroBackend()};
  return list;
}

namespace {
std::string spellings(bool builtOnly, StringRef separator) {
  std::string text;
  for (const Backend *backend : allBackends()) {
    if (builtOnly && !backend->unavailableReason().empty())
      continue;
    if (!text.empty())
      text += separator.str();
    text += backend->name().str();
    if (!backend->defaultDescriptor().empty())
      text += "[:DESC]";
  }
  return text;
}
std::string builtSpellings() { return spellings(/*builtOnly=*/true, ", "); }
} // namespace

std::string backendSpellings() { return spellings(/*builtOnly=*/false, "|"); }

const Backend *selectBackend(StringRef spec, std::string &descriptor, std::string *error) {
  auto [name, rest] = spec.split(':');
  bool hasDescriptor = spec.contains(':');
  for (const Backend *backend : allBackends()) {
    if (backend->name() != name)
      continue;
    if (std::string why = backend->unavailableReason(); !why.empty()) {
      *error = why + " (" + builtSpellings() + ")";
      return nullptr;
    }
    if (hasDescriptor && backend->defaultDescriptor().empty()) {
      *error = "target '" + name.str() + "' takes no ':DESC' (got " +
               ::snn::rt::quoteForMessage(spec.str()) + ")";
      return nullptr;
    }
    if (hasDescriptor && rest.empty()) {
      *error = "target " + ::snn::rt::quoteForMessage(spec.str()) +
               ": the description after ':' is empty";
      return nullptr;
    }
    descriptor = hasDescriptor ? rest.str() : backend->defaultDescriptor().str();
    if (std::string why = backend->descriptorError(descriptor); !why.empty()) {
      *error = why;
      return nullptr;
    }
    return backend;
  }
  *error = "unknown target " + ::snn::rt::quoteForMessage(spec.str()) + " (" +
           backendSpellings() + ")";
  return nullptr;
}

} // namespace mlir::snn
