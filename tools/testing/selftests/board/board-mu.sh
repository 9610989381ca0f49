#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# copro-test: kernels=6.1 stacks=copro timeout=200
#
# The emulated i.MX7D Messaging Unit from both sides: Linux drives side A
# through /dev/mem, the board test firmware on the M4 drives side B (its
# interrupt handler reads RR1 and acknowledges GIPn; other side-B actions
# are commands posted in its TCMU status block).  Side A's interrupt line
# is watched through the GIC's pending bit for SPI 88.
. /copro/tests/tap.sh
. copro-board-lib

tap_plan 20
board_release_drivers
board_load_fw

# MU reset from side A, before the firmware configures side B.
wr $MU_A_CR $MU_CR_MUR
te_all=$((0x00f00000))
tap_eq "MUR resets both sides (SR: all TEn, CR: 0)" \
	"$(hex $te_all) $(hex $te_all) $(hex 0) $(hex 0)" \
	"$(hex "$(rd $MU_A_SR)") $(hex "$(rd $MU_B_SR)") $(hex "$(rd $MU_A_CR)") $(hex "$(rd $MU_B_CR)")"

m4_start
wait_for 5 m4_booted 1 || { tap_fail "M4 firmware did not start"; tap_done; }

# --- A:TR1 -> B:RR1 with the M4 interrupted (its CR: GIE all, RIE1) ---------
irqs=$(st $ST_IRQ_COUNT)
wr $MU_A_TR1 0x12345678
tap_check "A:TR1 word arrives in B:RR1 and interrupts the M4" \
	wait_for 5 eval '[ "$(st $ST_RR1)" -eq $((0x12345678)) ] && [ "$(st $ST_IRQ_COUNT)" -gt "$irqs" ]'
tap_check "B:RF1 was set when the M4 was interrupted" \
	test $(($(st $ST_IRQ_SR) & $(mu_rf 1))) -ne 0
tap_check "reading B:RR1 cleared B:RF1" \
	test $(($(st $ST_SR_AFTER) & $(mu_rf 1))) -eq 0
tap_check "reading B:RR1 set A:TE1" bit_set $MU_A_SR "$(mu_te 1)"

# --- interrupts only when enabled: RIE1 off --------------------------------
m4_cmd $CMD_SET_CR "$(mu_gie 0)"
irqs=$(st $ST_IRQ_COUNT)
wr $MU_A_TR1 0xcafe0001
sleep 0.2
tap_check "with RIE1 clear: B:RF1 set, A:TE1 clear, no M4 interrupt" \
	eval 'bit_set $MU_B_SR $(mu_rf 1) && bit_clear $MU_A_SR $(mu_te 1) && [ "$(st $ST_IRQ_COUNT)" -eq "$irqs" ]'
m4_cmd $CMD_SET_CR $(($(mu_gie 0) | $(mu_rie 1)))
tap_check "setting RIE1 delivers the waiting word" \
	wait_for 5 eval '[ "$(st $ST_RR1)" -eq $((0xcafe0001)) ] && [ "$(st $ST_IRQ_COUNT)" -gt "$irqs" ] && bit_set $MU_A_SR $(mu_te 1)'

# --- B:TR1 -> A:RR1, side A's interrupt line --------------------------------
m4_cmd $CMD_SEND_TR1 0xbeef0001
tap_check "B:TR1 word sets A:RF1 and clears B:TE1" \
	eval 'bit_set $MU_A_SR $(mu_rf 1) && bit_clear $MU_B_SR $(mu_te 1)'
tap_check "A-side line stays low while A:RIE1 is clear" \
	bit_clear $GICD_ISPENDR3 $MU_A_GIC_BIT
wr $MU_A_CR "$(mu_rie 1)"
tap_check "A:RIE1 raises the A-side line (GIC SPI 88)" \
	bit_set $GICD_ISPENDR3 $MU_A_GIC_BIT
word=$(rd $MU_A_RR1)
tap_check "A:RR1 read returns the word, clears A:RF1 and the line, sets B:TE1" \
	eval '[ "$word" -eq $((0xbeef0001)) ] && bit_clear $MU_A_SR $(mu_rf 1) && bit_clear $GICD_ISPENDR3 $MU_A_GIC_BIT && bit_set $MU_B_SR $(mu_te 1)'
