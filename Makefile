# SPDX-License-Identifier: GPL-2.0
#
# copro: out-of-tree remoteproc, mailbox and rpmsg modules for the Cortex-M
# coprocessor of i.MX and STM32MP15 SoCs.
#
#   make                       build against the running kernel (on the board)
#   make KDIR=... ARCH=... CROSS_COMPILE=...   build against any kernel tree
#   make KVER=6.1|6.12|arm64-6.1|arm64-6.12|6.12-debug   cross-build against a
#                              kernel of the test matrix (fetched, or for
#                              -debug built, into the cache)
#   make KVER=6.12-debug test-modules   the harness's bug-planting test modules
#   make modules_install       install into /lib/modules/<release>/updates
#   make firmware              the sample Cortex-M4 firmware (arm-none-eabi-gcc)
#   make tools                 rpmsgctl and the guest tests (static, armhf)
#   make deb                   Debian packages in build/deb: copro-dkms,
#                              copro-tools (armhf, arm64), copro-firmware-samples
#   make dtbs_check            the device trees against mainline's YAML
#                              bindings plus copro's, with dt-schema
#                              (KSRC=<full linux-source>, default: the
#                              debug kernel's 6.12)
#   make demo | check | bench | soak  see README.md

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD ?= $(TOP)/build
COPRO_CACHE ?= $(HOME)/.cache/copro
export COPRO_CACHE

ifneq ($(KVER),)
# The matrix kernels: take KDIR/ARCH/CROSS_COMPILE from the fetched tree and
# build in a per-kernel copy so several kernels never share object files.
KENV := $(shell $(TOP)/scripts/fetch-kernel $(KVER) || echo FAILED)
ifeq ($(KENV),FAILED)
$(error cannot fetch kernel $(KVER))
endif
KDIR := $(shell . $(KENV) && echo $$KDIR)
ARCH := $(shell . $(KENV) && echo $$ARCH)
CROSS_COMPILE := $(shell . $(KENV) && echo $$CROSS_COMPILE)
KOBJ := $(BUILD)/kmod-$(KVER)
else
KDIR ?= /lib/modules/$(shell uname -r)/build
KOBJ := $(TOP)
endif

KSOURCES := Kbuild drivers include samples/rpmsg
KMAKE = $(MAKE) -C $(KDIR) M=$(KOBJ) $(if $(ARCH),ARCH=$(ARCH)) \
	$(if $(CROSS_COMPILE),CROSS_COMPILE=$(CROSS_COMPILE))

.PHONY: all modules modules_install clean firmware tools qemu check demo bench soak sync \
	test-modules check-debug dtbs_check deb

all: modules

sync:
ifneq ($(KOBJ),$(TOP))
	@mkdir -p $(KOBJ)
	@# tar keeps the sources' mtimes, so kbuild rebuilds only what changed.
	@cd $(TOP) && tar -cf - $(KSOURCES) | tar -xf - -C $(KOBJ)
endif

modules: sync
	$(KMAKE) modules

modules_install: modules
	$(KMAKE) INSTALL_MOD_DIR=updates modules_install

# Modules that plant bugs for the harness self-tests: only for a debug
# kernel, in a directory of their own (never among the modules we ship).
TEST_KOBJ := $(BUILD)/test-kmod-$(KVER)
test-modules:
ifeq ($(filter %-debug,$(KVER)),)
	$(error test-modules needs a debug kernel, e.g. KVER=6.12-debug)
endif
	@mkdir -p $(TEST_KOBJ)
	@cd $(TOP)/tools/testing/selftests/harness/modules && tar -cf - . | tar -xf - -C $(TEST_KOBJ)
	$(MAKE) -C $(KDIR) M=$(TEST_KOBJ) ARCH=$(ARCH) CROSS_COMPILE=$(CROSS_COMPILE) modules

# Parts written by different people land at different times: build the ones
# that are there.
firmware:
	$(if $(wildcard $(TOP)/samples/firmware/Makefile),$(MAKE) -C $(TOP)/samples/firmware O=$(BUILD)/firmware)

# User-space programs and guest tests: static armhf binaries in build/bin,
# M4 test images in build/firmware.
tools:
	@mkdir -p $(BUILD)/bin $(BUILD)/firmware
	$(if $(wildcard $(TOP)/tools/rpmsg/Makefile),$(MAKE) -C $(TOP)/tools/rpmsg O=$(BUILD)/bin)
	$(MAKE) -C $(TOP)/tools/testing/selftests/rpmsg O=$(BUILD)/bin
	$(if $(wildcard $(TOP)/tools/testing/selftests/board/Makefile),$(MAKE) -C $(TOP)/tools/testing/selftests/board O=$(BUILD))

qemu:
	$(TOP)/scripts/build-qemu

check:
	$(TOP)/scripts/check

# Every guest test on the debug kernel (make check runs the reliability
# tests there): KASAN, KFENCE, lockdep, kmemleak and debug objects.
check-debug:
	COPRO_CHECK_KERNELS=6.12-debug/copro COPRO_CHECK_ONLY='\[6\.12-debug/' \
		$(TOP)/scripts/check

# Only a whole linux-source has Documentation/devicetree/bindings: of the
# matrix's kernels, that is the debug kernel's (fetched and built once, then
# cached; scripts/check runs the suite the same way).
dtbs_check:
	$(TOP)/scripts/setup-host
	@ksrc='$(KSRC)'; \
	[ -n "$$ksrc" ] || ksrc=$$(. "$$($(TOP)/scripts/fetch-kernel 6.12-debug)" && echo "$$KSRC") || exit 1; \
	$(MAKE) -C $(TOP)/dts O=$(BUILD)/dtbs_check KSRC="$$ksrc" dtbs_check

deb:
	$(TOP)/scripts/setup-host
	$(TOP)/scripts/make-deb

demo:
	$(TOP)/scripts/demo

bench:
	$(TOP)/scripts/bench

soak:
	$(TOP)/scripts/soak

ifneq ($(KVER),)
clean:
	rm -rf $(KOBJ)
else
clean:
	rm -rf $(BUILD)
	@if [ -d $(KDIR) ]; then $(KMAKE) clean; fi
endif
