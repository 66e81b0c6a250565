// Registration of the `neuro` dialect, its types and attributes.
#include "dialect/Neuro/NeuroDialect.h"
#include "dialect/Neuro/NeuroOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::neuro;

/// `2x3x4` in event-stream types.
static ParseResult parseShape(AsmParser &parser, SmallVector<int64_t> &shape) {
  return parser.parseDimensionList(shape, /*allowDynamic=*/false,
                                   /*withTrailingX=*/false);
}

static void printShape(AsmPrinter &printer, ArrayRef<int64_t> shape) {
  llvm::interleave(shape, printer.getStream(), "x");
}

#include "dialect/Neuro/NeuroOpsDialect.cpp.inc"
#include "dialect/Neuro/NeuroEnums.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "dialect/Neuro/NeuroAttrs.cpp.inc"
#define GET_TYPEDEF_CLASSES
#include "dialect/Neuro/NeuroOpsTypes.cpp.inc"

void NeuroDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialect/Neuro/NeuroOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialect/Neuro/NeuroAttrs.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "dialect/Neuro/NeuroOpsTypes.cpp.inc"
      >();
}

namespace {
LogicalResult verifyShape(function_ref<InFlightDiagnostic()> emitError,
                          ArrayRef<int64_t> shape) {
  if (shape.empty() || shape.size() > 3)
    return emitError() << "event streams have 1 to 3 dimensions, got " << shape.size();
  for (int64_t d : shape)
    if (d < 1)
      return emitError() << "dimensions must be positive, got " << d;
  return success();
}
} // namespace

LogicalResult SpikesType::verify(function_ref<InFlightDiagnostic()> emitError,
                                 ArrayRef<int64_t> shape) {
  return verifyShape(emitError, shape);
}

LogicalResult CurrentType::verify(function_ref<InFlightDiagnostic()> emitError,
                                  ArrayRef<int64_t> shape) {
  return verifyShape(emitError, shape);
}
