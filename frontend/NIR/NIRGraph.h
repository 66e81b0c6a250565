// A NIR graph in memory: nodes with typed fields, edges, metadata; what a .nir (HDF5) file holds.
#ifndef SNN_FRONTEND_NIR_NIRGRAPH_H
#define SNN_FRONTEND_NIR_NIRGRAPH_H

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace snn::nir {

/// One field of a node (`weight`, `tau_mem`, `stride`, …): a numeric array of any
/// rank (rank 0 = a scalar), or a string. Numbers are held as double whatever the
/// file's type (NIR writers use float32, float64 and int64); `integer` says the file
/// stored integers.
struct Field {
  enum class Kind { Number, String, Unsupported } kind = Kind::Number;
  std::vector<int64_t> shape;
  std::vector<double> numbers;
  bool integer = false;
  std::string text;
  /// For Unsupported: the HDF5 type the field has, for messages.
  std::string typeName;

  static Field scalar(double v, bool isInteger = false);
  static Field array(std::vector<int64_t> shape, std::vector<double> values,
                     bool isInteger = false);
  static Field string(std::string s);
  int64_t numElements() const;
};

/// A node: its `type` ("Affine", "CubaLIF", "NIRGraph", …) and fields; a NIRGraph node
/// also holds its nodes (by name, in name order, as HDF5 lists them), edges and
/// metadata.
struct Node {
  std::string name, type;
  std::map<std::string, Field> fields;
  std::vector<Node> nodes;
  std::vector<std::pair<std::string, std::string>> edges;
  std::map<std::string, Field> metadata;

  const Field *field(const std::string &key) const;
  const Node *node(const std::string &key) const;
};

/// A .nir file: the writer's version string and the top-level graph.
struct File {
  std::string version;
  Node graph;
};

} // namespace snn::nir

#endif // SNN_FRONTEND_NIR_NIRGRAPH_H