wr $MU_A_CR "$(mu_tie 2)"
tap_check "A:TIE2 with A:TE2 set raises the A-side line" \
	bit_set $GICD_ISPENDR3 $MU_A_GIC_BIT
wr $MU_A_CR 0

# --- general purpose interrupts ---------------------------------------------
m4_cmd $CMD_SET_CR "$(mu_rie 1)"
irqs=$(st $ST_IRQ_COUNT)
wr $MU_A_CR "$(mu_gir 1)"
sleep 0.2
tap_check "A:GIR1 sets B:GIP1 (A:GIR1 stays set), no interrupt with B:GIE1 clear" \
	eval 'bit_set $MU_B_SR $(mu_gip 1) && bit_set $MU_A_CR $(mu_gir 1) && [ "$(st $ST_IRQ_COUNT)" -eq "$irqs" ]'
m4_cmd $CMD_WRITE_SR "$(mu_gip 1)"
tap_check "writing 1 to B:GIP1 clears it and A:GIR1" \
	eval 'bit_clear $MU_B_SR $(mu_gip 1) && bit_clear $MU_A_CR $(mu_gir 1)'

m4_cmd $CMD_SET_CR $(($(mu_gie 0) | $(mu_gie 1) | $(mu_rie 1)))
irqs=$(st $ST_IRQ_COUNT)
wr $MU_A_CR "$(mu_gir 1)"
tap_check "with B:GIE1 set, A:GIR1 interrupts the M4, which acknowledges" \
	wait_for 5 eval '[ "$(st $ST_IRQ_COUNT)" -gt "$irqs" ] && [ $(($(st $ST_GIP_SEEN) & $(mu_gip 1))) -ne 0 ] && bit_clear $MU_B_SR $(mu_gip 1) && bit_clear $MU_A_CR $(mu_gir 1)'

m4_cmd $CMD_SET_CR $(($(mu_rie 1) | $(mu_gir 2)))
tap_check "B:GIR2 sets A:GIP2 without raising the line (A:GIE2 clear)" \
	eval 'bit_set $MU_A_SR $(mu_gip 2) && bit_clear $GICD_ISPENDR3 $MU_A_GIC_BIT'
wr $MU_A_SR "$(mu_gip 2)"
tap_check "writing 1 to A:GIP2 clears it and B:GIR2" \
	eval 'bit_clear $MU_A_SR $(mu_gip 2) && bit_clear $MU_B_CR $(mu_gir 2)'

# The MU's registers are 32-bit registers: a byte or halfword access is a
# bus error and changes nothing.  The M4 makes them (side B: a byte and a
# halfword write to TR1, a byte read of SR), each a precise BusFault its
# handler counts and skips; no word may reach A:RR1.  Not from Linux: on
# Debian's 6.1 kernel the i.MX PCIe driver's external abort hook oopses on
# an abort taken in user space.  Unknown offsets read 0 and ignore writes.
# The emulator logs both (-d guest_errors); neither is fatal to it.
sr_a=$(rd $MU_A_SR)
m4_cmd $CMD_BAD_ACCESS 0x55
tap_check "M4 byte and halfword MU accesses are BusFaults and change nothing" \
	eval '[ "$(st $ST_BUS_FAULTS)" -eq 3 ] && [ $(($(st $ST_BUS_CFSR) & 0x8200)) -eq $((0x8200)) ] && [ "$(st $ST_BUS_BFAR)" -eq $((MU_B + 0x20)) ] && [ "$(rd $MU_A_SR)" -eq "$sr_a" ]'
sr_b=$(rd $MU_B_SR)
devmem $((MU_A + 0x28)) 32 0x5555
tap_check "unknown offsets read 0 and ignore writes" \
	eval '[ "$(rd $((MU_A + 0x28)))" -eq 0 ] && [ "$(rd $((MU_A + 0x30)))" -eq 0 ] && [ "$(rd $MU_B_SR)" -eq "$sr_b" ]'

tap_eq "no unexpected M4 exception" 0 "$(st $ST_FAULTS)"

m4_stop
wr $MU_A_CR $MU_CR_MUR
tap_done
