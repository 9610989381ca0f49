#!/bin/sh
# copro-test: kernels=6.12-debug expect=125 report=KASAN:.slab-use-after-free.in.copro_uaf_init report=KFENCE:.use-after-free.read.in.copro_uaf_init report=copro_leak_one
# The debug kernel's detectors, each on a bug planted by a test-only module
# (modules/), in one boot: the run fails whatever the script returns, and
# the console log must hold each detector's own report.
# - a use-after-free that KASAN reports (copro_uaf.c);
# - the same on an object KFENCE guards, which KASAN leaves to KFENCE;
# - a leak, as the script's last step: the guest's final kmemleak scan
#   finds it (copro_leak.c).
insmod /copro/modules/copro_uaf.ko || exit 1
rmmod copro_uaf
insmod /copro/modules/copro_uaf.ko via=kfence || exit 1
insmod /copro/modules/copro_leak.ko || exit 1
exit 0
