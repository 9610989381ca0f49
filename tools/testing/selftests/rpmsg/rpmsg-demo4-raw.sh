#!/bin/sh
# Run by rpmsg-demos.sh (copro-test header there), or alone with qemu-run.
# Demo 4: the remote's rpmsg-raw channel is /dev/rpmsg0, which echoes
# "from ept 0x<remote address>: <text>".
. /copro/tests/tap.sh
rproc=/sys/class/remoteproc/remoteproc0
tap_plan 3

[ -d $rproc ] || { tap_fail "remoteproc0 exists"; tap_done; }
[ "$(cat $rproc/state)" = running ] || echo start > $rproc/state
tap_check "/dev/rpmsg0 appears" wait_for 20 test -c /dev/rpmsg0
tap_eq "rpmsg0 is the rpmsg-raw channel" rpmsg-raw \
	"$(cat /sys/class/rpmsg/rpmsg0/name 2>&1)"
addr=$(printf '0x%04x' "$(cat /sys/class/rpmsg/rpmsg0/dst)")
out=$(rpmsgctl ping -t 10000 /dev/rpmsg0 2>&1)
tap_eq "rpmsg0 echoes from the announced address" \
	"message for /dev/rpmsg0: \"from ept $addr: ping /dev/rpmsg0\"" "$out"
tap_done
