// Tests of the core program file: binary round trip, hostile bytes, every validation rule, text form.
#include "runtime/CoreProgram.h"

#include "test/runtime/CoreTestPrograms.h"
#include "test/runtime/TestUtil.h"

#include "gtest/gtest.h"

#include <fstream>
#include <sstream>

namespace snn::core::test {
namespace {

using rt::test::ScratchDir;

/// Input [1, 3, 3] as spikes -> conv 2x2 -> [2, 2, 2] -> dense -> [3], on a
/// few cores (seeded mapping).
Program smallProgram(InputMode mode = InputMode::Spikes) {
  Program p;
  p.target = "small";
  p.semantics.accumulator = {16, Overflow::Saturate};
  p.semantics.current = {12, Overflow::Wrap};
  p.semantics.voltage = {16, Overflow::Saturate};
  p.inputMode = mode;
  p.timeSteps = 4;
  p.inputShape = {1, 3, 3};
  p.inputMin = mode == InputMode::Spikes ? 0 : -5;
  p.inputMax = 3;
  Population conv;
  conv.name = "conv";
  conv.shape = {2, 2, 2};
  conv.threshold = 4;
  conv.voltageDecay = 100;
  Population fc;
  fc.name = "fc";
  fc.shape = {3};
  fc.threshold = 3;
  p.populations = {conv, fc};
  Projection c;
  c.kind = ProjectionKind::Conv;
  c.source = -1;
  c.target = 0;
  c.weightShape = {2, 1, 2, 2};
  c.weights = {1, 2, -1, 3, 0, 4, 2, -2};
  Projection d;
  d.source = 0;
  d.target = 1;
  d.weightShape = {3, 8};
  for (int i = 0; i < 24; ++i)
    d.weights.push_back(int16_t(i % 5 - 2));
  p.projections = {c, d};
  p.outputPopulation = 1;
  setTiming(p, 1);
  Rng r(7);
  mapToCores(p, r);
  return p;
}

std::string decodeError(const std::string &bytes) {
  Program out;
  std::string error;
  EXPECT_FALSE(decodeProgramBinary(bytes.data(), bytes.size(), "p.bin", &out, &error));
  return error;
}

std::string validationError(const Program &p) {
  std::string error;
  EXPECT_FALSE(validateProgram(p, "p.bin", &error));
  // The same failure through the file path: encoding does not validate.
  std::string viaFile = decodeError(encodeProgramBinary(p));
  EXPECT_EQ(error, viaFile);
  return error;
}

void expectOneLine(const std::string &error) {
  EXPECT_FALSE(error.empty());
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  EXPECT_EQ(error.rfind("p.bin: ", 0), 0u) << error;
}

TEST(CoreProgram, SmallProgramIsValid) {
  for (InputMode mode : {InputMode::Current, InputMode::Bias, InputMode::Spikes}) {
    Program p = smallProgram(mode);
    if (mode == InputMode::Bias) {
      p.semantics.biasMantissaBits = 6;
      p.semantics.biasExponentMax = 3;
    }
    std::string error;
    EXPECT_TRUE(validateProgram(p, "p.bin", &error)) << error;
  }
}

TEST(CoreProgram, BinaryRoundTripIsExact) {
  for (uint64_t seed = 0; seed < 40; ++seed) {
    Program p = randomProgram(seed);
    std::string bytes = encodeProgramBinary(p);
    Program back;
    std::string error;
    ASSERT_TRUE(decodeProgramBinary(bytes.data(), bytes.size(), "p.bin", &back, &error))
        << "seed " << seed << ": " << error;
    EXPECT_EQ(encodeProgramBinary(back), bytes);
    EXPECT_EQ(programText(back), programText(p));
    EXPECT_EQ(back.inputScale, p.inputScale);
    EXPECT_EQ(back.tauS, p.tauS);
  }
}

TEST(CoreProgram, FilesRoundTripAndErrorsNameThePath) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  Program p = smallProgram();
  std::string error;
  ASSERT_TRUE(writeProgramBinary(p, dir.path("program.bin"), &error)) << error;
  ASSERT_TRUE(writeProgramText(p, dir.path("program.txt"), &error)) << error;
  Program back;
  ASSERT_TRUE(readProgramBinary(dir.path("program.bin"), &back, &error)) << error;
  EXPECT_EQ(encodeProgramBinary(back), encodeProgramBinary(p));
  std::ifstream text(dir.path("program.txt"));
  std::stringstream buffer;
  buffer << text.rdbuf();
  EXPECT_EQ(buffer.str(), programText(p));

