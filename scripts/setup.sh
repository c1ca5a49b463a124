#!/usr/bin/env bash
# Installs what `make serve` and `make test` need, idempotently. Nothing is downloaded as a
# prebuilt binary: only crates (cargo install), npm packages and Debian packages, by name.
# Usage: scripts/setup.sh [serve|test|bench]   (test also installs Chromium and the e2e packages;
# bench also Lighthouse)
set -euo pipefail
cd "$(dirname "$0")/.."

# Keep these in step with Cargo.toml (wasm-bindgen is pinned with "=").
WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14
# The version Leptos 0.8's wasm_split_helpers is made for (Cargo.lock).
WASM_SPLIT_VERSION=0.2.4
what=${1:-test}

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for c in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$c"; then rustup component add "$c"; fi
done

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 14 minutes on 2 cores, once)"
  cargo install trunk --version "=$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes, once)"
  # --locked fails today: its lock file wants a webpki-roots version the registry lacks.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

# wasm-split-cli cuts the pages fetched on demand out of the page's wasm (tools/split-wasm.mjs).
if ! cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (about 3 minutes, once)"
  cargo install wasm_split_cli_support --version "=$WASM_SPLIT_VERSION" --features build-binary --locked
fi

# wasm-opt for release builds: Debian's binaryen 108 breaks the output; npm binaryen@132 works.
# terser minifies wasm-bindgen's JS glue (tools/post-build.mjs, a Trunk hook).
if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ ! -x tools/node_modules/.bin/terser ]; then
  say "installing wasm-opt and terser (npm binaryen and terser, pinned in tools/package-lock.json)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ "$what" = test ] || [ "$what" = bench ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  # Printed documents are checked by reading the PDF back.
  if ! command -v pdftotext >/dev/null; then
    say "installing Debian's poppler-utils (pdftotext, for the printed documents' tests)"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null
  fi
  # An independent age implementation for the backup interoperability tests.
  venv="$HOME/.cache/naungan/venv"
  if ! "$venv/bin/python" -c "import pyrage" 2>/dev/null; then
    say "installing pyrage (PyPI) in $venv"
    python3 -m venv "$venv" 2>/dev/null || { $SUDO apt-get update -qq; $SUDO apt-get install -y -qq python3-venv >/dev/null; python3 -m venv "$venv"; }
    "$venv/bin/pip" install -q "pyrage==1.4.*"
  fi
  if [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -d tests/e2e/node_modules/axe-core ]; then
    say "installing end-to-end test packages (npm, pinned in tests/e2e/package-lock.json)"
    (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
if [ "$what" = bench ] && [ ! -d tests/bench/node_modules/lighthouse ]; then
  say "installing Lighthouse (npm, pinned in tests/bench/package-lock.json; make bench only)"
  (cd tests/bench && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
say "ready"
