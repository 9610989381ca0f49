#!/bin/sh
# copro-test: kernels=6.1,6.12,6.12-debug/copro stacks=copro
# Bad input from user space, each case its own test (rpmsg_ioctl_test),
# then I/O after the remote processor is stopped (rpmsg_stop_test).
. /copro/tests/tap.sh
rproc=/sys/class/remoteproc/remoteproc0

[ -d $rproc ] || { tap_fail "remoteproc0 exists"; tap_done; }
[ "$(cat $rproc/state)" = running ] || echo start > $rproc/state
wait_for 20 test -c /dev/rpmsg0 -a -c /dev/rpmsg_ctrl0 ||
	tap_fail "/dev/rpmsg0 and /dev/rpmsg_ctrl0 appear"

run_kselftest "rpmsg_ioctl_test: " rpmsg_ioctl_test
run_kselftest "rpmsg_stop_test: " rpmsg_stop_test
tap_done
