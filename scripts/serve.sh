#!/usr/bin/env bash
# One command to try report-check in a browser: installs what is missing,
# builds the release wasm into www/pkg/, then serves www/ with
# scripts/serve.mjs, which prints the URL (report-check: http://127.0.0.1:PORT/).
# Arguments are passed on to scripts/serve.mjs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install.sh
bash scripts/build-wasm.sh
exec node scripts/serve.mjs "$@"
