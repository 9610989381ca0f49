# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the imx-*.sh guest tests (busybox ash): the remote processor
# and little-endian ELF32 patching of a firmware copy. Source it after
# tap.sh:  . /copro/tests/imx-lib.sh

RPROC=/sys/class/remoteproc/remoteproc0
FW_GOOD=copro-rpmsg-imx7d.elf
# The stack this guest runs (copro, stock or mainline; qemu-run --stack).
STACK=$(cat /copro/stack 2>/dev/null)
# The firmware remoteproc0 names before anyone writes its firmware
# attribute: the DT's firmware-name, which mainline's imx_rproc ignores
# (Documentation/bindings.rst), booting remoteproc's default instead.
if [ "$STACK" = mainline ]; then
	FW_AT_PROBE=rproc-imx-rproc-fw
else
	FW_AT_PROBE=$FW_GOOD
fi

rproc_state() { cat $RPROC/state 2>/dev/null; }

# Mainline's imx_rproc lets its vq work run on while a stop removes the
# vdevs, so a stop that meets rpmsg traffic crashes it now and then (a
# paging fault in vring_interrupt, list corruption in mbox_send_message:
# seen on 6.12). On its lane the tests stop a quiet link; on ours a stop
# meets traffic on purpose (imx-rproc-crash-command, the hostile suite).
# sample_done: the client sample has had its replies and said goodbye.
sample_done() { dmesg | grep -q 'rpmsg_client_sample.*goodbye!'; }

# rproc_stop: bring the core to offline, whatever it is doing.
rproc_stop() {
	case $(rproc_state) in
	running|attached|crashed) echo stop > $RPROC/state ;;
	esac
	[ "$(rproc_state)" = offline ] || [ "$(rproc_state)" = detached ]
}

# rproc_boot FIRMWARE: start FIRMWARE; the write's status is the result.
rproc_boot() {
	echo "$1" > $RPROC/firmware && echo start > $RPROC/state
}

# The channels the sample firmware announces, as rpmsg bus devices.
# rpmsg-client-sample is not among the lasting ones: the firmware destroys
# it after the 100 greetings of the sample driver, often within a second.
channel_up() { ls /sys/bus/rpmsg/devices 2>/dev/null | grep -q "\.$1\."; }
all_channels_up() { channel_up rpmsg-tty && channel_up rpmsg-raw; }
# announced NAME: the name service announced NAME since the last dmesg -c.
announced() { dmesg | grep -q "creating channel $1 "; }

# u32 FILE OFFSET, u16 FILE OFFSET: read a little-endian value.
u32() { od -A n -t u4 -j "$2" -N 4 "$1" | tr -d ' '; }
u16() { od -A n -t u2 -j "$2" -N 2 "$1" | tr -d ' '; }

# w32 FILE OFFSET VALUE: overwrite a little-endian 32-bit value.
w32() {
	_b=$(printf '\\%03o\\%03o\\%03o\\%03o' $(($3 & 255)) $(($3 >> 8 & 255)) \
		$(($3 >> 16 & 255)) $(($3 >> 24 & 255)))
	# shellcheck disable=SC2059
	printf "$_b" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# shdr_of FILE NAME: file offset of the section header named NAME.
shdr_of() {
	_shoff=$(u32 "$1" 32)
	_shnum=$(u16 "$1" 48)
	_strtab=$(u32 "$1" $((_shoff + $(u16 "$1" 50) * 40 + 16)))
	_i=0
	while [ $_i -lt "$_shnum" ]; do
		_sh=$((_shoff + _i * 40))
		_n=$(dd if="$1" bs=1 skip=$((_strtab + $(u32 "$1" $_sh))) count=${#2} 2>/dev/null)
		_end=$(dd if="$1" bs=1 skip=$((_strtab + $(u32 "$1" $_sh) + ${#2})) count=1 2>/dev/null | od -A n -t u1 | tr -d ' ')
		if [ "$_n" = "$2" ] && [ "$_end" = 0 ]; then
			echo $_sh
			return 0
		fi
		_i=$((_i + 1))
	done
	return 1
}

# rsc_table_of FILE: file offset of the resource table.
rsc_table_of() {
	_sh=$(shdr_of "$1" .resource_table) || return 1
	u32 "$1" $((_sh + 16))
}

# first_load_phdr FILE: file offset of the first PT_LOAD program header
# with a non-empty memory image.
first_load_phdr() {
	_phoff=$(u32 "$1" 28)
	_phnum=$(u16 "$1" 44)
	_i=0
	while [ $_i -lt "$_phnum" ]; do
		_ph=$((_phoff + _i * 32))
		if [ "$(u32 "$1" $_ph)" = 1 ] && [ "$(u32 "$1" $((_ph + 20)))" != 0 ]; then
			echo $_ph
			return 0
		fi
		_i=$((_i + 1))
	done
	return 1
}
