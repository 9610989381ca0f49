#!/bin/sh
# copro-test: kernels=6.1,6.12 stacks=copro,mainline timeout=900 host-check=vendor-m4-log
# Firmware copro did not write (Documentation/vendor-firmware.rst), in one
# boot per kernel and stack:
#   vendor-interop.sh  the interop matrix's NXP column, on both stacks
#   vendor-nxp.sh      the seed's NXP flows and 100 restarts (copro)
#   imx-rproc-raw.sh   raw images through raw_da (copro)
# vendor-m4-log checks the M4 console on the host.
. /copro/tests/tap.sh
. /copro/tests/imx-lib.sh

[ -d $RPROC ] || { tap_fail "remoteproc0 exists"; tap_done; }
tap_script "interop: " sh /copro/tests/vendor-interop.sh
if [ "$STACK" = copro ]; then
	tap_script "nxp: " sh /copro/tests/vendor-nxp.sh
	tap_script "raw: " sh /copro/tests/imx-rproc-raw.sh
fi
tap_done
