// A NIR graph in memory: nodes with typed fields, edges, metadata; what a .nir (HDF5) file holds.
#include "frontend/NIR/NIRGraph.h"

namespace snn::nir {

Field Field::scalar(double v, bool isInteger) {
  Field f;
  f.numbers = {v};
  f.integer = isInteger;
  return f;
}

Field Field::array(std::vector<int64_t> shape, std::vector<double> values, bool isInteger) {
  Field f;
  f.shape = std::move(shape);
  f.numbers = std::move(values);
  f.integer = isInteger;
  return f;
}

Field Field::string(std::string s) {
  Field f;
  f.kind = Kind::String;
  f.text = std::move(s);
  return f;
}

int64_t Field::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

const Field *Node::field(const std::string &key) const {
  auto it = fields.find(key);
  return it == fields.end() ? nullptr : &it->second;
}

const Node *Node::node(const std::string &key) const {
  for (const Node &n : nodes)
    if (n.name == key)
      return &n;
  return nullptr;
}

} // namespace snn::nir
