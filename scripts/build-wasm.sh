#!/usr/bin/env bash
# Release build of the WebAssembly package into www/pkg/:
#   www/pkg/report_check.js, report_check_bg.wasm, *.d.ts, package.json
# then shrinks the wasm with wasm-opt -Oz from the npm package `binaryen`
# (node_modules/.bin/wasm-opt; never Debian's binaryen), checks that the result
# still loads, and prints its raw and gzipped size.
#
#   bash scripts/build-wasm.sh --docx-cost
# also builds the wasm without the cargo feature `docx` (no .docx reader, no
# `layout/…` rules, no docx exports: the text checker alone) into
# target/wasm-base/pkg, shrinks it the same way, and prints both gzip sizes and
# their difference: what reading and annotating .docx files costs (issue 16's
# budget: 60 KB gzip).
# Needs the tools scripts/install.sh installs.
set -euo pipefail

DOCX_COST=0
case "${1:-}" in
  "") ;;
  --docx-cost) DOCX_COST=1 ;;
  *) printf 'usage: %s [--docx-cost]\n' "$0" >&2; exit 2 ;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) export PATH="$CARGO_BIN:$PATH" ;;
esac

say() { printf 'build-wasm: %s\n' "$*"; }
die() { printf 'build-wasm: ERROR: %s\n' "$*" >&2; exit 1; }

WASM_OPT="node_modules/.bin/wasm-opt"
# Features rustc's wasm32-unknown-unknown target enables by default. Checked with
# binaryen 132 on this crate's wasm (target_features section stripped): without
# bulk-memory, sign-ext, reference-types or multivalue wasm-opt rejects the module;
# the other two are not used yet but are on in rustc, so they stay enabled.
WASM_OPT_FLAGS=(
  -Oz
  --enable-bulk-memory
  --enable-nontrapping-float-to-int
  --enable-sign-ext
  --enable-mutable-globals
  --enable-reference-types
  --enable-multivalue
)

command -v wasm-pack >/dev/null 2>&1 || die "wasm-pack not found; run scripts/install.sh"
[ -x "$WASM_OPT" ] || die "$WASM_OPT not found: package.json needs the exact-pinned devDependency \"binaryen\" and scripts/install.sh (npm ci) must have run"

# Cargo.toml's release profile is opt-level 3 for native builds (CLI, benches);
# the wasm is built for size. Measured on this crate (2026-11-23, node 20): "s"
# 195 KB gzip, 20 KB report 5.4 ms; 3: 216 KB gzip, 4.4 ms.
# 2026-12-07 (issue 14, 363,351 B gzip at main a7fe60d, over the 350 KB budget):
# "z" for the whole crate 306,780 B but checks twice as slow (samples/000
# 12.7 -> 25.0 ms in node); "z" for dependencies only changed nothing. Kept "s";
# the size came from std's sort instantiated per call site (src/sort.rs):
# 333,810 B, check speed within noise (BENCHMARKS.md, size row).
export CARGO_PROFILE_RELEASE_OPT_LEVEL="${CARGO_PROFILE_RELEASE_OPT_LEVEL:-s}"
# build OUT_DIR [cargo args…]: the wasm package into OUT_DIR, shrunk and
# checked; sets GZ to its gzip -9 size.
build() {
  OUT_DIR="$1"
  shift
  WASM="$OUT_DIR/report_check_bg.wasm"
  JS="$OUT_DIR/report_check.js"
  say "wasm-pack build --target web --release (opt-level $CARGO_PROFILE_RELEASE_OPT_LEVEL) $*"
  # wasm-opt is off for wasm-pack in Cargo.toml ([package.metadata.wasm-pack.profile.release]);
  # it is run below with the npm binaryen instead.
  wasm-pack --log-level warn build --target web --release \
    --out-dir "$(pwd)/$OUT_DIR" --out-name report_check -- "$@"

  [ -f "$WASM" ] || die "wasm-pack did not produce $WASM"
  [ -f "$JS" ] || die "wasm-pack did not produce $JS"

  # wasm-pack writes www/pkg/.gitignore ('*'). Drop it when the repository's own
  # .gitignore already ignores www/pkg; keep it otherwise so the build output
  # never shows up in `git status`.
  if [ -f "$OUT_DIR/.gitignore" ] && git rev-parse --git-dir >/dev/null 2>&1; then
    mv "$OUT_DIR/.gitignore" "$OUT_DIR/.gitignore.tmp"
    if git check-ignore -q "$WASM"; then
      rm -f "$OUT_DIR/.gitignore.tmp"
    else
      mv "$OUT_DIR/.gitignore.tmp" "$OUT_DIR/.gitignore"
    fi
  fi

  raw_before="$(wc -c <"$WASM")"
  # wasm-opt (binaryen compiled to wasm, run by node) takes tens of seconds on this
  # module, so its output is cached under target/, keyed by the input wasm, the flags
  # and the binaryen version; an unchanged crate reuses a recent result (the last
  # four are kept: the full and the base wasm of --docx-cost take two).
  CACHE_DIR="target/wasm-opt-cache"
  binaryen_version="$(node -p 'require("./node_modules/binaryen/package.json").version' 2>/dev/null || echo unknown)"
  key="$( { sha256sum "$WASM" | cut -d' ' -f1; echo "${WASM_OPT_FLAGS[*]}"; echo "$binaryen_version"; } | sha256sum | cut -d' ' -f1)"
  cached="$CACHE_DIR/$key.wasm"
  if [ -f "$cached" ]; then
    say "wasm-opt ${WASM_OPT_FLAGS[*]} (cached: input unchanged)"
    cp "$cached" "$WASM"
  else
    say "wasm-opt ${WASM_OPT_FLAGS[*]} (binaryen $binaryen_version)"
    tmp="$WASM.opt.tmp"
    rm -f "$tmp"
    if ! "$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "$WASM" -o "$tmp"; then
      rm -f "$tmp"
      die "wasm-opt failed on $WASM"
    fi
    mv "$tmp" "$WASM"
    mkdir -p "$CACHE_DIR"
    # shellcheck disable=SC2012 # names are hex digests
    # (An empty cache matches no file: ls exits 2, which pipefail would make the script's.)
    { ls -t "$CACHE_DIR"/*.wasm 2>/dev/null || true; } | tail -n +4 | xargs -r rm -f
    cp "$WASM" "$cached"
  fi

  # Smoke check: the optimized module must validate and instantiate with its JS glue.
  node --input-type=module - "$JS" "$WASM" <<'EOF'
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
const [jsPath, wasmPath] = process.argv.slice(2);
const bytes = readFileSync(wasmPath);
if (!WebAssembly.validate(bytes)) {
  console.error(`build-wasm: ERROR: ${wasmPath} does not validate after wasm-opt`);
  process.exit(1);
}
const glue = await import(pathToFileURL(path.resolve(jsPath)).href);
if (typeof glue.initSync !== 'function') {
  console.error(`build-wasm: ERROR: ${jsPath} has no initSync export`);
  process.exit(1);
}
glue.initSync({ module: bytes });
EOF

  raw="$(wc -c <"$WASM")"
  GZ="$(gzip -9 -c "$WASM" | wc -c)"
  say "$WASM: $raw bytes raw (before wasm-opt: $raw_before), $GZ bytes gzip -9"
}

build www/pkg
if [ "$DOCX_COST" = 1 ]; then
  full="$GZ"
  build target/wasm-base/pkg --no-default-features
  say "docx cost (feature docx): $full - $GZ = $((full - GZ)) bytes gzip -9 ($(awk "BEGIN { printf \"%.1f\", ($full - $GZ) / 1024 }") KiB)"
fi
