// A small command-line parser for snnc subcommands: named options, flags, positionals.
#include "tools/snnc/Args.h"
#include "runtime/MessageText.h"

#include <sstream>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace snn::driver {

using rt::quoteForMessage;

Args::Args(std::string command, std::string usage, std::string summary)
    : command(std::move(command)), usage(std::move(usage)), summary(std::move(summary)) {}

void Args::option(const std::string &name, const std::string &metavar,
                  const std::string &help, std::string *target) {
  specs.push_back({name, metavar, help, target, nullptr});
}

void Args::flag(const std::string &name, const std::string &help, bool *target) {
  specs.push_back({name, "", help, nullptr, target});
}

std::string Args::help() const {
  std::string text = "usage: snnc " + command + " " + usage + "\n\n" + summary + "\n\noptions:\n";
  for (const Spec &s : specs) {
    std::string left = "  --" + s.name + (s.metavar.empty() ? "" : " " + s.metavar);
    if (left.size() < 30)
      left.resize(30, ' ');
    else
      left += "\n" + std::string(30, ' ');
    text += left + s.help;
    if (s.value && !s.value->empty())
      text += " (default: " + *s.value + ")";
    text += "\n";
  }
  text += "  --help                      show this help\n";
  return text;
}

bool Args::parse(const std::vector<std::string> &argv, size_t maxPositionals,
                 std::string *error) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string &arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(help().c_str(), stdout);
      helpShown = true;
      return true;
    }
    if (arg.size() > 2 && arg.compare(0, 2, "--") == 0) {
      std::string name = arg.substr(2), value;
      bool inlineValue = false;
      if (size_t eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        inlineValue = true;
      }
      Spec *spec = nullptr;
      for (Spec &s : specs)
        if (s.name == name)
          spec = &s;
      if (!spec) {
        *error = "unknown option " + quoteForMessage("--" + name) + " (see 'snnc " + command +
                 " --help')";
        return false;
      }
      if (!see(*spec, "--" + name, error))
        return false;
      if (spec->flag) {
        if (inlineValue) {
          *error = "option '--" + name + "' takes no value";
          return false;
        }
        *spec->flag = true;
        continue;
      }
      if (!inlineValue) {
        if (i + 1 >= argv.size()) {
          *error = "option '--" + name + "' needs a value " + spec->metavar;
          return false;
        }
        value = argv[++i];
      }
      *spec->value = value;
      continue;
    }
    if (arg == "-o") {
      Spec *out = nullptr;
      for (Spec &s : specs)
        if (s.name == "output-file")
          out = &s;
      if (!out || i + 1 >= argv.size()) {
        *error = out ? "option '-o' needs a file name" : "unknown option '-o'";
        return false;
      }
      if (!see(*out, "-o", error))
        return false;
      *out->value = argv[++i];
      continue;
    }
    if (positional.size() >= maxPositionals) {
      *error = "unexpected argument " + quoteForMessage(arg) + " (see 'snnc " + command +
               " --help')";
      return false;
    }
    positional.push_back(arg);
  }
  return true;
}

bool Args::see(Spec &spec, const std::string &spelling, std::string *error) {
  if (spec.seen) {
    // Which of two values was meant cannot be guessed; the last one winning
    // silently has cost users whole training runs.
    *error = "option '" + spelling + "' is given twice";
    return false;
  }
  spec.seen = true;
  return true;
}

bool Args::given(const std::string &name) const {
  for (const Spec &s : specs)
    if (s.name == name)
      return s.seen;
  return false;
}

bool toInt(const std::string &option, const std::string &text, long long lo, long long hi,
           long long &out, std::string *error) {
  char *end = nullptr;
  errno = 0;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0') {
    *error = "option '--" + option + "': expected an integer in [" + std::to_string(lo) +
             ", " + std::to_string(hi) + "], got " + quoteForMessage(text);
    return false;
  }
  if (errno == ERANGE || v < lo || v > hi) {
    *error = "option '--" + option + "': " + quoteForMessage(text) + " is " +
             (errno == ERANGE ? (text[0] == '-' ? "too small" : "too large")
                              : v < lo ? "too small" : "too large") +
             " (allowed: " + std::to_string(lo) + " to " + std::to_string(hi) + ")";
    return false;
  }
  out = v;
  return true;
}

bool toFloat(const std::string &option, const std::string &text, double &out,
             std::string *error) {
  char *end = nullptr;
  errno = 0;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(v)) {
    *error = "option '--" + option + "': expected a finite number, got " + quoteForMessage(text);
    return false;
  }
  out = v;
  return true;
}

bool parseInputShape(const std::string &text, std::vector<int64_t> &shape, std::string *error) {
  shape.clear();
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, 'x')) {
    long long v;
    if (!toInt("input-shape", part, 1, 1 << 24, v, error))
      return false;
    shape.push_back(v);
  }
  if (shape.empty() || shape.size() > 3) {
    *error = "option '--input-shape': expected F or CxHxW, got '" + text + "'";
    return false;
  }
  return true;
}

} // namespace snn::driver
