#!/bin/sh
# copro-test: kernels=6.1,6.12-debug/copro stacks=copro timeout=900 host-check=crash-m4-log
# The standard firmware crashes for real on command ("crash KIND" on its
# control endpoint 0x3: an undefined instruction, a bus error, a fetch from
# execute-never memory, a trapped division by zero) while one application
# is blocked reading the rpmsg-raw channel's /dev/rpmsgN and one
# /dev/ttyRPMSGn (rpmsg_crash_test).
# For each kind: the M4's fault handler reports it (0xffff0000 | exception)
# and imx_rproc reports a fatal error, remoteproc a crash; both readers are
# told; recovery restarts the remote once and the channels echo again.
# crash-m4-log checks on the host that the M4 console shows each fault.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
. /copro/tests/hostile-lib.sh

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }
if start_fw $FW_GOOD; then
	tap_ok "$FW_GOOD starts, its raw and tty devices appear"
else
	tap_fail "$FW_GOOD starts, its raw and tty devices appear"
	tap_done
fi

# kind and the exception its fault is taken as (the low half of the word)
for kc in udf:6 bus:5 xn:4 div0:6; do
	kind=${kc%:*} exc=${kc#*:}
	tap_check "crash $kind: the control, raw and tty devices are there" \
		wait_for 20 devs_up
	mark "crash-$kind"
	CRASH_KIND=$kind run_kselftest "crash $kind: " rpmsg_crash_test
	tap_check "crash $kind: imx_rproc reads the crash word 0xffff000$exc" \
		wait_for 5 sh -c "dmesg | sed -n '/copro-test: mark crash-$kind\$/,\$p' |
			grep -q 'fatal error 0x000$exc'"
	tap_eq "crash $kind: remoteproc reports one fatal-error crash" 1 \
		"$(count_since "crash-$kind" 'crash detected in .*: type fatal error')"
	tap_eq "crash $kind: and recovers once" 1 \
		"$(count_since "crash-$kind" 'recovering')"
	tap_eq "crash $kind: the remote runs again" running "$(rproc_state)"
	tap_no_splat "crash-$kind"
done

tap_check "the channels still echo after four crashes" link_echoes "after-crashes"
tap_check "stop succeeds" bounded 60 rproc_stop
tap_done
