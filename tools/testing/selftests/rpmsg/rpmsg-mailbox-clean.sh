#!/bin/sh
# copro-test: kernels=6.1,6.12 stacks=copro,stock timeout=900
# 10,000 messages per bench row, host to M4 (sink) and M4 to host (source,
# echo), at full speed: every kick reaches the M4 and the kernel log holds
# no mailbox or kick error (kicks used to overflow the mailbox framework's
# queue: "Try increasing MBOX_TX_QUEUE_LEN", -ENOBUFS).
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
tap_plan 4

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }
[ "$(rproc_state)" = running ] || echo start > $RPROC/state
tap_check "/dev/rpmsg_ctrl0 and rpmsg-raw's /dev/rpmsg0 appear" \
	wait_for 20 test -c /dev/rpmsg_ctrl0 -a -c /dev/rpmsg0
dmesg -c > /dev/null
tap_check "rpmsgctl bench, 10000 messages a row, in each direction" \
	rpmsgctl bench -d 2 -n 10000
errors=$(dmesg | grep -iE "MBOX_TX_QUEUE_LEN|kick of vq|mbox|mailbox|no tx buffer")
tap_eq "no mailbox or kick error in the kernel log" "" "$errors"
tap_check "the link still echoes" sh -c \
	'rpmsgctl ping -t 10000 -n 1 /dev/rpmsg0 hello | grep -q "from ept 0x0402: hello"'
tap_done
