# Install rules: `cmake --install BUILD --prefix P` lays out
#
#   P/bin/allocscheck-config, allocscheck-meta, allocscheck-dump
#   P/lib/liballocs.so                      the runtime
#   P/lib/allocscheck/allocscheck.so        the GCC plugin
#   P/lib/allocscheck/link.specs            gcc specs: runtime + link wrapper
#   P/lib/allocscheck/meta/                 the system meta-DSO root
#   P/libexec/allocscheck/allocscheck-ld    the link wrapper
#   P/include/allocscheck/*.h               the public headers
#   P/lib/pkgconfig/allocscheck.pc          pkg-config
#   P/lib/cmake/allocscheck/                find_package(allocscheck)
#   P/share/allocscheck/gdb/allocscheck-gdb.py
#   P/share/doc/allocscheck/*.md
#
# The files that name paths (allocscheck-config, the specs file, the link
# wrapper, the .pc file) are generated at install time from the same
# templates as the build tree's, with the prefix given to `cmake --install`
# (tools/cmake/install-configure.cmake), so they name the installed tree
# even when --prefix differs from CMAKE_INSTALL_PREFIX.  The one path fixed
# at configure time is the system meta root compiled into the runtime and
# the tools (ALLOCS_SYSTEM_META_ROOT, metadata/reader.cmake), which follows
# CMAKE_INSTALL_PREFIX.
#
# Included by tools/CMakeLists.txt, after the variables it sets (AC_*).

set(ACI_LIBDIR lib)
set(ACI_PKGDIR lib/allocscheck)
set(ACI_INCDIR include/allocscheck)

if(TARGET allocs)
  install(TARGETS allocs LIBRARY DESTINATION ${ACI_LIBDIR})
endif()
if(AC_HAVE_PLUGIN)
  install(TARGETS allocscheck_plugin LIBRARY DESTINATION ${ACI_PKGDIR})
endif()
# allocscheck-meta and allocscheck-dump install themselves (metadata/*.cmake).

# Public headers: the query API and what it includes, the check ABI the
# plugin's code calls, the alloca registration hook, and the metadata
# contracts (for tools that read meta-DSOs).  meta-paths.h and
# metadso-read.h are internal to the tools.
set(ACI_PUBLIC_HEADERS allocs.h uniqtype.h allocs-check.h allocs-alloca.h
    allocs-describe.h metadso-format.h type-identity.h)
foreach(h ${ACI_PUBLIC_HEADERS})
  if(EXISTS ${PROJECT_SOURCE_DIR}/include/${h})
    install(FILES ${PROJECT_SOURCE_DIR}/include/${h} DESTINATION ${ACI_INCDIR})
  endif()
endforeach()

# The system meta root exists, empty, so that `allocscheck-meta -o` and
# packagers have a place to put meta-DSOs of installed libraries.
install(DIRECTORY DESTINATION ${ACI_PKGDIR}/meta)

install(FILES ${CMAKE_CURRENT_LIST_DIR}/gdb/allocscheck-gdb.py
  DESTINATION share/allocscheck/gdb)
foreach(d usage.md checks.md design.md contributing.md type-identity.md)
  if(EXISTS ${PROJECT_SOURCE_DIR}/docs/${d})
    install(FILES ${PROJECT_SOURCE_DIR}/docs/${d} DESTINATION share/doc/allocscheck)
  endif()
endforeach()

# The CMake package: its version file now, its config file (which has no
# build-time paths: it finds its prefix from where it is installed) as is.
include(CMakePackageConfigHelpers)
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/allocscheck-install/allocscheckConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES
  ${CMAKE_CURRENT_LIST_DIR}/cmake/allocscheckConfig.cmake
  ${PROJECT_BINARY_DIR}/allocscheck-install/allocscheckConfigVersion.cmake
  DESTINATION ${ACI_LIBDIR}/cmake/allocscheck)

# Path-bearing files, generated for the prefix being installed to.  The
# runtime's link spec is the build tree's with its library directory made a
# placeholder, so the two can never disagree on anything else.
set(ACI_STAGE_ROOT ${PROJECT_BINARY_DIR}/allocscheck-install)
string(REPLACE "${AC_LIB_DIR}" "@ACI_LIBDIR@" _aci_spec "${AC_RUNTIME_LINK_SPEC}")
file(WRITE ${ACI_STAGE_ROOT}/runtime-link-spec.in "${_aci_spec}")
install(CODE "
  set(ACI_STAGE_ROOT \"${ACI_STAGE_ROOT}\")
  set(ACI_SOURCE_DIR \"${CMAKE_CURRENT_LIST_DIR}\")
  set(ACI_COLLECT2 \"${ALLOCSCHECK_COLLECT2}\")
  set(ACI_VERSION \"${PROJECT_VERSION}\")
  set(ACI_HAVE_PLUGIN \"${AC_HAVE_PLUGIN}\")
  set(ACI_HAVE_RUNTIME \"${AC_HAVE_RUNTIME}\")
  set(ACI_GCC_VERSION \"${CMAKE_C_COMPILER_VERSION}\")
  set(ACI_SYSTEM_META_ROOT \"${ALLOCS_SYSTEM_META_ROOT}\")
  include(\"${CMAKE_CURRENT_LIST_DIR}/cmake/install-configure.cmake\")
")
