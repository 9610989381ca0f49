#!/bin/sh
# copro-test: kernels=6.1,6.12 stacks=copro,mainline timeout=900
# The five demos (rpmsg-demo*.sh, each its own script) in one boot: on our
# stack, and on what a user of mainline gets (imx_rproc and imx-mailbox
# built unmodified from the kernel's source, under Debian's rpmsg modules),
# with our firmware. The core is stopped between them.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }
for demo in rpmsg-demo1-client-sample rpmsg-demo2-tty rpmsg-demo3-tty-dynamic \
	rpmsg-demo4-raw rpmsg-demo5-multi-ept; do
	tap_check "$demo: the core stops before it" rproc_stop
	tap_script "$demo: " sh /copro/tests/$demo.sh
done
tap_done
