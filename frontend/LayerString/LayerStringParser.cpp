// Parser for the layer-string notation of architecture.md §1 ("784-400-10",
// "32C5/2-P2-64C5/2-P2-1024-10"): syntax, shape inference and validation.
#include "frontend/LayerString/NetworkSpec.h"
#include "runtime/MessageText.h"

#include <cctype>
#include <cstdlib>

namespace snn {
namespace frontend {
namespace {

// Larger numbers are typos rather than networks; the cap also keeps every
// derived size far from int64 overflow.
constexpr int64_t kMaxNumber = 100000000;
// Per-sample activations or per-layer weights beyond this could never be
// allocated; rejecting them keeps every product of sizes inside int64.
constexpr int64_t kMaxElements = 1000000000000;

struct Token {
  std::string text;
  size_t column; // 1-based
};

// What one token says before shapes are known.
struct TokenSyntax {
  LayerKind kind = LayerKind::Dense;
  int64_t count = 0; // dense neurons or conv maps
  int64_t kernel = 0;
  int64_t padding = 0;
  double rate = 0; // dropout
};

// a·b for non-negative sizes, or -1 once it passes kMaxElements.
int64_t cappedProduct(int64_t a, int64_t b) {
  if (a < 0 || b < 0 || (a != 0 && b > kMaxElements / a))
    return -1;
  return a * b;
}

int64_t cappedElements(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n = cappedProduct(n, d);
  return n;
}

// Splits on '-', keeping empty tokens so they are reported in column order.
std::vector<Token> splitTokens(const std::string &text) {
  std::vector<Token> tokens;
  size_t start = 0;
  while (true) {
    size_t dash = text.find('-', start);
    size_t end = dash == std::string::npos ? text.size() : dash;
    tokens.push_back({text.substr(start, end - start), start + 1});
    if (dash == std::string::npos)
      return tokens;
    start = dash + 1;
  }
}

// Reads the decimal number at `pos`; false when no digit is there. Digits
// past the cap are still consumed so the token's syntax can be judged whole.
bool readNumber(const std::string &s, size_t &pos, int64_t &value,
                bool &tooLarge) {
  size_t begin = pos;
  value = 0;
  for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos) {
    if (value <= kMaxNumber)
      value = value * 10 + (s[pos] - '0');
    if (value > kMaxNumber)
      tooLarge = true;
  }
  return pos != begin;
}

class LayerStringParser {
public:
  LayerStringParser(const std::string &text, std::string *error)
      : text(text), error(error) {}

  bool parse(const std::vector<int64_t> &inputShape, NetworkSpec &out);

private:
  bool fail(const std::string &message) {
    if (error)
      *error = "layer string " + rt::quoteForMessage(text) + ": " + message;
    return false;
  }
  bool failToken(const Token &tok, const std::string &message) {
    return fail("bad token " + rt::quoteForMessage(tok.text, 40) + " at column " +
                std::to_string(tok.column) + ": " + message);
  }
  bool failLayer(const Token &tok, const std::string &message) {
    return fail("layer " + rt::quoteForMessage(tok.text, 40) + " at column " +
                std::to_string(tok.column) + ": " + message);
  }

  bool checkNotEmpty(const Token &tok, size_t index, size_t count);
  bool parseSyntax(const Token &tok, TokenSyntax &syntax);
  bool checkInputShape(const std::vector<int64_t> &shape);
  bool addLayer(const Token &tok, const TokenSyntax &syntax, NetworkSpec &net);
  bool addDense(LayerSpec &layer, const Token &tok, int64_t neurons);
  bool addConv(LayerSpec &layer, const Token &tok, const TokenSyntax &syntax);
  bool addPool(LayerSpec &layer, const Token &tok, int64_t kernel);

