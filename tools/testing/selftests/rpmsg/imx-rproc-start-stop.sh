#!/bin/sh
# copro-test: kernels=6.1,6.12 stacks=stock,copro,mainline timeout=600
# imx_rproc + imx-mailbox (ours or mainline's) under Debian's own rpmsg
# modules, and our whole stack: the M4 starts, announces its channels,
# echoes on /dev/ttyRPMSG0, logs to the trace buffer; the live resource
# table is in the DT's rsc-table region, as with mainline's driver; stop
# removes every channel and device node.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
tap_plan 15

[ -d $RPROC ] || { tap_fail "remoteproc0 exists" "$(dmesg | grep -i 'imx\|rproc' | tail)"; tap_done; }
tap_eq "remoteproc0 is imx-rproc" imx-rproc "$(cat $RPROC/name)"
tap_eq "the firmware is the DT's (mainline: remoteproc's default)" $FW_AT_PROBE "$(cat $RPROC/firmware)"
tap_eq "the core is offline at boot" offline "$(rproc_state)"

dmesg -c > /dev/null
tap_check "start succeeds" rproc_boot $FW_GOOD
tap_eq "the core runs" running "$(rproc_state)"
tap_check "rpmsg-tty and rpmsg-raw appear" wait_for 30 all_channels_up
tap_check "rpmsg-client-sample was announced" announced rpmsg-client-sample
tap_check "/dev/ttyRPMSG0 appears" wait_for 10 test -c /dev/ttyRPMSG0
out=$(rpmsgctl ping -t 10000 /dev/ttyRPMSG0 hello 2>&1)
tap_eq "ttyRPMSG0 echoes TTY 0: hello" 'message for /dev/ttyRPMSG0: "TTY 0: hello"' "$out"
trace=/sys/kernel/debug/remoteproc/remoteproc0/trace0
tap_check "the trace buffer shows the firmware's log" test -n "$(cat $trace 2>/dev/null)"

# The live table, where vendor firmware written for mainline reads it: the
# rsc-table region (dts/imx7d-sdb-m4.dtsi), with the host's status and
# vring addresses in it.
RSC_REGION=0x9ff10000
vdev=$((RSC_REGION + $(devmem $((RSC_REGION + 16)) 32)))
status=$(($(devmem $((vdev + 24)) 32) & 0xff))
tap_check "the rsc-table region holds the live table: DRIVER_OK (status $status)" \
	test $((status & 4)) -eq 4
vring0=$(devmem $((vdev + 28)) 32)
tap_check "with the vring address the host chose ($vring0)" \
	test "$(printf '%d' "$vring0")" -ne 4294967295

[ "$STACK" != mainline ] || wait_for 60 sample_done	# imx-lib.sh
tap_check "stop succeeds" rproc_stop
tap_check "every channel is gone" test -z "$(ls /sys/bus/rpmsg/devices)"
nodes=$(ls /dev | grep -E '^(ttyRPMSG|rpmsg[0-9])')
tap_eq "every rpmsg device node is gone" "" "$nodes"
tap_done
