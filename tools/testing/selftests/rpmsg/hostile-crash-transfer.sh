#!/bin/sh
# copro-test: kernels=6.1 stacks=copro timeout=900 host-check=crash-m4-log
# A hostile remote faults for real in the middle of two transfers
# (copro-hostile-imx7d.elf's "crash-after 300 udf": the 301st message
# after the command meets an undefined instruction): a numbered echo
# stream through /dev/rpmsg0 and one through /dev/ttyRPMSG0 are running.
# Both applications must be told (EPIPE; hangup) rather than time out;
# remoteproc reports the crash and recovers; the channels come back and
# echo; stop works; the good firmware starts and echoes.  crash-m4-log
# checks on the host that the M4 took the fault mid-transfer.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
. /copro/tests/hostile-lib.sh

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }
name=crash-transfer
if ! start_fw $FW_HOSTILE; then
	tap_fail "$FW_HOSTILE starts"
	tap_done
fi
mark $name
rpmsgctl seq -n 1000000 -w 16 "$(raw_dev)" > /tmp/seq-raw.out 2>&1 &
raw=$!
rpmsgctl seq -n 1000000 -w 16 "$(tty_dev)" > /tmp/seq-tty.out 2>&1 &
tty=$!
sleep 1
# the streams must be alive to be interrupted: a stream that already
# stopped lost or reordered a message (its output says which)
tap_check "both streams run before the crash (no message lost so far)" \
	kill -0 $raw $tty
fwctl -t 5000 crash-after 300 udf
tap_eq "the crash is armed" "0 rx: done crash-after 300" \
	"$FWCTL_RC $(echo "$FWCTL_OUT" | grep '^rx: ')"

# ended: PID has exited within SECONDS
ended() {
	_i=$(($2 * 10))
	while kill -0 "$1" 2>/dev/null; do
		_i=$((_i - 1))
		[ $_i -gt 0 ] || return 1
		sleep 0.1
	done
}
ended $raw 30
tap_eq "the rpmsg-raw stream stops within 30 s" 0 $?
sed 's/^/# raw: /' /tmp/seq-raw.out
tap_check "the rpmsg-raw application is told: EPIPE (Broken pipe)" \
	grep -q 'Broken pipe' /tmp/seq-raw.out
ended $tty 30
tap_eq "the tty stream stops within 30 s" 0 $?
sed 's/^/# tty: /' /tmp/seq-tty.out
tap_check "the tty application is told: hangup (end of file or EIO; EPIPE before the hangup ran)" \
	grep -qE 'end of file|Input/output error|Broken pipe' /tmp/seq-tty.out
kill $raw $tty 2>/dev/null

tap_check "imx_rproc reads the crash word 0xffff0006 (UsageFault)" \
	wait_for 5 sh -c "dmesg | sed -n '/copro-test: mark $name\$/,\$p' | grep -q 'fatal error 0x0006'"
tap_eq "remoteproc reports one crash" 1 "$(count_since $name 'crash detected in')"
tap_check "recovery: the remote runs again, its channels are back" \
	wait_for 60 sh -c ". /copro/tests/hostile-lib.sh; [ \$(cat $RPROC/state) = running ] && devs_up"
tap_no_splat $name
tap_check "the channels echo after the recovery" link_echoes after-recovery
tap_torn_down $name
tap_good_fw_after $name
tap_done