  EXPECT_FALSE(readProgramBinary(dir.path("missing.bin"), &back, &error));
  EXPECT_EQ(error, dir.path("missing.bin") + ": cannot open: No such file or directory");
  EXPECT_FALSE(readProgramBinary(dir.root(), &back, &error));
  EXPECT_NE(error.find("not a regular file"), std::string::npos) << error;
  ASSERT_TRUE(rt::test::writeFile(dir.path("empty.bin"), ""));
  EXPECT_FALSE(readProgramBinary(dir.path("empty.bin"), &back, &error));
  EXPECT_EQ(error, dir.path("empty.bin") + ": not a core program (no SNNCPROG magic)");

  // An invalid program is never written; the previous file stays.
  Program bad = p;
  bad.semantics.synapticDelay = 0;
  EXPECT_FALSE(writeProgramBinary(bad, dir.path("program.bin"), &error));
  EXPECT_EQ(error, dir.path("program.bin") +
                       ": internal error: invalid program: semantics: synaptic delay 0 "
                       "(expected >= 1)");
  ASSERT_TRUE(readProgramBinary(dir.path("program.bin"), &back, &error)) << error;
}

TEST(CoreProgram, EveryTruncationFailsWithOneLine) {
  std::string bytes = encodeProgramBinary(smallProgram());
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::string error = decodeError(bytes.substr(0, n));
    expectOneLine(error);
    // Cut payloads that still pass the checksum reach the decoder's own
    // bounds checks.
    if (n >= 12 && n + 8 < bytes.size()) {
      error = decodeError(resealed(bytes.substr(0, n) + std::string(8, '\0')));
      expectOneLine(error);
    }
  }
}

TEST(CoreProgram, EveryFlippedByteFails) {
  std::string bytes = encodeProgramBinary(smallProgram());
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] = char(bad[i] ^ 0x5a);
    expectOneLine(decodeError(bad));
  }
  std::string bad = bytes;
  bad[8] = 2;
  EXPECT_EQ(decodeError(bad), "p.bin: program format version 2, this snnc reads 1");
  bad = bytes;
  bad[12] ^= 1;
  EXPECT_EQ(decodeError(bad), "p.bin: checksum mismatch (the file is truncated or corrupted)");
}

TEST(CoreProgram, CorruptionBehindAValidChecksumNeverCrashes) {
  // Under ASan this is the real check: whatever the bytes say, the decoder
  // stays in bounds and allocates only what the file's size justifies.
  std::string bytes = encodeProgramBinary(smallProgram());
  Rng r(3);
  int accepted = 0;
  for (size_t i = 12; i + 8 < bytes.size(); ++i)
    for (uint8_t value : {uint8_t(0), uint8_t(1), uint8_t(0x7f), uint8_t(0x80), uint8_t(0xff),
                          uint8_t(bytes[i] ^ 0x01), uint8_t(r.uniform(0, 255))}) {
      std::string bad = bytes;
      bad[i] = char(value);
      Program out;
      std::string error;
      if (decodeProgramBinary(bad.data(), bad.size(), "p.bin", &out, &error)) {
        ++accepted; // e.g. another weight: still a valid program
        std::string again;
        EXPECT_TRUE(validateProgram(out, "p.bin", &again)) << again;
      } else {
        expectOneLine(error);
      }
    }
  EXPECT_GT(accepted, 0);
  for (int k = 0; k < 300; ++k) {
    std::string junk = bytes.substr(0, 12);
    size_t n = size_t(r.uniform(0, 400));
    for (size_t i = 0; i < n; ++i)
      junk.push_back(char(r.uniform(0, 255)));
    expectOneLine(decodeError(resealed(junk + std::string(8, '\0'))));
  }
}

