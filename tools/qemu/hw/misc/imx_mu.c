/*
 * i.MX Messaging Unit (MU), i.MX6SX/i.MX7D generation
 *
 * Two register blocks (side A for the application cores, side B for the
 * Cortex-M4) share four 32-bit transmit/receive channels, four general
 * purpose interrupt requests and three flag bits.  Each side sees 32-bit
 * registers only:
 *
 *   0x00-0x0c  TR0-TR3  transmit registers
 *   0x10-0x1c  RR0-RR3  receive registers (the peer's TRn), read-only
 *   0x20       SR       GIPn 31..28, RFn 27..24, TEn 23..20 (n = 0 is the
 *                       most significant bit of each group), Fn 2..0
 *   0x24       CR       GIEn 31..28, RIEn 27..24, TIEn 23..20, GIRn 19..16,
 *                       Fn 2..0; side A: MUR (bit 5)
 *
 * Writing TRn sets the peer's RFn (and so clears this side's TEn); reading
 * RRn clears this side's RFn (and so sets the sender's TEn).  Writing 1 to
 * GIRn sets the peer's GIPn, which is write-1-to-clear; GIRn reads 1 until
 * then.  Each side's interrupt is (GIP & GIE) | (RF & RIE) | (TE & TIE).
 * MUR resets both sides at once.
 *
 * Not modelled: the B-side reset and power handshakes (side A CR BRDIE,
 * bit 6, and BHR, bit 4; side B CR HRM, bit 4: kept as written, LOG_UNIMP),
 * and the status bits that only show an update in flight or the peer's
 * power state (SR BRDIP, FUP, RS, EP, the B side's APM): they read 0, as
 * every update here is instantaneous and both cores are in run mode.
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
#include "trace.h"

#define MU_TR0          0x00
#define MU_RR0          0x10
#define MU_SR           0x20
#define MU_CR           0x24
#define MU_NUM_REGS     (MU_CR / 4 + 1)

/* Lowest register bit of each four-bit group; channel 0 is at base + 3 */
#define MU_GIP_BASE     28
#define MU_RF_BASE      24
#define MU_TE_BASE      20
#define MU_GIR_BASE     16

#define MU_CR_IE_MASK   0xfff00000U     /* GIEn, RIEn, TIEn */
#define MU_CR_GIR_MASK  0x000f0000U
#define MU_FN_MASK      0x00000007U
#define MU_A_CR_BRDIE   BIT(6)
#define MU_A_CR_MUR     BIT(5)
#define MU_A_CR_BHR     BIT(4)
#define MU_B_CR_HRM     BIT(4)

/* CR bits each side keeps as written, and those of them with no effect */
static const uint32_t imx_mu_cr_kept[IMX_MU_NUM_SIDES] = {
    [IMX_MU_SIDE_A] = MU_CR_IE_MASK | MU_A_CR_BRDIE | MU_A_CR_BHR |
                      MU_FN_MASK,
    [IMX_MU_SIDE_B] = MU_CR_IE_MASK | MU_B_CR_HRM | MU_FN_MASK,
};
static const uint32_t imx_mu_cr_unimp[IMX_MU_NUM_SIDES] = {
    [IMX_MU_SIDE_A] = MU_A_CR_BRDIE | MU_A_CR_BHR,
    [IMX_MU_SIDE_B] = MU_B_CR_HRM,
};
/* CR bits that act when written and are not kept */
static const uint32_t imx_mu_cr_action[IMX_MU_NUM_SIDES] = {
    [IMX_MU_SIDE_A] = MU_CR_GIR_MASK | MU_A_CR_MUR,
    [IMX_MU_SIDE_B] = MU_CR_GIR_MASK,
};

#define MU_CHAN_MASK    0xfU

static const char *imx_mu_side_name(const IMXMUSide *side)
{
    return side->id == IMX_MU_SIDE_A ? "A" : "B";
}

static const char *imx_mu_reg_name(hwaddr offset)
{
    static const char *const names[MU_NUM_REGS] = {
        "TR0", "TR1", "TR2", "TR3", "RR0", "RR1", "RR2", "RR3", "SR", "CR",
    };

    return offset / 4 < MU_NUM_REGS ? names[offset / 4] : "?";
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
        /* SR's GIP/RF/TE line up with CR's GIE/RIE/TIE */
        bool level = imx_mu_sr(side) & side->cr & MU_CR_IE_MASK;

        trace_imx_mu_irq(imx_mu_side_name(side), level);
        qemu_set_irq(s->irq[i], level);
    }
}

