#!/usr/bin/env bash
# The whole check, as CI runs it (.ci/run):
#   install, cargo fmt --check, clippy -D warnings, cargo test,
#   wasm-pack test --node, wasm-pack test --headless --chrome,
#   release wasm build (scripts/build-wasm.sh), node --test tests/e2e/.
# Each step's output is shown and kept in target/test-logs/NN-step.log.
# Stops at the first failing step. The last line printed is always the
# summary "N passed, M failed" (tests counted from the runners' own result
# lines; a failing step that reported no failed test counts as one failure).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) export PATH="$CARGO_BIN:$PATH" ;;
esac
export CARGO_TERM_COLOR=never NO_COLOR=1 FORCE_COLOR=0

LOG_DIR="$ROOT/target/test-logs"
mkdir -p "$LOG_DIR"
rm -f "$LOG_DIR"/*.log

total_passed=0
total_failed=0
step_no=0
start_all=$SECONDS

summary() {
  printf '\n%s passed, %s failed\n' "$total_passed" "$total_failed"
}

# Adds up the counts in one step's log:
#   cargo / wasm-bindgen-test-runner: "test result: ok. N passed; M failed; ..."
#   node --test (TAP):                "# pass N" and "# fail N"
count_log() {
  local log="$1" p f
  read -r p f < <(sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' "$log" | awk '
    match($0, /test result: [A-Za-z]+\. [0-9]+ passed; [0-9]+ failed/) {
      s = substr($0, RSTART, RLENGTH)
      n = split(s, w, /[ ;.]+/)
      for (i = 1; i < n; i++) {
        if (w[i + 1] == "passed") p += w[i]
        if (w[i + 1] == "failed") f += w[i]
      }
      next
    }
    /^# pass [0-9]+[[:space:]]*$/ { p += $3; next }
    /^# fail [0-9]+[[:space:]]*$/ { f += $3; next }
    END { printf "%d %d\n", p, f }
  ')
  step_passed=$p
  step_failed=$f
}

# run_step NAME COMMAND...
run_step() {
  local name="$1"
  shift
  step_no=$((step_no + 1))
  local log
  log="$(printf '%s/%02d-%s.log' "$LOG_DIR" "$step_no" "$name")"
  printf '\n==> [%d] %s: %s\n' "$step_no" "$name" "$*"
  local t0=$SECONDS rc=0
  "$@" </dev/null 2>&1 | tee "$log" || rc=${PIPESTATUS[0]}
  count_log "$log"
  total_passed=$((total_passed + step_passed))
  total_failed=$((total_failed + step_failed))
  if [ "$rc" -ne 0 ]; then
    [ "$step_failed" -gt 0 ] || total_failed=$((total_failed + 1))
    printf '\ntest.sh: FAILED at step [%d] %s (exit %d) after %ds; full log: %s\n' \
      "$step_no" "$name" "$rc" "$((SECONDS - t0))" "${log#"$ROOT"/}"
    summary
    exit "$rc"
  fi
  if [ "$step_failed" -gt 0 ]; then
    printf '\ntest.sh: FAILED at step [%d] %s: %d failed test(s) although it exited 0; full log: %s\n' \
      "$step_no" "$name" "$step_failed" "${log#"$ROOT"/}"
    summary
    exit 1
  fi
  printf -- '--> [%d] %s ok (%ds; %d passed)\n' "$step_no" "$name" "$((SECONDS - t0))" "$step_passed"
}

node_e2e() {
  shopt -s nullglob
  local files=(tests/e2e/*.test.mjs)
  shopt -u nullglob
  if [ "${#files[@]}" -eq 0 ]; then
    echo "test.sh: no tests/e2e/*.test.mjs found" >&2
    return 1
  fi
  node --test --test-reporter=tap "${files[@]}"
}

run_step install        bash scripts/install.sh
run_step fmt            cargo fmt --all -- --check
run_step clippy         cargo clippy --all-targets -- -D warnings
# The wasm without the .docx reader (feature docx off): what build-wasm.sh --docx-cost measures against.
run_step clippy-no-docx cargo clippy --no-default-features --lib --target wasm32-unknown-unknown -- -D warnings
run_step cargo-test     cargo test
run_step wasm-node      wasm-pack test --node
run_step wasm-chrome    wasm-pack test --headless --chrome
run_step build-wasm     bash scripts/build-wasm.sh
run_step e2e            node_e2e

if [ "$total_passed" -eq 0 ]; then
  printf '\ntest.sh: FAILED: no test ran (0 passed)\n'
  total_failed=$((total_failed > 0 ? total_failed : 1))
  summary
  exit 1
fi

printf '\ntest.sh: all steps passed in %ds; logs in %s\n' "$((SECONDS - start_all))" "${LOG_DIR#"$ROOT"/}"
summary
