#!/bin/sh
# Run by rpmsg-demos.sh (copro-test header there), or alone with qemu-run.
# Demo 1: rpmsg_client_sample exchanges 100 messages with the firmware's
# rpmsg-client-sample service, which then destroys the channel.
. /copro/tests/tap.sh
rproc=/sys/class/remoteproc/remoteproc0
tap_plan 6

log_has() { dmesg | grep -q -e "$1"; }

[ -d $rproc ] || { tap_fail "remoteproc0 exists"; tap_done; }
[ "$(cat $rproc/state)" = running ] || echo start > $rproc/state
tap_check "the M4 runs" wait_for 10 grep -qx running $rproc/state
tap_check "the channel is announced" \
	wait_for 20 log_has "creating channel rpmsg-client-sample"
tap_check "the sample binds" wait_for 20 log_has "rpmsg_client_sample .*new channel"
tap_check "100 replies arrive" wait_for 60 log_has "incoming msg 100 "
tap_check "the sample says goodbye" wait_for 10 log_has "goodbye!"
tap_check "the firmware destroys the channel" \
	wait_for 20 log_has "rpmsg sample client driver is removed"
tap_done
