#!/bin/sh
# copro-test: kernels=6.1,6.12 stacks=copro,stock
# Every module built for this kernel (make KVER=...) loads in its guest and
# unloads again; none of Debian's stands beside one of ours of the same name.
. /copro/tests/tap.sh
updates=/lib/modules/$(uname -r)/updates
mods=$(ls $updates 2>/dev/null | sed -n 's/\.ko$//p')
[ -n "$mods" ] || { tap_skip "copro modules load" "none built yet"; tap_done; }

loaded() { grep -q "^$(echo "$1" | tr - _) " /proc/modules; }
for m in $mods; do
	loaded "$m" || modprobe "$m" 2>/dev/null
	tap_check "$m loads" loaded "$m"
	tap_eq "$m is built for this kernel" "$(uname -r)" \
		"$(modinfo -F vermagic $updates/$m.ko | cut -d' ' -f1)"
	tap_eq "$m exists once" 1 \
		"$(find /lib/modules/$(uname -r) -name "$m.ko" | wc -l)"
done
tap_check "the stack unloads" copro-stack unload
for m in $mods; do
	if loaded "$m"; then tap_fail "$m unloaded"; else tap_ok "$m unloaded"; fi
done
tap_done
