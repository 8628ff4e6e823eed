# rutile_test(NAME SOURCES... LIBS ...): a GoogleTest executable registered with CTest.
# Labels let the test script pick groups: "unit" by default.
function(rutile_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  if(EMSCRIPTEN)
    return()
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  gtest_discover_tests(${name} PROPERTIES LABELS "${T_LABELS}" DISCOVERY_TIMEOUT 60)
endfunction()
include(GoogleTest)

# rutile_benchmark(NAME SOURCES... LIBS ... [INCLUDES ...]): a benchmark program (never run by
# ctest). Every one joins the `benchmarks` target, which the test script builds so none can rot.
function(rutile_benchmark name)
  cmake_parse_arguments(B "" "" "SOURCES;LIBS;INCLUDES" ${ARGN})
  if(NOT RUTILE_BUILD_BENCHMARKS OR EMSCRIPTEN)
    return()
  endif()
  add_executable(${name} ${B_SOURCES})
  target_link_libraries(${name} PRIVATE ${B_LIBS})
  if(B_INCLUDES)
    target_include_directories(${name} PRIVATE ${B_INCLUDES})
  endif()
  add_dependencies(benchmarks ${name})
endfunction()

# rutile_embed_text(TARGET NAMESPACE ns NAME symbol FILE path): compiles the file's bytes into
# `std::string_view ns::symbol()` so the binary carries its data files wherever it runs.
function(rutile_embed_text target)
  cmake_parse_arguments(E "" "NAMESPACE;NAME;FILE" "" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded_${E_NAME}.cc)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${E_FILE} -DOUT=${out} -DNS=${E_NAMESPACE} -DNAME=${E_NAME}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedText.cmake
    DEPENDS ${E_FILE} ${PROJECT_SOURCE_DIR}/cmake/EmbedText.cmake
    COMMENT "Embedding ${E_FILE}")
  target_sources(${target} PRIVATE ${out})
endfunction()
