#!/bin/sh
# copro-test: kernels=6.1 stacks=copro timeout=900
# A hostile remote lies about message lengths (copro-hostile-imx7d.elf's
# control commands, Documentation/firmware.rst): rpmsg headers whose len
# is larger than the buffer (497 in a 512-byte buffer) and larger than 512,
# used-ring lengths larger than the buffer and smaller than a header.  For
# each: Linux drops the message with a log line, delivers nothing of it,
# logs 1000 of them in far fewer lines, no kernel splat, the link keeps
# echoing, stop tears it down, and the good firmware starts and echoes.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
. /copro/tests/hostile-lib.sh

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }

# lying_case NAME REGEX COUNT WORD...: run the command, whose COUNT bad
# messages go to the command's own endpoint; only the answer may arrive.
lying_case() {
	name=$1 re=$2 count=$3
	shift 3
	if ! start_fw $FW_HOSTILE; then
		tap_fail "$name: $FW_HOSTILE starts"
		return
	fi
	mark "$name"
	fwctl -t 120000 -l 2000 "$@"
	tap_eq "$name: the bad messages are not delivered, the answer is" \
		"0 1 $count of $count sent" \
		"$FWCTL_RC $(echo "$FWCTL_OUT" | grep -c '^rx: ') $(echo "$FWCTL_OUT" | sed -n 's/^rx: done .*: //p')"
	tap_refused "$name" "$re"
	[ "$count" -lt 1000 ] || tap_rate_limited "$name" "$re" "$count"
	tap_survived "$name"
}

# what the kernel says about them
HDR='claims [0-9]+ bytes|rpmsg len|header len'
USED='used length [0-9]+|used len'

lying_case hdr-len-497 "$HDR" 1 hdr-len 497
lying_case hdr-len-65535 "$HDR" 1 hdr-len 65535
lying_case hdr-len-1000-x1000 "$HDR" 1000 hdr-len 1000 1000
lying_case used-len-513 "$USED" 1 used-len 513
lying_case used-len-0 "$USED" 1 used-len 0
lying_case used-len-4096-x1000 "$USED" 1000 used-len 4096 1000
tap_done
