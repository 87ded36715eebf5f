# ringside: build, boot and test.
#
#   make qemu [TARGET=microvm] [INIT=./prog ARGS="a b"]   boot, run init
#   make test                                            host + in-guest
#   make bench                                           see docs/bench.md
#
# TARGET selects the board (microvm: QEMU amd64). TAMAGO overrides the
# TamaGo compiler; by default `go tool tamago` provides it (resolved first
# without GOOS=tamago, as the stock go command cannot build the tool for
# GOOS=tamago).

TARGET ?= microvm
TAMAGO ?= $(shell go tool -n github.com/usbarmory/tamago/cmd/tamago)

BUILD := build
PAYLOAD := cmd/ringside/payload

ifeq ($(TARGET),microvm)
ARCH := amd64
TEXT_START := 0x10010000
CC_TARGET := gcc
CC_MUSL := musl-gcc
endif

# virt: QEMU arm64 virt (board/qemu/virt). Debian has no aarch64 musl
# cross compiler, so no hello-musl.
ifeq ($(TARGET),virt)
ARCH := arm64
TEXT_START := 0x40010000
CC_TARGET := aarch64-linux-gnu-gcc
CC_MUSL :=
endif

# imx8mpevk: NXP i.MX 8M Plus EVK (board/nxp/imx8mpevk); `make imx`
# builds what U-Boot boots (docs in that package).
ifeq ($(TARGET),imx8mpevk)
ARCH := arm64
TEXT_START := 0x40010000
CC_TARGET := aarch64-linux-gnu-gcc
CC_MUSL :=
endif

# The targets `make test` boots, whatever TARGET is.
QEMU_TARGETS := microvm virt

ifeq ($(ARCH),)
$(error unknown TARGET $(TARGET))
endif

USER_DIR := $(BUILD)/user/$(ARCH)
USER_PROGS := hello startup fault efault bench spin rseq signal fork fpregs
USER_BINS := $(addprefix $(USER_DIR)/,$(USER_PROGS))
# Debian's static busybox: unmodified third-party binaries for the suite.
USER_BINS += $(USER_DIR)/busybox
ifneq ($(CC_MUSL),)
USER_BINS += $(USER_DIR)/hello-musl
endif
USER_CFLAGS := -static -O2 -Wall -Wno-unused-result

# DESIGN selects exit-path designs by build tag (docs/designs.md), e.g.
# DESIGN=iret or DESIGN="genericentry rseqeager".
DESIGN ?=
empty :=
space := $(empty) $(empty)
comma := ,
KERNEL_TAGS := $(subst $(space),$(comma),$(strip $(TARGET) $(DESIGN)))
# lazyfp exists on arm64 only, iret on amd64 only: the other
# architecture would build the default silently.
ifneq ($(filter lazyfp,$(DESIGN)),)
ifneq ($(ARCH),arm64)
$(error DESIGN=lazyfp is an arm64 design (docs/designs.md); TARGET=$(TARGET) is $(ARCH))
endif
endif
ifneq ($(filter iret,$(DESIGN)),)
ifneq ($(ARCH),amd64)
$(error DESIGN=iret is an amd64 design (docs/designs.md); TARGET=$(TARGET) is $(ARCH))
endif
endif

GOENV := GOOS=tamago GOOSPKG=github.com/usbarmory/tamago GOARCH=$(ARCH)
GOFLAGS_K := -tags $(KERNEL_TAGS) -trimpath \
	-ldflags "-T $(TEXT_START) -R 0x1000"

INIT ?= $(USER_DIR)/hello
ARGS ?= 0 world
# TRACE=1 logs every syscall of the run.
TRACE_WORD := $(if $(filter 1,$(TRACE)),trace )

.PHONY: all qemu test test-host test-guest guest-suite gicv3-suite lazyfp-suite \
	exit-status user \
	kernel-check clean bench

all: $(BUILD)/ringside-$(TARGET).elf

kernel-check:
	@if [ -z "$(TAMAGO)" ] || [ ! -x "$(TAMAGO)" ]; then \
		echo "error: the TamaGo compiler is missing: go tool tamago" \
		"found nothing usable; build tag tamago-go1.26.0 of" \
		"usbarmory/tamago-go into \$$(go env GOCACHE)/../tamago-go" \
		"(see README) or set TAMAGO=" >&2; exit 1; fi

user: $(USER_BINS)

$(USER_DIR)/%: user/%.c user/check.h
	@mkdir -p $(@D)
	$(CC_TARGET) $(USER_CFLAGS) -o $@ $<

$(USER_DIR)/busybox: scripts/busybox
	scripts/busybox $(ARCH) $@

