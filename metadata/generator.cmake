# Generator side of meta-DSOs: DWARF (via libdw/libdwfl) to the metadata
# blob, and the allocscheck-meta tool that wraps it into a meta-DSO.
# Included by metadata/CMakeLists.txt before reader.cmake.

add_library(acmeta_gen STATIC
  ${CMAKE_CURRENT_LIST_DIR}/generate.c
  ${CMAKE_CURRENT_LIST_DIR}/dwarf-types.c
  ${CMAKE_CURRENT_LIST_DIR}/dwarf-statics.c
  ${CMAKE_CURRENT_LIST_DIR}/copy-relocs.c
  ${CMAKE_CURRENT_LIST_DIR}/dwarf-frames.c
  ${CMAKE_CURRENT_LIST_DIR}/alloc-sites.c
  ${CMAKE_CURRENT_LIST_DIR}/meta-builder.c
  ${CMAKE_CURRENT_LIST_DIR}/metadso-write.c
  ${CMAKE_CURRENT_LIST_DIR}/meta-print.c
)
target_include_directories(acmeta_gen PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(acmeta_gen PUBLIC acmeta_core PkgConfig::DW)
# The compiler that links meta-DSOs when ALLOCS_META_CC is not set.
target_compile_definitions(acmeta_gen PRIVATE ACM_DEFAULT_CC="${CMAKE_C_COMPILER}")

add_executable(allocscheck-meta ${CMAKE_CURRENT_LIST_DIR}/allocscheck-meta.c)
target_link_libraries(allocscheck-meta PRIVATE acmeta_gen)
install(TARGETS allocscheck-meta RUNTIME DESTINATION bin)
