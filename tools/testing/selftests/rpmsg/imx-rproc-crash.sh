#!/bin/sh
# copro-test: kernels=6.1,6.12 stacks=stock timeout=600
# Messages from the core, forged through the MU's B side: a doorbell on
# the rxdb channel is taken (GIP cleared); the word 0xffff0001 (a watchdog
# report) makes imx_rproc report a crash: udev hears of it, the core's
# memory is dumped as an ELF core (devcoredump), remoteproc recovers by
# restarting the firmware, and rpmsg comes back.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
tap_plan 15
# The A side belongs to imx-mailbox (/dev/mem refuses it): watch from B.
MU_B_TR1=0x30ab0004
MU_B_CR=0x30ab0024
GIR1=$((1 << 18))
# GIR1 reads 1 until the A side clears its GIP1
gir1_clear() { [ $(($(devmem $MU_B_CR 32) & GIR1)) -eq 0 ]; }
mu_irqs() { awk '/30aa0000\.mailbox/ { print $2 + $3 }' /proc/interrupts; }

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }
rproc_stop
tap_check "start succeeds" rproc_boot $FW_GOOD
tap_check "rpmsg-tty and rpmsg-raw appear" wait_for 30 all_channels_up

irqs=$(mu_irqs)
cr=$(devmem $MU_B_CR 32)
tap_check "a doorbell rings on the MU" devmem $MU_B_CR 32 $((cr | GIR1))
tap_check "the rxdb channel takes it" wait_for 5 gir1_clear
tap_check "through the MU interrupt" test "$(mu_irqs)" -gt "${irqs:-0}"

# the dump of this crash is the only one (dumps are off by default)
for d in /sys/class/devcoredump/devcd*/data; do [ -e "$d" ] && echo 1 > "$d"; done
echo enabled > $RPROC/coredump
uevent_listen 60 ACTION=change SUBSYSTEM=remoteproc RPROC_STATE=crashed \
	RPROC_CRASH=watchdog > /tmp/uevents &
listener=$!
wait_for 5 grep -q listening /tmp/uevents
dmesg -c > /dev/null
tap_check "a crash report goes out on the MU" devmem $MU_B_TR1 32 0xffff0001
tap_check "the driver reports it" wait_for 10 sh -c 'dmesg | grep -q "fatal error 0x0001"'
tap_check "remoteproc handles it as a watchdog crash" \
	wait_for 10 sh -c 'dmesg | grep -q "crash detected in imx-rproc: type watchdog"'
wait $listener
tap_eq "udev is told: RPROC_STATE=crashed RPROC_CRASH=watchdog" 0 $?
tap_check "a coredump appears" wait_for 20 sh -c 'test -e /sys/class/devcoredump/devcd*/data'
dump=$(ls /sys/class/devcoredump/devcd*/data | head -n1)
# e_ident: ELF, 32-bit, little endian; e_type 4 (core); e_machine 40 (ARM)
tap_eq "it is a 32-bit ARM ELF core" "7f 45 4c 46 01 01 04 00 28 00" \
	"$(od -A n -t x1 -N 20 "$dump" | tr -s ' \n' ' ' | cut -d" " -f2-7,18-21)"
tap_check "it holds the firmware's code (its channel names)" grep -q -a rpmsg-tty "$dump"
tap_check "it can be freed" sh -c "echo 1 > $dump"
tap_check "rpmsg comes back after recovery" \
	wait_for 60 sh -c "[ \$(cat $RPROC/state) = running ] && dmesg | grep -q 'creating channel rpmsg-tty'"
tap_check "stop succeeds" rproc_stop
tap_done