$(USER_DIR)/hello-musl: user/hello.c
	@mkdir -p $(@D)
	$(CC_MUSL) $(USER_CFLAGS) -o $@ $<

# The vDSO every task gets (user/vdso, kernel/vdso.go): position
# independent, no relocations, one PT_LOAD (vdso.lds), Linux's symbol
# names and version for the architecture.
VDSO := $(USER_DIR)/vdso.so
VDSO_MAP := user/vdso/vdso-$(if $(filter amd64,$(ARCH)),x86_64,aarch64).map
VDSO_FLAGS := -O2 -Wall -fPIC -fno-stack-protector \
	-fno-asynchronous-unwind-tables -nostdlib -shared \
	-Wl,-soname=linux-vdso.so.1 -Wl,--hash-style=both \
	-Wl,-T,user/vdso/vdso.lds -Wl,-z,max-page-size=4096 \
	-Wl,--no-undefined -Wl,--version-script=$(VDSO_MAP)

$(VDSO): user/vdso/vdso.c user/vdso/vdso.lds $(VDSO_MAP)
	@mkdir -p $(@D)
	$(CC_TARGET) $(VDSO_FLAGS) -o $@ $<

# payload-run and payload-test fill the embedded payload directory.
define payload
	rm -rf $(PAYLOAD) && mkdir -p $(PAYLOAD)
	cp $(1) $(PAYLOAD)/
	printf '%s\n' "$(2)" > $(PAYLOAD)/cmdline
endef

$(BUILD)/ringside-$(TARGET).elf: kernel-check $(INIT) $(VDSO) FORCE
	$(call payload,$(INIT) $(VDSO),$(TRACE_WORD)run $(notdir $(INIT)) $(ARGS))
	$(GOENV) $(TAMAGO) build $(GOFLAGS_K) -o $@ ./cmd/ringside

$(BUILD)/ringside-$(TARGET)-test.elf: kernel-check $(USER_BINS) $(VDSO) FORCE
	$(call payload,$(USER_BINS) $(VDSO),test)
	$(GOENV) $(TAMAGO) build $(GOFLAGS_K) -o $@ ./cmd/ringside

qemu: $(BUILD)/ringside-$(TARGET).elf
	scripts/qemu-run $(TARGET) $<

test: test-host test-guest gicv3-suite lazyfp-suite imx-check bench-check

# gicv3-suite: the suite on QEMU virt with a GICv3 (the interrupt
# controller of the i.MX 8M Plus), so the tick and slice timer are
# tested through both GIC drivers.
gicv3-suite:
	@QEMU_GIC=3 $(MAKE) --no-print-directory TARGET=virt guest-suite

# lazyfp-suite: the suite on QEMU virt with the lazyfp design
# (docs/designs.md), whose FP/SIMD state handling is its own code.
lazyfp-suite:
	@$(MAKE) --no-print-directory TARGET=virt DESIGN=lazyfp guest-suite

# imx-check: the i.MX 8M Plus EVK image builds (it cannot run here).
imx-check:
	@$(MAKE) --no-print-directory TARGET=imx8mpevk imx >/dev/null
	@test -s $(BUILD)/imx8mpevk/ringside.elf && \
		test -s $(BUILD)/imx8mpevk/boot.scr && \
		echo "imx-check: i.MX 8M Plus EVK image built in $(BUILD)/imx8mpevk"


test-host:
	go vet ./...
	go test ./...

# Every QEMU target boots the in-guest suite; its last line must be
# "N passed, 0 failed".
test-guest:
	@set -e; for t in $(QEMU_TARGETS); do \
		$(MAKE) --no-print-directory TARGET=$$t guest-suite; \
		$(MAKE) --no-print-directory TARGET=$$t exit-status; done

# exit-status: the init task's exit status must come out of `make qemu`.
exit-status:
	@$(MAKE) --no-print-directory TARGET=$(TARGET) all \
		INIT=$(USER_DIR)/hello ARGS=201 >/dev/null
	@scripts/qemu-run $(TARGET) $(BUILD)/ringside-$(TARGET).elf \
		>/dev/null; s=$$?; [ $$s = 201 ] || \
		{ echo "exit-status: want 201, got $$s" >&2; exit 1; }
	@echo "exit-status: make qemu returns the task's status on $(TARGET)"

# The suite runs under -icount (ICOUNT=1): guest time is virtual, so the
# tests that time the tick or the 5 us rseq slice timer see the same
# figures on a loaded host as on an idle one.
guest-suite: $(BUILD)/ringside-$(TARGET)-test.elf
	ICOUNT=1 scripts/qemu-run $(TARGET) $< | tee $(BUILD)/suite-$(TARGET).log
	@tr -d '\r' < $(BUILD)/suite-$(TARGET).log | \
		grep -Eq '^[0-9]+ passed, 0 failed$$' || \
		{ echo "in-guest suite on $(TARGET) failed" >&2; exit 1; }

