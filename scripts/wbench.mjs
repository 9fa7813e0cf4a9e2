// Interleaved speed comparison of wasm builds (issue 14's size work):
//   node scripts/wbench.mjs DIR_A DIR_B [DIR_C ...] [ROUNDS]
// Each DIR holds a wasm-pack --target web package (report_check.js and
// report_check_bg.wasm, as scripts/build-wasm.sh writes to www/pkg). Both are
// loaded with initSync; check() runs on ../shared/domain/samples/000* and on
// its first 20,000 chars, alternating the builds round by round so that all
// see the same machine load. Prints medians (the first 5 rounds are warm-up).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const dirs = args.filter((x) => !/^\d+$/.test(x));
const roundsArg = args.find((x) => /^\d+$/.test(x));
if (dirs.length < 2) {
  console.error('usage: node scripts/wbench.mjs DIR_A DIR_B [DIR_C ...] [ROUNDS]');
  process.exit(2);
}
const here = path.dirname(new URL(import.meta.url).pathname);
const samples = path.join(here, '..', '..', 'shared', 'domain', 'samples');
const name = fs.readdirSync(samples).find((f) => f.startsWith('000'));
const sample = fs.readFileSync(path.join(samples, name), 'utf8');
const small = sample.slice(0, 20000);
const rounds = Number(roundsArg || 30);
const mods = [];
for (const d of dirs) {
  const m = await import(pathToFileURL(path.resolve(d, 'report_check.js')).href);
  m.initSync({ module: fs.readFileSync(path.resolve(d, 'report_check_bg.wasm')) });
  mods.push(m);
}
const times = dirs.map(() => ({ big: [], small: [] }));
for (let r = 0; r < rounds; r++) {
  mods.forEach((m, i) => {
    let t = performance.now();
    m.check(sample);
    times[i].big.push(performance.now() - t);
    t = performance.now();
    m.check(small);
    times[i].small.push(performance.now() - t);
  });
}
const med = (xs) => {
  const s = xs.slice(5).sort((x, y) => x - y);
  return s[s.length >> 1].toFixed(2);
};
dirs.forEach((d, i) => {
  const raw = fs.statSync(path.resolve(d, 'report_check_bg.wasm')).size;
  console.log(`${d}: ${raw} B raw; ${name} ${med(times[i].big)} ms; 20 KB ${med(times[i].small)} ms (median of ${rounds - 5})`);
});