TEST(CoreProgram, HugeCountsAreRefusedBeforeAllocation) {
  std::string bytes = encodeProgramBinary(smallProgram());
  // The target name's length is the first field after the version.
  std::string bad = bytes;
  bad[12] = bad[13] = bad[14] = bad[15] = char(0xff);
  EXPECT_EQ(decodeError(resealed(bad)),
            "p.bin: target name claims 4294967295 entries but only " +
                std::to_string(bytes.size() - 20 - 4) + " bytes remain");
  bad = resealed(bytes + std::string(3, 'x'));
  EXPECT_EQ(decodeError(bad), "p.bin: 3 bytes of trailing data");
}

TEST(CoreProgram, ValidationNamesWhatIsWrong) {
  const Program good = smallProgram();
  auto coreWith = [&](auto predicate) {
    for (size_t c = 0; c < good.cores.size(); ++c)
      if (predicate(good.cores[c]))
        return c;
    ADD_FAILURE() << "no such core";
    return size_t(0);
  };
  size_t c = coreWith([](const Core &core) { return !core.routes.empty(); });
  Program p = good;
  p.cores[c].routes[0].core = 99;
  EXPECT_EQ(validationError(p), "p.bin: core " + std::to_string(c) +
                                    ": route 0 targets core 99 of " +
                                    std::to_string(good.cores.size()));
  p = good;
  p.cores[c].routes[0].axon = 1000;
  EXPECT_NE(validationError(p).find(": route 0 targets axon 1000 of core"), std::string::npos);

  size_t d = coreWith([](const Core &core) { return !core.synapses.empty(); });
  p = good;
  p.cores[d].synapses[0].target = p.cores[d].numNeurons;
  EXPECT_EQ(validationError(p), "p.bin: core " + std::to_string(d) + ": synapse 0 targets neuron " +
                                    std::to_string(good.cores[d].numNeurons) + " of " +
                                    std::to_string(good.cores[d].numNeurons));
  p = good;
  p.cores[d].axonSynapseStart.back() += 1;
  EXPECT_NE(validationError(p).find("axon table ends at"), std::string::npos);
  p = good;
  p.cores[d].routeStart.pop_back();
  EXPECT_NE(validationError(p).find("route table has"), std::string::npos);
  p = good;
  p.cores[d].population = 5;
  EXPECT_EQ(validationError(p), "p.bin: core " + std::to_string(d) + ": population 5 of 2");
  p = good;
  p.cores[d].id = 77;
  EXPECT_NE(validationError(p).find("id 77 (expected its index)"), std::string::npos);

  p = good;
  p.projections[1].weights.pop_back();
  EXPECT_EQ(validationError(p), "p.bin: projection 1: 23 weights for shape [3, 8]");
  p = good;
  p.projections[1].weightShape = {8, 3};
  EXPECT_EQ(validationError(p), "p.bin: projection 1: dense weights [8, 3], expected [3, 8]");
  p = good;
  p.populations[0].shape = {2, 3, 2};
  EXPECT_EQ(validationError(p), "p.bin: projection 0: conv of [1, 3, 3] with weights "
                                "[2, 1, 2, 2] gives [2, 2, 2] but the target population is "
                                "[2, 3, 2]");
  p = good;
  p.projections[1].source = 1;
  EXPECT_NE(validationError(p).find("projection 1: source 1"), std::string::npos);
  p = good;
  p.projections[1].source = -1;
  EXPECT_EQ(validationError(p),
            "p.bin: projection 1: dense weights [3, 8], expected [3, 9]");
  p = good;
  p.projections.pop_back();
  EXPECT_EQ(validationError(p),
            "p.bin: population 1: 0 incoming projections (expected exactly 1)");

  p = good;
  p.outputOffset += 1;
  p.runSteps += 1;
  EXPECT_EQ(validationError(p), "p.bin: output offset 3 but the output population's model "
                                "step 0 runs at chip step 2");
  p = good;
  p.runSteps = p.outputOffset + p.timeSteps - 1;
  EXPECT_NE(validationError(p).find("exceed the"), std::string::npos);
  p = good;
  p.semantics.synapticDelay = 0;
  EXPECT_EQ(validationError(p), "p.bin: semantics: synaptic delay 0 (expected >= 1)");
  p = good;
  p.semantics.maxSpikesPerStep = 0;
  EXPECT_NE(validationError(p).find("at most 0 spikes"), std::string::npos);
  p = good;
  p.populations[1].threshold = 0;
  EXPECT_EQ(validationError(p), "p.bin: population 1: threshold 0 (expected > 0)");
  p = good;
  p.semantics.decayBits = 4;
  p.semantics.voltageDecayOffset = 1;
  p.populations[0].voltageDecay = 16;
  EXPECT_EQ(validationError(p), "p.bin: population 0: voltage decay 16 with offset 1 is outside "
                                "0..2^4 (multiplier decay)");
  p = good;
  p.semantics.decay = DecayEncoding::Shift;
  p.populations[0].voltageDecay = 63;
  EXPECT_NE(validationError(p).find("voltage decay 63 is outside 0..62"), std::string::npos);
  p = good;
  p.semantics.accumulator.bits = 63;
  EXPECT_EQ(validationError(p),
            "p.bin: semantics: accumulator width 63 bits (expected 1..62)");
  p = good;
  p.semantics.voltage.bits = 0;
  EXPECT_NE(validationError(p).find("voltage width 0 bits"), std::string::npos);
  p = good;
  p.semantics.decay = DecayEncoding(7);
  EXPECT_EQ(validationError(p), "p.bin: semantics: decay encoding 7 is unknown");
  p = good;
  p.semantics.current.overflow = Overflow(2);
  EXPECT_NE(validationError(p).find("current overflow rule 2 is unknown"), std::string::npos);
  p = good;
  p.inputMin = -1;
  EXPECT_NE(validationError(p).find("spikes mode sends event counts"), std::string::npos);
  p = good;
  p.inputMin = 4;
  EXPECT_EQ(validationError(p), "p.bin: input range 4..3 is empty");
  p = good;
  p.inputScale = 0;
  EXPECT_NE(validationError(p).find("input scale"), std::string::npos);
  p = good;
  p.hostRouteStart.pop_back();
  EXPECT_NE(validationError(p).find("host: route table has"), std::string::npos);
  p = good;
  p.inputMode = InputMode::Current;
  EXPECT_NE(validationError(p).find("host routes in current input mode"), std::string::npos);
  p = good;
  p.populations[1].weightExponent = 60;
  EXPECT_NE(validationError(p).find("population 1: input shift 60"), std::string::npos);
  p = good;
  p.inputMode = InputMode::Bias;
  p.hostRouteStart.clear();
  p.hostRoutes.clear();
  EXPECT_NE(validationError(p).find("bias of 0 mantissa bits"), std::string::npos);

  // Slices: overlapping and missing neurons.
  size_t multi = coreWith([&](const Core &core) { return core.firstNeuron > 0; });
  p = good;
  p.cores[multi].firstNeuron -= 1;
  EXPECT_NE(validationError(p).find("is in two cores"), std::string::npos);
  p = good;
  p.cores[multi].firstNeuron += 1;
  std::string error = validationError(p);
  EXPECT_TRUE(error.find("is in no core") != std::string::npos ||
              error.find("outside population") != std::string::npos)
      << error;

  // Conv cores must point at a conv projection into their population.
  size_t conv = coreWith([](const Core &core) { return core.kind == ProjectionKind::Conv; });
  p = good;
  p.cores[conv].projection = 1;
  EXPECT_EQ(validationError(p), "p.bin: core " + std::to_string(conv) +
                                    ": projection 1 is not a conv projection into population 0");
  p = good;
  p.cores[conv].projection = 9;
  EXPECT_EQ(validationError(p), "p.bin: core " + std::to_string(conv) + ": projection 9 of 2");
}

