/*
 * i.MX Messaging Unit (MU), i.MX6SX/i.MX7D generation
 *
 * Two register blocks (side A for the application core, side B for the
 * Cortex-M4) share four 32-bit transmit/receive channels, four general
 * purpose interrupt requests and three flag bits.  Each side sees:
 *
 *   0x00-0x0c  TR0-TR3  transmit registers
 *   0x10-0x1c  RR0-RR3  receive registers (the peer's TRn)
 *   0x20       SR       GIPn 31..28, RFn 27..24, TEn 23..20 (n = 0 is the
 *                       most significant bit of each group), Fn 2..0
 *   0x24       CR       GIEn 31..28, RIEn 27..24, TIEn 23..20, GIRn 19..16,
 *                       MUR (bit 5, side A only), Fn 2..0
 *
 * Copyright (c) 2026 The copro authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/misc/imx_mu.h"
#include "hw/irq.h"
#include "migration/vmstate.h"
#include "qemu/bitops.h"
#include "qemu/log.h"
#include "qemu/module.h"

#define MU_TR0          0x00
#define MU_RR0          0x10
#define MU_SR           0x20
#define MU_CR           0x24

/* Lowest register bit of each four-bit group; channel 0 is at base + 3 */
#define MU_GIP_BASE     28
#define MU_RF_BASE      24
#define MU_TE_BASE      20
#define MU_GIE_BASE     28
#define MU_RIE_BASE     24
#define MU_TIE_BASE     20
#define MU_GIR_BASE     16

#define MU_CR_IE_MASK   0xfff00000U
#define MU_CR_MUR       BIT(5)
#define MU_FN_MASK      0x7U
/* Control bits kept as written: interrupt enables, Fn, NMI/HR-type bits */
#define MU_CR_KEEP      (MU_CR_IE_MASK | 0x1fU)

#define MU_CHAN_MASK    0xfU

static const char *imx_mu_side_name(const IMXMUSide *side)
{
    return side->id == IMX_MU_SIDE_A ? "A" : "B";
}

static uint32_t imx_mu_chans_to_reg(uint32_t chans, int base)
{
    uint32_t reg = 0;
    int n;

    for (n = 0; n < IMX_MU_NUM_CHANS; n++) {
        if (chans & BIT(n)) {
            reg |= BIT(base + 3 - n);
        }
    }
    return reg;
}

static uint32_t imx_mu_reg_to_chans(uint32_t reg, int base)
{
    uint32_t chans = 0;
    int n;

    for (n = 0; n < IMX_MU_NUM_CHANS; n++) {
        if (reg & BIT(base + 3 - n)) {
            chans |= BIT(n);
        }
    }
    return chans;
}

static IMXMUSide *imx_mu_peer(IMXMUSide *side)
{
    return &side->mu->side[side->id ^ 1];
}

/* TEn of a side is set exactly when the peer has not yet read RRn */
static uint32_t imx_mu_te(IMXMUSide *side)
{
    return ~imx_mu_peer(side)->rf & MU_CHAN_MASK;
}

static uint32_t imx_mu_sr(IMXMUSide *side)
{
    IMXMUSide *peer = imx_mu_peer(side);

    return imx_mu_chans_to_reg(side->gip, MU_GIP_BASE) |
           imx_mu_chans_to_reg(side->rf, MU_RF_BASE) |
           imx_mu_chans_to_reg(imx_mu_te(side), MU_TE_BASE) |
           (peer->cr & MU_FN_MASK);
}

/* GIRn stays set until the peer acknowledges by clearing its GIPn */
static uint32_t imx_mu_cr(IMXMUSide *side)
{
    return side->cr |
           imx_mu_chans_to_reg(imx_mu_peer(side)->gip, MU_GIR_BASE);
}

static void imx_mu_update(IMXMUState *s)
{
    int i;

    for (i = 0; i < IMX_MU_NUM_SIDES; i++) {
        IMXMUSide *side = &s->side[i];
        uint32_t pending = imx_mu_sr(side) & side->cr & MU_CR_IE_MASK;

        qemu_set_irq(s->irq[i], pending != 0);
    }
}

static void imx_mu_clear(IMXMUState *s)
{
    int i;

    for (i = 0; i < IMX_MU_NUM_SIDES; i++) {
        IMXMUSide *side = &s->side[i];

        memset(side->tr, 0, sizeof(side->tr));
        side->rf = 0;
        side->gip = 0;
        side->cr = 0;
    }
}

