/*
 * i.MX7 System Reset Controller (SRC) with Cortex-M4 reset control
 *
 * All SRC registers below 0x1004 are kept as plain read/write storage (what
 * Linux's reset-imx7 driver needs); SRC_M4RCR at 0x0c also drives the
 * Cortex-M4 core:
 *
 *   bit 3  ENABLE_M4             the M4 may run
 *   bit 2  SW_M4P_RST            M4 platform reset, self-clearing
 *   bit 1  SW_M4C_RST            M4 core reset, self-clearing
 *   bit 0  SW_M4C_NON_SCLR_RST   holds the M4 core in reset while set
 *
 * The M4 runs when ENABLE_M4 is set and SW_M4C_NON_SCLR_RST is clear.  Each
 * time it starts running, and on every reset pulse while it runs, it is
 * reset, so it fetches SP and PC from its vector table (M4 address 0).  A
 * reset pulse requested while the core is held reads back as 1 until the
 * hold is released and the reset is carried out; so the value Linux writes
 * to stop the M4 (ENABLE_M4 | SW_M4C_RST | SW_M4C_NON_SCLR_RST) reads back
 * unchanged, which is what imx_rproc's state detection compares against.
 * That is also the value out of reset unless the "m4-boot" property is set,
 * in which case the M4 comes out of reset running (ENABLE_M4 only).
 *
 * Resetting the M4 resets all of the Cortex-M4, as its reset input does on
 * the chip: the core, the NVIC (enables, priorities, pending and active
 * exceptions) and SysTick.  The Messaging Unit and the M4's RAMs are SoC
 * blocks outside the Cortex-M4 and keep their state.
 *
 * Copyright (c) 2026 The copro authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/bitmap.h"
#include "hw/misc/imx7_src.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qemu/module.h"
#include "hw/core/cpu.h"
#include "cpu.h"

#define M4RCR_PULSES    (IMX7_SRC_M4RCR_SW_M4P_RST | IMX7_SRC_M4RCR_SW_M4C_RST)
#define M4RCR_HELD      (IMX7_SRC_M4RCR_ENABLE_M4 | \
                         IMX7_SRC_M4RCR_SW_M4C_RST | \
                         IMX7_SRC_M4RCR_NON_SCLR_RST)

/*
 * Reset the Cortex-M4 as a whole.  cpu_reset() alone would leave the NVIC
 * as it was: an exception the M4 was handling when it was stopped would
 * stay active, and the restarted firmware would never again be interrupted
 * at that priority.  SysTick would keep counting and interrupting too.
 */
static void imx7_src_m4_reset(IMX7SRCState *s)
{
    NVICState *nvic = &s->m4_core->nvic;
    DECLARE_BITMAP(asserted, NVIC_MAX_VECTORS);
    int i;

    /*
     * The interrupt lines from the SoC are not reset with the M4; remember
     * which are asserted so the NVIC sees them again afterwards.
     */
    bitmap_zero(asserted, NVIC_MAX_VECTORS);
    for (i = NVIC_INTERNAL_VECTORS; i < nvic->num_irq; i++) {
        if (nvic->vectors[i].level) {
            set_bit(i, asserted);
        }
    }

    device_cold_reset(DEVICE(nvic));
    device_cold_reset(DEVICE(&s->m4_core->systick[M_REG_NS]));
    if (arm_feature(&s->m4_core->cpu->env, ARM_FEATURE_M_SECURITY)) {
        device_cold_reset(DEVICE(&s->m4_core->systick[M_REG_S]));
    }
    cpu_reset(CPU(s->m4_core->cpu));

    /* Interrupts are level-sensitive: a line still high is pending again */
    for (i = find_first_bit(asserted, NVIC_MAX_VECTORS); i < NVIC_MAX_VECTORS;
         i = find_next_bit(asserted, NVIC_MAX_VECTORS, i + 1)) {
        qemu_set_irq(qdev_get_gpio_in(DEVICE(s->m4_core),
                                      i - NVIC_INTERNAL_VECTORS), 1);
    }
}

static void imx7_src_m4_start_work(CPUState *cs, run_on_cpu_data data)
{
    IMX7SRCState *s = data.host_ptr;
    ARMCPU *cpu = ARM_CPU(cs);
    CPUARMState *env = &cpu->env;
    uint32_t vtor, sp, pc;

    imx7_src_m4_reset(s);
    /*
     * cpu_reset() prefers a ROM blob (e.g. an ELF given at start-up) over
     * memory for the vector table; by now the guest may have put different
     * code there, so take SP and PC from what memory holds.
     */
    vtor = env->v7m.vecbase[env->v7m.secure];
    sp = address_space_ldl_le(cs->as, vtor, MEMTXATTRS_UNSPECIFIED, NULL);
    pc = address_space_ldl_le(cs->as, vtor + 4, MEMTXATTRS_UNSPECIFIED, NULL);
    env->regs[13] = sp & ~3U;
    env->regs[15] = pc & ~1U;
    env->thumb = pc & 1;
    cs->halted = 0;
    cpu->power_state = PSCI_ON;
}

