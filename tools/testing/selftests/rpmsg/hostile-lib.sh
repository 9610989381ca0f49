# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the hostile-*.sh and crash tests (busybox ash): the hostile
# firmware's control commands, kernel log windows, bounded waits, and the
# checks every case ends with.  Source it after tap.sh and imx-lib.sh.

FW_HOSTILE=copro-hostile-imx7d.elf

# A kernel log oops, BUG, WARNING, lockup or hung task (what qemu-run fails
# a run for, looked at here per case so that the case is named).
SPLAT='Internal error: Oops|Unable to handle kernel|kernel BUG at|BUG: |WARNING: |cut here|Kernel panic|INFO: task .* blocked|soft lockup|rcu_sched self-detected|rcu: INFO'

# mark NAME: a line in the kernel log that starts the window of NAME.
mark() { echo "copro-test: mark $1" > /dev/kmsg; }
# since NAME: the kernel log from NAME's mark on.
since() { dmesg | sed -n "/copro-test: mark $1\$/,\$p"; }
# count_since NAME REGEX: lines of NAME's window matching REGEX.
count_since() { since "$1" | grep -cE "$2"; }

# bounded SECONDS CMD...: CMD's status, or 124 if it did not finish in time;
# it is then sent SIGTERM and SIGKILL (a task stuck in the kernel may stay).
bounded() {
	_lim=$(($1 * 10))
	shift
	"$@" &
	_pid=$!
	while kill -0 $_pid 2>/dev/null; do
		_lim=$((_lim - 1))
		if [ $_lim -le 0 ]; then
			echo "# still running after the time limit: $*"
			kill $_pid 2>/dev/null
			sleep 1
			kill -9 $_pid 2>/dev/null
			return 124
		fi
		sleep 0.1
	done
	wait $_pid
}

# The channels' devices.  After a crash recovery they may have other
# numbers (the old ones were still open when the new ones came).
tty_dev() {
	for _t in /sys/class/tty/ttyRPMSG*; do
		[ -e "$_t" ] && { echo "/dev/${_t##*/}"; return 0; }
	done
	return 1
}
raw_dev() {
	for _r in /sys/class/rpmsg/rpmsg[0-9]*; do
		[ "$(cat "$_r/name" 2>/dev/null)" = rpmsg-raw ] &&
			{ echo "/dev/${_r##*/}"; return 0; }
	done
	return 1
}
ctrl_dev() {
	for _c in /dev/rpmsg_ctrl*; do
		[ -c "$_c" ] && { echo "$_c"; return 0; }
	done
	return 1
}
devs_up() { [ -c "$(tty_dev)" ] && [ -c "$(raw_dev)" ] && [ -c "$(ctrl_dev)" ]; }

# fwctl [-t MS] [-l MS] WORD...: a control command (rpmsg_fwctl), its output
# in $FWCTL_OUT and its status in $FWCTL_RC.
fwctl() {
	FWCTL_OUT=$(rpmsg_fwctl -c "$(ctrl_dev)" "$@" 2>&1)
	FWCTL_RC=$?
	echo "$FWCTL_OUT" | sed 's/^/# fwctl: /'
	return $FWCTL_RC
}

# start_fw FW: stop whatever runs, boot FW, wait for its tty and raw channels.
start_fw() {
	bounded 60 rproc_stop || return 1
	bounded 60 rproc_boot "$1" || return 1
	wait_for 30 all_channels_up && wait_for 10 devs_up
}

# tty_echo TEXT / raw_echo TEXT: the channel answers TEXT as it should.
# (ping bounds its wait for the answer, not its write: bounded does that)
tty_echo() {
	bounded 20 rpmsgctl ping -t 10000 "$(tty_dev)" "$1" 2>&1 |
		grep -q "\"TTY [0-9]*: $1\"$"
}
raw_echo() {
	bounded 20 rpmsgctl ping -t 10000 "$(raw_dev)" "$1" 2>&1 |
		grep -q "\"from ept 0x[0-9a-f]*: $1\"$"
}
link_echoes() { tty_echo "$1" && raw_echo "$1"; }

# tap_no_splat NAME: nothing of $SPLAT in NAME's window.
tap_no_splat() {
	_s=$(since "$1" | grep -E "$SPLAT" | head -n 8)
	if [ -z "$_s" ]; then
		tap_ok "$1: no kernel oops, BUG, WARNING or hang report"
	else
		tap_fail "$1: no kernel oops, BUG, WARNING or hang report" "$_s"
	fi
}

# tap_refused NAME REGEX: the kernel said why it refused the bad input.
tap_refused() {
	_n=$(count_since "$1" "$2")
	if [ "$_n" -gt 0 ]; then
		tap_ok "$1: Linux refuses it with a log line ($_n)"
	else
		tap_fail "$1: Linux refuses it with a log line" \
			"no kernel log line matching '$2'; the window:
$(since "$1" | tail -n 25)"
	fi
}

# tap_rate_limited NAME REGEX BAD: BAD bad inputs, far fewer lines about them.
tap_rate_limited() {
	_n=$(count_since "$1" "$2")
	if [ "$_n" -ge 1 ] && [ "$_n" -lt $(($3 / 10)) ]; then
		tap_ok "$1: $3 refusals, $_n log lines (rate-limited)"
	else
		tap_fail "$1: $3 refusals, fewer than $(($3 / 10)) log lines (rate-limited)" \
			"$_n lines match '$2'"
	fi
}

# tap_stays_usable NAME: the link still echoes after the bad input.
tap_stays_usable() {
	if link_echoes "after-$1"; then
		tap_ok "$1: the link stays usable (tty and raw echo)"
	else
		tap_fail "$1: the link stays usable (tty and raw echo)" \
			"$(bounded 20 rpmsgctl ping -t 10000 "$(tty_dev)" "after-$1" 2>&1; bounded 20 rpmsgctl ping -t 10000 "$(raw_dev)" "after-$1" 2>&1)"
	fi
}

# note_usable NAME: whether the link still echoes, as a diagnostic only:
# after input that may break it, tap_torn_down (which always follows) is
# what is checked.
note_usable() {
	if link_echoes "after-$1"; then
		echo "# $1: the link still echoes"
	else
		echo "# $1: the link no longer echoes; it must be torn down cleanly"
	fi
}

# tap_torn_down NAME: stop returns in time and takes every channel away.
tap_torn_down() {
	if ! bounded 60 rproc_stop; then
		tap_fail "$1: the link is torn down cleanly (stop)" \
			"stop did not finish within 60 s (state $(rproc_state))"
		return 1
	fi
	if wait_for 20 test -z "$(ls /sys/bus/rpmsg/devices 2>/dev/null)"; then
		tap_ok "$1: the link is torn down cleanly (stop, no channel left)"
	else
		tap_fail "$1: the link is torn down cleanly (stop, no channel left)" \
			"left: $(ls /sys/bus/rpmsg/devices | head -n 5)"
	fi
}

# tap_good_fw_after NAME: the good firmware boots and echoes.
tap_good_fw_after() {
	if start_fw "$FW_GOOD" && link_echoes "good-after-$1"; then
		tap_ok "$1: afterwards $FW_GOOD starts and echoes"
	else
		tap_fail "$1: afterwards $FW_GOOD starts and echoes" \
			"state $(rproc_state); $(since "$1" | tail -n 15)"
	fi
}

# tap_survived NAME: how every case whose link must survive ends: no splat,
# the link still echoes, stop tears it down, the good firmware starts.
tap_survived() {
	tap_no_splat "$1"
	tap_stays_usable "$1"
	tap_torn_down "$1"
	tap_good_fw_after "$1"
}