TEST(CoreProgram, InputSumsThatCouldOverflowAreRefused) {
  Program p = smallProgram(InputMode::Current);
  p.inputMin = std::numeric_limits<int32_t>::min();
  p.inputMax = std::numeric_limits<int32_t>::max();
  p.projections[0].weights.assign(8, 32767);
  p.populations[0].weightExponent = 50; // 16-bit accumulator: at most 46
  std::string error;
  EXPECT_FALSE(validateProgram(p, "p.bin", &error));
  EXPECT_NE(error.find("population 0: input shift"), std::string::npos) << error;
  p.inputMode = InputMode::Bias; // the host's register follows the same rule
  p.semantics.biasMantissaBits = 8;
  EXPECT_FALSE(validateProgram(p, "p.bin", &error));
  EXPECT_NE(error.find("population 0: input shift 50"), std::string::npos) << error;
  p.populations[0].weightExponent = 46;
  EXPECT_TRUE(validateProgram(p, "p.bin", &error)) << error;
}

TEST(CoreProgram, DepthsFollowTheProjections) {
  Program p = smallProgram(InputMode::Spikes);
  EXPECT_EQ(populationDepths(p), (std::vector<int64_t>{1, 2}));
  p.inputMode = InputMode::Current;
  EXPECT_EQ(populationDepths(p), (std::vector<int64_t>{0, 1}));
  p.projections.pop_back();
  EXPECT_EQ(populationDepths(p), (std::vector<int64_t>{0, -1}));
}

