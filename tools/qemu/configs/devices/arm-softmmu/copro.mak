# Devices for copro's trimmed qemu-system-arm: the i.MX7D SABRE board (with
# its Cortex-M4, MU and SRC; see tools/qemu/patches/) and the generic loader
# (-device loader) to pre-load M4 images at boot.
CONFIG_FSL_IMX7=y
CONFIG_GENERIC_LOADER=y
