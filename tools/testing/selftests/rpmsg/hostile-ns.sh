#!/bin/sh
# copro-test: kernels=6.1 stacks=copro timeout=1200
# A hostile remote abuses the name service (copro-hostile-imx7d.elf's
# control commands, Documentation/firmware.rst): 1000 announcements with
# unterminated names, 1000 with flags 7, ones of the wrong size, and 1000
# well-formed announcements of distinct channels in a row.  Linux refuses
# the malformed ones with rate-limited log lines and creates no channel for
# them; every one of the 1000 good ones is either a channel or refused with
# a log line; no splat, no hang; the link keeps echoing; stop tears all of
# it down; then the good firmware starts and echoes.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
. /copro/tests/hostile-lib.sh

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }

channels() { ls /sys/bus/rpmsg/devices 2>/dev/null | grep -c "$1"; }

# bad_ns NAME REGEX CHANNEL-RE COUNT WORD...
bad_ns() {
	name=$1 re=$2 chre=$3 count=$4
	shift 4
	if ! start_fw $FW_HOSTILE; then
		tap_fail "$name: $FW_HOSTILE starts"
		return
	fi
	mark "$name"
	fwctl -t 120000 "$@"
	tap_eq "$name: all $count sent" "0 $count of $count sent" \
		"$FWCTL_RC $(echo "$FWCTL_OUT" | sed -n 's/^rx: done .*: //p')"
	tap_eq "$name: no channel is created for them" 0 "$(channels "$chre")"
	tap_refused "$name" "$re"
	[ "$count" -lt 1000 ] || tap_rate_limited "$name" "$re" "$count"
	tap_survived "$name"
}

bad_ns ns-unterminated-x1000 'unterminated|without a valid name|invalid name' \
	'UUUUUUUU' 1000 ns-unterminated 1000
bad_ns ns-flags-7-x1000 'flags 0x7|flags 7' '\.hostile-flags-' 1000 ns-flags 7 1000
bad_ns ns-len-39 'of 39 bytes|39 bytes' '\.hostile-len-' 1 ns-len 39
bad_ns ns-len-0 'of 0 bytes|0 bytes' '\.hostile-len-' 1 ns-len 0

# 1000 distinct, well-formed announcements
name=ns-flood-1000
if start_fw $FW_HOSTILE; then
	mark $name
	fwctl -t 600000 ns-flood 1000
	tap_eq "$name: all 1000 sent" "0 1000 of 1000 sent" \
		"$FWCTL_RC $(echo "$FWCTL_OUT" | sed -n 's/^rx: done .*: //p')"
	made=$(channels '\.hostile-[0-9]*\.')
	echo "# $made channels made"
	if [ "$made" -eq 1000 ]; then
		tap_ok "$name: each one is a channel or refused with a log line (1000 channels)"
	elif [ "$made" -lt 1000 ] &&
	     [ "$(count_since $name 'too many|limit|refus|cannot create channel')" -gt 0 ]; then
		tap_ok "$name: each one is a channel or refused with a log line ($made channels, the rest refused)"
	else
		tap_fail "$name: each one is a channel or refused with a log line" \
			"$made channels, no refusal logged"
	fi
	tap_survived $name
else
	tap_fail "$name: $FW_HOSTILE starts"
fi
tap_done