TEST(CoreProgram, TextFormIsReadable) {
  NeuronSemantics s;
  s.accumulator = {16, Overflow::Wrap};
  s.voltage = {20, Overflow::Saturate};
  Program p = singleNeuron(InputMode::Spikes, -17, 9, s, 3);
  p.target = "tiny";
  p.cores[0].x = 2;
  p.cores[0].y = 5;
  p.cores[0].routeStart = {0, 0};
  EXPECT_EQ(programText(p),
            "# snnc core program, format version 1 (the text form of program.bin)\n"
            "target \"tiny\"\n"
            "time-steps 3\n"
            "run-steps 4\n"
            "output-offset 1\n"
            "output-population 0\n"
            "tau-s 3\n"
            "input mode spikes shape [1] scale 1 range 0..127\n"
            "\n"
            "semantics\n"
            "  accumulator 16 bits wrap\n"
            "  current 0 bits wrap\n"
            "  voltage 20 bits saturate\n"
            "  decay multiplier bits 12 current-offset 0 voltage-offset 0\n"
            "  spike v > threshold, at most 1 per step, reset zero\n"
            "  synaptic-delay 1\n"
            "  input-shift 0\n"
            "  bias mantissa-bits 0 exponent-max 0\n"
            "\n"
            "population 0 \"n\" shape [1] depth 1\n"
            "  threshold 9 weight-exponent 0 current-decay 0 voltage-decay 0\n"
            "\n"
            "projection 0 dense host -> 0 weights [1, 1]\n"
            "  row 0: -17\n"
            "\n"
            "core 0 at (2, 5) population 0 neurons [0, 1) dense\n"
            "  axon 0: 0:-17\n"
            "\n"
            "host routes\n"
            "  in 0 -> c0.a0\n");
  // Routes and conv kernel rows of a larger program, and nothing crashes on
  // an invalid one.
  std::string text = programText(smallProgram());
  EXPECT_NE(text.find("projection 0 conv host -> 0 weights [2, 1, 2, 2] strides 1 1 pads 0 0 0 0\n"
                      "  f0 c0 y0: 1 2\n  f0 c0 y1: -1 3\n  f1 c0 y0: 0 4\n  f1 c0 y1: 2 -2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  n 0 -> c"), std::string::npos) << text;
  Program broken = smallProgram();
  broken.projections[1].weights.resize(3);
  broken.cores[0].routeStart = {0, 1000};
  broken.cores[0].axonSynapseStart = {0, 1000};
  EXPECT_NE(programText(broken).find("(3 weights that do not match the shape)"),
            std::string::npos);
}

} // namespace
} // namespace snn::core::test
