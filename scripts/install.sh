#!/usr/bin/env bash
# Installs everything report-check's build and tests need on a fresh Debian 12
# machine (root, or a user with sudo). Idempotent: each piece is skipped when
# the right version is already there, and a run with nothing to do prints one line.
#
#   - Debian packages: chromium, chromium-driver, fonts-liberation, fonts-noto-cjk
#     (only when one of them is missing), libreoffice-writer-nogui (when soffice
#     is missing: the annotated .docx copies are opened with it), build-essential
#     (only when no C compiler), nodejs/npm (only when node is missing).
#     Never Debian's `binaryen`: its wasm-opt corrupts wasm-bindgen output;
#     wasm-opt comes from the npm package `binaryen` (node_modules/.bin/wasm-opt).
#   - rustup: target wasm32-unknown-unknown, components rustfmt and clippy.
#   - cargo: wasm-pack 0.15.1; wasm-bindgen-cli = the wasm-bindgen version in Cargo.lock.
#   - npm ci (when node_modules is missing or older than package-lock.json).
set -euo pipefail

WASM_PACK_VERSION="0.15.1"

cd "$(dirname "${BASH_SOURCE[0]}")/.."

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) export PATH="$CARGO_BIN:$PATH" ;;
esac

did_something=0
say() { printf 'install: %s\n' "$*"; }
die() { printf 'install: ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    say "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
    install -y -qq "$@" </dev/null
  did_something=1
}

# --- Debian packages ---------------------------------------------------------
# fonts-noto-cjk: without a CJK font the browser tests cannot see Chinese text laid out.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] \
   || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  apt_install chromium chromium-driver fonts-liberation fonts-noto-cjk
fi
# LibreOffice (no GUI): tests/docx_annotate.rs opens the annotated .docx copies with it.
if [ ! -x /usr/bin/soffice ]; then
  apt_install libreoffice-writer-nogui
fi
if ! command -v cc >/dev/null 2>&1; then
  apt_install build-essential pkg-config
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi

# --- Rust toolchain pieces ---------------------------------------------------
command -v rustup >/dev/null 2>&1 || die "rustup not found (expected in $CARGO_BIN)"
command -v cargo >/dev/null 2>&1 || die "cargo not found (expected in $CARGO_BIN)"

if ! rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
  did_something=1
fi

installed_components="$(rustup component list --installed)"
for comp in rustfmt clippy; do
  if ! grep -q "^${comp}-" <<<"$installed_components"; then
    say "rustup component add $comp"
    rustup component add "$comp"
    did_something=1
  fi
done

# --- wasm-pack ---------------------------------------------------------------
# `wasm-pack --version` prints e.g. "wasm-pack 0.15.1".
have_wasm_pack="$(wasm-pack --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_wasm_pack" != "$WASM_PACK_VERSION" ]; then
  say "cargo install wasm-pack $WASM_PACK_VERSION (found: ${have_wasm_pack:-none}; takes a few minutes)"
  cargo install --locked wasm-pack --version "$WASM_PACK_VERSION"
  did_something=1
fi

# --- wasm-bindgen-cli, the exact version Cargo.lock pins ---------------------
[ -f Cargo.lock ] || die "Cargo.lock not found in $(pwd)"
bindgen_version="$(awk '
  /^\[\[package\]\]/ { in_pkg = 1; is_wb = 0; next }
  in_pkg && /^name = "wasm-bindgen"$/ { is_wb = 1; next }
  in_pkg && is_wb && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)"
[ -n "$bindgen_version" ] || die "no wasm-bindgen package in Cargo.lock"

# `wasm-bindgen --version` prints e.g. "wasm-bindgen 0.2.130".
have_bindgen="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
have_runner="$(command -v wasm-bindgen-test-runner 2>/dev/null || true)"
if [ "$have_bindgen" != "$bindgen_version" ] || [ -z "$have_runner" ]; then
  say "cargo install wasm-bindgen-cli $bindgen_version (found: ${have_bindgen:-none}; takes a few minutes)"
  # Without --locked on purpose: the CLI resolves its own dependencies.
  cargo install wasm-bindgen-cli --version "=$bindgen_version"
  did_something=1
fi

# --- npm packages (playwright-core, binaryen) --------------------------------
if [ -f package.json ]; then
  if [ -f package-lock.json ]; then
    if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] \
       || [ package-lock.json -nt node_modules/.package-lock.json ] \
       || [ package.json -nt node_modules/.package-lock.json ]; then
      say "npm ci"
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error </dev/null
      did_something=1
    fi
  else
    if [ ! -d node_modules ] || [ package.json -nt node_modules ]; then
      say "npm install (no package-lock.json yet; commit the one it writes)"
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error </dev/null
      did_something=1
    fi
  fi
fi

if [ "$did_something" -eq 0 ]; then
  say "everything already installed"
else
  say "done"
fi
