#!/usr/bin/env bash
# Every benchmark behind one command (figures for BENCHMARKS.md):
#   bash scripts/bench.sh            native, peer, wasm size, browser
#   bash scripts/bench.sh native     only the native ones (no wasm build, no browser)
# 1. native: `cargo bench --bench check`: median and MB/s per sample;
# 2. peer: benches/peer (its own crate, so autocorrect never enters `cargo test`
#    or the wasm build): report-check and autocorrect's lint_for on the same texts;
# 3. size: scripts/build-wasm.sh (release wasm + wasm-opt -Oz, raw and gzip sizes);
# 4. browser: scripts/bench-browser.mjs (check time, cold start, wasm memory), and
#    scripts/bench-docx.mjs (check_docx/annotate_docx of a 60 KB .docx);
# 5. keystroke: scripts/bench-keystroke.mjs (keystroke → highlights painted, through the widget).
# Samples come from ../shared/domain/samples (or $REPORT_CHECK_SAMPLES); each step says so
# when they are absent.
# Each step prints its budget's verdict (BENCHMARKS.md, "Budgets"): samples/000 native
# ≤ 5 ms median; ≥ 8× faster than autocorrect on every text; wasm ≤ 350 KB gzip; in
# Chromium the wasm check of samples/000 ≤ 20 ms median, the page ready to check ≤ 250 ms
# after navigation, peak wasm memory ≤ 8× the text; a keystroke's re-check painted ≤ 16 ms
# p95 on a 20 KB report, ≤ 50 ms on samples/000; "budgets" at the end sums them up.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) export PATH="$CARGO_BIN:$PATH" ;; esac

say() { printf '\n==> %s\n' "$*"; }

say "machine"
lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core)' || true
free -h | head -2 || true
printf 'load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
rustc --version

LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

say "native: cargo bench --bench check"
cargo bench --quiet --bench check | tee -a "$LOG"

say "peer: report-check vs autocorrect (benches/peer)"
cargo run --quiet --release --manifest-path benches/peer/Cargo.toml --target-dir target/peer | tee -a "$LOG"

budgets() {
  say "budgets"
  grep -E 'samples/000 budget|slowest ratio' "$LOG" || echo "native budgets: no figures (see above)"
  grep -E '^budget: open and check a 60 KB' "$LOG" || true
  if [ -n "${BROWSER_JSON:-}" ]; then
    node -e '
      const r = JSON.parse(process.argv[1]);
      const gz = Number(process.argv[2]);
      const line = (what, value, unit, budget) => console.log(
        `${what}: ${value === undefined ? "not measured" : value.toFixed(1) + unit} (budget ≤ ${budget}${unit}: ${value === undefined ? "?" : value <= budget ? "met" : "NOT met"})`);
      line("release wasm, gzip -9", gz ? gz / 1000 : undefined, " KB", 350);
      line("browser: wasm check of samples/000, median", r.check_000_ms, " ms", 20);
      line("browser: navigation → ready to check (as docs/API.md loads it)", r.cold_fast_ms, " ms", 250);
      line("browser: navigation → www/index.html ready to check (as the page marks it)", r.cold_page_ready_ms, " ms", 250);
      const ratio = r.memory_10mb_bytes && r.memory_10mb_bytes / r.memory_10mb_text_bytes;
      line("browser: peak wasm memory / text, 10 MB finding-dense", ratio, "×", 8);
      const k = process.argv[3] ? JSON.parse(process.argv[3]) : {};
      const p95 = (c) => c && c.painted_p95_ms;
      line("browser: keystroke → highlights painted, 20 KB report, p95", p95(k["20k"]), " ms", 16);
      line("browser: keystroke → highlights painted, samples/000, p95", p95(k["000"]), " ms", 50);
    ' "$BROWSER_JSON" "${WASM_GZ:-0}" "${KEYS_JSON:-}"
  fi
}

if [ "${1:-all}" = native ]; then
  budgets
  exit 0
fi

say "size: scripts/build-wasm.sh"
bash scripts/build-wasm.sh | tee -a "$LOG"
WASM_GZ="$(sed -n 's/.*bytes raw (before wasm-opt: [0-9]*), \([0-9]*\) bytes gzip -9.*/\1/p' "$LOG" | tail -1)"

say "browser: node scripts/bench-browser.mjs"
node scripts/bench-browser.mjs --json | tee -a "$LOG"
BROWSER_JSON="$(tail -1 "$LOG")"

say "browser: node scripts/bench-keystroke.mjs"
node scripts/bench-keystroke.mjs --json | tee -a "$LOG"
KEYS_JSON="$(tail -1 "$LOG")"

say "browser: node scripts/bench-docx.mjs (open and check a 60 KB .docx)"
node scripts/bench-docx.mjs | tee -a "$LOG"
budgets
