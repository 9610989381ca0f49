#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# copro-test: kernels=6.1 stacks=copro timeout=200 m4-boot=copro-board-test.elf
#
# An M4 the boot loader started: the emulator loaded the board test firmware
# into the M4's memory and released it before Linux booted
# (-global fsl-imx7.m4-boot=on -global fsl-imx7.m4-firmware=ELF).  Linux
# finds it running; stopping and restarting it through the SRC works.
. /copro/tests/tap.sh
. copro-board-lib

tap_plan 4

# SRC and TCMU are not claimed by the drivers, so look before releasing them.
if [ "$(m4rcr)" -ne $M4RCR_RUNNING ] || [ "$(st $ST_MAGIC)" -ne $STATUS_MAGIC ]; then
	for t in "SRC_M4RCR shows a released M4" "the pre-loaded firmware runs" \
		"stop through the SRC" "restart from its vector"; do
		tap_skip "$t" "M4 not pre-started (M4RCR $(hex "$(m4rcr)"))"
	done
	tap_done
fi

tap_eq "SRC_M4RCR shows a released M4 (ENABLE_M4 only)" \
	"$(hex $M4RCR_RUNNING)" "$(hex "$(m4rcr)")"
tap_check "the pre-loaded firmware runs (started once, loop moving)" \
	eval '[ "$(st $ST_BOOTS)" -ge 1 ] && heartbeat_moves'

board_release_drivers
m4_stop
sleep 0.1
tap_check "stop through the SRC holds it" eval '! heartbeat_moves'
boots=$(st $ST_BOOTS)
m4_start
tap_check "restart from its vector" wait_for 5 m4_booted $((boots + 1))
m4_stop
tap_done
