# Naungan: two commands. Each installs what is missing (scripts/setup.sh), then does its job.
#   make serve   build the app and serve it on http://127.0.0.1:8080
#   make test    every test layer: lint, native, browser (wasm-bindgen-test), end-to-end
SHELL := /bin/bash
# Builds are shared between clones (CI's fresh clone reuses them), outside the work tree.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/naungan/target
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/tools/node_modules/.bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true

.PHONY: serve test build bench regions

serve:
	scripts/setup.sh serve
	trunk serve --release

test:
	scripts/setup.sh test
	scripts/test.sh

build:
	scripts/setup.sh serve
	trunk build --release

# Benchmarks at shelter scale (minutes; not part of `make test`): one table on stdout.
bench:
	scripts/setup.sh bench
	trunk build --release
	trunk build --release --features bench --dist dist-bench
	NAUNGAN_PYTHON=$(HOME)/.cache/naungan/venv/bin/python node tests/bench/bench.mjs dist dist-bench 3

# Regenerate src/domain/region_data.rs from the npm package idn-area-data.
regions:
	scripts/setup.sh serve
	node tools/gen-regions.mjs
