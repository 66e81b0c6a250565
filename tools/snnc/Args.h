// A small command-line parser for snnc subcommands: named options, flags, positionals.
#ifndef SNN_TOOLS_SNNC_ARGS_H
#define SNN_TOOLS_SNNC_ARGS_H

#include <string>
#include <cstdint>
#include <vector>

namespace snn::driver {

class Args {
public:
  Args(std::string command, std::string usage, std::string summary);
  /// `--name VALUE` or `--name=VALUE`; `*target` keeps its default when absent.
  void option(const std::string &name, const std::string &metavar, const std::string &help,
              std::string *target);
  /// `--name` alone.
  void flag(const std::string &name, const std::string &help, bool *target);
  /// Parses; on `--help` prints the help and sets `helpShown`. Returns false with a
  /// one-line `*error` for unknown options, missing values or extra positionals.
  bool parse(const std::vector<std::string> &argv, size_t maxPositionals, std::string *error);
  const std::vector<std::string> &positionals() const { return positional; }
  /// Whether `--name` (or `-o` for output-file) was on the command line.
  bool given(const std::string &name) const;
  bool helpShown = false;
  std::string help() const;

private:
  struct Spec {
    std::string name, metavar, help;
    std::string *value = nullptr;
    bool *flag = nullptr;
    bool seen = false;
  };
  /// Marks `spec` as seen; false with an error when it already was.
  bool see(Spec &spec, const std::string &spelling, std::string *error);
  std::string command, usage, summary;
  std::vector<Spec> specs;
  std::vector<std::string> positional;
};

/// Integer and float conversions with a one-line error naming the option.
bool toInt(const std::string &option, const std::string &text, long long lo, long long hi,
           long long &out, std::string *error);
bool toFloat(const std::string &option, const std::string &text, double &out,
             std::string *error);

/// `--input-shape F|CxHxW` of layer-string models.
bool parseInputShape(const std::string &text, std::vector<int64_t> &shape, std::string *error);

} // namespace snn::driver

#endif // SNN_TOOLS_SNNC_ARGS_H
