# CMake helpers shared by the project's folders.

# add_snn_unittest(NAME SOURCES... [LIBS lib...]): a GoogleTest binary in build/unittests,
# run by lit (test/unit/lit.cfg.py) so `ninja check-snn` covers it.
function(add_snn_unittest name)
  cmake_parse_arguments(ARG "" "" "LIBS;MLIR_LIBS" ${ARGN})
  add_executable(${name} ${ARG_UNPARSED_ARGUMENTS})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/unittests)
  target_link_libraries(${name} PRIVATE GTest::gtest GTest::gtest_main ${ARG_LIBS})
  if(ARG_MLIR_LIBS)
    mlir_target_link_libraries(${name} PRIVATE ${ARG_MLIR_LIBS})
  endif()
  set_property(GLOBAL APPEND PROPERTY SNN_UNITTESTS ${name})
endfunction()
