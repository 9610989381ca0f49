#!/bin/sh
# copro-test: kernels=6.1,6.12 stacks=copro timeout=900
# 10,000 numbered, checksummed messages through /dev/rpmsg0 and through
# /dev/ttyRPMSG0: none lost, duplicated or reordered.
. /copro/tests/tap.sh
rproc=/sys/class/remoteproc/remoteproc0
tap_plan 3

[ -d $rproc ] || { tap_fail "remoteproc0 exists"; tap_done; }
[ "$(cat $rproc/state)" = running ] || echo start > $rproc/state
tap_check "/dev/rpmsg0 and /dev/ttyRPMSG0 appear" \
	wait_for 20 test -c /dev/rpmsg0 -a -c /dev/ttyRPMSG0
tap_check "10000 messages through /dev/rpmsg0" \
	rpmsgctl seq -n 10000 -w 16 /dev/rpmsg0
tap_check "10000 messages through /dev/ttyRPMSG0" \
	rpmsgctl seq -n 10000 -w 16 /dev/ttyRPMSG0
tap_done
