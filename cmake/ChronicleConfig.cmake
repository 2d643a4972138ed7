# find_package(Chronicle) for an installed Chronicle: defines Chronicle::chronicle
# (the whole library: pipeline, formats, server) and the per-module
# Chronicle::chronicle_<module> targets. Its dependencies are Debian packages
# (scripts/setup.sh installs them).
include(CMakeFindDependencyMacro)
find_dependency(fmt)
find_dependency(pugixml)
find_dependency(nlohmann_json)
find_dependency(PkgConfig)
if(NOT TARGET PkgConfig::RE2)
  pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
endif()
if(NOT TARGET PkgConfig::HTTPLIB)
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
endif()
include("${CMAKE_CURRENT_LIST_DIR}/ChronicleTargets.cmake")
