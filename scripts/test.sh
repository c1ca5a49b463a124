#!/usr/bin/env bash
# Runs every test layer, even after one fails, then prints a summary and exits non-zero if any
# layer failed. Called by `make test` (which installs the tools first).
set -uo pipefail
cd "$(dirname "$0")/.."
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export NAUNGAN_PYTHON=${NAUNGAN_PYTHON:-$HOME/.cache/naungan/venv/bin/python}
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-180}

failed=()
summary=()
section() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
run() {
  local name=$1; shift
  section "$name"
  local start=$SECONDS
  if "$@"; then summary+=("ok      $name ($((SECONDS - start)) s)")
  else failed+=("$name"); summary+=("FAILED  $name ($((SECONDS - start)) s)"); fi
}

run "format (cargo fmt --check)" cargo fmt --all -- --check
run "lint, native (clippy -D warnings)" cargo clippy --all-targets -- -D warnings
run "lint, wasm (clippy -D warnings, with the bench hooks)" \
  cargo clippy --target wasm32-unknown-unknown --lib --bins --tests --features bench -- -D warnings
run "region table matches idn-area-data" node tools/gen-regions.mjs --check
run "layer 1: native tests (cargo test; layer invariants; backup interop with pyrage)" cargo test --lib --bins --test interop --test layers
run "layer 2: browser tests (wasm-bindgen-test, headless Chromium)" \
  cargo test --target wasm32-unknown-unknown --test browser --features test-hooks
run "release build (trunk, wasm-opt from npm binaryen)" trunk build --release
# A report, not a check (a growth budget: the ceiling is a benchmark target): every change sees what it costs against the release build before it.
[[ " ${failed[*]} " == *"release build"* ]] || first_load=$(node tools/first-load.mjs dist)
if [[ " ${failed[*]} " == *"release build"* ]]; then
  failed+=("layer 3: end-to-end (not run: no build)")
else
  rm -rf tests/e2e/artifacts
  run "layer 3: end-to-end tests (Playwright, headless Chromium)" \
    node --test --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=./tests/e2e/summary-reporter.mjs --test-reporter-destination=stdout tests/e2e/
fi

section "summary"
printf '  %s\n' "${summary[@]}"
[[ -n ${first_load:-} ]] && echo "  $first_load"
if ((${#failed[@]})); then
  printf '\n%d check(s) failed:\n' "${#failed[@]}"
  printf '  - %s\n' "${failed[@]}"
  compgen -G "tests/e2e/artifacts/FAILED_*.png" >/dev/null && echo "Screenshots of failed end-to-end steps: tests/e2e/artifacts/FAILED_*.png"
  exit 1
fi
echo "All checks passed."
