#!/bin/sh
# Run by rpmsg-demos.sh (copro-test header there), or alone with qemu-run.
# Demo 3: a second rpmsg-tty channel created from the host (local address
# 257) gets /dev/ttyRPMSG1 and a "bound" from the firmware; both ttys echo
# with their own prefix; a new tty opens the moment its node appears;
# releasing both channels removes both nodes.
. /copro/tests/tap.sh
rproc=/sys/class/remoteproc/remoteproc0
STACK=$(cat /copro/stack 2>/dev/null)
tap_plan 10

[ -d $rproc ] || { tap_fail "remoteproc0 exists"; tap_done; }
[ "$(cat $rproc/state)" = running ] || echo start > $rproc/state
tap_check "/dev/ttyRPMSG0 and /dev/rpmsg_ctrl0 appear" \
	wait_for 20 test -c /dev/ttyRPMSG0 -a -c /dev/rpmsg_ctrl0
# the firmware learns the host address of tty 0 from its first message
tap_check "ttyRPMSG0 answers first" rpmsgctl ping -t 10000 /dev/ttyRPMSG0 "hello dev0"

# The firmware answers a host-created channel with "bound" at once, before
# anyone can open the new tty: the kernel's debug log of the bus shows it
# reach address 257 (0x101), as in the OpenAMP demo.
ddebug=/sys/kernel/debug/dynamic_debug/control
echo 'module virtio_rpmsg_bus +p' > $ddebug
mark=$(($(dmesg | wc -l) + 1))
tap_check "create-dev rpmsg-tty 257 -1" rpmsgctl create-dev rpmsg-tty 257 -1
tap_check "/dev/ttyRPMSG1 appears" wait_for 10 test -c /dev/ttyRPMSG1
# (ours logs "RX from 0x400 to 0x101 len 5", mainline's bus "From: 0x400,
# To: 0x101, Len: 5, ...")
bound_seen() {
	dmesg | sed -n "$mark,\$p" |
		grep -A2 -E 'RX from 0x[0-9a-f]* to 0x101 len 5$|From: 0x[0-9a-f]*, To: 0x101, Len: 5,' |
		grep -q 'rpmsg_virtio RX: 62 6f 75 6e 64 .*bound'
}
tap_check "the firmware answers bound" wait_for 5 bound_seen
echo 'module virtio_rpmsg_bus -p' > $ddebug

out=$(rpmsgctl ping -t 10000 /dev/ttyRPMSG0 "hello dev0" 2>&1)
tap_eq "ttyRPMSG0 echoes as TTY 0" \
	'message for /dev/ttyRPMSG0: "TTY 0: hello dev0"' "$out"
out=$(rpmsgctl ping -t 10000 /dev/ttyRPMSG1 "hello dev1" 2>&1)
if [ -z "$STACK" ] || [ "$STACK" = copro ]; then
	tap_eq "ttyRPMSG1 echoes as TTY 1" \
		'message for /dev/ttyRPMSG1: "TTY 1: hello dev1"' "$out"
else
	# Debian's (mainline's) rpmsg_tty keeps the remote address it was
	# created with, -1, and the bus refuses to send there: ours takes the
	# address of the "bound" answer (Documentation/rpmsg.rst).
	tap_eq "ttyRPMSG1 cannot send to address -1 (mainline's rpmsg_tty)" \
		'rpmsgctl: write to /dev/ttyRPMSG1: Invalid argument' "$out"
fi

rpmsgctl release-dev rpmsg-tty 257 -1
tap_check "releasing 257 removes /dev/ttyRPMSG1" \
	wait_for 5 test ! -e /dev/ttyRPMSG1
# a tty opens the moment its node appears, 20 times over
if [ -z "$STACK" ] || [ "$STACK" = copro ]; then
	run_kselftest "" rpmsg_tty_open_test
else
	# mainline's rpmsg_tty adds a tty's character device after its node:
	# an open in between fails with ENXIO (Documentation/rpmsg.rst)
	tap_skip "a new tty opens the moment its node appears" \
		"mainline's rpmsg_tty adds its character device after the node"
fi
src=
for d in /sys/bus/rpmsg/devices/*.rpmsg-tty.-1.*; do
	[ -e "$d/src" ] && src=$(cat "$d/src")
done
rpmsgctl release-dev rpmsg-tty "${src:-0}" -1
tap_check "releasing the remote's channel removes /dev/ttyRPMSG0" \
	wait_for 5 test ! -e /dev/ttyRPMSG0
tap_done