static uint64_t imx_mu_read(void *opaque, hwaddr offset, unsigned size)
{
    IMXMUSide *side = opaque;
    IMXMUSide *peer = imx_mu_peer(side);
    unsigned int n;
    uint32_t value = 0;

    if (size != 4 || (offset & 3)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: MU %s: bad read of size %u at 0x%" HWADDR_PRIx
                      "\n", __func__, imx_mu_side_name(side), size, offset);
        return 0;
    }

    switch (offset) {
    case MU_TR0 ... MU_TR0 + 0xc:
        value = side->tr[(offset - MU_TR0) / 4];
        break;
    case MU_RR0 ... MU_RR0 + 0xc:
        n = (offset - MU_RR0) / 4;
        value = peer->tr[n];
        /* Consuming the word empties our RRn and the sender's TRn */
        side->rf &= ~BIT(n);
        imx_mu_update(side->mu);
        break;
    case MU_SR:
        value = imx_mu_sr(side);
        break;
    case MU_CR:
        value = imx_mu_cr(side);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: MU %s: read of unknown register 0x%" HWADDR_PRIx
                      "\n", __func__, imx_mu_side_name(side), offset);
        break;
    }
    return value;
}

static void imx_mu_write(void *opaque, hwaddr offset, uint64_t value,
                         unsigned size)
{
    IMXMUSide *side = opaque;
    IMXMUSide *peer = imx_mu_peer(side);
    uint32_t v = value;
    unsigned int n;

    if (size != 4 || (offset & 3)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: MU %s: bad write of size %u at 0x%" HWADDR_PRIx
                      "\n", __func__, imx_mu_side_name(side), size, offset);
        return;
    }

    switch (offset) {
    case MU_TR0 ... MU_TR0 + 0xc:
        n = (offset - MU_TR0) / 4;
        side->tr[n] = v;
        /* Fills the peer's RRn; our TEn drops because peer RFn is set */
        peer->rf |= BIT(n);
        break;
    case MU_RR0 ... MU_RR0 + 0xc:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: MU %s: write to read-only RR%u\n", __func__,
                      imx_mu_side_name(side),
                      (unsigned int)(offset - MU_RR0) / 4);
        return;
    case MU_SR:
        /* Only GIPn are writable: write 1 to clear */
        side->gip &= ~imx_mu_reg_to_chans(v, MU_GIP_BASE);
        break;
    case MU_CR:
        if (side->id == IMX_MU_SIDE_A && (v & MU_CR_MUR)) {
            /* MU reset: both sides return to their reset state at once */
            imx_mu_clear(side->mu);
            break;
        }
        side->cr = v & MU_CR_KEEP;
        /* Writing 1 to GIRn raises the peer's GIPn; writing 0 is ignored */
        peer->gip |= imx_mu_reg_to_chans(v, MU_GIR_BASE);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: MU %s: write to unknown register 0x%" HWADDR_PRIx
                      "\n", __func__, imx_mu_side_name(side), offset);
        return;
    }
    imx_mu_update(side->mu);
}

static const MemoryRegionOps imx_mu_ops = {
    .read = imx_mu_read,
    .write = imx_mu_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid = {
        .min_access_size = 1,
        .max_access_size = 4,
    },
};

static void imx_mu_reset(DeviceState *dev)
{
    IMXMUState *s = IMX_MU(dev);

    imx_mu_clear(s);
    imx_mu_update(s);
}

static void imx_mu_init(Object *obj)
{
    IMXMUState *s = IMX_MU(obj);
    SysBusDevice *sbd = SYS_BUS_DEVICE(obj);
    int i;

    for (i = 0; i < IMX_MU_NUM_SIDES; i++) {
        s->side[i].mu = s;
        s->side[i].id = i;
        memory_region_init_io(&s->iomem[i], obj, &imx_mu_ops, &s->side[i],
                              i == IMX_MU_SIDE_A ? "imx.mu-a" : "imx.mu-b",
                              IMX_MU_MMIO_SIZE);
        sysbus_init_mmio(sbd, &s->iomem[i]);
        sysbus_init_irq(sbd, &s->irq[i]);
    }
}

static const VMStateDescription vmstate_imx_mu_side = {
    .name = "imx.mu/side",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (VMStateField[]) {
        VMSTATE_UINT32_ARRAY(tr, IMXMUSide, IMX_MU_NUM_CHANS),
        VMSTATE_UINT32(rf, IMXMUSide),
        VMSTATE_UINT32(gip, IMXMUSide),
        VMSTATE_UINT32(cr, IMXMUSide),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_imx_mu = {
    .name = TYPE_IMX_MU,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (VMStateField[]) {
        VMSTATE_STRUCT_ARRAY(side, IMXMUState, IMX_MU_NUM_SIDES, 1,
                             vmstate_imx_mu_side, IMXMUSide),
        VMSTATE_END_OF_LIST()
    },
};

static void imx_mu_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->reset = imx_mu_reset;
    dc->vmsd = &vmstate_imx_mu;
    dc->desc = "i.MX Messaging Unit (sides A and B)";
}

static const TypeInfo imx_mu_info = {
    .name          = TYPE_IMX_MU,
    .parent        = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(IMXMUState),
    .instance_init = imx_mu_init,
    .class_init    = imx_mu_class_init,
};

static void imx_mu_register_types(void)
{
    type_register_static(&imx_mu_info);
}

type_init(imx_mu_register_types)
