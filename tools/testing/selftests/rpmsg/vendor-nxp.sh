#!/bin/sh
# Run by vendor-firmware.sh (copro-test header there).
# NXP SDK firmware as i.MX users run it, played by the sample firmware's NXP
# personality (samples/firmware/core/nxp_demos.c): the seed's str_echo and
# pingpong flows, the choice of driver for rpmsg-openamp-demo-channel, ST's
# old tty name, and 100 restarts of the variant whose vrings the host
# places: it registers its vring handlers only after DRIVER_OK, and so
# loses the kick that Linux sends then, which alone would link it.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
tap_plan 23
STR_ECHO=copro-nxp-str-echo-imx7d.elf
PINGPONG=copro-nxp-pingpong-imx7d.elf
HOSTVRINGS=copro-nxp-str-echo-hostvrings-imx7d.elf
RESTARTS=${RESTARTS:-100}
trace=/sys/kernel/debug/remoteproc/remoteproc0/trace0

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }
rproc_stop

in_trace() { grep -qF "$1" $trace; }
# a tty of ours exists (its n depends on when older ones were released)
any_tty() { ls /dev/ttyRPMSG* > /dev/null 2>&1; }
# driver_of NAME: the driver bound to the channel NAME, "-" for none
driver_of() {
	_d=$(ls -d /sys/bus/rpmsg/devices/*".$1."* 2>/dev/null | head -n1)
	[ -n "$_d" ] || { echo none; return; }
	if [ -e "$_d/driver" ]; then basename "$(readlink "$_d/driver")"; else echo -; fi
}

# --- str_echo: the tty channel, the host's first message, line ends ------
rproc_boot $STR_ECHO
tap_check "str_echo announces rpmsg-virtual-tty-channel-1" \
	wait_for 20 channel_up rpmsg-virtual-tty-channel-1
tap_eq "rpmsg_tty serves it" rpmsg_tty "$(driver_of rpmsg-virtual-tty-channel-1)"
tap_check "/dev/ttyRPMSG0 appears" wait_for 10 test -c /dev/ttyRPMSG0
# a line end goes out as \r\n, a message of its own (below)
tap_check "its tty starts with opost onlcr" \
	sh -c "stty -F /dev/ttyRPMSG0 -a | grep -qE '(^| )onlcr( |;|\$)'"
# The firmware waits for the host to speak first, as NXP's does.
tap_check "the host's first message reaches the firmware" \
	wait_for 10 in_trace 'Get Message From Master Side : "hello world!" [len : 12]'
cat /dev/ttyRPMSG0 > /tmp/tty.out &
reader=$!
sleep 1
echo test > /dev/ttyRPMSG0
tap_check "echo test: the seed's console line" \
	wait_for 10 in_trace 'Get Message From Master Side : "test" [len : 4]'
tap_check "the line end arrives as a message of its own" \
	wait_for 10 in_trace 'Get New Line From Master Side'
tap_check "the firmware's echo reaches the tty" wait_for 10 grep -q test /tmp/tty.out
kill $reader 2>/dev/null
wait $reader 2>/dev/null
rproc_stop

# --- pingpong, and who takes rpmsg-openamp-demo-channel ---------------
dmesg -c > /dev/null
rproc_boot $PINGPONG
tap_check "pingpong announces rpmsg-openamp-demo-channel" \
	wait_for 20 channel_up rpmsg-openamp-demo-channel
tap_eq "rpmsg_tty leaves the ambiguous name alone by default" - \
	"$(driver_of rpmsg-openamp-demo-channel)"
modprobe rpmsg_pingpong
tap_eq "rpmsg_pingpong takes it" rpmsg_pingpong "$(driver_of rpmsg-openamp-demo-channel)"
tap_check "the host gets 1 first, from the firmware's address 30" \
	wait_for 10 sh -c 'dmesg | grep -q "get 1 (src: 0x1e)"'
tap_check "and 101 last, then stops" \
	wait_for 30 sh -c 'dmesg | grep -q "limit 100 reached, goodbye!"'
got=$(dmesg | grep -c 'get [0-9]* (src: 0x1e)')
tap_eq "51 numbers received, 1 3 5 ... 101" 51 "$got"
tap_check "the firmware printed the seed's lines up to 100" \
	in_trace 'Get Data From Master Side : 100'
tap_check "rpmsgctl list names the channel's driver" \
	sh -c 'rpmsgctl list | grep rpmsg-openamp-demo-channel | grep -q rpmsg_pingpong'
# The documented switch: rpmsg_tty's openamp_demo, then a new probe.
rmmod rpmsg_pingpong
echo 1 > /sys/module/rpmsg_tty/parameters/openamp_demo
dev=$(basename "$(ls -d /sys/bus/rpmsg/devices/*.rpmsg-openamp-demo-channel.* | head -n1)")
echo "$dev" > /sys/bus/rpmsg/drivers_probe
tap_eq "with openamp_demo=1, rpmsg_tty takes it" rpmsg_tty \
	"$(driver_of rpmsg-openamp-demo-channel)"
tap_check "as a tty" wait_for 10 any_tty
echo 0 > /sys/module/rpmsg_tty/parameters/openamp_demo
rproc_stop

# --- ST's historical name, created from the host --------------------------
rproc_boot $FW_GOOD
wait_for 20 all_channels_up
rpmsgctl create-dev rpmsg-tty-channel 258 -1 >/dev/null 2>&1
tap_eq "rpmsg-tty-channel is a tty too" rpmsg_tty "$(driver_of rpmsg-tty-channel)"
# Each channel's tty starts raw, whatever the NXP one of the same n had.
cooked=
for t in /dev/ttyRPMSG*; do
	stty -F "$t" -a | grep -qE '(^| )-onlcr( |;|$)' || cooked="$cooked $t"
done
tap_eq "the other ttys start raw, with no output processing" "" "$cooked"
rproc_stop

# --- restarts: a firmware that loses the kick that links it ---------------
i=0 failed= lost=0
while [ $i -lt "$RESTARTS" ]; do
	i=$((i + 1))
	rproc_boot $HOSTVRINGS || { failed="start $i failed"; break; }
	if ! wait_for 20 channel_up rpmsg-virtual-tty-channel-1; then
		failed="start $i never linked: $(tail -n 2 $trace 2>/dev/null | tr '\n' ' ')"
		break
	fi
	grep -q 'link up at the host.s kick; 0 kick' $trace || lost=$((lost + 1))
	rproc_stop || { failed="stop $i failed"; break; }
done
if [ -z "$failed" ]; then
	tap_ok "$RESTARTS restarts of the NXP firmware with host-placed vrings, each one linked"
else
	tap_fail "$RESTARTS restarts of the NXP firmware with host-placed vrings, each one linked" "$failed"
fi
# Else the restarts would not show what they are for.
tap_check "the firmware lost a kick before its handlers in $lost of them" test $lost -gt 0
tap_eq "the core ends offline" offline "$(rproc_state)"
tap_done
