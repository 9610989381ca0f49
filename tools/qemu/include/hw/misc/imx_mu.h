/*
 * i.MX Messaging Unit (MU), i.MX6SX/i.MX7D generation
 *
 * Copyright (c) 2026 The copro authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IMX_MU_H
#define IMX_MU_H

#include "hw/sysbus.h"
#include "qom/object.h"

#define TYPE_IMX_MU "imx.mu"
OBJECT_DECLARE_SIMPLE_TYPE(IMXMUState, IMX_MU)

#define IMX_MU_NUM_CHANS    4
/* Each side's block, as the i.MX7D memory map and imx7s.dtsi give it */
#define IMX_MU_MMIO_SIZE    0x10000

enum {
    IMX_MU_SIDE_A = 0,
    IMX_MU_SIDE_B = 1,
    IMX_MU_NUM_SIDES
};

typedef struct IMXMUSide {
    /* Fixed at init: the device and which side this is */
    IMXMUState *mu;
    unsigned int id;

    /* Last word written to TRn on this side (what the peer reads in RRn) */
    uint32_t tr[IMX_MU_NUM_CHANS];
    /* RFn, GIPn of this side, channel n in bit n (not the register layout) */
    uint32_t rf;
    uint32_t gip;
    /* CR bits kept as written: GIEn/RIEn/TIEn, Fn and the unmodelled ones */
    uint32_t cr;
} IMXMUSide;

struct IMXMUState {
    /*< private >*/
    SysBusDevice parent_obj;

    /*< public >*/
    MemoryRegion iomem[IMX_MU_NUM_SIDES];
    qemu_irq irq[IMX_MU_NUM_SIDES];
    IMXMUSide side[IMX_MU_NUM_SIDES];
};

#endif /* IMX_MU_H */
