#!/bin/sh
# copro-test: kernels=6.1 stacks=copro timeout=1200
# A hostile remote floods the mailbox (copro-hostile-imx7d.elf's control
# commands, Documentation/firmware.rst): 10000 kicks with nothing new in
# the vrings, 10000 doorbells, 1000 words that are neither a kick nor a
# crash report, and, ten times over, crash reports in a row.  Linux takes
# them all without a splat or a hang, logs the unknown words in a few
# rate-limited lines, handles each run of crash reports as one crash, and
# the link keeps echoing (after the recovery, for the crash reports); stop
# tears it down; then the good firmware starts and echoes.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
. /copro/tests/hostile-lib.sh

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }

mu_irqs() { awk '/30aa0000\.mailbox/ { n += $2 + $3 } END { print n + 0 }' /proc/interrupts; }

# storm NAME WORD...: every word the firmware sent was an interrupt
storm() {
	name=$1
	shift
	if ! start_fw $FW_HOSTILE; then
		tap_fail "$name: $FW_HOSTILE starts"
		return 1
	fi
	mark "$name"
	irqs=$(mu_irqs)
	fwctl -t 600000 "$@"
	taken=$(echo "$FWCTL_OUT" | sed -n 's/^rx: done .*: \([0-9]*\) of .*/\1/p')
	delta=$(($(mu_irqs) - irqs))
	echo "# $taken words taken in time, $delta mailbox interrupts"
	tap_eq "$name: the storm is answered" 0 "$FWCTL_RC"
	sent=$(echo "$FWCTL_OUT" | sed -n 's/^rx: done .* of \([0-9]*\) .*/\1/p')
	# each waits up to ~0.1 s for the host; an emulator on a busy machine
	# may miss that now and then, a host that stopped listening would not
	tap_check "$name: Linux took at least 99% of them in time (${taken:-0} of ${sent:-?})" \
		test "${taken:-0}" -ge $(( ${sent:-1} * 99 / 100 ))
	tap_check "$name: each one an interrupt ($delta for ${taken:-0})" \
		test "$delta" -ge "${taken:-1}"
	return 0
}

storm kick-storm-10000 kick-storm 10000 && tap_survived kick-storm-10000

storm db-storm-10000 db-storm 10000 && tap_survived db-storm-10000

storm word-storm-x1000 word-storm 0x12340000 1000 && {
	tap_refused word-storm-x1000 'mailbox word 0x12340000'
	tap_rate_limited word-storm-x1000 'mailbox word 0x12340000' 1000
	tap_survived word-storm-x1000
}

# Crash reports (fatal error 2) from a core that keeps sending them until
# it is stopped: one crash, one recovery.  Reports that come while the
# crash handler already runs, or that the mailbox delivers after the core
# was halted, are the same crash.  Those races are narrow: ten rounds make
# a driver that counts them as new crashes fail (a round did so one time
# in four before the fix).
crash_round() {
	name=crash-word-x10000-$1
	if ! start_fw $FW_HOSTILE; then
		tap_fail "$name: $FW_HOSTILE starts"
		return
	fi
	mark $name
	fwctl -t 5000 word-storm 0xffff0002 10000
	wait_for 10 sh -c "dmesg | sed -n '/copro-test: mark $name\$/,\$p' | grep -q 'crash detected'" ||
		{ tap_fail "$name: remoteproc reports a crash"; return; }
	wait_for 60 sh -c ". /copro/tests/hostile-lib.sh; [ \$(cat $RPROC/state) = running ] && devs_up" ||
		{ tap_fail "$name: the remote runs again"; return; }
	sleep 1
	crashes=$(count_since $name 'handling crash #')
	[ "$crashes" = 1 ] || since $name | grep -E 'crash|recover|now up|stopped' | sed 's/^/# /'
	tap_eq "$name: it is handled as one crash" 1 "$crashes"
	tap_check "$name: the fatal-error reports are rate-limited" \
		test "$(count_since $name 'fatal error 0x0002')" -lt 20
}
for round in 1 2 3 4 5 6 7 8 9 10; do
	crash_round $round
done
tap_survived crash-word-x10000-10
tap_done
