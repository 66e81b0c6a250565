// The spiking neuron and the PSP filter of tssl-bp.md §1 in float32.
#include "test/reference/Reference.h"

namespace snn {
namespace ref {

NeuronConstants::NeuronConstants(const NeuronParams &p)
    : alphaS(static_cast<float>(1.0 - 1.0 / p.tauS)),
      rateM(static_cast<float>(1.0 / p.tauM)),
      rateS(static_cast<float>(1.0 / p.tauS)),
      threshold(static_cast<float>(p.threshold)) {}

NeuronStep lifStep(float current, const NeuronConstants &c, NeuronState &s) {
  NeuronStep r;
  r.du = current - s.v * c.rateM;
  r.u = s.v + r.du;
  // Strict '>': u == ϑ does not fire (spec §8 case B).
  r.o = r.u > c.threshold ? 1.0f : 0.0f;
  s.v = r.o != 0.0f ? 0.0f : r.u;
  s.a = c.alphaS * s.a + c.rateS * r.o;
  r.a = s.a;
  return r;
}

float pspStep(float y, float x, const NeuronConstants &c) {
  return c.alphaS * y + c.rateS * x;
}

NeuronTrace lifForward(const std::vector<float> &I, const NeuronParams &p) {
  NeuronConstants c(p);
  NeuronState state;
  NeuronTrace trace;
  for (float current : I) {
    NeuronStep r = lifStep(current, c, state);
    trace.u.push_back(r.u);
    trace.du.push_back(r.du);
    trace.o.push_back(r.o);
    trace.a.push_back(r.a);
  }
  return trace;
}

std::vector<float> pspFilter(const std::vector<float> &x, double tauS) {
  NeuronParams p;
  p.tauS = tauS;
  NeuronConstants c(p);
  std::vector<float> y;
  float state = 0;
  for (float v : x) {
    state = pspStep(state, v, c);
    y.push_back(state);
  }
  return y;
}

} // namespace ref
} // namespace snn
