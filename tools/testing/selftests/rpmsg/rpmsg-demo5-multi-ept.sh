#!/bin/sh
# Run by rpmsg-demos.sh (copro-test header there), or alone with qemu-run.
# Demo 5: three endpoints created through /dev/rpmsg_ctrl0 towards the
# firmware's fixed address 1 each answer "from ept 0x0001: ..."; destroying
# them removes /dev/rpmsg1..3.
. /copro/tests/tap.sh
rproc=/sys/class/remoteproc/remoteproc0
tap_plan 9

[ -d $rproc ] || { tap_fail "remoteproc0 exists"; tap_done; }
[ "$(cat $rproc/state)" = running ] || echo start > $rproc/state
tap_check "/dev/rpmsg0 and /dev/rpmsg_ctrl0 appear" \
	wait_for 20 test -c /dev/rpmsg0 -a -c /dev/rpmsg_ctrl0

tap_check "create my_endpoint1 100 1" rpmsgctl create-ept my_endpoint1 100 1
tap_check "create my_endpoint2 101 1" rpmsgctl create-ept my_endpoint2 101 1
tap_check "create my_endpoint3 103 1" rpmsgctl create-ept my_endpoint3 103 1
tap_eq "/dev/rpmsg0..3 exist" "/dev/rpmsg0 /dev/rpmsg1 /dev/rpmsg2 /dev/rpmsg3" \
	"$(echo /dev/rpmsg[0-9])"

bad=
for n in 1 2 3; do
	out=$(rpmsgctl ping -t 10000 /dev/rpmsg$n 2>&1)
	[ "$out" = "message for /dev/rpmsg$n: \"from ept 0x0001: ping /dev/rpmsg$n\"" ] ||
		bad="$bad
$out"
done
if [ -z "$bad" ]; then tap_ok "each endpoint is answered by 0x0001"
else tap_fail "each endpoint is answered by 0x0001" "$bad"; fi
out=$(rpmsgctl ping -t 10000 /dev/rpmsg0 2>&1)
case $out in
*'"from ept 0x'*': ping /dev/rpmsg0"') tap_ok "rpmsg0 still answers" ;;
*) tap_fail "rpmsg0 still answers" "$out" ;;
esac

for n in 1 2 3; do rpmsgctl destroy-ept /dev/rpmsg$n; done
tap_check "destroying them removes /dev/rpmsg1..3" \
	wait_for 5 test ! -e /dev/rpmsg1 -a ! -e /dev/rpmsg2 -a ! -e /dev/rpmsg3
tap_check "/dev/rpmsg0 remains" test -c /dev/rpmsg0
tap_done
