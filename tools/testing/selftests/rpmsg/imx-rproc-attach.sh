#!/bin/sh
# copro-test: kernels=6.1,6.12 stacks=stock,mainline timeout=600 m4-boot=copro-rpmsg-imx7d.elf
# A core the boot loader started: the driver attaches (state attached),
# rpmsg works, detach leaves the M4 running, a later attach works again.
# The runner loads and starts the firmware before Linux (m4-boot).
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
tap_plan 10

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }
if [ "$(rproc_state)" != attached ]; then
	tap_fail "the driver attached to the running M4" "state: $(rproc_state)"
	tap_done
fi
# SRC M4RCR: ENABLE_M4 set and the core not held in reset
m4_runs() {
	v=$(devmem 0x3039000c 32) || return 1
	[ $((v & 0x9)) -eq 8 ]
}

tap_ok "the driver attached to the running M4"
tap_check "rpmsg-tty and rpmsg-raw come up" wait_for 30 all_channels_up
tap_check "/dev/ttyRPMSG0 echoes" sh -c 'rpmsgctl ping -t 10000 /dev/ttyRPMSG0 attach | grep -q "TTY 0: attach"'
if [ "$STACK" = mainline ]; then
	# Mainline's imx_rproc detaches only cores behind the SCU firmware
	# (i.MX8QM/QXP); an SRC-controlled core stays attached until stopped.
	tap_check "detach is refused (mainline: SCU cores only)" \
		sh -c "! echo detach > $RPROC/state"
	tap_eq "the state stays attached" attached "$(rproc_state)"
	tap_check "the M4 keeps running" m4_runs
	tap_check "stop succeeds" rproc_stop
	tap_check "a boot of the firmware succeeds" rproc_boot $FW_GOOD
	tap_eq "the state is running" running "$(rproc_state)"
	tap_check "rpmsg-tty and rpmsg-raw come up again" wait_for 30 all_channels_up
	tap_done
fi
tap_check "detach succeeds" sh -c "echo detach > $RPROC/state"
tap_eq "the state is detached" detached "$(rproc_state)"
tap_check "the M4 keeps running" m4_runs
tap_check "the channels are gone" wait_for 10 test -z "$(ls /sys/bus/rpmsg/devices)"
tap_check "attach again" sh -c "echo start > $RPROC/state"
tap_eq "the state is attached" attached "$(rproc_state)"
tap_check "rpmsg-tty and rpmsg-raw come up again" wait_for 30 all_channels_up
tap_done