static void imx7_src_m4_stop_work(CPUState *cs, run_on_cpu_data data)
{
    ARMCPU *cpu = ARM_CPU(cs);

    cpu->power_state = PSCI_OFF;
    cs->halted = 1;
    cs->exception_index = EXCP_HLT;
}

/*
 * Bring the M4 in line with M4RCR.  The work items run on the M4's own vCPU
 * thread in the order they are queued, so a quick stop/start sequence from
 * the A7 is carried out faithfully.
 */
static void imx7_src_m4_update(IMX7SRCState *s)
{
    uint32_t *m4rcr = &s->regs[IMX7_SRC_M4RCR / 4];
    bool run = (*m4rcr & IMX7_SRC_M4RCR_ENABLE_M4) &&
               !(*m4rcr & IMX7_SRC_M4RCR_NON_SCLR_RST);
    bool pulse = *m4rcr & M4RCR_PULSES;
    CPUState *m4;

    if (*m4rcr & IMX7_SRC_M4RCR_NON_SCLR_RST) {
        /* A core reset waits for the hold; a platform reset completes */
        *m4rcr &= ~IMX7_SRC_M4RCR_SW_M4P_RST;
    } else {
        *m4rcr &= ~M4RCR_PULSES;
    }

    if (!s->m4_core) {
        s->m4_running = run;
        return;
    }
    m4 = CPU(s->m4_core->cpu);
    if (run && (!s->m4_running || pulse)) {
        async_run_on_cpu(m4, imx7_src_m4_start_work, RUN_ON_CPU_HOST_PTR(s));
    } else if (!run && s->m4_running) {
        async_run_on_cpu(m4, imx7_src_m4_stop_work, RUN_ON_CPU_NULL);
    }
    s->m4_running = run;
}

static uint64_t imx7_src_read(void *opaque, hwaddr offset, unsigned size)
{
    IMX7SRCState *s = opaque;

    if (size != 4 || (offset & 3)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad read of size %u at 0x%" HWADDR_PRIx "\n",
                      __func__, size, offset);
        return 0;
    }
    if (offset >= IMX7_SRC_NUM_REGS * 4) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: read of unknown register 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        return 0;
    }
    return s->regs[offset / 4];
}

static void imx7_src_write(void *opaque, hwaddr offset, uint64_t value,
                           unsigned size)
{
    IMX7SRCState *s = opaque;

    if (size != 4 || (offset & 3)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad write of size %u at 0x%" HWADDR_PRIx "\n",
                      __func__, size, offset);
        return;
    }
    if (offset >= IMX7_SRC_NUM_REGS * 4) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: write to unknown register 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        return;
    }
    s->regs[offset / 4] = value;
    if (offset == IMX7_SRC_M4RCR) {
        imx7_src_m4_update(s);
    }
}

static const MemoryRegionOps imx7_src_ops = {
    .read = imx7_src_read,
    .write = imx7_src_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid = {
        .min_access_size = 1,
        .max_access_size = 4,
    },
};

static void imx7_src_reset(DeviceState *dev)
{
    IMX7SRCState *s = IMX7_SRC(dev);

    memset(s->regs, 0, sizeof(s->regs));
    /*
     * The M4 itself is reset with the other CPUs: it starts powered off
     * unless m4-boot is set (see the machine), matching this value.
     */
    s->regs[IMX7_SRC_M4RCR / 4] = s->m4_boot ? IMX7_SRC_M4RCR_ENABLE_M4
                                             : M4RCR_HELD;
    s->m4_running = s->m4_boot;
}

static void imx7_src_init(Object *obj)
{
    IMX7SRCState *s = IMX7_SRC(obj);

    memory_region_init_io(&s->iomem, obj, &imx7_src_ops, s, TYPE_IMX7_SRC,
                          IMX7_SRC_MMIO_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
}

static Property imx7_src_properties[] = {
    DEFINE_PROP_LINK("m4-core", IMX7SRCState, m4_core, TYPE_ARMV7M,
                     ARMv7MState *),
    DEFINE_PROP_BOOL("m4-boot", IMX7SRCState, m4_boot, false),
    DEFINE_PROP_END_OF_LIST(),
};

static const VMStateDescription vmstate_imx7_src = {
    .name = TYPE_IMX7_SRC,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (VMStateField[]) {
        VMSTATE_UINT32_ARRAY(regs, IMX7SRCState, IMX7_SRC_NUM_REGS),
        VMSTATE_BOOL(m4_running, IMX7SRCState),
        VMSTATE_END_OF_LIST()
    },
};

static void imx7_src_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->reset = imx7_src_reset;
    dc->vmsd = &vmstate_imx7_src;
    device_class_set_props(dc, imx7_src_properties);
    dc->desc = "i.MX7 System Reset Controller";
}

static const TypeInfo imx7_src_info = {
    .name          = TYPE_IMX7_SRC,
    .parent        = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(IMX7SRCState),
    .instance_init = imx7_src_init,
    .class_init    = imx7_src_class_init,
};

static void imx7_src_register_types(void)
{
    type_register_static(&imx7_src_info);
}

type_init(imx7_src_register_types)
