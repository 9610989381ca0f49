#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo played in the emulated board by `make demo`: the five rpmsg demos
# of the OpenAMP documentation, on the emulated i.MX7D's Cortex-M4.
step() { echo; echo "### $*"; }
run() { echo "# $*"; "$@"; }
fail() { echo "demo: $*" >&2; exit 1; }
kernel_log() { dmesg | sed -n "$1,\$p" | grep -E "$2" | sed 's/^\[[ 0-9.]*\] /  /'; }

rproc=/sys/class/remoteproc/remoteproc0
step "kernel $(uname -r) with the $COPRO_STACK rpmsg stack; modules loaded:"
for m in $(copro-stack list); do
	grep -q "^$(echo "$m" | tr - _) " /proc/modules && echo "  $m"
done
[ -d $rproc ] || fail "no remoteproc device"

step "Starting the M4 with /lib/firmware/$(cat $rproc/firmware)"
mark=$(($(dmesg | wc -l) + 1))
run sh -c "echo start > $rproc/state"
echo "state: $(cat $rproc/state)"
wait_for() { n=$(($1 * 10)); shift; while ! "$@" 2>/dev/null; do
	n=$((n - 1)); [ $n -gt 0 ] || return 1; sleep 0.1; done; }
wait_for 20 test -c /dev/ttyRPMSG0 -a -c /dev/rpmsg0 || fail "the channels did not appear"
run rpmsgctl list
echo "the firmware's trace buffer:"
sed 's/^/  /' /sys/kernel/debug/remoteproc/remoteproc0/trace0

step "Demo 1: rpmsg-client-sample exchanges 100 messages, then the firmware destroys the channel"
wait_for 30 sh -c 'dmesg | grep -q "rpmsg-client-sample.*goodbye"' || fail "no goodbye"
kernel_log "$mark" 'rpmsg-client-sample|rpmsg_client_sample' | sed -n '1,3p;/incoming msg 100 /,$p'

step "Demo 2: /dev/ttyRPMSG0 echoes"
run rpmsgctl ping /dev/ttyRPMSG0 "hello from Linux"

step "Demo 3: a second rpmsg-tty channel created from Linux (local address 257)"
run rpmsgctl create-dev rpmsg-tty 257 -1
wait_for 10 test -c /dev/ttyRPMSG1 || fail "no /dev/ttyRPMSG1"
ls -l /dev/ttyRPMSG*
run rpmsgctl ping /dev/ttyRPMSG0 "hello dev0"
run rpmsgctl ping /dev/ttyRPMSG1 "hello dev1"
run rpmsgctl release-dev rpmsg-tty 257 -1
wait_for 5 test ! -e /dev/ttyRPMSG1 || fail "/dev/ttyRPMSG1 stayed"
echo "released: $(ls /dev/ttyRPMSG*)"

step "Demo 4: /dev/rpmsg0 (rpmsg-raw channel) ping"
run rpmsgctl ping /dev/rpmsg0 "hello raw"

step "Demo 5: three endpoints towards the firmware's fixed address 1"
epts=
for i in 1 2 3; do
	src=$((99 + i))
	dev=$(rpmsgctl create-ept "my_endpoint$i" $src 1) || fail "create-ept $i"
	echo "# rpmsgctl create-ept my_endpoint$i $src 1 -> $dev"
	epts="$epts $dev"
done
for dev in $epts; do
	run rpmsgctl ping "$dev" "hello $dev"
done
for dev in $epts; do
	run rpmsgctl destroy-ept "$dev"
done
echo "left: $(ls /dev/rpmsg[0-9]*)"

step "Stopping the M4"
run sh -c "echo stop > $rproc/state"
echo "state: $(cat $rproc/state); rpmsg devices left: $(ls /dev | grep -c -E '^(rpmsg[0-9]|ttyRPMSG)')"
