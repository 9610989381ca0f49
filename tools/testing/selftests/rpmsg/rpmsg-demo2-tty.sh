#!/bin/sh
# Run by rpmsg-demos.sh (copro-test header there), or alone with qemu-run.
# Demo 2: /dev/ttyRPMSG0 echoes "TTY 0: <text>".
. /copro/tests/tap.sh
rproc=/sys/class/remoteproc/remoteproc0
tap_plan 3

[ -d $rproc ] || { tap_fail "remoteproc0 exists"; tap_done; }
[ "$(cat $rproc/state)" = running ] || echo start > $rproc/state
tap_check "/dev/ttyRPMSG0 appears" wait_for 20 test -c /dev/ttyRPMSG0
out=$(rpmsgctl ping -t 10000 /dev/ttyRPMSG0 "hello copro" 2>&1)
tap_eq "ttyRPMSG0 echoes with its prefix" \
	'message for /dev/ttyRPMSG0: "TTY 0: hello copro"' "$out"
out=$(rpmsgctl ping -t 10000 -n 3 /dev/ttyRPMSG0 "again" 2>&1 | sort -u)
tap_eq "ttyRPMSG0 echoes every write" \
	'message for /dev/ttyRPMSG0: "TTY 0: again"' "$out"
tap_done
