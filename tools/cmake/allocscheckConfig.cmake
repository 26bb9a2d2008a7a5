# find_package(allocscheck): build C targets with allocscheck.
#
#   find_package(allocscheck REQUIRED)
#   add_executable(prog prog.c)
#   allocscheck_instrument(prog)          # also works for SHARED libraries
#
# allocscheck_instrument(TARGET) compiles the target's C sources with the
# instrumentation plugin and -g, and links it with the gcc specs file that
# adds the runtime (liballocs.so) and writes the linked binary's meta-DSO
# during the same link, so there is no extra build step.
#
# Also defined: allocscheck::runtime (imported liballocs.so, for targets
# that call the query API without being instrumented), ALLOCSCHECK_PLUGIN,
# ALLOCSCHECK_SPECS, ALLOCSCHECK_INCLUDE_DIR, ALLOCSCHECK_META_TOOL,
# ALLOCSCHECK_SYSTEM_META_ROOT, ALLOCSCHECK_VERSION.
#
# The package finds its prefix from its own location
# (PREFIX/lib/cmake/allocscheck).

get_filename_component(_allocscheck_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
include("${CMAKE_CURRENT_LIST_DIR}/allocscheckBuildInfo.cmake")

set(ALLOCSCHECK_PREFIX       "${_allocscheck_prefix}")
set(ALLOCSCHECK_PLUGIN       "${_allocscheck_prefix}/lib/allocscheck/allocscheck.so")
set(ALLOCSCHECK_SPECS        "${_allocscheck_prefix}/lib/allocscheck/link.specs")
set(ALLOCSCHECK_INCLUDE_DIR  "${_allocscheck_prefix}/include/allocscheck")
set(ALLOCSCHECK_RUNTIME      "${_allocscheck_prefix}/lib/liballocs.so")
set(ALLOCSCHECK_META_TOOL    "${_allocscheck_prefix}/bin/allocscheck-meta")
set(ALLOCSCHECK_CONFIG_TOOL  "${_allocscheck_prefix}/bin/allocscheck-config")

foreach(_f ALLOCSCHECK_SPECS ALLOCSCHECK_INCLUDE_DIR)
  if(NOT EXISTS "${${_f}}")
    set(${CMAKE_FIND_PACKAGE_NAME}_FOUND FALSE)
    set(${CMAKE_FIND_PACKAGE_NAME}_NOT_FOUND_MESSAGE "allocscheck: ${${_f}} is missing")
    return()
  endif()
endforeach()

if(ALLOCSCHECK_HAVE_RUNTIME AND NOT TARGET allocscheck::runtime)
  add_library(allocscheck::runtime SHARED IMPORTED)
  set_target_properties(allocscheck::runtime PROPERTIES
    IMPORTED_LOCATION "${ALLOCSCHECK_RUNTIME}"
    INTERFACE_INCLUDE_DIRECTORIES "${ALLOCSCHECK_INCLUDE_DIR}")
endif()

# The plugin must be loaded by the GCC it was built for: say so at
# configure time rather than with gcc's "plugin ... was built for another
# version" at every compile.
function(_allocscheck_check_compiler)
  get_property(_langs GLOBAL PROPERTY ENABLED_LANGUAGES)
  if(NOT "C" IN_LIST _langs)
    message(FATAL_ERROR "allocscheck_instrument: the project must enable C")
  endif()
  if(NOT CMAKE_C_COMPILER_ID STREQUAL "GNU")
    message(FATAL_ERROR "allocscheck_instrument: needs GCC, the C compiler is "
      "${CMAKE_C_COMPILER_ID} (${CMAKE_C_COMPILER})")
  endif()
  if(ALLOCSCHECK_HAVE_PLUGIN AND ALLOCSCHECK_GCC_VERSION AND
     NOT CMAKE_C_COMPILER_VERSION VERSION_EQUAL ALLOCSCHECK_GCC_VERSION)
    message(FATAL_ERROR "allocscheck_instrument: the plugin was built for gcc "
      "${ALLOCSCHECK_GCC_VERSION}, the C compiler is gcc ${CMAKE_C_COMPILER_VERSION}: "
      "configure with -DCMAKE_C_COMPILER=gcc-<that version>")
  endif()
endfunction()

# allocscheck_instrument(TARGET... [PLUGIN_ARGS KEY[=VALUE]...])
#   PLUGIN_ARGS become -fplugin-arg-allocscheck-KEY[=VALUE] (docs/usage.md).
function(allocscheck_instrument)
  cmake_parse_arguments(PARSE_ARGV 0 _ac "" "" "PLUGIN_ARGS")
  if(NOT _ac_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "allocscheck_instrument: name at least one target")
  endif()
  _allocscheck_check_compiler()
  set(_copts -g)
  if(ALLOCSCHECK_HAVE_PLUGIN)
    list(APPEND _copts "-fplugin=${ALLOCSCHECK_PLUGIN}")
    foreach(_a IN LISTS _ac_PLUGIN_ARGS)
      list(APPEND _copts "-fplugin-arg-allocscheck-${_a}")
    endforeach()
  endif()
  foreach(_t IN LISTS _ac_UNPARSED_ARGUMENTS)
    if(NOT TARGET ${_t})
      message(FATAL_ERROR "allocscheck_instrument: no target named ${_t}")
    endif()
    get_target_property(_type ${_t} TYPE)
    if(_type STREQUAL "INTERFACE_LIBRARY")
      message(FATAL_ERROR "allocscheck_instrument: ${_t} is an interface library")
    endif()
    # Only C is instrumented; C++ sources of the same target build as usual.
    foreach(_o IN LISTS _copts)
      target_compile_options(${_t} PRIVATE "$<$<COMPILE_LANGUAGE:C>:${_o}>")
    endforeach()
    target_include_directories(${_t} PRIVATE "${ALLOCSCHECK_INCLUDE_DIR}")
    # Static archives are not linked; their objects get metadata and the
    # runtime when the executable or library that contains them is linked
    # (instrument that one too).
    if(_type STREQUAL "EXECUTABLE" OR _type STREQUAL "SHARED_LIBRARY" OR
       _type STREQUAL "MODULE_LIBRARY")
      target_link_options(${_t} PRIVATE "-specs=${ALLOCSCHECK_SPECS}")
      # A relink (flags changed) must rewrite the meta-DSO: the specs file
      # is an input of the link.
      set_property(TARGET ${_t} APPEND PROPERTY LINK_DEPENDS "${ALLOCSCHECK_SPECS}")
    endif()
  endforeach()
endfunction()
