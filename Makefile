# Spotter: `make run` starts the daemon on its embedded defaults; `make test` runs every test.
# Both first install whatever is missing (scripts/setup.sh: Debian packages, model files).
SWIFT ?= swift
JOBS  ?= $(shell nproc)

.PHONY: run test bench setup build release clean

run: setup release
	.build/release/spotter serve

test: setup
	$(SWIFT) build --build-tests -j $(JOBS)
	$(SWIFT) test --skip-build

# `make bench` runs every section; `make bench BENCH="server"` runs the named ones.
bench: setup release
	.build/release/spotter bench $(BENCH)

setup:
	@scripts/setup.sh

build:
	$(SWIFT) build -j $(JOBS)

release:
	$(SWIFT) build -c release --product spotter -j $(JOBS)

clean:
	rm -rf .build
