#!/bin/sh
# copro-test: kernels=6.12 stacks=dkms udev=yes timeout=900
# What a Debian 13 user gets from the packages. copro-dkms: the modules DKMS
# built from the package for this kernel (only those Debian lacks, in
# updates/dkms) under Debian's own rpmsg modules, and the five demos through
# them. copro-tools: its udev rules under Debian's systemd-udevd, and a
# non-root user who talks through /dev/rpmsg/by-name/rpmsg-raw with the
# packaged (dynamically linked) rpmsgctl.
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

tap_script "" sh /copro/tests/rpmsg-demos.sh

# --- copro-tools under Debian's udev -----------------------------------------
RAW=/dev/rpmsg/by-name/rpmsg-raw
tap_check "udev: the core stops" rproc_stop
tap_check "udev: systemd-udevd starts" /lib/systemd/systemd-udevd --daemon
udevadm trigger --action=add >/dev/null 2>&1
udevadm settle -t 30
echo start > $RPROC/state
tap_check "udev: the firmware's rpmsg-raw channel gets $RAW" wait_for 20 test -c $RAW
node=$(readlink $RAW)
tap_eq "udev: $RAW names the channel's node" "rpmsg-raw" \
	"$(cat /sys/class/rpmsg/$(basename "$node")/name 2>/dev/null)"
udevadm settle -t 30
for n in "$node" rpmsg_ctrl0 ttyRPMSG0; do
	tap_eq "udev: /dev/$(basename $n) is the group rpmsg's, mode 0660" "rpmsg 660" \
		"$(stat -L -c '%G %a' /dev/$(basename $n) 2>&1)"
done
out=$(su copro -c "/usr/bin/rpmsgctl ping -t 10000 $RAW hello" 2>&1)
case $out in
*"from ept 0x0402: hello"*) tap_ok "udev: user copro (group rpmsg) echoes through $RAW with the packaged rpmsgctl" ;;
*) tap_fail "udev: user copro (group rpmsg) echoes through $RAW with the packaged rpmsgctl" "$out" ;;
esac
out=$(su other -c "/usr/bin/rpmsgctl ping -t 2000 $RAW hello" 2>&1)
case $out in
*"Permission denied"*) tap_ok "udev: user other (not in rpmsg) is refused" ;;
*) tap_fail "udev: user other (not in rpmsg) is refused" "$out" ;;
esac
tap_check "udev: the core stops" rproc_stop
udevadm settle -t 30
tap_check "udev: $RAW is gone after stop" sh -c "! test -e $RAW"
tap_done
