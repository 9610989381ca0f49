#!/bin/sh
# copro-test: kernels=6.1,6.12 stacks=copro dtb=imx7d-sdb-m4-applied.dtb
# The user's path on a real board: the board's own tree (built from the
# kernel's imx7d-sdb.dts with symbols) plus our overlay, applied with
# fdtoverlay; the M4 starts from sysfs and /dev/ttyRPMSG0 answers plain
# shell I/O.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
tap_plan 6

[ -d $RPROC ] || { tap_fail "the overlay gives remoteproc0" "$(dmesg | grep -i 'imx\|rproc' | tail)"; tap_done; }
tap_ok "the overlay gives remoteproc0"
tap_check "echo start > state" sh -c "echo start > $RPROC/state"
tap_check "/dev/ttyRPMSG0 appears" wait_for 20 test -c /dev/ttyRPMSG0
stty -F /dev/ttyRPMSG0 raw -echo
exec 3<>/dev/ttyRPMSG0
echo hello >&3
line=
read -t 5 line <&3
tap_eq "echo hello > /dev/ttyRPMSG0 reads back TTY 0: hello" "TTY 0: hello" "$line"
exec 3<&-
tap_check "echo stop > state" sh -c "echo stop > $RPROC/state"
tap_check "/dev/ttyRPMSG0 is gone" wait_for 5 test ! -e /dev/ttyRPMSG0
tap_done
