#!/bin/sh
# copro-test: kernels=6.1,6.12 stacks=stock dtb=imx7d-sdb-m4-no-mboxes.dtb
# A device tree whose remoteproc node lacks 'mboxes': the driver refuses
# it with one line naming the property, and nothing crashes.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
tap_plan 3

node=/proc/device-tree/imx7d-cm4
if [ ! -d $node ] || [ -e $node/mboxes ]; then
	tap_skip "a tree without mboxes is refused" "booted without the test tree (dtb= in the header)"
	tap_skip "no remoteproc device"
	tap_skip "the log names mboxes"
	tap_done
fi
tap_ok "a tree without mboxes is refused"
tap_check "no remoteproc device" test ! -e $RPROC
tap_check "the log names mboxes" sh -c "dmesg | grep -q \"missing 'mboxes' property\""
tap_done