clean:
	rm -rf $(BUILD) $(PAYLOAD)

# imx: what the i.MX 8M Plus EVK boots, in $(BUILD)/imx8mpevk/: the kernel
# (with INIT and ARGS, as `make qemu`), boot.scr for U-Boot from an SD
# card, ringside.uuu for uuu over USB (board/nxp/imx8mpevk/boot.cmd and
# ringside.uuu say how). Needs mkimage (u-boot-tools).
ifeq ($(TARGET),imx8mpevk)
IMX_DIR := $(BUILD)/imx8mpevk

.PHONY: imx

imx: $(BUILD)/ringside-$(TARGET).elf
	mkdir -p $(IMX_DIR)
	cp $< $(IMX_DIR)/ringside.elf
	mkimage -A arm64 -O linux -T script -C none -n "ringside boot" \
		-d board/nxp/imx8mpevk/boot.cmd $(IMX_DIR)/boot.scr
	cp board/nxp/imx8mpevk/ringside.uuu $(IMX_DIR)/
endif

FORCE:

# Benchmarks: guest instructions per operation, Linux against ringside, both
# under -icount shift=0 (docs/bench.md).
#
#   make bench [BENCH_ITERATIONS=100000]   table; JSON and SVG in results/
#   make bench DESIGNS="iret rseqeager"    also ringside built with each
#                                          design, one column pair each
#   make bench BENCH=./prog [BENCH_ARGS=]  a static program of your own:
#                                          both outputs side by side
#   make bench-linux, make bench-ringside  one side only
#   make bench-check                       the bench runs and fills every
#                                          cell (part of make test)
#   make bench-compare OLD=dir NEW=dir     two runs' bench.json side by
#                                          side
#
# scripts/bench builds the ringside image itself (INIT, ARGS and DESIGN set
# for each run), so it replaces $(BUILD)/ringside-$(TARGET).elf.

BENCH ?=
BENCH_ARGS ?=
BENCH_ITERATIONS ?= 100000
DESIGNS ?=
BENCH_RESULTS ?= results
BENCH_PROG := $(if $(BENCH),$(BENCH),$(USER_DIR)/bench)
BENCH_RUN = BENCH="$(BENCH)" BENCH_ARGS="$(BENCH_ARGS)" \
	BENCH_ITERATIONS="$(BENCH_ITERATIONS)" DESIGNS="$(DESIGNS)" \
	RESULTS="$(BENCH_RESULTS)" MAKE="$(MAKE)" scripts/bench

# BENCH_UNSUPPORTED lists the operations of user/bench.c that ringside
# does not implement yet, comma-separated: bench-check accepts "—" in their
# ringside cells (docs/bench.md). None today.
BENCH_UNSUPPORTED ?=
BENCH_CHECK_DIR := $(BUILD)/bench-check

.PHONY: bench-linux bench-ringside bench-check bench-compare

bench: $(BENCH_PROG)
	$(BENCH_RUN) $(TARGET)

bench-linux: $(BENCH_PROG)
	SIDES=linux $(BENCH_RUN) $(TARGET)

bench-ringside: $(BENCH_PROG)
	SIDES=ringside $(BENCH_RUN) $(TARGET)

# bench-compare OLD=results/<run> NEW=results/<run>: two runs of one
# target side by side, for a change no DESIGN selects (docs/bench.md).
bench-compare:
	@test -n "$(OLD)" -a -n "$(NEW)" || \
		{ echo "usage: make bench-compare OLD=dir NEW=dir" >&2; exit 2; }
	@go run ./cmd/benchtab -compare "$(OLD)" "$(NEW)"

# bench-check: a short make bench (1000 iterations, results in
# $(BUILD)/bench-check) must print a number in every cell, for every
# operation of user/bench.c. It asserts no speed.
bench-check:
	@rm -rf $(BENCH_CHECK_DIR) && mkdir -p $(BENCH_CHECK_DIR)
	@$(MAKE) --no-print-directory bench BENCH= DESIGNS= \
		BENCH_ITERATIONS=1000 BENCH_RESULTS=$(BENCH_CHECK_DIR) \
		>$(BENCH_CHECK_DIR)/table.md
	@cat $(BENCH_CHECK_DIR)/table.md
	@go run ./cmd/benchtab -check $(BENCH_CHECK_DIR)/table.md \
		-ops user/bench.c -unsupported "$(BENCH_UNSUPPORTED)"
	@echo "bench-check: every operation measured on Linux and ringside"
