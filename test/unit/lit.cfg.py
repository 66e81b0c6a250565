# lit configuration that runs every GoogleTest binary in build/unittests.
import os
import lit.formats

config.name = "SNNC-Unit"
config.suffixes = []
config.test_source_root = os.path.join(config.snn_obj_root, "unittests")
config.test_exec_root = config.test_source_root
config.test_format = lit.formats.GoogleTest(".", "tests")
config.environment["SNN_SOURCE_DIR"] = config.snn_src_root