/* Both sides to their reset state: all TEn set, everything else 0 */
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

    switch (offset) {
    case MU_TR0 ... MU_TR0 + 0xc:
        value = side->tr[(offset - MU_TR0) / 4];
        break;
    case MU_RR0 ... MU_RR0 + 0xc:
        n = (offset - MU_RR0) / 4;
        value = peer->tr[n];
        if (side->rf & BIT(n)) {
            /* Consuming the word empties our RRn and the sender's TRn */
            trace_imx_mu_receive(imx_mu_side_name(side), n, value);
            side->rf &= ~BIT(n);
            imx_mu_update(side->mu);
        }
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
        return 0;
    }
    trace_imx_mu_read(imx_mu_side_name(side), imx_mu_reg_name(offset), value);
    return value;
}

static void imx_mu_write_cr(IMXMUSide *side, uint32_t v)
{
    IMXMUSide *peer = imx_mu_peer(side);
    uint32_t kept = imx_mu_cr_kept[side->id];
    uint32_t unimp = v & imx_mu_cr_unimp[side->id] & ~side->cr;
    uint32_t reserved = v & ~(kept | imx_mu_cr_action[side->id]);
    uint32_t gir = imx_mu_reg_to_chans(v, MU_GIR_BASE);

    if (side->id == IMX_MU_SIDE_A && (v & MU_A_CR_MUR)) {
        /* MU reset: both sides return to their reset state at once */
        trace_imx_mu_reset();
        imx_mu_clear(side->mu);
        return;
    }
    if (reserved) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: MU %s: CR: reserved bits 0x%08" PRIx32 " written"
                      " as 1, ignored\n", __func__, imx_mu_side_name(side),
                      reserved);
    }
    if (unimp) {
        qemu_log_mask(LOG_UNIMP,
                      "%s: MU %s: CR bits 0x%08" PRIx32 " (B-side reset/"
                      "hold handshake) are kept but not modelled\n",
                      __func__, imx_mu_side_name(side), unimp);
    }
    side->cr = v & kept;
    /* Writing 1 to GIRn raises the peer's GIPn; writing 0 is ignored */
    if (gir) {
        trace_imx_mu_gir(imx_mu_side_name(side), gir);
        peer->gip |= gir;
    }
}

static void imx_mu_write(void *opaque, hwaddr offset, uint64_t value,
                         unsigned size)
{
    IMXMUSide *side = opaque;
    IMXMUSide *peer = imx_mu_peer(side);
    uint32_t v = value;
    unsigned int n;

    switch (offset) {
    case MU_TR0 ... MU_TR0 + 0xc:
        n = (offset - MU_TR0) / 4;
        trace_imx_mu_write(imx_mu_side_name(side), imx_mu_reg_name(offset), v);
        trace_imx_mu_send(imx_mu_side_name(side), n, v);
        side->tr[n] = v;
        /* Fills the peer's RRn; our TEn drops because the peer's RFn is set */
        peer->rf |= BIT(n);
        break;
    case MU_RR0 ... MU_RR0 + 0xc:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: MU %s: write to read-only RR%u ignored\n",
                      __func__, imx_mu_side_name(side),
                      (unsigned int)(offset - MU_RR0) / 4);
        return;
    case MU_SR:
        trace_imx_mu_write(imx_mu_side_name(side), "SR", v);
        /* Only GIPn are writable, write-1-to-clear; the rest are status */
        side->gip &= ~imx_mu_reg_to_chans(v, MU_GIP_BASE);
        break;
    case MU_CR:
        trace_imx_mu_write(imx_mu_side_name(side), "CR", v);
        imx_mu_write_cr(side, v);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: MU %s: write to unknown register 0x%" HWADDR_PRIx
                      " ignored\n", __func__, imx_mu_side_name(side), offset);
        return;
    }
    imx_mu_update(side->mu);
}

/*
 * The MU's registers are 32-bit registers: narrower, wider or unaligned
 * accesses are refused by the memory core (a bus error for the guest, and
 * a LOG_GUEST_ERROR message).
 */
static const MemoryRegionOps imx_mu_ops = {
    .read = imx_mu_read,
    .write = imx_mu_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 4,
        .max_access_size = 4,
        .unaligned = false,
    },
    .impl = {
        .min_access_size = 4,
        .max_access_size = 4,
    },
};

static void imx_mu_reset_enter(Object *obj, ResetType type)
{
    imx_mu_clear(IMX_MU(obj));
}

static void imx_mu_reset_hold(Object *obj, ResetType type)
{
    imx_mu_update(IMX_MU(obj));
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
    .fields = (const VMStateField[]) {
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
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT_ARRAY(side, IMXMUState, IMX_MU_NUM_SIDES, 1,
                             vmstate_imx_mu_side, IMXMUSide),
        VMSTATE_END_OF_LIST()
    },
};

static void imx_mu_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    rc->phases.enter = imx_mu_reset_enter;
    rc->phases.hold = imx_mu_reset_hold;
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
