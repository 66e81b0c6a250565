// snn-cuda-merge-kernel-modules: every outlined kernel in one gpu.module, so one PTX module.
#include "codegen/CUDA/Passes.h"

#include "llvm/ADT/StringSet.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCUDAMERGEKERNELMODULES
#include "codegen/CUDA/Passes.h.inc"

namespace {

constexpr StringLiteral kKernelModuleName = "snn_kernels";

struct MergeKernelModulesPass
    : impl::SNNCUDAMergeKernelModulesBase<MergeKernelModulesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::GPUModuleOp> kernelModules(module.getOps<gpu::GPUModuleOp>());
    if (kernelModules.empty())
      return;
    if (module.lookupSymbol(kKernelModuleName)) {
      module.emitError("snn-cuda-merge-kernel-modules: the module already has a symbol @")
          << kKernelModuleName;
      return signalPassFailure();
    }
    OpBuilder b(kernelModules.front());
    auto merged = gpu::GPUModuleOp::create(b, module.getLoc(), kKernelModuleName);
    // Kernel → its new name (its old module's, unique among the module's symbols).
    llvm::DenseMap<std::pair<StringAttr, StringAttr>, StringAttr> renamed;
    Block &body = merged.getBodyRegion().front();
    // Outlining copies a constant global into every module that reads it.
    llvm::StringSet<> globals;
    for (gpu::GPUModuleOp old : kernelModules) {
      for (Operation &op : llvm::make_early_inc_range(old.getBody()->getOperations())) {
        if (auto global = dyn_cast<memref::GlobalOp>(op); global && global.getConstant()) {
          if (globals.insert(global.getSymName()).second)
            global->moveBefore(&body, body.begin());
          continue;
        }
        auto fn = dyn_cast<gpu::GPUFuncOp>(op);
        if (!fn) {
          op.emitError("snn-cuda-merge-kernel-modules: only kernel functions and constant "
                       "globals are merged, got ")
              << op.getName();
          return signalPassFailure();
        }
        renamed[{old.getSymNameAttr(), fn.getNameAttr()}] = old.getSymNameAttr();
        fn.setName(old.getSymName());
        fn->moveBefore(&body, body.end());
      }
    }
    WalkResult result = module.walk([&](gpu::LaunchFuncOp launch) {
      auto it = renamed.find({launch.getKernelModuleName(), launch.getKernelName()});
      if (it == renamed.end()) {
        launch.emitError("snn-cuda-merge-kernel-modules: the launched kernel is not in an "
                         "outlined module");
        return WalkResult::interrupt();
      }
      launch.setKernelAttr(SymbolRefAttr::get(merged.getSymNameAttr(),
                                              {FlatSymbolRefAttr::get(it->second)}));
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      return signalPassFailure();
    for (gpu::GPUModuleOp old : kernelModules)
      old.erase();
  }
};

} // namespace
} // namespace mlir::snn
