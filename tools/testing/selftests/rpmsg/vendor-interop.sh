#!/bin/sh
# Run by vendor-firmware.sh (copro-test header there).
# The interop matrix's NXP column: the NXP-style firmware as the SDK builds
# it (copro-nxp-str-echo: vrings at fixed addresses, handlers registered at
# boot) under copro's drivers and under mainline's, with the same commands:
# start, an echo through an endpoint of rpmsg_char, and 100 start/stop
# cycles (30 on mainline's). Like rpmsg-lite, the firmware takes the link as up at the host's
# first kick of vring 0, and a kick that reaches the MU before the firmware
# set it up is gone. copro's imx_rproc kicks again until the core answers:
# every start must link. Mainline's kicks once: its starts that lost the
# race never link, which is counted and reported, while every start and
# stop must still succeed. Our firmware's column is imx-rproc-start-stop,
# imx-rproc-cycles and the demos on both stacks.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
tap_plan 7
FW=copro-nxp-str-echo-imx7d.elf
NAME=rpmsg-virtual-tty-channel-1
# Mainline's lane counts links rather than requiring them: 30 cycles give
# its rate (Documentation/vendor-firmware.rst has 100-cycle runs) and keep
# make check inside CI's time.
if [ "$STACK" = mainline ]; then CYCLES=${CYCLES:-30}; else CYCLES=${CYCLES:-100}; fi
trace=/sys/kernel/debug/remoteproc/remoteproc0/trace0
# How long a start may take to link: copro's last kick comes after 2.55 s;
# a start of mainline's that links does so within 0.2 s (6.1), so on its
# lane a start counts as linked if it did within 1 s.
if [ "$STACK" = mainline ]; then LINK_S=1; else LINK_S=20; fi

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }
rproc_stop

# start_linked: start the firmware; 0 if it announced its channel, 1 if
# not, 2 if the start failed
start_linked() {
	rproc_boot $FW || return 2
	wait_for $LINK_S channel_up $NAME
}

tries=0
while :; do
	tries=$((tries + 1))
	start_linked && break
	[ "$STACK" = mainline ] && [ $tries -lt 10 ] || break
	rproc_stop
done
tap_check "the NXP firmware starts and announces $NAME (start $tries)" channel_up $NAME
ept=$(rpmsgctl create-ept nxp-echo 0x500 30 2>&1)
tap_check "an endpoint to its address 30 ($ept)" test -c "$ept"
out=$(rpmsgctl ping -t 10000 "$ept" "hello from $STACK" 2>&1)
tap_eq "it echoes" "message for $ept: \"hello from $STACK\"" "$out"
rpmsgctl destroy-ept "$ept" > /dev/null 2>&1
tap_check "it stops" rproc_stop

i=0 linked=0 failed= unlinked=
while [ $i -lt "$CYCLES" ]; do
	i=$((i + 1))
	start_linked
	case $? in
	0) linked=$((linked + 1)) ;;
	2) failed="start $i failed"; break ;;
	*) [ -n "$unlinked" ] ||
		unlinked="start $i: $(tail -n 1 $trace 2>/dev/null)" ;;
	esac
	rproc_stop || { failed="stop $i failed"; break; }
done
echo "# $STACK: $linked of $CYCLES starts linked"
[ -z "$unlinked" ] || echo "# the first that did not: $unlinked"
tap_check "$CYCLES start/stop cycles, every start and stop succeeds" test -z "$failed"
if [ "$STACK" = mainline ]; then
	tap_skip "every start links" "mainline kicks once; $linked of $CYCLES linked"
else
	tap_eq "every start links" "$CYCLES" "$linked"
fi
tap_eq "the core ends offline" offline "$(rproc_state)"
tap_done
