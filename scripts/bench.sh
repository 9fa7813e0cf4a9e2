#!/usr/bin/env bash
# Every benchmark behind one command (figures for BENCHMARKS.md):
#   bash scripts/bench.sh            native, peer, wasm size, browser
#   bash scripts/bench.sh native     only the native ones (no wasm build, no browser)
# 1. native: `cargo bench --bench check`: median and MB/s per sample;
# 2. peer: benches/peer (its own crate, so autocorrect never enters `cargo test`
#    or the wasm build): report-check and autocorrect's lint_for on the same texts;
# 3. size: scripts/build-wasm.sh (release wasm + wasm-opt -Oz, raw and gzip sizes);
# 4. browser: scripts/bench-browser.mjs (check time, cold start, wasm memory).
# Samples come from ../shared/domain/samples; each step says so when they are absent.
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

say "native: cargo bench --bench check"
cargo bench --quiet --bench check

say "peer: report-check vs autocorrect (benches/peer)"
cargo run --quiet --release --manifest-path benches/peer/Cargo.toml --target-dir target/peer

[ "${1:-all}" = native ] && exit 0

say "size: scripts/build-wasm.sh"
bash scripts/build-wasm.sh

say "browser: node scripts/bench-browser.mjs"
node scripts/bench-browser.mjs
