#!/bin/sh
# copro-test: kernels=6.12-debug expect=0
# The debug kernel has its debuggers on, and a run in which nothing goes
# wrong passes on it (boot, loading the stack and the final kmemleak scan
# report nothing by themselves).
. /copro/tests/tap.sh
zcat /proc/config.gz > /tmp/kconfig
tap_plan 9
for opt in KASAN KFENCE PROVE_LOCKING DEBUG_ATOMIC_SLEEP DEBUG_KMEMLEAK \
	DEBUG_OBJECTS DEBUG_OBJECTS_FREE; do
	tap_check "CONFIG_$opt=y" grep -qx "CONFIG_$opt=y" /tmp/kconfig
done
tap_check "kmemleak is on" test -w /sys/kernel/debug/kmemleak
tap_check "the harness's bug-planting modules are there" \
	test -f /copro/modules/copro_uaf.ko -a -f /copro/modules/copro_leak.ko
tap_done
