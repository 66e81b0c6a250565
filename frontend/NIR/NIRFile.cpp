// Reading and writing .nir files (HDF5, the layout of the NIR Python package) through libhdf5.
#include "frontend/NIR/NIRFile.h"

#include "runtime/AtomicFile.h"

#include <hdf5.h>

#include <algorithm>
#include <cstdio>

namespace snn::nir {

namespace {

/// Closes an HDF5 handle with its own close function when it goes out of scope.
class Handle {
public:
  Handle(hid_t id, herr_t (*close)(hid_t)) : id(id), close(close) {}
  Handle(const Handle &) = delete;
  Handle &operator=(const Handle &) = delete;
  ~Handle() {
    if (id >= 0)
      close(id);
  }
  operator hid_t() const { return id; }
  bool ok() const { return id >= 0; }

private:
  hid_t id;
  herr_t (*close)(hid_t);
};

/// HDF5 prints its error stack on stderr unless told not to; snnc reports one line.
void silenceHDF5() {
  static const bool silenced = [] {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  (void)silenced;
}

struct Reader {
  std::string file;
  std::string *error;

  bool fail(const std::string &where, const std::string &what) {
    *error = file + ": " + where + ": " + what;
    return false;
  }

  /// The dataset's extent; rank 0 for a scalar.
  static std::vector<int64_t> extent(hid_t dataset) {
    Handle space(H5Dget_space(dataset), H5Sclose);
    int rank = space.ok() ? H5Sget_simple_extent_ndims(space) : 0;
    std::vector<hsize_t> dims(size_t(rank > 0 ? rank : 0));
    if (rank > 0)
      H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    return std::vector<int64_t>(dims.begin(), dims.end());
  }

  /// The strings of a string dataset, row-major.
  bool readStrings(hid_t dataset, hid_t type, const std::string &where,
                   std::vector<std::string> &out) {
    std::vector<int64_t> shape = extent(dataset);
    size_t count = 1;
    for (int64_t d : shape)
      count *= size_t(d);
    out.clear();
    if (count == 0)
      return true;
    if (H5Tis_variable_str(type) > 0) {
      Handle memType(H5Tcopy(H5T_C_S1), H5Tclose);
      H5Tset_size(memType, H5T_VARIABLE);
      H5Tset_cset(memType, H5Tget_cset(type));
      std::vector<char *> pointers(count, nullptr);
      if (H5Dread(dataset, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()) < 0)
        return fail(where, "cannot read its strings");
      for (char *p : pointers)
        out.emplace_back(p ? p : "");
      Handle space(H5Dget_space(dataset), H5Sclose);
      H5Dvlen_reclaim(memType, space, H5P_DEFAULT, pointers.data());
      return true;
    }
    size_t width = H5Tget_size(type);
    Handle memType(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(memType, width);
    H5Tset_strpad(memType, H5T_STR_NULLPAD);
    std::vector<char> bytes(width * count);
    if (width == 0 ||
        H5Dread(dataset, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()) < 0)
      return fail(where, "cannot read its strings");
    for (size_t i = 0; i < count; ++i) {
      const char *begin = bytes.data() + i * width;
      size_t length = 0;
      while (length < width && begin[length] != '\0')
        ++length;
      out.emplace_back(begin, length);
    }
    return true;
  }

  bool readField(hid_t group, const std::string &name, const std::string &where,
                 Field &out) {
    Handle dataset(H5Dopen2(group, name.c_str(), H5P_DEFAULT), H5Dclose);
    if (!dataset.ok())
      return fail(where, "cannot open the dataset");
    Handle type(H5Dget_type(dataset), H5Tclose);
    H5T_class_t typeClass = H5Tget_class(type);
    out = Field();
    out.shape = extent(dataset);
    if (typeClass == H5T_STRING) {
      std::vector<std::string> strings;
      if (!readStrings(dataset, type, where, strings))
        return false;
      if (out.shape.empty()) {
        out.kind = Field::Kind::String;
        out.text = strings.empty() ? "" : strings[0];
        return true;
      }
      // An array of strings is only meaningful as edges; others are kept unread.
      out.kind = Field::Kind::Unsupported;
      out.typeName = "array of strings";
      return true;
    }
    if (typeClass != H5T_INTEGER && typeClass != H5T_FLOAT) {
      out.kind = Field::Kind::Unsupported;
      out.typeName = typeClass == H5T_ENUM       ? "enumeration (boolean)"
                     : typeClass == H5T_COMPOUND ? "compound"
                                                 : "non-numeric";
      return true;
    }
    out.integer = typeClass == H5T_INTEGER;
    out.numbers.resize(size_t(out.numElements()));
    if (!out.numbers.empty() && H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL,
                                        H5P_DEFAULT, out.numbers.data()) < 0)
      return fail(where, "cannot read its numbers");
    return true;
  }

  /// The names of the links in `group`, in name order.
  static std::vector<std::string> members(hid_t group) {
    std::vector<std::string> names;
    H5Literate(
        group, H5_INDEX_NAME, H5_ITER_INC, nullptr,
        [](hid_t, const char *name, const H5L_info_t *, void *data) -> herr_t {
          static_cast<std::vector<std::string> *>(data)->push_back(name);
          return 0;
        },
        &names);
    return names;
  }

  static bool isGroup(hid_t parent, const std::string &name) {
    H5O_info_t info;
    if (H5Oget_info_by_name2(parent, name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
      return false;
    return info.type == H5O_TYPE_GROUP;
  }

  bool readEdges(hid_t group, const std::string &where, Node &node) {
    Handle dataset(H5Dopen2(group, "edges", H5P_DEFAULT), H5Dclose);
    Handle type(H5Dget_type(dataset), H5Tclose);
    std::vector<int64_t> shape = extent(dataset);
    bool empty = !shape.empty() && shape[0] == 0;
    if (!empty && (H5Tget_class(type) != H5T_STRING || shape.size() != 2 || shape[1] != 2))
      return fail(where, "expected [N, 2] strings (source, destination)");
    std::vector<std::string> names;
    if (!empty && !readStrings(dataset, type, where, names))
      return false;
    for (size_t i = 0; i + 1 < names.size(); i += 2)
      node.edges.emplace_back(names[i], names[i + 1]);
    return true;
  }

  bool readNode(hid_t group, const std::string &name, const std::string &where, Node &node) {
    node.name = name;
    for (const std::string &member : members(group)) {
      std::string at = where + "/" + member;
      if (isGroup(group, member)) {
        Handle child(H5Gopen2(group, member.c_str(), H5P_DEFAULT), H5Gclose);
        if (member == "nodes") {
          for (const std::string &childName : members(child)) {
            Handle childGroup(H5Gopen2(child, childName.c_str(), H5P_DEFAULT), H5Gclose);
            if (!childGroup.ok())
              return fail(at + "/" + childName, "expected a node group");
            node.nodes.emplace_back();
            if (!readNode(childGroup, childName, at + "/" + childName, node.nodes.back()))
              return false;
          }
        } else if (member == "metadata") {
          for (const std::string &key : members(child)) {
            if (isGroup(child, key))
              continue; // nested metadata is free-form; nothing here reads it
            if (!readField(child, key, at + "/" + key, node.metadata[key]))
              return false;
          }
        } else {
          // A dict-valued field (NIR writes Flatten's `input_type` as {"input": shape}):
          // its entries become fields "<name>.<key>", and a single entry also "<name>".
          std::vector<std::string> keys = members(child);
          for (const std::string &key : keys) {
            if (isGroup(child, key))
              continue; // deeper nesting is free-form; nothing here reads it
            if (!readField(child, key, at + "/" + key, node.fields[member + "." + key]))
              return false;
          }
          if (keys.size() == 1 && node.fields.count(member + "." + keys[0]))
            node.fields[member] = node.fields[member + "." + keys[0]];
        }
        continue;
      }
      if (member == "edges") {
        if (!readEdges(group, at, node))
          return false;
        continue;
      }
      Field field;
      if (!readField(group, member, at, field))
        return false;
      if (member == "type") {
        if (field.kind != Field::Kind::String)
          return fail(at, "expected the node's type as a string");
        node.type = field.text;
        continue;
      }
      node.fields[member] = std::move(field);
    }
    if (node.type.empty())
      return fail(where, "the node has no 'type'");
    return true;
  }
};

/// Writes numbers as float32 (or int64 for integer fields) and strings as
/// variable-length UTF-8, in the layout Reader reads.
struct Writer {
  std::string *error;
  std::string file;

  bool fail(const std::string &where, const std::string &what) {
    *error = file + ": " + where + ": " + what;
    return false;
  }

  bool writeString(hid_t group, const std::string &name, const std::string &text,
                   const std::string &where) {
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    Handle dataset(H5Dcreate2(group, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT,
                              H5P_DEFAULT),
                   H5Dclose);
    const char *data = text.c_str();
    if (!dataset.ok() || H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &data) < 0)
      return fail(where + "/" + name, "cannot write");
    return true;
  }

  bool writeField(hid_t group, const std::string &name, const Field &field,
                  const std::string &where) {
    if (field.kind == Field::Kind::String)
      return writeString(group, name, field.text, where);
    if (field.kind == Field::Kind::Unsupported)
      return true; // kept from a read file but not understood: not written back
    std::vector<hsize_t> dims(field.shape.begin(), field.shape.end());
    Handle space(dims.empty() ? H5Screate(H5S_SCALAR)
                              : H5Screate_simple(int(dims.size()), dims.data(), nullptr),
                 H5Sclose);
    hid_t fileType = field.integer ? H5T_STD_I64LE : H5T_IEEE_F32LE;
    Handle dataset(H5Dcreate2(group, name.c_str(), fileType, space, H5P_DEFAULT, H5P_DEFAULT,
                              H5P_DEFAULT),
                   H5Dclose);
    if (!dataset.ok() ||
        (!field.numbers.empty() && H5Dwrite(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL,
                                            H5P_DEFAULT, field.numbers.data()) < 0))
      return fail(where + "/" + name, "cannot write");
    return true;
  }

  bool writeEdges(hid_t group, const Node &node, const std::string &where) {
    size_t width = 1;
    for (const auto &[from, to] : node.edges)
      width = std::max({width, from.size(), to.size()});
    std::vector<char> bytes(node.edges.size() * 2 * width, '\0');
    for (size_t i = 0; i < node.edges.size(); ++i) {
      node.edges[i].first.copy(bytes.data() + (2 * i) * width, width);
      node.edges[i].second.copy(bytes.data() + (2 * i + 1) * width, width);
    }
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type, width);
    H5Tset_strpad(type, H5T_STR_NULLPAD);
    hsize_t dims[2] = {node.edges.size(), 2};
    Handle space(H5Screate_simple(2, dims, nullptr), H5Sclose);
    Handle dataset(
        H5Dcreate2(group, "edges", type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
        H5Dclose);
    if (!dataset.ok() ||
        (!bytes.empty() &&
         H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()) < 0))
      return fail(where + "/edges", "cannot write");
    return true;
  }

  bool writeNode(hid_t group, const Node &node, const std::string &where) {
    if (!writeString(group, "type", node.type, where))
      return false;
    for (const auto &[name, field] : node.fields)
      if (!writeField(group, name, field, where))
        return false;
    if (node.type != "NIRGraph")
      return true;
    Handle nodes(H5Gcreate2(group, "nodes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    if (!nodes.ok())
      return fail(where + "/nodes", "cannot create the group");
    for (const Node &child : node.nodes) {
      Handle childGroup(
          H5Gcreate2(nodes, child.name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
          H5Gclose);
      if (!childGroup.ok())
        return fail(where + "/nodes/" + child.name, "cannot create the group");
      if (!writeNode(childGroup, child, where + "/nodes/" + child.name))
        return false;
    }
    if (!writeEdges(group, node, where))
      return false;
    if (node.metadata.empty())
      return true;
    Handle metadata(H5Gcreate2(group, "metadata", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                    H5Gclose);
    for (const auto &[name, field] : node.metadata)
      if (!metadata.ok() || !writeField(metadata, name, field, where + "/metadata"))
        return fail(where + "/metadata", "cannot write");
    return true;
  }
};

} // namespace

bool readFile(const std::string &path, File &out, std::string *error) {
  silenceHDF5();
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    FILE *probe = std::fopen(path.c_str(), "rb");
    if (!probe) {
      *error = path + ": cannot open the file";
      return false;
    }
    std::fclose(probe);
    *error = path + ": not a NIR file (not HDF5)";
    return false;
  }
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.ok()) {
    *error = path + ": cannot open the HDF5 file";
    return false;
  }
  Reader reader{path, error};
  out = File();
  if (H5Lexists(file, "version", H5P_DEFAULT) > 0) {
    Field version;
    if (!reader.readField(file, "version", "/version", version))
      return false;
    if (version.kind == Field::Kind::String)
      out.version = version.text;
  }
  if (H5Lexists(file, "node", H5P_DEFAULT) <= 0 || !Reader::isGroup(file, "node"))
    return reader.fail("/", "not a NIR file (no 'node' group)");
  Handle root(H5Gopen2(file, "node", H5P_DEFAULT), H5Gclose);
  return reader.readNode(root, "", "/node", out.graph);
}

bool writeFile(const std::string &path, const File &file, std::string *error) {
  silenceHDF5();
  rt::AtomicFile atomic;
  if (!atomic.open(path, error))
    return false;
  {
    Handle h5(H5Fcreate(atomic.temporaryPath().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT,
                        H5P_DEFAULT),
              H5Fclose);
    if (!h5.ok()) {
      *error = path + ": cannot create the HDF5 file";
      return false;
    }
    Writer writer{error, path};
    if (!writer.writeString(h5, "version", file.version, ""))
      return false;
    Handle root(H5Gcreate2(h5, "node", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    if (!root.ok() || !writer.writeNode(root, file.graph, "/node"))
      return root.ok() ? false : writer.fail("/node", "cannot create the group");
    if (H5Fflush(h5, H5F_SCOPE_GLOBAL) < 0) {
      *error = path + ": cannot write the HDF5 file";
      return false;
    }
  }
  return atomic.commit(error);
}

} // namespace snn::nir
