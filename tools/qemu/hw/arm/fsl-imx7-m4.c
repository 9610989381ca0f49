/*
 * i.MX7D: the Cortex-M4 side of the SoC (copro's AMP additions)
 *
 * The Cortex-M4 lives in its own CPU cluster with the i.MX7D M4 address map
 * (as mainline Linux's imx_rproc address table gives it):
 *
 *   0x00000000-0x00007fff  OCRAM_S (boot vector), alias of A7 0x00180000
 *   0x10000000-0x1ffeffff  DDR, alias of A7 0x80000000
 *   0x1fff8000-0x1fffffff  TCML, A7 0x007f8000
 *   0x20000000-0x20007fff  TCMU, A7 0x00800000
 *   everything else        as the A7 sees it (peripherals at 0x30000000,
 *                          OCRAM_S at 0x00180000, DDR at 0x80000000)
 *
 * QEMU's SRC model drives it through SRC_M4RCR: its "m4-start" line resets
 * the whole Cortex-M4 and starts it from its vector table, "m4-stop" halts
 * it.  The M4 is held out of reset unless the "m4-boot" property starts it
 * as a boot loader would.  The MU's two sides and the M4 console UART
 * (UART2) interrupt both the A7s' GIC and the M4's NVIC, through split IRQs.
 *
 * Copyright (c) 2026 The copro authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bitmap.h"
#include "hw/arm/fsl-imx7.h"
#include "hw/boards.h"
#include "hw/irq.h"
#include "hw/loader.h"
#include "hw/qdev-clock.h"
#include "hw/qdev-properties.h"
#include "elf.h"
#include "exec/address-spaces.h"
#include "cpu.h"
#include "trace.h"

/* Interrupts the M4 needs to see as well as the A7s */
static const int fsl_imx7_shared_irqs[FSL_IMX7_NUM_SHARED_IRQS] = {
    FSL_IMX7_UART2_IRQ,
    FSL_IMX7_MUA_IRQ,
    FSL_IMX7_MUB_IRQ,
};

/* The SoC's "m4-control" GPIO inputs, driven by the SRC */
enum {
    FSL_IMX7_M4_START,
    FSL_IMX7_M4_STOP,
    FSL_IMX7_M4_NUM_CONTROLS
};

qemu_irq fsl_imx7_soc_irq(FslIMX7State *s, int n)
{
    int i;

    for (i = 0; i < FSL_IMX7_NUM_SHARED_IRQS; i++) {
        if (fsl_imx7_shared_irqs[i] == n) {
            return qdev_get_gpio_in(DEVICE(&s->irq_split[i]), 0);
        }
    }
    return qdev_get_gpio_in(DEVICE(&s->a7mpcore), n);
}

/*
 * Reset the Cortex-M4 as a whole, as its reset input does on the chip.
 * cpu_reset() alone would leave the NVIC as it was: an exception the M4 was
 * handling when it was stopped would stay active, and the restarted
 * firmware would never again be interrupted at that priority.  SysTick
 * would keep counting and interrupting too.
 */
static void fsl_imx7_m4_reset(FslIMX7State *s)
{
    NVICState *nvic = &s->m4.nvic;
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
    device_cold_reset(DEVICE(&s->m4.systick[M_REG_NS]));
    if (arm_feature(&s->m4.cpu->env, ARM_FEATURE_M_SECURITY)) {
        device_cold_reset(DEVICE(&s->m4.systick[M_REG_S]));
    }
    cpu_reset(CPU(s->m4.cpu));

    /* The NVIC's inputs are level-sensitive: a line still high is pending */
    for (i = find_first_bit(asserted, NVIC_MAX_VECTORS); i < NVIC_MAX_VECTORS;
         i = find_next_bit(asserted, NVIC_MAX_VECTORS, i + 1)) {
        qemu_set_irq(qdev_get_gpio_in(DEVICE(&s->m4),
                                      i - NVIC_INTERNAL_VECTORS), 1);
    }
}

static void fsl_imx7_m4_start_work(CPUState *cs, run_on_cpu_data data)
{
    FslIMX7State *s = data.host_ptr;
    ARMCPU *cpu = ARM_CPU(cs);
    CPUARMState *env = &cpu->env;
    uint32_t vtor, sp, pc;

    fsl_imx7_m4_reset(s);
    /*
     * cpu_reset() prefers a ROM blob (e.g. an ELF given at start-up) over
     * memory for the vector table; by now the guest may have put different
     * code there, so take SP and PC from what memory holds.
     */
    vtor = env->v7m.vecbase[env->v7m.secure];
    sp = address_space_ldl_le(cs->as, vtor, MEMTXATTRS_UNSPECIFIED, NULL);
    pc = address_space_ldl_le(cs->as, vtor + 4, MEMTXATTRS_UNSPECIFIED, NULL);
    trace_fsl_imx7_m4_start(vtor, sp, pc);
    env->regs[13] = sp & ~3U;
    env->regs[15] = pc & ~1U;
    env->thumb = pc & 1;
    cs->halted = 0;
    cpu->power_state = PSCI_ON;
}

