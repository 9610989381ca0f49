#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Run the firmware on the emulated i.MX7D with a bare-metal A7 playing the
# host.  usage: run.sh QEMU FIRMWARE_ELF A7HOST_ELF OUTDIR
set -u
qemu=$1 fw=$2 host=$3 out=$4
mkdir -p "$out"
: > "$out/a7.log"
: > "$out/m4.log"
"$qemu" -M mcimx7d-sabre -m 1G -accel tcg,thread=single -display none \
	-monitor none -no-reboot -serial file:"$out/a7.log" \
	-serial file:"$out/m4.log" -kernel "$host" \
	-global fsl-imx7.m4-firmware="$fw" \
	</dev/null >"$out/qemu.out" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
	grep -q '^COPRO-A7HOST-END' "$out/a7.log" 2>/dev/null && break
	kill -0 $pid 2>/dev/null || break
	sleep 0.2
done
kill $pid 2>/dev/null
wait $pid 2>/dev/null
tr -d '\r' < "$out/a7.log" | sed -n '/^COPRO-A7HOST-BEGIN/,/^COPRO-A7HOST-END/p' |
	grep -v '^COPRO-A7HOST-'
echo "# M4 console:"
tr -d '\r' < "$out/m4.log" | sed 's/^/#   /'
fails=$(tr -d '\r' < "$out/a7.log" | sed -n 's/^COPRO-A7HOST-END \([0-9]*\)$/\1/p')
if [ -z "$fails" ]; then
	echo "not ok - the emulated host did not finish (see $out)"
	cat "$out/qemu.out"
	exit 1
fi
[ "$fails" = 0 ]
