#!/bin/sh
# copro-test: kernels=6.1,6.12 stacks=copro
# Demo 3: a second rpmsg-tty channel created from the host (local address
# 257) gets /dev/ttyRPMSG1 and a "bound" from the firmware; both ttys echo
# with their own prefix; releasing both channels removes both nodes.
. /copro/tests/tap.sh
rproc=/sys/class/remoteproc/remoteproc0
tap_plan 9

[ -d $rproc ] || { tap_fail "remoteproc0 exists"; tap_done; }
[ "$(cat $rproc/state)" = running ] || echo start > $rproc/state
tap_check "/dev/ttyRPMSG0 and /dev/rpmsg_ctrl0 appear" \
	wait_for 20 test -c /dev/ttyRPMSG0 -a -c /dev/rpmsg_ctrl0
# the firmware learns the host address of tty 0 from its first message
tap_check "ttyRPMSG0 answers first" rpmsgctl ping /dev/ttyRPMSG0 "hello dev0"

tap_check "create-dev rpmsg-tty 257 -1" rpmsgctl create-dev rpmsg-tty 257 -1
tap_check "/dev/ttyRPMSG1 appears" wait_for 10 test -c /dev/ttyRPMSG1
stty -F /dev/ttyRPMSG1 raw -echo 2>/dev/null
# "bound" may have arrived before anyone opened the tty: the tty layer then
# hands it to the first reader, here or in the ping below.
bound=$(timeout 2 cat /dev/ttyRPMSG1 2>/dev/null)

out=$(rpmsgctl ping /dev/ttyRPMSG0 "hello dev0" 2>&1)
tap_eq "ttyRPMSG0 echoes as TTY 0" \
	'message for /dev/ttyRPMSG0: "TTY 0: hello dev0"' "$out"
out1=$(rpmsgctl ping /dev/ttyRPMSG1 "hello dev1" 2>&1)
case $out1 in
*'TTY 1: hello dev1"') tap_ok "ttyRPMSG1 echoes as TTY 1" ;;
*) tap_fail "ttyRPMSG1 echoes as TTY 1" "$out1" ;;
esac
case "$bound$out1" in
bound*|*'"boundTTY 1: '*) tap_ok "the firmware answers bound" ;;
*) tap_fail "the firmware answers bound" "read: '$bound' then '$out1'" ;;
esac

rpmsgctl release-dev rpmsg-tty 257 -1
tap_check "releasing 257 removes /dev/ttyRPMSG1" \
	wait_for 5 test ! -e /dev/ttyRPMSG1
src=
for d in /sys/bus/rpmsg/devices/*.rpmsg-tty.-1.*; do
	[ -e "$d/src" ] && src=$(cat "$d/src")
done
rpmsgctl release-dev rpmsg-tty "${src:-0}" -1
tap_check "releasing the remote's channel removes /dev/ttyRPMSG0" \
	wait_for 5 test ! -e /dev/ttyRPMSG0
tap_done
