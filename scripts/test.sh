#!/usr/bin/env bash
# Sets up, builds and runs every test: the whole suite on a release build,
# then the fast tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
#
#   scripts/test.sh                 everything (what CI runs)
#   CHRONICLE_SANITIZERS=0 scripts/test.sh   skip the sanitizer pass
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --test

jobs=$(nproc)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHRONICLE_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
(cd build && ctest --output-on-failure -j "$jobs")

if [[ "${CHRONICLE_SANITIZERS:-1}" != 0 ]]; then
  echo "== AddressSanitizer + UndefinedBehaviorSanitizer (tests without the 'slow' label)"
  # No -Werror here: with sanitizer instrumentation g++ 12 reports false
  # "maybe-uninitialized" warnings inside libstdc++'s <regex>; the build
  # above is the one held warnings-clean.
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCHRONICLE_SANITIZE=ON -DCHRONICLE_WERROR=OFF >/dev/null
  cmake --build build-asan -j "$jobs"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j "$jobs" -LE slow)
fi
