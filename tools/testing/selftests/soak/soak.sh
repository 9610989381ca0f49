#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The soak (make soak, not part of make check): long runs that find what
# short tests do not, best on the debug kernel (KASAN, kmemleak, lockdep).
#   1. copro.soak_msgs numbered, checksummed messages through /dev/rpmsg0
#      and through /dev/ttyRPMSG0: none lost, duplicated or reordered;
#   2. copro.soak_cycles start/stop cycles, each stopping the remote while
#      a writer and a reader are in full flow: they must end with an
#      error, never hang;
#   3. memory: MemAvailable and Slab before and after, and a kmemleak
#      scan where the kernel has one.
# Figures go to the output as "# soak:" lines.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
param() { sed -n "s/.*\<copro\.$1=\([0-9]*\).*/\1/p" /proc/cmdline; }
msgs=$(param soak_msgs); msgs=${msgs:-1000000}
cycles=$(param soak_cycles); cycles=${cycles:-1000}
meminfo() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
# One reading of every counter that can place a memory drift.
meminfo_counters() {
	awk 'BEGIN { n = split("MemAvailable Slab MemFree Cached SUnreclaim " \
		"VmallocUsed KernelStack PageTables Percpu Shmem", k, " ") }
	{ v[$1] = $2 }
	END { for (i = 1; i <= n; i++)
		printf "%s%s %s kB", (i > 1 ? ", " : ""), k[i], v[k[i] ":"]
	      print "" }' /proc/meminfo
	# KASAN and kmemleak keep a stack trace per allocation in the stack
	# depot, whose pools (16 KiB each) only grow: MemFree, but no counter.
	[ -r /sys/kernel/debug/stackdepot/stats ] &&
		echo "#   stack depot: $(tr '\n' ' ' < /sys/kernel/debug/stackdepot/stats)"
}
tap_plan 7

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }
[ "$(rproc_state)" = running ] || echo start > $RPROC/state
wait_for 30 test -c /dev/rpmsg0 -a -c /dev/ttyRPMSG0
sync; echo 3 > /proc/sys/vm/drop_caches
avail0=$(meminfo MemAvailable) slab0=$(meminfo Slab)
echo "# soak: kernel $(uname -r), $msgs messages, $cycles cycles"

for dev in /dev/rpmsg0 /dev/ttyRPMSG0; do
	t0=$(date +%s)
	if out=$(rpmsgctl seq -n "$msgs" -w 16 $dev 2>&1); then
		tap_ok "$msgs messages through $dev in order, none lost or duplicated"
	else
		tap_fail "$msgs messages through $dev" "$out"
	fi
	echo "# soak: $dev: $out ($(( $(date +%s) - t0 )) s)"
done

# A cycle: start, traffic both ways, stop under it.
hung=0 bad=0 i=0 t0=$(date +%s)
step=$((cycles / 10)); [ $step -gt 0 ] || step=1
while [ $i -lt "$cycles" ]; do
	i=$((i + 1))
	[ $((i % step)) -ne 0 ] ||
		echo "# soak: cycle $i: $(meminfo_counters)"
	[ "$(rproc_state)" = running ] || echo start > $RPROC/state || { bad=$((bad + 1)); continue; }
	if ! wait_for 20 test -c /dev/rpmsg0 -a -c /dev/ttyRPMSG0; then
		bad=$((bad + 1))
		echo "# soak: cycle $i: channels did not come up"
		continue
	fi
	rpmsgctl seq -n 1000000 -w 16 /dev/rpmsg0 > /dev/null 2>&1 &
	raw=$!
	rpmsgctl seq -n 1000000 -w 16 /dev/ttyRPMSG0 > /dev/null 2>&1 &
	tty=$!
	usleep $(( (i % 10) * 20000 + 10000 ))
	echo stop > $RPROC/state || bad=$((bad + 1))
	# the traffic must end by itself once the remote is gone
	for p in $raw $tty; do
		if ! wait_for 20 sh -c "! kill -0 $p"; then
			hung=$((hung + 1))
			kill -9 $p
		fi
		wait $p
	done
done
echo "# soak: $cycles cycles in $(( $(date +%s) - t0 )) s, $bad failed, $hung hung"
tap_eq "$cycles start/stop cycles with traffic in flight, none failed" 0 $bad
tap_eq "no traffic hung when the remote stopped" 0 $hung

echo start > $RPROC/state
tap_check "the link works after the cycles" sh -c \
	'sleep 1; rpmsgctl seq -n 10000 -w 16 /dev/rpmsg0'

sync; echo 3 > /proc/sys/vm/drop_caches
avail1=$(meminfo MemAvailable) slab1=$(meminfo Slab)
echo "# soak: MemAvailable $avail0 -> $avail1 kB, Slab $slab0 -> $slab1 kB"
# KASAN holds freed objects back in its quarantine (up to 1/32 of RAM),
# and they still count as Slab: on such a kernel that much growth is no
# leak (kmemleak, below, judges leaks there).
slack=2048
if zcat /proc/config.gz 2>/dev/null | grep -qx 'CONFIG_KASAN=y'; then
	slack=$((slack + $(meminfo MemTotal) / 32))
fi
tap_check "Slab grew by less than $slack kB" test $((slab1 - slab0)) -lt $slack

if [ -e /sys/kernel/debug/kmemleak ]; then
	echo scan > /sys/kernel/debug/kmemleak
	sleep 6
	echo scan > /sys/kernel/debug/kmemleak
	leaks=$(grep -c 'unreferenced object' /sys/kernel/debug/kmemleak)
	echo "# soak: kmemleak: $leaks unreferenced objects"
	tap_eq "kmemleak finds nothing" 0 "$leaks"
else
	tap_skip "kmemleak finds nothing" "no kmemleak in $(uname -r)"
fi
tap_done
