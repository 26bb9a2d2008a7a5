# Reader side of meta-DSOs: blob validation and search paths (pure C, into
# acmeta_core, which the runtime links), the allocscheck-dump tool, and the
# fuzz target.  Included by metadata/CMakeLists.txt after generator.cmake.

target_sources(acmeta_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/metadso-read.c
  ${CMAKE_CURRENT_LIST_DIR}/meta-paths.c
)
# Installed meta-DSOs live here (searched last, after ALLOCS_META_PATH and
# the write root).
set(ALLOCS_SYSTEM_META_ROOT "${CMAKE_INSTALL_PREFIX}/lib/allocscheck/meta"
    CACHE PATH "System root searched for meta-DSOs")
set_property(SOURCE ${CMAKE_CURRENT_LIST_DIR}/meta-paths.c APPEND PROPERTY
  COMPILE_DEFINITIONS "ALLOCS_SYSTEM_META_ROOT=\"${ALLOCS_SYSTEM_META_ROOT}\"")

add_executable(allocscheck-dump
  ${CMAKE_CURRENT_LIST_DIR}/allocscheck-dump.c
  ${CMAKE_CURRENT_LIST_DIR}/dump-print.c
  ${CMAKE_CURRENT_LIST_DIR}/dump-load.c
  ${CMAKE_CURRENT_LIST_DIR}/dump-check.c
)
target_link_libraries(allocscheck-dump PRIVATE acmeta_core PkgConfig::DW)
# Relocatable objects are dumped by generating their blob in memory, which
# needs the generator library (defined by generator.cmake, included first).
if(TARGET acmeta_gen)
  target_link_libraries(allocscheck-dump PRIVATE acmeta_gen)
  target_compile_definitions(allocscheck-dump PRIVATE ACM_HAVE_GENERATOR=1)
else()
  target_compile_definitions(allocscheck-dump PRIVATE ACM_HAVE_GENERATOR=0)
endif()
install(TARGETS allocscheck-dump RUNTIME DESTINATION bin)

# Fuzz target (libFuzzer needs clang, the project compiler is gcc): built by
# metadata/fuzz/run.sh, or `cmake -DALLOCSCHECK_FUZZ=ON` then
# `cmake --build <dir> --target fuzz-metadso`.
option(ALLOCSCHECK_FUZZ "Add the fuzz-metadso target (needs clang with libFuzzer)" OFF)
if(ALLOCSCHECK_FUZZ)
  find_program(ALLOCSCHECK_FUZZ_CLANG NAMES clang-14 clang)
  if(NOT ALLOCSCHECK_FUZZ_CLANG)
    message(FATAL_ERROR "ALLOCSCHECK_FUZZ=ON needs clang (apt-get install clang-14 libclang-rt-14-dev)")
  endif()
  add_custom_target(fuzz-metadso
    COMMAND ${CMAKE_COMMAND} -E env CLANG=${ALLOCSCHECK_FUZZ_CLANG}
            ${CMAKE_CURRENT_LIST_DIR}/fuzz/run.sh --build-only ${CMAKE_BINARY_DIR}/fuzz
    COMMENT "Building the meta-DSO reader fuzz target"
    USES_TERMINAL)
endif()