  const std::string &text;
  std::string *error;
};

bool LayerStringParser::checkNotEmpty(const Token &tok, size_t index,
                                      size_t count) {
  if (!tok.text.empty())
    return true;
  if (index == 0)
    return fail("leading '-' at column 1");
  if (index + 1 == count)
    return fail("trailing '-' at column " + std::to_string(tok.column - 1));
  return fail("empty token at column " + std::to_string(tok.column) +
              " (two '-' in a row)");
}

bool LayerStringParser::parseSyntax(const Token &tok, TokenSyntax &syntax) {
  const std::string &s = tok.text;
  size_t pos = 0;
  bool tooLarge = false;
  bool ok;
  if (s[0] == 'D') {
    // Dropout: "D" and a rate in [0, 1), e.g. D0.2.
    syntax.kind = LayerKind::Dropout;
    const char *begin = s.c_str() + 1;
    char *end = nullptr;
    syntax.rate = s.size() > 1 && (std::isdigit(s[1]) || s[1] == '.') ? std::strtod(begin, &end) : -1;
    if (!end || *end != '\0' || !(syntax.rate >= 0 && syntax.rate < 1))
      return failToken(tok, "dropout is D followed by a rate in [0, 1), e.g. D0.2");
    return true;
  }
  if (s[0] == 'P') {
    pos = 1;
    syntax.kind = LayerKind::SumPool;
    ok = readNumber(s, pos, syntax.kernel, tooLarge);
  } else {
    ok = readNumber(s, pos, syntax.count, tooLarge);
    if (ok && pos < s.size() && s[pos] == 'C') {
      ++pos;
      syntax.kind = LayerKind::Conv;
      ok = readNumber(s, pos, syntax.kernel, tooLarge);
      if (ok && pos < s.size() && s[pos] == '/') {
        ++pos;
        ok = readNumber(s, pos, syntax.padding, tooLarge);
      }
    }
  }
  if (!ok || pos != s.size())
    return failToken(tok, "expected N (dense), NCk[/p] (conv), Pk (pool) or Dr (dropout)");
  if (tooLarge)
    return failToken(tok,
                     "numbers must be at most " + std::to_string(kMaxNumber));
  return true;
}

bool LayerStringParser::checkInputShape(const std::vector<int64_t> &shape) {
  for (int64_t d : shape)
    if (d < 1)
      return fail("input shape " + formatShape(shape) +
                  " has a dimension below 1");
  if (cappedElements(shape) < 0)
    return fail("input shape " + formatShape(shape) +
                " has more than 1e12 elements");
  return true;
}

bool LayerStringParser::addDense(LayerSpec &layer, const Token &tok,
                                 int64_t neurons) {
  if (neurons < 1)
    return failLayer(tok, "a dense layer needs at least 1 neuron");
  layer.outFeatures = neurons;
  layer.flattensInput = layer.inShape.size() > 1;
  layer.outShape = {neurons};
  if (cappedProduct(neurons, numElements(layer.inShape)) < 0)
    return failLayer(tok, "more than 1e12 weights");
  return true;
}

bool LayerStringParser::addConv(LayerSpec &layer, const Token &tok,
                                const TokenSyntax &syntax) {
  if (syntax.count < 1)
    return failLayer(tok, "a conv layer needs at least 1 output map");
  if (syntax.kernel < 1)
    return failLayer(tok, "kernel size must be at least 1");
  int64_t channels = layer.inShape[0];
  int64_t paddedH = layer.inShape[1] + 2 * syntax.padding;
  int64_t paddedW = layer.inShape[2] + 2 * syntax.padding;
  if (syntax.kernel > paddedH || syntax.kernel > paddedW)
    return failLayer(tok, "kernel " +
                              formatShape({syntax.kernel, syntax.kernel}) +
                              " larger than padded input " +
                              formatShape({paddedH, paddedW}));
  layer.outFeatures = syntax.count;
  layer.kernel = syntax.kernel;
  layer.padding = syntax.padding;
  layer.stride = 1;
  layer.outShape = {syntax.count, paddedH - syntax.kernel + 1,
                    paddedW - syntax.kernel + 1};
  if (cappedElements(layer.outShape) < 0)
    return failLayer(tok, "more than 1e12 outputs per sample");
  if (cappedElements({syntax.count, channels, syntax.kernel, syntax.kernel}) <
      0)
    return failLayer(tok, "more than 1e12 weights");
  return true;
}

bool LayerStringParser::addPool(LayerSpec &layer, const Token &tok,
                                int64_t kernel) {
  if (kernel < 1)
    return failLayer(tok, "pooling window must be at least 1");
  int64_t h = layer.inShape[1], w = layer.inShape[2];
  if (kernel > h || kernel > w)
    return failLayer(tok, "pooling window " + formatShape({kernel, kernel}) +
                              " larger than input " + formatShape({h, w}));
  layer.kernel = kernel;
  layer.stride = kernel;
  // Windows that would run past the edge are dropped (floor), as the spec says.
  layer.outShape = {layer.inShape[0], h / kernel, w / kernel};
  return true;
}

bool LayerStringParser::addLayer(const Token &tok, const TokenSyntax &syntax,
                                 NetworkSpec &net) {
  LayerSpec layer;
  layer.kind = syntax.kind;
  layer.token = tok.text;
  layer.column = tok.column;
  layer.inShape =
      net.layers.empty() ? net.inputShape : net.layers.back().outShape;

  if (syntax.kind != LayerKind::Dense && syntax.kind != LayerKind::Dropout &&
      layer.inShape.size() != 3) {
    std::string what =
        std::string("a ") + layerKindName(syntax.kind) + " layer";
    if (!net.layers.empty())
      return failLayer(tok, what + " cannot follow a dense layer");
    return failLayer(tok, what + " needs a CxHxW input, but the leading " +
                              "input size makes the input flat (" +
                              formatShape(layer.inShape) +
                              "); drop the input size");
  }

  bool ok = false;
  switch (syntax.kind) {
  case LayerKind::Dense:
    ok = addDense(layer, tok, syntax.count);
    break;
  case LayerKind::Conv:
    ok = addConv(layer, tok, syntax);
    break;
  case LayerKind::SumPool:
    ok = addPool(layer, tok, syntax.kernel);
    break;
  case LayerKind::Dropout:
    layer.dropoutRate = float(syntax.rate);
    layer.outShape = layer.inShape;
    ok = true;
    break;
  }
  if (ok)
    net.layers.push_back(std::move(layer));
  return ok;
}

bool LayerStringParser::parse(const std::vector<int64_t> &inputShape,
                              NetworkSpec &out) {
  if (text.empty())
    return fail("empty; expected layers such as 784-400-10 or "
                "32C5-P2-64C5-P2-1024-10");
  std::vector<Token> tokens = splitTokens(text);
  if (!inputShape.empty() && !checkInputShape(inputShape))
    return false;

  NetworkSpec net;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token &tok = tokens[i];
    TokenSyntax syntax;
    if (!checkNotEmpty(tok, i, tokens.size()) || !parseSyntax(tok, syntax))
      return false;

    if (i > 0) {
      if (!addLayer(tok, syntax, net))
        return false;
      continue;
    }
    // The first token fixes the network's input.
    if (syntax.kind == LayerKind::Dense) {
      // The paper writes MLPs input-first: "784-400-10" has input 784.
      int64_t size = syntax.count;
      if (size < 1)
        return fail("input size 0 at column 1 must be at least 1");
      if (!inputShape.empty() && numElements(inputShape) != size)
        return fail("input size " + std::to_string(size) +
                    " at column 1 does not match the input shape " +
                    formatShape(inputShape) + " (" +
                    std::to_string(numElements(inputShape)) + " elements)");
      if (tokens.size() == 1)
        return fail("no layers after the input size " + std::to_string(size));
      net.inputShape = {size};
      continue;
    }
    if (inputShape.size() != 3)
      return failLayer(tok, std::string("a ") + layerKindName(syntax.kind) +
                                " layer needs a CxHxW input shape, got " +
                                (inputShape.empty() ? std::string("none")
                                                    : formatShape(inputShape)));
    net.inputShape = inputShape;
    if (!addLayer(tok, syntax, net))
      return false;
  }

  const LayerSpec &last = net.layers.back();
  if (last.kind != LayerKind::Dense)
    return failLayer({last.token, last.column},
                     "the last layer must be dense (it is the output layer)");
  out = std::move(net);
  return true;
}

} // namespace

bool parseLayerString(const std::string &text,
                      const std::vector<int64_t> &inputShape, NetworkSpec &out,
                      std::string *error) {
  return LayerStringParser(text, error).parse(inputShape, out);
}

} // namespace frontend
} // namespace snn
