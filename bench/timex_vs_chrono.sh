#!/bin/bash
# Chronicle's timex stage vs chrono-node on the same documents, in one run.
#   bench/timex_vs_chrono.sh [BUILD_DIR] [ROUNDS]
# Needs `npm install` once in bench/chrono (node_modules is git-ignored and
# stays out of the build and the tests). All three sides time only parsing
# (files are read before timing), single-threaded, in process CPU time, after
# one warm-up round each:
#   tokens+timex  what `chronicle annotate --stages tokens,timex` runs
#                 (Pipeline::Run: tokenizer + sentence splitter, then timex);
#                 the issue's measure of recognition + normalization
#   timex alone   the timex stage on untokenized documents
#   chrono-node   chrono.parse(text, dct)
# Prints the three throughputs and both ratios to chrono-node.
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
pipe=$("$build/timex_bench" --throughput-pipeline "$rounds")
ours=$("$build/timex_bench" --throughput "$rounds")
theirs=$(node "$here/chrono/run.mjs" "$texts" "$rounds")
read -r pb ps pmb pfound <<<"$pipe"
read -r ob os omb ofound <<<"$ours"
read -r cb cs cmb cfound <<<"$theirs"
echo "documents: $(ls "$texts" | wc -l) texts, $ob bytes over $rounds rounds"
echo "chronicle tokens+timex: $pmb MB/s ($pfound expressions a round)"
echo "chronicle timex alone:  $omb MB/s ($ofound expressions a round)"
echo "chrono-node:            $cmb MB/s ($cfound results a round)"
awk -v a="$pmb" -v t="$omb" -v b="$cmb" \
  'BEGIN { printf "ratio tokens+timex / chrono-node: %.1fx\nratio timex alone / chrono-node:  %.1fx\n", a / b, t / b }'
