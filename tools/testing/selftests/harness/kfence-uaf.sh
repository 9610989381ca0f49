#!/bin/sh
# copro-test: kernels=6.12-debug expect=125 report=KFENCE:.use-after-free.read.in.copro_uaf_init
# The planted use-after-free on an object KFENCE guards (KASAN leaves
# those to KFENCE): KFENCE's report fails the run too.
insmod /copro/modules/copro_uaf.ko via=kfence || exit 1
exit 0
