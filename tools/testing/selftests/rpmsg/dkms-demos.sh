#!/bin/sh
# copro-test: kernels=6.12 stacks=dkms timeout=900
# What a Debian 13 user gets from `apt install ./copro-dkms_*.deb`: the
# modules DKMS built from the package for this kernel (only those Debian
# lacks, in updates/dkms) under Debian's own rpmsg modules, and the five
# demos through them.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh

# where modprobe takes a module from, relative to /lib/modules/<release>
origin() {
	grep -E "(^|/)$1\.ko:" "/lib/modules/$(uname -r)/modules.dep" | cut -d: -f1
}
for m in imx_rproc imx-mailbox rpmsg_client_sample; do
	tap_eq "$m comes from DKMS" "updates/dkms/$m.ko" "$(origin $m)"
done
for m in virtio_rpmsg_bus rpmsg_char rpmsg_ctrl rpmsg_tty; do
	case $(origin $m) in
	kernel/*) tap_ok "$m is Debian's own, not shadowed ($(origin $m))" ;;
	*) tap_fail "$m is Debian's own, not shadowed" "# it is $(origin $m)" ;;
	esac
done
loaded=$(for m in imx_rproc imx_mailbox virtio_rpmsg_bus rpmsg_char; do
	grep -q "^$m " /proc/modules && echo "$m"; done | tr '\n' ' ')
tap_eq "the stack is loaded" "imx_rproc imx_mailbox virtio_rpmsg_bus rpmsg_char " "$loaded"

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }
for demo in rpmsg-demo1-client-sample rpmsg-demo2-tty rpmsg-demo3-tty-dynamic \
	rpmsg-demo4-raw rpmsg-demo5-multi-ept; do
	tap_check "$demo: the core stops before it" rproc_stop
	tap_script "$demo: " sh /copro/tests/$demo.sh
done
tap_done