static void fsl_imx7_m4_stop_work(CPUState *cs, run_on_cpu_data data)
{
    ARMCPU *cpu = ARM_CPU(cs);

    trace_fsl_imx7_m4_stop(cpu->env.regs[15]);
    cpu->power_state = PSCI_OFF;
    cs->halted = 1;
    cs->exception_index = EXCP_HLT;
}

/*
 * The SRC's requests.  The work runs on the M4's own vCPU thread in the
 * order it was queued, so a quick stop/start sequence from the A7 is
 * carried out faithfully.
 */
static void fsl_imx7_m4_control(void *opaque, int n, int level)
{
    FslIMX7State *s = opaque;
    CPUState *cs = CPU(s->m4.cpu);

    if (!level) {
        return;
    }
    if (n == FSL_IMX7_M4_START) {
        async_run_on_cpu(cs, fsl_imx7_m4_start_work, RUN_ON_CPU_HOST_PTR(s));
    } else {
        async_run_on_cpu(cs, fsl_imx7_m4_stop_work, RUN_ON_CPU_NULL);
    }
}

void fsl_imx7_m4_init(FslIMX7State *s)
{
    Object *obj = OBJECT(s);
    char name[32];
    int i;

    object_initialize_child(obj, "m4-cluster", &s->m4_cluster,
                            TYPE_CPU_CLUSTER);
    qdev_prop_set_uint32(DEVICE(&s->m4_cluster), "cluster-id", 1);
    object_initialize_child(OBJECT(&s->m4_cluster), "m4", &s->m4,
                            TYPE_ARMV7M);
    object_initialize_child(obj, "mu", &s->mu, TYPE_IMX_MU);

    for (i = 0; i < FSL_IMX7_NUM_SHARED_IRQS; i++) {
        snprintf(name, sizeof(name), "irq-split%d", i);
        object_initialize_child(obj, name, &s->irq_split[i], TYPE_SPLIT_IRQ);
    }

    s->m4_cpuclk = clock_new(obj, "m4-cpuclk");
    s->m4_refclk = clock_new(obj, "m4-refclk");
    qdev_init_gpio_in_named(DEVICE(s), fsl_imx7_m4_control, "m4-control",
                            FSL_IMX7_M4_NUM_CONTROLS);
}

/*
 * The Cortex-M4 in its cluster, and the interrupt lines it shares with the
 * A7s; before the SoC's devices are wired to those lines.
 */
bool fsl_imx7_m4_realize_core(FslIMX7State *s, Error **errp)
{
    DeviceState *m4 = DEVICE(&s->m4);
    int i;

    /* The M4's own view of the bus: its aliases are added later */
    memory_region_init(&s->m4_mem, OBJECT(s), "imx7.m4-memory",
                       UINT64_C(0x100000000));
    memory_region_init_alias(&s->m4_sys_alias, OBJECT(s), "imx7.m4-sys",
                             get_system_memory(), 0, UINT64_C(0x100000000));
    memory_region_add_subregion_overlap(&s->m4_mem, 0, &s->m4_sys_alias, 0);

    clock_set_hz(s->m4_cpuclk, FSL_IMX7_M4_CPUCLK_HZ);
    clock_set_hz(s->m4_refclk, FSL_IMX7_M4_REFCLK_HZ);
    qdev_connect_clock_in(m4, "cpuclk", s->m4_cpuclk);
    qdev_connect_clock_in(m4, "refclk", s->m4_refclk);
    qdev_prop_set_string(m4, "cpu-type", ARM_CPU_TYPE_NAME("cortex-m4"));
    qdev_prop_set_uint32(m4, "num-irq", FSL_IMX7_MAX_IRQ);
    qdev_prop_set_bit(m4, "start-powered-off", !s->m4_boot);
    object_property_set_link(OBJECT(m4), "memory", OBJECT(&s->m4_mem),
                             &error_abort);
    if (!sysbus_realize(SYS_BUS_DEVICE(m4), errp)) {
        return false;
    }
    /* A cluster is realized after its CPUs */
    if (!qdev_realize(DEVICE(&s->m4_cluster), NULL, errp)) {
        return false;
    }
    /* Keep PSCI CPU_ON (which looks CPUs up by MPIDR) away from the M4 */
    s->m4.cpu->mp_affinity = FSL_IMX7_M4_MP_AFFINITY;

    /* Interrupt lines shared by the GIC (output 0) and the NVIC (output 1) */
    for (i = 0; i < FSL_IMX7_NUM_SHARED_IRQS; i++) {
        DeviceState *split = DEVICE(&s->irq_split[i]);
        int n = fsl_imx7_shared_irqs[i];

        qdev_prop_set_uint32(split, "num-lines", 2);
        if (!qdev_realize(split, NULL, errp)) {
            return false;
        }
        qdev_connect_gpio_out(split, 0,
                              qdev_get_gpio_in(DEVICE(&s->a7mpcore), n));
        qdev_connect_gpio_out(split, 1, qdev_get_gpio_in(m4, n));
    }
    return true;
}

