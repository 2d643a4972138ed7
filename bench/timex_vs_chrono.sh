#!/bin/bash
# Chronicle's timex stage vs chrono-node on the same documents, in one run.
#   bench/timex_vs_chrono.sh [BUILD_DIR] [ROUNDS]
# Needs `npm install` once in bench/chrono (node_modules is git-ignored and
# stays out of the build and the tests). Prints both throughputs and the
# ratio; both sides time only parsing (files are read before timing), the
# C++ side single-threaded like node.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
rounds="${2:-5}"
texts="$(mktemp -d)"
trap 'rm -rf "$texts"' EXIT
"$build/timex_bench" --dump-texts "$texts"
if [ ! -d "$here/chrono/node_modules/chrono-node" ]; then
  (cd "$here/chrono" && npm install --no-audit --no-fund >/dev/null)
fi
ours=$("$build/timex_bench" --throughput "$rounds")
theirs=$(node "$here/chrono/run.mjs" "$texts" "$rounds")
read -r ob os omb ofound <<<"$ours"
read -r cb cs cmb cfound <<<"$theirs"
echo "documents: $(ls "$texts" | wc -l) texts, $ob bytes over $rounds rounds"
echo "chronicle timex: $omb MB/s ($ofound expressions a round)"
echo "chrono-node:     $cmb MB/s ($cfound results a round)"
awk -v a="$omb" -v b="$cmb" 'BEGIN { printf "ratio: %.1fx\n", a / b }'
