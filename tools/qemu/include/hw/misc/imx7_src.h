/*
 * i.MX7 System Reset Controller (SRC) with Cortex-M4 reset control
 *
 * Copyright (c) 2026 The copro authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IMX7_SRC_H
#define IMX7_SRC_H

#include "hw/sysbus.h"
#include "hw/arm/armv7m.h"
#include "qom/object.h"

#define TYPE_IMX7_SRC "imx7.src"
OBJECT_DECLARE_SIMPLE_TYPE(IMX7SRCState, IMX7_SRC)

#define IMX7_SRC_MMIO_SIZE  0x10000
/* Registers up to and including DDRC_RCR at 0x1000 */
#define IMX7_SRC_NUM_REGS   (0x1004 / 4)

#define IMX7_SRC_M4RCR              0x0c
#define IMX7_SRC_M4RCR_ENABLE_M4    (1U << 3)
#define IMX7_SRC_M4RCR_SW_M4P_RST   (1U << 2)
#define IMX7_SRC_M4RCR_SW_M4C_RST   (1U << 1)
#define IMX7_SRC_M4RCR_NON_SCLR_RST (1U << 0)

struct IMX7SRCState {
    /*< private >*/
    SysBusDevice parent_obj;

    /*< public >*/
    MemoryRegion iomem;
    uint32_t regs[IMX7_SRC_NUM_REGS];

    /* The Cortex-M4 this SRC starts, stops and resets (may be NULL) */
    ARMv7MState *m4_core;
    /* Whether the M4 is running as far as the SRC has asked */
    bool m4_running;
    /* Leave the M4 running out of reset, as if a boot loader started it */
    bool m4_boot;
};

#endif /* IMX7_SRC_H */
