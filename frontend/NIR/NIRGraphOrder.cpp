// A NIR graph made ready to translate: nested graphs inlined, nodes ordered, recurrent edges found.
#include "frontend/NIR/NIRGraphOrder.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace snn::nir {

bool isNeuronType(const std::string &type) {
  static const std::set<std::string> neurons{"IF", "LIF", "LI", "CubaLIF", "CubaLI", "I"};
  return neurons.count(type) != 0;
}

namespace {

/// The flat graph: nodes by qualified name, edges between qualified names.
struct FlatGraph {
  std::map<std::string, const Node *> nodes;
  std::vector<std::pair<std::string, std::string>> edges;
};

std::string describe(const std::string &name, const Node *node) {
  return "node '" + name + "' (" + (node ? node->type : std::string("?")) + ")";
}

/// Inlines `graph` under `prefix`. For a nested graph, `entry`/`exit` receive the
/// qualified names of its Input and Output nodes.
bool flatten(const Node &graph, const std::string &prefix, FlatGraph &flat, std::string &entry,
             std::string &exit, int depth, std::string *error) {
  if (depth > 16) {
    *error = "graph '" + prefix + "' nests NIRGraph nodes deeper than 16 levels";
    return false;
  }
  std::map<std::string, std::pair<std::string, std::string>> boundary; // nested graphs
  for (const Node &node : graph.nodes) {
    std::string name = prefix + node.name;
    if (node.type == "NIRGraph") {
      std::string in, out;
      if (!flatten(node, name + ".", flat, in, out, depth + 1, error))
        return false;
      boundary[node.name] = {in, out};
      continue;
    }
    flat.nodes[name] = &node;
    if (node.type == "Input")
      entry = entry.empty() ? name : "\n"; // "\n" marks several
    if (node.type == "Output")
      exit = exit.empty() ? name : "\n";
  }
  if (!prefix.empty() && (entry.empty() || entry == "\n" || exit.empty() || exit == "\n")) {
    *error = "nested graph '" + prefix.substr(0, prefix.size() - 1) +
             "' needs exactly one Input and one Output node";
    return false;
  }
  for (const auto &[src, dst] : graph.edges) {
    auto endpoint = [&](const std::string &n, bool source, std::string &q) {
      auto nested = boundary.find(n);
      if (nested != boundary.end()) {
        q = source ? nested->second.second : nested->second.first;
        return true;
      }
      q = prefix + n;
      if (flat.nodes.count(q))
        return true;
      *error = "edge " + prefix + src + " -> " + prefix + dst + ": no node named '" + prefix +
               n + "'";
      return false;
    };
    std::string a, b;
    if (!endpoint(src, true, a) || !endpoint(dst, false, b))
      return false;
    flat.edges.emplace_back(a, b);
  }
  return true;
}

} // namespace

bool orderGraph(const Node &graph, OrderedGraph &out, std::string *error) {
  FlatGraph flat;
  std::string input, output;
  if (!flatten(graph, "", flat, input, output, 0, error))
    return false;
  if (input.empty() || input == "\n" || output.empty() || output == "\n") {
    *error = std::string("the graph needs exactly one Input and one Output node (found ") +
             (input.empty() ? "no" : input == "\n" ? "several" : "one") + " Input, " +
             (output.empty() ? "no" : output == "\n" ? "several" : "one") + " Output)";
    return false;
  }
  // A nested graph's boundary nodes pass values through; bypass them.
  std::map<std::string, std::vector<std::string>> succ, pred;
  for (const auto &[a, b] : flat.edges) {
    succ[a].push_back(b);
    pred[b].push_back(a);
  }
  auto isPassThrough = [&](const std::string &n) {
    const Node *node = flat.nodes.at(n);
    return n != input && n != output && (node->type == "Input" || node->type == "Output");
  };
  std::function<void(const std::string &, std::vector<std::string> &, int)> resolveSucc =
      [&](const std::string &n, std::vector<std::string> &acc, int depth) {
        for (const std::string &s : succ[n]) {
          if (isPassThrough(s) && depth < 64)
            resolveSucc(s, acc, depth + 1);
          else if (!isPassThrough(s))
            acc.push_back(s);
        }
      };

  // Depth-first from the Input in edge order; an edge to a node on the stack closes a cycle.
  std::map<std::string, int> state; // 1 = on the stack, 2 = done
  std::vector<std::string> postorder;
  std::vector<std::pair<std::string, std::string>> backEdges;
  std::function<void(const std::string &, int)> visit = [&](const std::string &n, int depth) {
    state[n] = 1;
    std::vector<std::string> next;
    resolveSucc(n, next, 0);
    for (const std::string &s : next) {
      if (state[s] == 1)
        backEdges.emplace_back(n, s);
      else if (state[s] == 0 && depth < 10000)
        visit(s, depth + 1);
    }
    state[n] = 2;
    postorder.push_back(n);
  };
  visit(input, 0);
  for (const auto &[name, node] : flat.nodes)
    if (!state[name] && !isPassThrough(name)) {
      *error = describe(name, node) + " is not reachable from the input node '" + input + "'";
      return false;
    }
  if (!state[output]) {
    *error = "the output node '" + output + "' is not reachable from the input";
    return false;
  }
  std::reverse(postorder.begin(), postorder.end());

  // Fold each recurrence neuron → Affine|Linear → neuron into the neuron.
  std::map<std::string, std::string> recurrentOf; // neuron → its feedback synapse
  std::set<std::pair<std::string, std::string>> folded;
  for (const auto &[from, to] : backEdges) {
    const Node *target = flat.nodes.at(to), *source = flat.nodes.at(from);
    const std::vector<std::string> &sourcePreds = pred[from];
    bool ok = isNeuronType(target->type) && target->type != "I" &&
              (source->type == "Affine" || source->type == "Linear") &&
              sourcePreds.size() == 1 && sourcePreds[0] == to && succ[from].size() == 1 &&
              !recurrentOf.count(to);
    if (!ok) {
      *error = "the edge " + from + " -> " + to + " closes a cycle that snnc cannot import: " +
               "only a neuron's own recurrence (neuron -> Affine|Linear -> the same neuron) is "
               "supported";
      return false;
    }
    recurrentOf[to] = from;
    folded.insert({to, from});
    folded.insert({from, to});
  }

  std::map<std::string, size_t> index;
  for (const std::string &n : postorder) {
    if (isPassThrough(n))
      continue;
    bool isFeedback = false;
    for (const auto &[neuron, synapse] : recurrentOf)
      isFeedback |= synapse == n;
    if (isFeedback)
      continue;
    index[n] = out.nodes.size();
    out.nodes.push_back({flat.nodes.at(n), n, {}, -1});
  }
  for (const auto &[neuron, synapse] : recurrentOf) {
    out.nodes[index.at(neuron)].recurrent = long(out.nodes.size());
    out.nodes.push_back({flat.nodes.at(synapse), synapse, {}, -1});
  }
  // The inputs of each node, through pass-through boundary nodes.
  for (const auto &[n, i] : index) {
    std::vector<std::string> next;
    resolveSucc(n, next, 0);
    for (const std::string &s : next) {
      if (folded.count({n, s}) || !index.count(s))
        continue;
      out.nodes[index.at(s)].inputs.push_back(i);
    }
  }
  if (out.nodes.front().name != input || out.nodes[index.at(output)].name != output) {
    *error = "the input node '" + input + "' must come first";
    return false;
  }
  return true;
}

} // namespace snn::nir
