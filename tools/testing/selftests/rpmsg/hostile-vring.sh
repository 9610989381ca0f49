#!/bin/sh
# copro-test: kernels=6.1 stacks=copro timeout=1200
# A hostile remote corrupts the vrings (copro-hostile-imx7d.elf's control
# commands, Documentation/firmware.rst): a used entry whose descriptor id is
# out of range, on the host's RX and on its TX ring; used->idx jumping 1000
# ahead on both; the host's own avail->idx rewritten 1000 ahead on both.
# Linux must refuse what it cannot trust with a log line, never deliver a
# stale buffer twice or reuse a buffer the remote still owns, and not hang
# or splat; the link either keeps echoing or stop tears it down; then the
# good firmware starts and echoes.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
. /copro/tests/hostile-lib.sh

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }

# what the kernel (virtio core or our driver) says about a bad used entry
# (an extra one: more entries used than the ring holds)
BADID='id [0-9]+ (out of range|is not a head)|used (ring )?(entry|id)|bad (used )?id|entries ahead of the'
JUMP='used (ring )?(idx|index)|not a head|out of range|jump|stale'

hostile_start() { # NAME
	if start_fw $FW_HOSTILE; then
		mark "$1"
		return 0
	fi
	tap_fail "$1: $FW_HOSTILE starts"
	return 1
}

case_end() { # NAME: the checks every case ends with
	tap_no_splat "$1"
	note_usable "$1"
	tap_torn_down "$1"
	tap_good_fw_after "$1"
}

# 1. host RX ring: a used entry naming descriptor 16 of a 16-entry ring
if hostile_start used-id-rx; then
	fwctl -t 5000 used-id 16 0
	tap_refused used-id-rx "$BADID"
	case_end used-id-rx
fi

# 2. host TX ring: id 65535; Linux meets it when it reclaims TX buffers,
#    after the first 16 sends
if hostile_start used-id-tx; then
	fwctl -t 5000 used-id 0xffff 1
	tap_eq "used-id-tx: the command is answered" 0 "$FWCTL_RC"
	bounded 90 rpmsgctl ping -n 24 -t 3000 "$(tty_dev)" reclaim > /tmp/ping.out 2>&1
	rc=$?
	tail -n 3 /tmp/ping.out | sed 's/^/# ping: /'
	tap_check "used-id-tx: 24 tty writes after it end within 90 s (status $rc)" \
		test $rc -ne 124
	tap_refused used-id-tx "$BADID"
	case_end used-id-tx
fi

# 3. host RX ring: used->idx += 1000; the ring holds 16 old echoes for
#    the rpmsg-raw channel, none of which may be delivered again
if hostile_start used-jump-rx; then
	raw=$(raw_dev)
	rpmsgctl ping -n 16 -t 3000 "$raw" fill > /dev/null 2>&1
	cat "$raw" > /tmp/stale.cap 2>/dev/null &
	cat=$!
	sleep 0.5
	fwctl -t 10000 -l 3000 used-jump 1000 0
	kill $cat 2>/dev/null
	wait $cat 2>/dev/null
	tap_eq "used-jump-rx: no old message delivered again on $raw (bytes)" \
		0 "$(wc -c < /tmp/stale.cap)"
	tap_check "used-jump-rx: at most the answer reaches the command's endpoint" \
		test "$(echo "$FWCTL_OUT" | grep -c '^rx: \|^late: ')" -le 1
	tap_refused used-jump-rx "$JUMP"
	case_end used-jump-rx
fi

# 4. host TX ring: used->idx += 1000; Linux must not take back buffers the
#    remote never returned (their messages would be overwritten)
if hostile_start used-jump-tx; then
	fwctl -t 10000 used-jump 1000 1
	bounded 120 rpmsgctl seq -n 300 -w 8 "$(raw_dev)" > /tmp/seq.out 2>&1
	rc=$?
	cat /tmp/seq.out | sed 's/^/# seq: /'
	tap_check "used-jump-tx: 300 numbered messages after it end in time" \
		test $rc -ne 124
	tap_check "used-jump-tx: none lost, duplicated or corrupted without an error" \
		sh -c "[ $rc -eq 0 ] || ! grep -qE 'malformed|checksum|expected|garbage|unexpected' /tmp/seq.out"
	tap_refused used-jump-tx "$JUMP"
	case_end used-jump-tx
fi

# 5. the host's TX avail->idx += 1000: Linux never reads its own index
#    back, so the next send repairs it and the link goes on
if hostile_start avail-jump-tx; then
	fwctl -t 10000 avail-jump 1000 1
	tap_eq "avail-jump-tx: the command is answered" 0 "$FWCTL_RC"
	tap_survived avail-jump-tx
fi

# 6. the host's RX avail->idx += 1000: the remote stops sending (its own
#    check); Linux must live with a silent remote
if hostile_start avail-jump-rx; then
	fwctl -t 5000 avail-jump 1000 0
	case_end avail-jump-rx
fi
tap_done
