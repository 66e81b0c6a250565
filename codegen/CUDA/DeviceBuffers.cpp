// snn-cuda-device-buffers: the host functions' temporaries allocated in GPU memory.
#include "codegen/CUDA/Passes.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCUDADEVICEBUFFERS
#include "codegen/CUDA/Passes.h.inc"

namespace {

struct DeviceBuffersPass : impl::SNNCUDADeviceBuffersBase<DeviceBuffersPass> {
  void runOnOperation() override {
    SmallVector<memref::AllocOp> allocs;
    SmallVector<memref::DeallocOp> deallocs;
    getOperation().walk([&](Operation *op) {
      if (op->getParentOfType<gpu::LaunchOp>())
        return;
      if (auto alloc = dyn_cast<memref::AllocOp>(op))
        allocs.push_back(alloc);
      else if (auto dealloc = dyn_cast<memref::DeallocOp>(op))
        deallocs.push_back(dealloc);
    });
    auto tokenType = gpu::AsyncTokenType::get(&getContext());
    for (memref::AllocOp alloc : allocs) {
      OpBuilder b(alloc);
      Location loc = alloc.getLoc();
      Value ready = gpu::WaitOp::create(b, loc, tokenType, ValueRange{}).getAsyncToken();
      auto device = gpu::AllocOp::create(b, loc, alloc.getType(), tokenType, ValueRange{ready},
                                         alloc.getDynamicSizes(), alloc.getSymbolOperands(),
                                         /*hostShared=*/false);
      gpu::WaitOp::create(b, loc, Type(), ValueRange{device.getAsyncToken()});
      alloc.replaceAllUsesWith(device.getMemref());
      alloc.erase();
    }
    for (memref::DeallocOp dealloc : deallocs) {
      OpBuilder b(dealloc);
      Location loc = dealloc.getLoc();
      Value ready = gpu::WaitOp::create(b, loc, tokenType, ValueRange{}).getAsyncToken();
      auto freed = gpu::DeallocOp::create(b, loc, tokenType, ValueRange{ready},
                                          dealloc.getMemref());
      gpu::WaitOp::create(b, loc, Type(), ValueRange{freed.getAsyncToken()});
      dealloc.erase();
    }
  }
};

} // namespace
} // namespace mlir::snn
