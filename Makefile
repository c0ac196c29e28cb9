# nnlab: `make site` renders every notebook into site/, `make test` runs every test,
# `make bench` runs the benchmarks. Each first installs the Debian packages it needs.

SWIFT ?= swift
# Debian packages: C libraries, the data set, ABC and Yosys for the logic checks, the OSU
# standard-cell libraries (Liberty), pkg-config for SwiftPM, GNU time for the memory-ceiling test.
DEBS := pkg-config libcmark-dev libopenblas-dev zlib1g-dev dataset-fashion-mnist berkeley-abc yosys qflow-tech-osu018 qflow-tech-osu035 time
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
NNLAB := .build/release/nnlab

FUZZ_SECONDS ?= 600

.PHONY: all deps build site test bench fuzz clean

all: build

deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product nnlab

site: build
	$(NNLAB) render notebooks --out site --cache

test: deps
	$(SWIFT) test

bench: deps
	$(SWIFT) build -c release --product nnlab-bench
	.build/release/nnlab-bench

# libFuzzer on the parser and the evaluator (Fuzz/): new inputs go to .build-fuzz/corpus,
# crashes to .build-fuzz/crash-*; keep a crash as a file in Fuzz/corpus (the tests replay it).
fuzz: deps
	$(SWIFT) build -c release --product nnlab-fuzz --scratch-path .build-fuzz \
	  -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
	mkdir -p .build-fuzz/corpus
	.build-fuzz/release/nnlab-fuzz .build-fuzz/corpus Fuzz/corpus -dict=Fuzz/lab.dict \
	  -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 -artifact_prefix=.build-fuzz/ -print_final_stats=1

clean:
	rm -rf .build
