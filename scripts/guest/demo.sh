#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo played in the emulated board by `make demo`.
step() { echo; echo "### $*"; }

step "kernel $(uname -r), $COPRO_STACK stack"
step "copro modules loaded"
for m in $(copro-stack list); do
	grep -q "^$(echo "$m" | tr - _) " /proc/modules && echo "  $m"
done
rproc=/sys/class/remoteproc/remoteproc0
if [ ! -d $rproc ]; then
	echo "no remoteproc device: the M4 cannot be started on this build"
	exit 1
fi
step "starting the M4 ($(cat $rproc/firmware))"
echo start > $rproc/state
cat $rproc/state
