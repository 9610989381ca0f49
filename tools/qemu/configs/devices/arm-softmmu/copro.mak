# Devices for copro's trimmed qemu-system-arm: the i.MX7D SABRE board (with
# its Cortex-M4 and the MU, and the M4 control of QEMU's SRC model; see
# tools/qemu/patches/) and the generic loader (-device loader) to pre-load
# M4 images at boot.
CONFIG_FSL_IMX7=y
CONFIG_GENERIC_LOADER=y
