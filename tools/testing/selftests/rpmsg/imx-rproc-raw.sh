#!/bin/sh
# Run by vendor-firmware.sh (copro-test header there).
# Raw images: imx_rproc's raw_da attribute boots a flat binary (no ELF, no
# resource table, no rpmsg) at a device address, as the seed loads
# hello_world.bin into the TCM; bad images are refused with one line.
# vendor-m4-log checks on the host that the image ran twice.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh
tap_plan 13
RAW=$RPROC/device/raw_da
HELLO=copro-hello-imx7d.bin
TCML=0x1fff8000

[ -f $RAW ] || { tap_fail "$RAW exists"; tap_done; }
rproc_stop
tap_eq "raw_da is none by default" none "$(cat $RAW)"
tap_check "raw_da refuses a word that is no address" sh -c "! echo tcm > $RAW"
echo $TCML > $RAW
tap_eq "raw_da takes a device address" $TCML "$(cat $RAW)"

boot_raw() {
	dmesg -c > /dev/null
	rproc_boot $HELLO && [ "$(rproc_state)" = running ] &&
		dmesg | grep -q "raw image at da $TCML: no resource table, no rpmsg"
}
tap_check "the raw image starts" boot_raw
tap_eq "it brings no rpmsg channel" "" "$(ls /sys/bus/rpmsg/devices)"
tap_check "it stops" rproc_stop
tap_check "and starts again" boot_raw
rproc_stop

# refused with one line each, and the core stays offline
refused() { # refused FILE PATTERN
	dmesg -c > /dev/null
	! rproc_boot "$1" && [ "$(rproc_state)" = offline ] && dmesg | grep -q "$2"
}
printf '\000\200\000\040\000\001\000\000' > /lib/firmware/copro-raw-even-pc.bin
tap_check "a reset address without the Thumb bit is refused" \
	refused copro-raw-even-pc.bin "is not Thumb code; not a Cortex-M image"
printf '\000' > /lib/firmware/copro-raw-tiny.bin
tap_check "an image shorter than a vector is refused" \
	refused copro-raw-tiny.bin "holds no vector table"
dd if=/dev/zero bs=1024 count=40 2>/dev/null > /lib/firmware/copro-raw-big.bin
tap_check "an image larger than the TCM is refused" \
	refused copro-raw-big.bin "outside the core's memory"
echo 0x30000000 > $RAW
tap_check "an address outside the core's memory is refused" \
	refused $HELLO "at da 0x30000000 is outside the core's memory"

# back to ELF
echo none > $RAW
tap_eq "raw_da none returns to ELF" none "$(cat $RAW)"
rproc_boot $FW_GOOD
tap_check "the ELF firmware links again" wait_for 20 all_channels_up
rproc_stop
tap_done
