#!/bin/sh
# copro-test: kernels=6.12-debug expect=125 report=KASAN:.slab-use-after-free.in.copro_uaf_init
# A use-after-free planted by a test-only module (modules/copro_uaf.c):
# KASAN reports it, and the run fails whatever the script returns.
insmod /copro/modules/copro_uaf.ko || exit 1
exit 0
