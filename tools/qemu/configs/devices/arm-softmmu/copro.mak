# Devices for copro's trimmed qemu-system-arm: only the i.MX7D SABRE board
# (with its Cortex-M4, MU and SRC; see tools/qemu/patches/).
CONFIG_FSL_IMX7=y
