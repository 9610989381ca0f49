#!/bin/sh
# copro-test: kernels=6.12-debug expect=125 report=copro_leak_one
# A leak planted by a test-only module (modules/copro_leak.c) as the
# script's last step: the guest's final kmemleak scan finds it, and the run
# fails whatever the script returns.
insmod /copro/modules/copro_leak.ko || exit 1
exit 0
