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

# Re-emit a kselftest program's results as our own TAP lines.
run_kselftest() {
	"$@" > /tmp/kselftest.out 2>&1
	echo "# $1 exited with $?"
	while read -r line; do
		case $line in
		"ok "*"# SKIP"*) tap_skip "${line#ok * }" ;;
		"ok "*) tap_ok "$1: ${line#ok [0-9]* }" ;;
		"not ok "*) tap_fail "$1: ${line#not ok [0-9]* }" \
			"$(grep -v '^ok \|^not ok ' /tmp/kselftest.out | tail -20)" ;;
		esac
	done < /tmp/kselftest.out
	grep -q '^\(not \)\?ok ' /tmp/kselftest.out ||
		tap_fail "$1 ran" "$(tail -20 /tmp/kselftest.out)"
}

run_kselftest rpmsg_ioctl_test
run_kselftest rpmsg_stop_test
tap_done
