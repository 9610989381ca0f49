#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# copro-test: kernels=6.1 stacks=copro timeout=200 host-check=host/check-m4-log
#
# The emulated i.MX7D's Cortex-M4 under SRC control: the board test firmware
# is put into OCRAM_S from Linux and released through SRC_M4RCR; it prints on
# UART2 (scripts/qemu-run's .m4.log, checked on the host by
# host/check-m4-log) and counts starts and loop iterations in TCMU.
. /copro/tests/tap.sh
. copro-board-lib

tap_plan 12

# Unless a remoteproc driver already started it, the M4 is still held.
started=$(cat /sys/class/remoteproc/*/state 2>/dev/null | grep -v offline)
if [ -z "$started" ]; then
	tap_eq "SRC_M4RCR holds the M4 at power-on (imx_rproc's stop value)" \
		"$(hex $M4RCR_STOP)" "$(hex "$(m4rcr)")"
else
	tap_skip "SRC_M4RCR holds the M4 at power-on" "remoteproc state: $started"
fi
board_release_drivers

board_load_fw
tap_eq "SRC_M4RCR reads the stop value back while held" \
	"$(hex $M4RCR_STOP)" "$(hex "$(m4rcr)")"

m4_start
tap_check "released M4 starts from its vector table in OCRAM_S" \
	wait_for 5 m4_booted 1
tap_eq "SRC_M4RCR reads ENABLE_M4 only while it runs (pulses self-clear)" \
	"$(hex $M4RCR_RUNNING)" "$(hex "$(m4rcr)")"
tap_check "M4 prints on its UART (line count in TCMU)" \
	wait_for 5 test "$(st $ST_UART_LINES)" -ge 1
tap_check "M4 main loop runs" heartbeat_moves

m4_cmd $CMD_PRINT 1
m4_stop
sleep 0.1
tap_check "holding the M4 in reset stops it" \
	eval '! heartbeat_moves'

m4_start
tap_check "releasing it again restarts it from its vector" \
	wait_for 5 m4_booted 2
m4_cmd $CMD_PRINT 2

# A core reset pulse alone (SW_M4C_RST) while running restarts it too.
m4rcr_update 0xa
tap_check "a SW_M4C_RST pulse restarts the running M4" \
	wait_for 5 m4_booted 3
m4_cmd $CMD_PRINT 3

# The M4's address map, seen from both ends: the M4 writes a pattern at its
# addresses for OCRAM_S (boot alias and own address) and TCML, and reads a
# word Linux put in TCML.  DDR is Linux's, so there the M4 only reads: the
# start of the kernel's code, directly and through the alias at 0x10000000.
wr 0x007ffff8 0x600d7c31
m4_cmd $CMD_MAP_PROBE 0
tap_check "M4 map: OCRAM_S at 0 and 0x180000, TCML at 0x1fff8000 (both ways)" \
	eval '[ "$(rd 0x00187f00)" -eq "$(map_pattern 0)" ] && [ "$(rd 0x00187f04)" -eq "$(map_pattern 1)" ] && [ "$(rd 0x007ffff0)" -eq "$(map_pattern 2)" ] && [ "$(st $ST_RESULT)" -eq $((0x600d7c31)) ]'
kcode=$(sed -n 's/^ *\([0-9a-f]*\)-[0-9a-f]* : Kernel code$/\1/p' /proc/iomem)
m4_cmd $CMD_DDR_READ $((0x${kcode:-80008000} + 0x100))
tap_check "M4 map: DDR at 0x80000000 also at 0x10000000 (same kernel code)" \
	eval '[ "$(st $ST_RESULT)" -eq "$(st $ST_RESULT2)" ] && [ "$(st $ST_RESULT)" -ne 0 ] && [ "$(st $ST_RESULT)" -ne $((0xffffffff)) ]'
tap_eq "no unexpected M4 exception" 0 "$(st $ST_FAULTS)"

m4_stop
tap_done
