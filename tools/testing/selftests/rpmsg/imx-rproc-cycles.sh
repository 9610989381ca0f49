#!/bin/sh
# copro-test: kernels=6.1,6.12 stacks=stock,copro,mainline timeout=900
# 100 start/stop cycles in a row: each one brings the channels up and
# down, and afterwards no device and no memory is left behind.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
tap_plan 5
CYCLES=${CYCLES:-100}

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }
# The client sample's 100 messages would meet every stop; mainline's
# driver does not survive that (imx-lib.sh), so its lane cycles without.
[ "$STACK" != mainline ] || rmmod rpmsg_client_sample

devices() {
	ls /sys/bus/rpmsg/devices /sys/bus/virtio/devices /sys/bus/platform/devices \
		/sys/class/remoteproc /dev 2>/dev/null
}
# kB in use by the kernel beyond page cache: what a leak would grow.
used_kb() {
	sync
	echo 3 > /proc/sys/vm/drop_caches
	awk '/^MemTotal:/ { t = $2 } /^MemFree:/ { f = $2 } /^Buffers:/ { b = $2 }
	     /^Cached:/ { c = $2 } END { print t - f - b - c }' /proc/meminfo
}
cycle() {
	rproc_boot $FW_GOOD || { echo "start failed"; return 1; }
	wait_for 30 all_channels_up || { echo "channels did not come up"; return 1; }
	rproc_stop || { echo "stop failed"; return 1; }
	wait_for 10 test -z "$(ls /sys/bus/rpmsg/devices)" || { echo "channels stayed"; return 1; }
}

# One cycle first, so that caches and lazily loaded modules settle.
cycle > /dev/null
devices > /tmp/devices.before
before=$(used_kb)

i=0 failed=
while [ $i -lt "$CYCLES" ]; do
	i=$((i + 1))
	if ! why=$(cycle); then
		failed="cycle $i: $why"
		break
	fi
done
if [ -z "$failed" ]; then tap_ok "$CYCLES start/stop cycles"; else tap_fail "$CYCLES start/stop cycles" "$failed"; fi
tap_eq "the core ends offline" offline "$(rproc_state)"

devices > /tmp/devices.after
tap_check "no device is left behind" diff /tmp/devices.before /tmp/devices.after
after=$(used_kb)
echo "# kernel memory in use: $before kB before, $after kB after"
# Slack for per-cpu caches and the like; a leak of a vdev or its buffers
# per cycle would be several MiB over 100 cycles.
if [ -e /sys/kernel/debug/kmemleak ]; then
	# A debug kernel: KASAN's quarantine holds freed memory back, so
	# meminfo grows anyway; kmemleak's scan at exit judges leaks instead.
	tap_skip "no memory is leaked (< 2 MiB growth)" "kmemleak judges leaks on this kernel"
else
	tap_check "no memory is leaked (< 2 MiB growth)" test $((after - before)) -lt 2048
fi
tap_check "no kick or mailbox failed" sh -c '! dmesg | grep -E "kick of vq|cannot (start|stop) the remote core"'
tap_done
