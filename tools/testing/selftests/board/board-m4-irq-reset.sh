#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# copro-test: kernels=6.1 stacks=copro timeout=200
#
# Resetting the M4 while it is inside an interrupt handler: on the chip the
# SRC's core and platform resets reset the whole Cortex-M4, its NVIC and
# SysTick included, so the restarted firmware starts with no exception
# active, SysTick off, and takes the MU interrupt again.  The board test
# firmware runs SysTick, then spins in its MU side B handler (before
# reading B:RR1, so the line stays up) until it is reset: by a hold and
# release as imx_rproc does, by a SW_M4C_RST pulse and by a SW_M4P_RST
# pulse.  No remoteproc driver is involved.
. /copro/tests/tap.sh
. copro-board-lib

tap_plan 21
board_release_drivers
board_load_fw
wr $MU_A_CR $MU_CR_MUR

m4_start
wait_for 5 m4_booted 1 || { tap_fail "M4 firmware did not start"; tap_done; }

ticks_run() { [ "$(st $ST_TICKS)" -gt 0 ]; }
spinning() { [ "$(st $ST_SPINNING)" -eq 1 ]; }
rr1_is() { [ "$(st $ST_RR1)" -eq $(($1)) ]; }

# spin_in_handler WORD: SysTick on, then the MU interrupt for WORD spins
spin_in_handler() {
	m4_cmd $CMD_SYSTICK 240000
	m4_cmd $CMD_SPIN_IN_IRQ 1
	wr $MU_A_TR1 "$1"
	wait_for 5 spinning
}

# after_reset HOW BOOTS WORD NEXT: the checks after a reset inside the handler
after_reset() {
	tap_check "$1 inside the MU handler restarts the M4 from its vector" \
		wait_for 5 m4_booted "$2"
	tap_eq "$1: no interrupt active at the restart (NVIC_IABR3)" \
		"$(hex 0)" "$(hex "$(st $ST_BOOT_IABR)")"
	tap_eq "$1: SysTick off at the restart (SYST_CSR)" \
		"$(hex 0)" "$(hex "$(st $ST_BOOT_SYST_CSR)")"
	tap_check "$1: the word left in B:RR1 interrupts the restarted M4" \
		wait_for 5 rr1_is "$3"
	_irqs=$(st $ST_IRQ_COUNT)
	wr $MU_A_TR1 "$4"
	tap_check "$1: a new A:TR1 word interrupts it again" \
		wait_for 5 eval "rr1_is $4 && [ \$(st $ST_IRQ_COUNT) -gt $_irqs ]"
}

m4_cmd $CMD_SYSTICK 240000
tap_check "SysTick interrupts the M4" wait_for 5 ticks_run
m4_cmd $CMD_SYSTICK 0

# --- hold and release (imx_rproc's stop and start) ------------------------
tap_check "the M4 spins in its MU handler" spin_in_handler 0x5a5a0001
m4_stop
m4_start
after_reset "hold and release" 2 0x5a5a0001 0x5a5a0002
tap_check "hold and release: SysTick stays quiet" \
	eval '[ "$(st $ST_TICKS)" -eq 0 ]'

# --- core reset pulse while running ----------------------------------------
tap_check "the M4 spins in its MU handler again" spin_in_handler 0x5a5a0003
m4rcr_update 0xa
after_reset "SW_M4C_RST pulse" 3 0x5a5a0003 0x5a5a0004

# --- platform reset pulse while running ------------------------------------
tap_check "the M4 spins in its MU handler a third time" \
	spin_in_handler 0x5a5a0005
m4rcr_update 0xc
after_reset "SW_M4P_RST pulse" 4 0x5a5a0005 0x5a5a0006

tap_eq "no unexpected M4 exception" 0 "$(st $ST_FAULTS)"
m4_stop
tap_done
