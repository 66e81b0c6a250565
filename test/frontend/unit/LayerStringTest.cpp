// Unit tests of the layer-string parser: the paper's networks with every
// layer's shapes, and every error with its exact one-line message.
#include "frontend/LayerString/NetworkSpec.h"

#include <gtest/gtest.h>

using namespace snn::frontend;

namespace {

using Shape = std::vector<int64_t>;
const Shape kMnist = {1, 28, 28};

NetworkSpec parseOk(const std::string &text, const Shape &input) {
  NetworkSpec net;
  std::string error;
  EXPECT_TRUE(parseLayerString(text, input, net, &error)) << error;
  EXPECT_EQ(error, "");
  return net;
}

std::string parseError(const std::string &text, const Shape &input = kMnist) {
  NetworkSpec net;
  std::string error;
  EXPECT_FALSE(parseLayerString(text, input, net, &error)) << text;
  return error;
}

void expectDense(const LayerSpec &l, const std::string &token, size_t column,
                 const Shape &in, int64_t neurons) {
  SCOPED_TRACE(token);
  EXPECT_EQ(l.kind, LayerKind::Dense);
  EXPECT_EQ(l.token, token);
  EXPECT_EQ(l.column, column);
  EXPECT_EQ(l.outFeatures, neurons);
  EXPECT_EQ(l.inShape, in);
  EXPECT_EQ(l.outShape, Shape({neurons}));
  EXPECT_EQ(l.flattensInput, in.size() == 3);
  EXPECT_EQ(l.weightShape(), Shape({neurons, numElements(in)}));
}

void expectConv(const LayerSpec &l, const std::string &token, size_t column,
                const Shape &in, int64_t kernel, int64_t padding,
                const Shape &out) {
  SCOPED_TRACE(token);
  EXPECT_EQ(l.kind, LayerKind::Conv);
  EXPECT_EQ(l.token, token);
  EXPECT_EQ(l.column, column);
  EXPECT_EQ(l.outFeatures, out[0]);
  EXPECT_EQ(l.kernel, kernel);
  EXPECT_EQ(l.padding, padding);
  EXPECT_EQ(l.stride, 1);
  EXPECT_EQ(l.inShape, in);
  EXPECT_EQ(l.outShape, out);
  EXPECT_FALSE(l.flattensInput);
  EXPECT_EQ(l.weightShape(), Shape({out[0], in[0], kernel, kernel}));
}

void expectPool(const LayerSpec &l, const std::string &token, size_t column,
                const Shape &in, int64_t kernel, const Shape &out) {
  SCOPED_TRACE(token);
  EXPECT_EQ(l.kind, LayerKind::SumPool);
  EXPECT_EQ(l.token, token);
  EXPECT_EQ(l.column, column);
  EXPECT_EQ(l.kernel, kernel);
  EXPECT_EQ(l.stride, kernel);
  EXPECT_DOUBLE_EQ(l.poolScale, 1.1);
  EXPECT_EQ(l.inShape, in);
  EXPECT_EQ(l.outShape, out);
  EXPECT_EQ(l.numWeights(), 0);
}

// The Fashion-MNIST MLP: the leading 784 is the input, not a layer.
TEST(LayerString, MlpInputFirst) {
  NetworkSpec net = parseOk("784-400-400-10", kMnist);
  EXPECT_EQ(net.inputShape, Shape({784}));
  ASSERT_EQ(net.layers.size(), 3u);
  expectDense(net.layers[0], "400", 5, {784}, 400);
  expectDense(net.layers[1], "400", 9, {400}, 400);
  expectDense(net.layers[2], "10", 13, {400}, 10);
  EXPECT_EQ(net.numClasses(), 10);
}

// A flat input shape, or none at all, is taken from the leading number.
TEST(LayerString, MlpFlatOrUnknownInput) {
  EXPECT_EQ(parseOk("784-10", {784}).inputShape, Shape({784}));
  NetworkSpec net = parseOk("4-3-2", {});
  EXPECT_EQ(net.inputShape, Shape({4}));
  ASSERT_EQ(net.layers.size(), 2u);
  expectDense(net.layers[0], "3", 3, {4}, 3);
  expectDense(net.layers[1], "2", 5, {3}, 2);
}

// MNIST CNN of spec §6: 28→24→12→8→4, flatten 640 → 300 → 10.
TEST(LayerString, MnistCnn) {
  NetworkSpec net = parseOk("15C5-P2-40C5-P2-300-10", kMnist);
  EXPECT_EQ(net.inputShape, kMnist);
  ASSERT_EQ(net.layers.size(), 6u);
  expectConv(net.layers[0], "15C5", 1, kMnist, 5, 0, {15, 24, 24});
  expectPool(net.layers[1], "P2", 6, {15, 24, 24}, 2, {15, 12, 12});
  expectConv(net.layers[2], "40C5", 9, {15, 12, 12}, 5, 0, {40, 8, 8});
  expectPool(net.layers[3], "P2", 14, {40, 8, 8}, 2, {40, 4, 4});
  expectDense(net.layers[4], "300", 17, {40, 4, 4}, 300);
  EXPECT_EQ(net.layers[4].numWeights(), 300 * 640);
  expectDense(net.layers[5], "10", 21, {300}, 10);
  EXPECT_EQ(net.numClasses(), 10);
}

// Fashion-MNIST CNN with padding 2: 28→28→14→14→7, 3136 → 1024 → 10.
TEST(LayerString, FashionCnnPadded) {
  NetworkSpec net = parseOk("32C5/2-P2-64C5/2-P2-1024-10", kMnist);
  ASSERT_EQ(net.layers.size(), 6u);
  expectConv(net.layers[0], "32C5/2", 1, kMnist, 5, 2, {32, 28, 28});
  expectPool(net.layers[1], "P2", 8, {32, 28, 28}, 2, {32, 14, 14});
  expectConv(net.layers[2], "64C5/2", 11, {32, 14, 14}, 5, 2, {64, 14, 14});
  expectPool(net.layers[3], "P2", 18, {64, 14, 14}, 2, {64, 7, 7});
  expectDense(net.layers[4], "1024", 21, {64, 7, 7}, 1024);
  EXPECT_EQ(net.layers[4].weightShape(), Shape({1024, 3136}));
  expectDense(net.layers[5], "10", 26, {1024}, 10);
}

// The same layers without padding: 28→24→12→8→4, 1024 → 1024 → 10.
TEST(LayerString, FashionCnnUnpadded) {
  NetworkSpec net = parseOk("32C5-P2-64C5-P2-1024-10", kMnist);
  ASSERT_EQ(net.layers.size(), 6u);
  expectConv(net.layers[0], "32C5", 1, kMnist, 5, 0, {32, 24, 24});
  expectPool(net.layers[1], "P2", 6, {32, 24, 24}, 2, {32, 12, 12});
  expectConv(net.layers[2], "64C5", 9, {32, 12, 12}, 5, 0, {64, 8, 8});
  expectPool(net.layers[3], "P2", 14, {64, 8, 8}, 2, {64, 4, 4});
  expectDense(net.layers[4], "1024", 17, {64, 4, 4}, 1024);
  expectDense(net.layers[5], "10", 22, {1024}, 10);
}

// N-MNIST CNN: 2x34x34, pad 1 → 32 → 16; pad 0 → 12 → 6; 2304 → 10.
TEST(LayerString, NmnistCnn) {
  NetworkSpec net = parseOk("12C5/1-P2-64C5-P2-10", {2, 34, 34});
  ASSERT_EQ(net.layers.size(), 5u);
  expectConv(net.layers[0], "12C5/1", 1, {2, 34, 34}, 5, 1, {12, 32, 32});
  expectPool(net.layers[1], "P2", 8, {12, 32, 32}, 2, {12, 16, 16});
  expectConv(net.layers[2], "64C5", 11, {12, 16, 16}, 5, 0, {64, 12, 12});
  expectPool(net.layers[3], "P2", 16, {64, 12, 12}, 2, {64, 6, 6});
  expectDense(net.layers[4], "10", 19, {64, 6, 6}, 10);
  EXPECT_EQ(net.layers[4].numWeights(), 10 * 2304);
}

// Pooling floors odd sizes (spec §2.2); a kernel may fill the padded input.
TEST(LayerString, PoolFloorsAndFullKernel) {
  NetworkSpec net = parseOk("P2-3C6/2-10", {1, 5, 5});
  ASSERT_EQ(net.layers.size(), 3u);
  expectPool(net.layers[0], "P2", 1, {1, 5, 5}, 2, {1, 2, 2});
  expectConv(net.layers[1], "3C6/2", 4, {1, 2, 2}, 6, 2, {3, 1, 1});
  expectDense(net.layers[2], "10", 10, {3, 1, 1}, 10);
  EXPECT_EQ(parseError("P2-P3-10", {1, 5, 5}),
            "layer string 'P2-P3-10': layer 'P3' at column 4: pooling window "
            "3x3 larger than input 2x2");
}

// The largest accepted number is 1e8; its weights stay below the cap.
TEST(LayerString, LargestNumber) {
  NetworkSpec net = parseOk("784-100000000-10", kMnist);
  EXPECT_EQ(net.layers[0].outFeatures, 100000000);
}

TEST(LayerStringErrors, Syntax) {
  EXPECT_EQ(parseError(""), "layer string '': empty; expected layers such as "
                            "784-400-10 or 32C5-P2-64C5-P2-1024-10");
  EXPECT_EQ(parseError("784-40x-10"),
            "layer string '784-40x-10': bad token '40x' at column 5: expected "
            "N (dense), NCk[/p] (conv), Pk (pool) or Dr (dropout)");
  EXPECT_EQ(parseError("32c5-10"),
            "layer string '32c5-10': bad token '32c5' at column 1: expected "
            "N (dense), NCk[/p] (conv), Pk (pool) or Dr (dropout)");
  EXPECT_EQ(parseError("32C5/-10"),
            "layer string '32C5/-10': bad token '32C5/' at column 1: expected "
            "N (dense), NCk[/p] (conv), Pk (pool) or Dr (dropout)");
  EXPECT_EQ(parseError("P-10"),
            "layer string 'P-10': bad token 'P' at column 1: expected N "
            "(dense), NCk[/p] (conv), Pk (pool) or Dr (dropout)");
  EXPECT_EQ(parseError("784- 10"),
            "layer string '784- 10': bad token ' 10' at column 5: expected N "
            "(dense), NCk[/p] (conv), Pk (pool) or Dr (dropout)");
}

// Proves: dropout tokens take a rate in [0, 1), keep the shape, add no weights, and bad
// rates are rejected naming the token.
TEST(LayerString, Dropout) {
  NetworkSpec net = parseOk("8C3-D0.25-P2-16-D.5-10", {1, 6, 6});
  ASSERT_EQ(net.layers.size(), 6u);
  EXPECT_EQ(net.layers[1].kind, LayerKind::Dropout);
  EXPECT_FLOAT_EQ(net.layers[1].dropoutRate, 0.25f);
  EXPECT_EQ(net.layers[1].outShape, (std::vector<int64_t>{8, 4, 4}));
  EXPECT_EQ(net.layers[1].numWeights(), 0);
  EXPECT_FALSE(net.layers[1].hasWeights());
  EXPECT_FLOAT_EQ(net.layers[4].dropoutRate, 0.5f);
  for (const char *bad : {"784-D-10", "784-D1-10", "784-D1.5-10", "784-D-0.1-10",
                          "784-D0.2x-10", "784-Dx-10"})
    EXPECT_NE(parseError(bad).find("dropout is D followed by a rate in [0, 1), e.g. D0.2"),
              std::string::npos)
        << bad << ": " << parseError(bad);
  EXPECT_NE(parseError("784-400-D0.2").find("the last layer must be dense"), std::string::npos);
}

TEST(LayerStringErrors, EmptyTokens) {
  EXPECT_EQ(parseError("784--10"),
            "layer string '784--10': empty token at column 5 (two '-' in a "
            "row)");
  EXPECT_EQ(parseError("784-10-"),
            "layer string '784-10-': trailing '-' at column 7");
  EXPECT_EQ(parseError("-784-10"),
            "layer string '-784-10': leading '-' at column 1");
}

TEST(LayerStringErrors, ZeroSizes) {
  EXPECT_EQ(parseError("0-10"),
            "layer string '0-10': input size 0 at column 1 must be at least 1");
  EXPECT_EQ(parseError("784-0-10"),
            "layer string '784-0-10': layer '0' at column 5: a dense layer "
            "needs at least 1 neuron");
  EXPECT_EQ(parseError("0C5-10"),
            "layer string '0C5-10': layer '0C5' at column 1: a conv layer "
            "needs at least 1 output map");
  EXPECT_EQ(parseError("32C0-10"),
            "layer string '32C0-10': layer '32C0' at column 1: kernel size "
            "must be at least 1");
  EXPECT_EQ(parseError("P0-10"), "layer string 'P0-10': layer 'P0' at column "
                                 "1: pooling window must be at least 1");
}

TEST(LayerStringErrors, TooLarge) {
  EXPECT_EQ(parseError("784-1000000000-10"),
            "layer string '784-1000000000-10': bad token '1000000000' at "
            "column 5: numbers must be at most 100000000");
  // Far past int64: still a clean error, no overflow.
  EXPECT_EQ(parseError("99999999999999999999999C5-10"),
            "layer string '99999999999999999999999C5-10': bad token "
            "'99999999999999999999999C5' at column 1: numbers must be at most "
            "100000000");
  EXPECT_EQ(parseError("100000000-100000000-10", {}),
            "layer string '100000000-100000000-10': layer '100000000' at "
            "column 11: more than 1e12 weights");
  EXPECT_EQ(parseError("100000C1/100000000-10"),
            "layer string '100000C1/100000000-10': layer '100000C1/100000000' "
            "at column 1: more than 1e12 outputs per sample");
}

TEST(LayerStringErrors, Shapes) {
  EXPECT_EQ(parseError("32C5/2-P2-64C5/2-P2-64C9-10"),
            "layer string '32C5/2-P2-64C5/2-P2-64C9-10': layer '64C9' at "
            "column 21: kernel 9x9 larger than padded input 7x7");
  EXPECT_EQ(parseError("32C5-P2-64C5-P2-P8-10"),
            "layer string '32C5-P2-64C5-P2-P8-10': layer 'P8' at column 17: "
            "pooling window 8x8 larger than input 4x4");
  EXPECT_EQ(parseError("32C5-100-P2-10"),
            "layer string '32C5-100-P2-10': layer 'P2' at column 10: a pool "
            "layer cannot follow a dense layer");
  EXPECT_EQ(parseError("32C5-100-8C3-10"),
            "layer string '32C5-100-8C3-10': layer '8C3' at column 10: a conv "
            "layer cannot follow a dense layer");
  EXPECT_EQ(parseError("784-32C5-10"),
            "layer string '784-32C5-10': layer '32C5' at column 5: a conv "
            "layer needs a CxHxW input, but the leading input size makes the "
            "input flat (784); drop the input size");
  EXPECT_EQ(parseError("32C5-P2"), "layer string '32C5-P2': layer 'P2' at "
                                   "column 6: the last layer must be dense (it "
                                   "is the output layer)");
}

TEST(LayerStringErrors, Input) {
  EXPECT_EQ(parseError("784"),
            "layer string '784': no layers after the input size 784");
  EXPECT_EQ(parseError("400-10"),
            "layer string '400-10': input size 400 at column 1 does not match "
            "the input shape 1x28x28 (784 elements)");
  EXPECT_EQ(parseError("32C5-10", {784}),
            "layer string '32C5-10': layer '32C5' at column 1: a conv layer "
            "needs a CxHxW input shape, got 784");
  EXPECT_EQ(parseError("P2-10", {}),
            "layer string 'P2-10': layer 'P2' at column 1: a pool layer needs "
            "a CxHxW input shape, got none");
  EXPECT_EQ(
      parseError("784-10", {1, 0, 28}),
      "layer string '784-10': input shape 1x0x28 has a dimension below 1");
}

// A null error pointer is allowed, and a failed parse leaves `out` alone.
TEST(LayerStringErrors, NullErrorAndUntouchedOutput) {
  NetworkSpec net = parseOk("784-10", kMnist);
  EXPECT_FALSE(parseLayerString("784-x", kMnist, net, nullptr));
  EXPECT_EQ(net.layers.size(), 1u);
  EXPECT_EQ(net.inputShape, Shape({784}));
}

} // namespace
