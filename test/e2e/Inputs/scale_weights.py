"""Multiplies every snn.parameter of a graph-level .mlir model (hex dense attributes,
little-endian float32) by a factor: an untrained model made busy enough that tests
comparing spike outputs see many spikes.

Usage: scale_weights.py IN.mlir FACTOR OUT.mlir
"""
import re
import sys

import numpy as np

PARAM = re.compile(r'(snn\.parameter @(?:[\w.$-]+|"[^"]*") = dense<"0x)([0-9A-Fa-f]+)(">)')


def scale(match):
    values = np.frombuffer(bytes.fromhex(match.group(2)), "<f4") * np.float32(sys.argv[2])
    return match.group(1) + values.astype("<f4").tobytes().hex().upper() + match.group(3)


text, count = PARAM.subn(scale, open(sys.argv[1]).read())
if count == 0:
    sys.exit("scale_weights.py: no hex snn.parameter in " + sys.argv[1])
open(sys.argv[3], "w").write(text)
