#!/bin/sh
# copro-test: kernels=6.1,6.12 stacks=stock timeout=600
# Bad firmware, each its own case: refused with a clear message, the core
# stays offline, nothing it registered is left behind, and the good
# firmware starts fine afterwards, with each carveout once.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
tap_plan 19
carveouts=/sys/kernel/debug/remoteproc/remoteproc0/carveout_memories

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }
good=/lib/firmware/$FW_GOOD

# bad NAME: a copy of the good firmware to patch; prints its path
bad() {
	cp $good /lib/firmware/$1
	echo /lib/firmware/$1
}

# refused DESC FIRMWARE PATTERN: starting FIRMWARE fails, the log names it.
refused() {
	rproc_stop
	dmesg -c > /dev/null
	if rproc_boot "$2" 2>/dev/null; then
		tap_fail "$1: refused" "it started"
		rproc_stop
	else
		msg=$(dmesg | grep -E "$3" | head -n1)
		if [ -n "$msg" ]; then
			tap_ok "$1: refused (${msg#*] })"
		else
			tap_fail "$1: refused with a clear message" "$(dmesg | tail -n 8)"
		fi
	fi
	tap_eq "$1: the core stays offline" offline "$(rproc_state)"
}

head -c 4096 /copro/tests/tap.sh > /lib/firmware/bad-not-elf.elf
refused "a file that is not ELF" bad-not-elf.elf "bad magic|Image is too small|not a 32-bit ARM ELF"

f=$(bad bad-segment.elf)
ph=$(first_load_phdr $f)
w32 $f $((ph + 12)) 0x40000000
refused "a segment outside every carveout" bad-segment.elf "outside every carveout"

f=$(bad bad-rsc-num.elf)
rsc=$(rsc_table_of $f)
w32 $f $((rsc + 4)) 0x10000
refused "a resource table with more entries than it holds" bad-rsc-num.elf "resource table"

f=$(bad bad-rsc-size.elf)
sh=$(shdr_of $f .resource_table)
w32 $f $((sh + 20)) 0x01000000
refused "a resource table larger than the file" bad-rsc-size.elf "resource table"

f=$(bad bad-rsc-offset.elf)
rsc=$(rsc_table_of $f)
w32 $f $((rsc + 16)) 0x7fff0000
refused "a resource entry outside the table" bad-rsc-offset.elf "outside the table"

f=$(bad bad-vring-num.elf)
rsc=$(rsc_table_of $f)
vdev=$((rsc + $(u32 $f $((rsc + 16)))))
w32 $f $((vdev + 4 + 24 + 8)) 15
refused "a vring size that is not a power of two" bad-vring-num.elf "not a power of two"

tap_eq "refused firmware leaves no carveout registered" "" \
	"$(grep 'Name:' $carveouts)"

dmesg -c > /dev/null
tap_check "the good firmware starts afterwards" rproc_boot $FW_GOOD
tap_check "and its channels come up" wait_for 30 all_channels_up
tap_eq "each carveout is registered once" "" \
	"$(grep 'Name:' $carveouts | sort | uniq -d)"
tap_check "m4-ddr among them" grep -q 'Name: m4-ddr' $carveouts
tap_check "and it stops" rproc_stop
tap_check "no oops on the way" sh -c '! dmesg | grep -E "Unable to handle|Internal error|BUG"'
echo $FW_GOOD > $RPROC/firmware
rm -f /lib/firmware/bad-*.elf
tap_done
