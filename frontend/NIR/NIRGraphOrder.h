// A NIR graph made ready to translate: nested graphs inlined, nodes ordered, recurrent edges found.
#ifndef SNN_FRONTEND_NIR_NIRGRAPHORDER_H
#define SNN_FRONTEND_NIR_NIRGRAPHORDER_H

#include "frontend/NIR/NIRGraph.h"

#include <string>
#include <vector>

namespace snn::nir {

/// One node of the flat graph, in evaluation order.
struct OrderedNode {
  const Node *node;
  std::string name; // "outer.inner" for a node of a nested graph
  /// Indices (into OrderedGraph::nodes) of the nodes whose output of the same step
  /// this node receives.
  std::vector<size_t> inputs;
  /// A recurrent loop folded into this neuron: the index of the Affine/Linear that
  /// feeds the neuron's previous output back into it; -1 if none.
  long recurrent = -1;
};

struct OrderedGraph {
  std::vector<OrderedNode> nodes; // the Input first, the Output last
};

/// Inlines nested NIRGraph nodes (their Input and Output nodes become the boundary),
/// checks that every edge names a node, that there is one Input and one Output, and
/// orders the nodes from the Input. An edge that closes a cycle is accepted only as a
/// neuron's own recurrence: neuron → Affine|Linear → the same neuron, folded into the
/// neuron. False with a one-line `*error` naming the node.
bool orderGraph(const Node &graph, OrderedGraph &out, std::string *error);

/// True for the node types that carry state over time (the neurons).
bool isNeuronType(const std::string &type);

} // namespace snn::nir

#endif // SNN_FRONTEND_NIR_NIRGRAPHORDER_H
