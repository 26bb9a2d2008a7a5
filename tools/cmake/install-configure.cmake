# Install-time half of tools/install.cmake: generates the files that name
# installed paths for the prefix `cmake --install` was given, and installs
# them with file(INSTALL), which honours DESTDIR and records them in the
# install manifest.  Runs in the install script, so CMAKE_INSTALL_PREFIX is
# the prefix being installed to.  Inputs (set by the caller): ACI_SOURCE_DIR
# (tools/), ACI_STAGE_ROOT, ACI_COLLECT2, ACI_VERSION, ACI_HAVE_PLUGIN,
# ACI_HAVE_RUNTIME, ACI_GCC_VERSION, ACI_SYSTEM_META_ROOT.

set(P "${CMAKE_INSTALL_PREFIX}")
# Several installs of one build may run at once (the test suite does):
# each prefix gets its own staging directory.
string(MD5 _aci_key "$ENV{DESTDIR}|${P}")
set(S "${ACI_STAGE_ROOT}/${_aci_key}")
file(MAKE_DIRECTORY "${S}")

# The same variables the build tree's files are configured with.
set(AC_VERSION      "${ACI_VERSION}")
set(AC_HAVE_PLUGIN  "${ACI_HAVE_PLUGIN}")
set(AC_PLUGIN       "${P}/lib/allocscheck/allocscheck.so")
set(AC_INCLUDE_DIR  "${P}/include/allocscheck")
set(AC_SPECS        "${P}/lib/allocscheck/link.specs")
set(AC_LINK_WRAPPER "${P}/libexec/allocscheck/allocscheck-ld")
set(AC_META_TOOL    "${P}/bin/allocscheck-meta")
set(ALLOCSCHECK_COLLECT2 "${ACI_COLLECT2}")
# The build tree's runtime link spec with its library directory replaced.
file(READ "${ACI_STAGE_ROOT}/runtime-link-spec.in" AC_RUNTIME_LINK_SPEC)
string(REPLACE "@ACI_LIBDIR@" "${P}/lib" AC_RUNTIME_LINK_SPEC "${AC_RUNTIME_LINK_SPEC}")

configure_file("${ACI_SOURCE_DIR}/allocscheck-config.in" "${S}/allocscheck-config" @ONLY)
configure_file("${ACI_SOURCE_DIR}/allocscheck-ld.in" "${S}/allocscheck-ld" @ONLY)
configure_file("${ACI_SOURCE_DIR}/link.specs.in" "${S}/link.specs" @ONLY)
set(ACI_PREFIX "${P}")
if(ACI_HAVE_PLUGIN)
  set(ACI_PLUGIN_CFLAG "-fplugin=\${plugin} ")
else()
  set(ACI_PLUGIN_CFLAG "")
endif()
configure_file("${ACI_SOURCE_DIR}/allocscheck.pc.in" "${S}/allocscheck.pc" @ONLY)
configure_file("${ACI_SOURCE_DIR}/cmake/allocscheckBuildInfo.cmake.in"
  "${S}/allocscheckBuildInfo.cmake" @ONLY)

set(_x OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
file(INSTALL DESTINATION "${P}/bin" TYPE PROGRAM PERMISSIONS ${_x}
  FILES "${S}/allocscheck-config")
file(INSTALL DESTINATION "${P}/libexec/allocscheck" TYPE PROGRAM PERMISSIONS ${_x}
  FILES "${S}/allocscheck-ld")
file(INSTALL DESTINATION "${P}/lib/allocscheck" TYPE FILE FILES "${S}/link.specs")
file(INSTALL DESTINATION "${P}/lib/pkgconfig" TYPE FILE FILES "${S}/allocscheck.pc")
file(INSTALL DESTINATION "${P}/lib/cmake/allocscheck" TYPE FILE
  FILES "${S}/allocscheckBuildInfo.cmake")
# The staged copies are installed; do not let them pile up in the build tree.
file(REMOVE_RECURSE "${S}")
