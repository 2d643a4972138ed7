// Times chrono-node (npm "chrono-node") on the same documents as
// timex_bench --throughput: every DIR/*.txt written by
// `timex_bench --dump-texts DIR` ("DCT\ntext"), parsed with chrono.parse
// and the DCT as the reference date, ROUNDS times.
// Prints "bytes cpu_seconds MB/s results_per_round" like timex_bench.
//   node bench/chrono/run.mjs DIR [ROUNDS]
// Not part of the build or the tests (see bench/timex_vs_chrono.sh).
import * as chrono from 'chrono-node';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const rounds = Number(process.argv[3] || 3);
const docs = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => {
  const raw = fs.readFileSync(path.join(dir, f), 'utf8');
  const nl = raw.indexOf('\n');
  return { ref: new Date(raw.slice(0, nl).slice(0, 10) + 'T12:00:00Z'), text: raw.slice(nl + 1) };
});
// Warm up the JIT on one round, as Google Benchmark warms up the C++ side.
for (const d of docs) chrono.parse(d.text, d.ref);
let bytes = 0;
let found = 0;
// CPU time (user + system) of the process, like timex_bench --throughput.
const start = process.cpuUsage();
for (let r = 0; r < rounds; r++) {
  for (const d of docs) {
    found += chrono.parse(d.text, d.ref).length;
    bytes += Buffer.byteLength(d.text, 'utf8');
  }
}
const used = process.cpuUsage(start);
const secs = (used.user + used.system) / 1e6;
console.log(`${bytes} ${secs.toFixed(6)} ${(bytes / secs / 1e6).toFixed(3)} ${Math.round(found / rounds)}`);
