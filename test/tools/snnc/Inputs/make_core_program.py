"""Writes DIR/program.bin: a tiny core program, encoded independently of snnc (the layout of docs/neuromorphic.md).

usage: make_core_program.py DIR [--bad-route]

Input [4] quantised with scale 1 into -127..127, current mode. Population 0
"hidden" [3] gets input i (weight 1) on a core at (0, 0); population 1 "out"
[10] gets hidden i with weight 2 (classes 0..2; the rest have no input) on a
core at (1, 2). No decay, threshold 1, v > threshold, zero reset, delay 1,
T = 3 (outputOffset 1, runSteps 4). --bad-route sends hidden neuron 0 to
core 99 (the checksum is still right, so the reader's index check fires).
"""
import struct
import sys

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3


def fnv1a(data):
    h = FNV_OFFSET
    for b in data:
        h ^= b
        h = (h * FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    return h


class Out:
    def __init__(self):
        self.b = bytearray()

    def put(self, fmt, *values):
        self.b += struct.pack("<" + fmt, *values)

    def string(self, s):
        data = s.encode()
        self.put("I", len(data))
        self.b += data

    def dims(self, d):
        self.put("I", len(d))
        for v in d:
            self.put("q", v)

    def u32s(self, values):
        self.put("I", len(values))
        for v in values:
            self.put("I", v)

    def routes(self, pairs):
        self.put("I", len(pairs))
        for core, axon in pairs:
            self.put("II", core, axon)


def main():
    directory = sys.argv[1]
    bad_route = "--bad-route" in sys.argv[2:]
    o = Out()
    o.b += b"SNNCPROG"
    o.put("I", 1)  # version
    o.string("lit-tiny")
    # accumulator, current, voltage: (bits, overflow)
    o.put("BB", 24, 0)
    o.put("BB", 0, 0)
    o.put("BB", 24, 1)
    # decay None, decayBits, offsets, compare Greater, maxSpikes, reset Zero, delay,
    # inputShift, bias mantissa bits, bias exponent max
    o.put("BBBBBBBBbBB", 0, 12, 0, 0, 0, 1, 0, 1, 0, 0, 0)
    o.put("IIIf", 3, 4, 1, 3.0)  # T, runSteps, outputOffset, tauS
    o.put("B", 0)  # input mode Current
    o.dims([4])
    o.put("d", 1.0)
    o.put("iii", -127, 127, 1)  # inputMin, inputMax, outputPopulation
    o.put("I", 2)  # populations
    for name, size in (("hidden", 3), ("out", 10)):
        o.string(name)
        o.dims([size])
        o.put("iiqi", 0, 0, 1, 0)  # currentDecay, voltageDecay, threshold, weightExponent
    o.put("I", 2)  # projections
    host = [1 if j == i else 0 for i in range(3) for j in range(4)]
    out = [2 if j == i else 0 for i in range(10) for j in range(3)]
    for source, target, shape, weights in ((-1, 0, [3, 4], host), (0, 1, [10, 3], out)):
        o.put("Bii", 0, source, target)
        o.dims(shape)
        o.put("qq", 1, 1)
        o.put("qqqq", 0, 0, 0, 0)
        o.put("I", len(weights))
        for w in weights:
            o.put("h", w)
    o.put("I", 2)  # cores
    # core 0: hidden, fed by the host (no axons); neuron i -> core 1 axon i
    o.put("IHHiIIBi", 0, 0, 0, 0, 0, 3, 0, 0)
    o.u32s([])
    o.put("I", 0)
    o.u32s([0, 1, 2, 3])
    o.routes([(99 if bad_route else 1, 0), (1, 1), (1, 2)])
    # core 1: out, axon i -> neuron i with weight 2; no routes
    o.put("IHHiIIBi", 1, 1, 2, 1, 0, 10, 0, 1)
    o.u32s([0, 1, 2, 3])
    o.put("I", 3)
    for i in range(3):
        o.put("Ih", i, 2)
    o.u32s([0] * 11)
    o.routes([])
    o.u32s([])  # host routes: none outside spikes mode
    o.routes([])
    o.put("Q", fnv1a(o.b))
    with open(f"{directory}/program.bin", "wb") as f:
        f.write(o.b)


if __name__ == "__main__":
    main()
