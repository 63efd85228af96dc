# Spotter: `make run` starts the daemon on its embedded defaults; `make test` runs every test.
# Both first install whatever is missing (scripts/setup.sh: Debian packages, model files).
SWIFT ?= swift
JOBS  ?= $(shell nproc)
# Debian's Tesseract uses OpenMP threads that fight the engine's own threads for 2 cores; the
# library reads this once at load time, so it must be in the environment before spotter starts.
export OMP_THREAD_LIMIT ?= 1

.PHONY: run test bench setup build release clean

run: setup release
	.build/release/spotter serve

test:
	@scripts/setup.sh --tests
	$(SWIFT) build --build-tests -j $(JOBS)
	$(SWIFT) test --skip-build --no-parallel
	scripts/schemathesis.sh
	FUZZ_SECONDS=10 FUZZ_SEED=1 JOBS=$(JOBS) SWIFT=$(SWIFT) scripts/fuzz.sh

# `make bench` runs every section; `make bench BENCH="server"` runs the named ones.
bench: setup release
	.build/release/spotter bench $(BENCH)

# `make fuzz` runs every parser fuzzer for FUZZ_SECONDS (default 60) each; `make fuzz FUZZ="gguf image"` the named ones.
.PHONY: fuzz
fuzz: setup
	JOBS=$(JOBS) SWIFT=$(SWIFT) scripts/fuzz.sh $(FUZZ)

setup:
	@scripts/setup.sh

build:
	$(SWIFT) build -j $(JOBS)

release:
	$(SWIFT) build -c release --product spotter -j $(JOBS)

clean:
	rm -rf .build
