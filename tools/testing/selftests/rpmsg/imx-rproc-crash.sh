#!/bin/sh
# copro-test: kernels=6.1,6.12 stacks=stock timeout=600
# Crash reporting: the word 0xffff0001 from the core (a watchdog report,
# forged here through the MU's B side) makes imx_rproc report a crash;
# remoteproc recovers by restarting the firmware, and rpmsg comes back.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
tap_plan 7
MU_B_TR1=0x30ab0004

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }
rproc_stop
tap_check "start succeeds" rproc_boot $FW_GOOD
tap_check "rpmsg-tty and rpmsg-raw appear" wait_for 30 all_channels_up

dmesg -c > /dev/null
tap_check "a crash report goes out on the MU" devmem $MU_B_TR1 32 0xffff0001
tap_check "the driver reports it" wait_for 10 sh -c 'dmesg | grep -q "fatal error 0x0001"'
tap_check "remoteproc handles it as a watchdog crash" \
	wait_for 10 sh -c 'dmesg | grep -q "crash detected in imx-rproc: type watchdog"'
tap_check "rpmsg comes back after recovery" \
	wait_for 60 sh -c "[ \$(cat $RPROC/state) = running ] && dmesg | grep -q 'creating channel rpmsg-tty'"
tap_check "stop succeeds" rproc_stop
tap_done
