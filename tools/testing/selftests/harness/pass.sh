#!/bin/sh
# copro-test: kernels=6.1,6.12 expect=0
# A guest test that passes, and whose output mentions splat-like words:
# only the kernel's own log may fail a run, not what a script prints.
. /copro/tests/tap.sh
tap_plan 2
tap_check "the guest runs as root" test "$(id -u)" = 0
echo "WARNING: this line is the script's, not the kernel's"
# 6.12-debug is copro's own build, released as 6.12.N-copro-debug.
booted=$(uname -r | sed -E 's/^([0-9]+\.[0-9]+)[^-]*(-copro(-debug))?.*/\1\3/')
tap_eq "the kernel is the one asked for" "$COPRO_KERNEL" "$booted"
tap_done