static void fsl_imx7_m4_alias(FslIMX7State *s, MemoryRegion *alias,
                              const char *name, MemoryRegion *target,
                              hwaddr offset, uint64_t size, hwaddr m4_addr)
{
    memory_region_init_alias(alias, OBJECT(s), name, target, offset, size);
    memory_region_add_subregion_overlap(&s->m4_mem, m4_addr, alias, 1);
}

/*
 * The M4's memories and its view of them, its firmware, its control by
 * the SRC and the MU; after the SoC's own RAMs (OCRAM_S) exist.
 */
bool fsl_imx7_m4_realize(FslIMX7State *s, Error **errp)
{
    MemoryRegion *sysmem = get_system_memory();
    SysBusDevice *mu = SYS_BUS_DEVICE(&s->mu);

    /* TCML and TCMU, at their A7 addresses */
    if (!memory_region_init_ram(&s->tcml, OBJECT(s), "imx7.tcml",
                                FSL_IMX7_TCML_SIZE, errp) ||
        !memory_region_init_ram(&s->tcmu, OBJECT(s), "imx7.tcmu",
                                FSL_IMX7_TCMU_SIZE, errp)) {
        return false;
    }
    memory_region_add_subregion(sysmem, FSL_IMX7_TCML_ADDR, &s->tcml);
    memory_region_add_subregion(sysmem, FSL_IMX7_TCMU_ADDR, &s->tcmu);

    /* The M4's aliases, over its view of the system bus */
    fsl_imx7_m4_alias(s, &s->m4_boot_alias, "imx7.m4-boot", &s->ocram_s, 0,
                      FSL_IMX7_OCRAM_S_SIZE, FSL_IMX7_M4_BOOT_ADDR);
    fsl_imx7_m4_alias(s, &s->m4_tcml_alias, "imx7.m4-tcml", &s->tcml, 0,
                      FSL_IMX7_TCML_SIZE, FSL_IMX7_M4_TCML_ADDR);
    fsl_imx7_m4_alias(s, &s->m4_tcmu_alias, "imx7.m4-tcmu", &s->tcmu, 0,
                      FSL_IMX7_TCMU_SIZE, FSL_IMX7_M4_TCMU_ADDR);
    fsl_imx7_m4_alias(s, &s->m4_ddr_alias, "imx7.m4-ddr", sysmem,
                      FSL_IMX7_MMDC_ADDR, FSL_IMX7_M4_DDR_ALIAS_SIZE,
                      FSL_IMX7_M4_DDR_ALIAS_ADDR);

    if (s->m4_firmware) {
        if (load_elf_as(s->m4_firmware, NULL, NULL, NULL, NULL, NULL, NULL,
                        NULL, ELFDATA2LSB, EM_ARM, 1, 0,
                        CPU(s->m4.cpu)->as) < 0) {
            error_setg(errp, "cannot load M4 firmware ELF '%s'",
                       s->m4_firmware);
            return false;
        }
    }

    /* The SRC starts and stops the M4 */
    qdev_connect_gpio_out_named(DEVICE(&s->src), "m4-start", 0,
                                qdev_get_gpio_in_named(DEVICE(s), "m4-control",
                                                       FSL_IMX7_M4_START));
    qdev_connect_gpio_out_named(DEVICE(&s->src), "m4-stop", 0,
                                qdev_get_gpio_in_named(DEVICE(s), "m4-control",
                                                       FSL_IMX7_M4_STOP));

    /* MU: side A for the A7s, side B for the M4 */
    if (!sysbus_realize(mu, errp)) {
        return false;
    }
    sysbus_mmio_map(mu, IMX_MU_SIDE_A, FSL_IMX7_MUA_ADDR);
    sysbus_mmio_map(mu, IMX_MU_SIDE_B, FSL_IMX7_MUB_ADDR);
    sysbus_connect_irq(mu, IMX_MU_SIDE_A,
                       fsl_imx7_soc_irq(s, FSL_IMX7_MUA_IRQ));
    sysbus_connect_irq(mu, IMX_MU_SIDE_B,
                       fsl_imx7_soc_irq(s, FSL_IMX7_MUB_IRQ));
    return true;
}

void fsl_imx7_m4_machine_done(FslIMX7State *s)
{
    /*
     * arm_load_kernel() marks every CPU but the first as starting powered
     * off (they are PSCI secondaries); the M4 instead follows the SRC.
     */
    CPU(s->m4.cpu)->start_powered_off = !s->m4_boot;
}
