/*
 * i.MX7D: the Cortex-M4 side of the SoC (copro's AMP additions)
 *
 * The Cortex-M4 lives in its own CPU cluster with the i.MX7D M4 address map:
 *
 *   0x00000000-0x00007fff  OCRAM_S (boot vector), alias of A7 0x00180000
 *   0x10000000-0x1ffeffff  DDR, alias of A7 0x80000000
 *   0x1fff8000-0x1fffffff  TCML, A7 0x007f8000
 *   0x20000000-0x20007fff  TCMU, A7 0x00800000
 *   everything else        as the A7 sees it (peripherals at 0x30000000,
 *                          OCRAM_S at 0x00180000, DDR at 0x80000000)
 *
 * The SRC holds it in reset until Linux (or the "m4-boot" property) releases
 * it.  The MU's two sides, the M4 console UART (UART2) and the MU interrupts
 * reach both the A7 GIC and the M4 NVIC through split IRQs.
 *
 * Copyright (c) 2026 The copro authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/arm/fsl-imx7.h"
#include "hw/boards.h"
#include "hw/loader.h"
#include "hw/qdev-clock.h"
#include "hw/qdev-properties.h"
#include "elf.h"
#include "exec/address-spaces.h"

/* Interrupts the M4 needs to see as well as the A7s */
static const int fsl_imx7_shared_irqs[FSL_IMX7_NUM_SHARED_IRQS] = {
    FSL_IMX7_UART2_IRQ,
    FSL_IMX7_MU_A_IRQ,
    FSL_IMX7_MU_B_IRQ,
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

    object_initialize_child(obj, "src", &s->src, TYPE_IMX7_SRC);
    object_initialize_child(obj, "mu", &s->mu, TYPE_IMX_MU);

    for (i = 0; i < FSL_IMX7_NUM_SHARED_IRQS; i++) {
        snprintf(name, sizeof(name), "irq-split%d", i);
        object_initialize_child(obj, name, &s->irq_split[i], TYPE_SPLIT_IRQ);
    }

    s->m4_cpuclk = clock_new(obj, "m4-cpuclk");
    s->m4_refclk = clock_new(obj, "m4-refclk");
}

static bool fsl_imx7_m4_ram(FslIMX7State *s, MemoryRegion *mr,
                            const char *name, hwaddr a7_addr, Error **errp)
{
    ERRP_GUARD();

    memory_region_init_ram(mr, OBJECT(s), name, FSL_IMX7_M4_RAM_SIZE, errp);
    if (*errp) {
        return false;
    }
    memory_region_add_subregion(get_system_memory(), a7_addr, mr);
    return true;
}

static void fsl_imx7_m4_alias(FslIMX7State *s, MemoryRegion *alias,
                              const char *name, MemoryRegion *target,
                              hwaddr offset, uint64_t size, hwaddr m4_addr,
                              int priority)
{
    memory_region_init_alias(alias, OBJECT(s), name, target, offset, size);
    memory_region_add_subregion_overlap(&s->m4_mem, m4_addr, alias,
                                        priority);
}

bool fsl_imx7_m4_realize(FslIMX7State *s, Error **errp)
{
    MemoryRegion *sysmem = get_system_memory();
    CPUState *m4cpu;
    int i;

    /* RAMs the M4 owns, at their A7 addresses */
    if (!fsl_imx7_m4_ram(s, &s->ocram_s, "imx7.ocram_s",
                         FSL_IMX7_OCRAM_S_ADDR, errp) ||
        !fsl_imx7_m4_ram(s, &s->tcml, "imx7.tcml", FSL_IMX7_TCML_ADDR, errp) ||
        !fsl_imx7_m4_ram(s, &s->tcmu, "imx7.tcmu", FSL_IMX7_TCMU_ADDR, errp)) {
        return false;
    }

    /* The M4's own view of the bus */
    memory_region_init(&s->m4_mem, OBJECT(s), "imx7.m4-memory",
                       UINT64_C(0x100000000));
    fsl_imx7_m4_alias(s, &s->m4_sys_alias, "imx7.m4-sys", sysmem, 0,
                      UINT64_C(0x100000000), 0, 0);
    fsl_imx7_m4_alias(s, &s->m4_boot_alias, "imx7.m4-boot", &s->ocram_s, 0,
                      FSL_IMX7_M4_RAM_SIZE, FSL_IMX7_M4_BOOT_ADDR, 1);
    fsl_imx7_m4_alias(s, &s->m4_tcml_alias, "imx7.m4-tcml", &s->tcml, 0,
                      FSL_IMX7_M4_RAM_SIZE, FSL_IMX7_M4_TCML_ADDR, 1);
    fsl_imx7_m4_alias(s, &s->m4_tcmu_alias, "imx7.m4-tcmu", &s->tcmu, 0,
                      FSL_IMX7_M4_RAM_SIZE, FSL_IMX7_M4_TCMU_ADDR, 1);
    fsl_imx7_m4_alias(s, &s->m4_ddr_alias, "imx7.m4-ddr", sysmem,
                      FSL_IMX7_MMDC_ADDR, FSL_IMX7_M4_DDR_ALIAS_SIZE,
                      FSL_IMX7_M4_DDR_ALIAS_ADDR, 1);

    /* The Cortex-M4 and its cluster (realized after its CPU) */
    clock_set_hz(s->m4_cpuclk, FSL_IMX7_M4_CPUCLK_HZ);
    clock_set_hz(s->m4_refclk, FSL_IMX7_M4_REFCLK_HZ);
    qdev_connect_clock_in(DEVICE(&s->m4), "cpuclk", s->m4_cpuclk);
    qdev_connect_clock_in(DEVICE(&s->m4), "refclk", s->m4_refclk);
    qdev_prop_set_string(DEVICE(&s->m4), "cpu-type",
                         ARM_CPU_TYPE_NAME("cortex-m4"));
    qdev_prop_set_uint32(DEVICE(&s->m4), "num-irq", FSL_IMX7_MAX_IRQ);
    qdev_prop_set_bit(DEVICE(&s->m4), "start-powered-off", !s->m4_boot);
    object_property_set_link(OBJECT(&s->m4), "memory", OBJECT(&s->m4_mem),
                             &error_abort);
    if (!sysbus_realize(SYS_BUS_DEVICE(&s->m4), errp)) {
        return false;
    }
    if (!qdev_realize(DEVICE(&s->m4_cluster), NULL, errp)) {
        return false;
    }
    m4cpu = CPU(s->m4.cpu);
    /* Keep PSCI CPU_ON (which looks CPUs up by MPIDR) away from the M4 */
    s->m4.cpu->mp_affinity = FSL_IMX7_M4_MP_AFFINITY;

    if (s->m4_firmware) {
        uint64_t entry;

        if (load_elf_as(s->m4_firmware, NULL, NULL, NULL, &entry, NULL, NULL,
                        NULL, 0, EM_ARM, 1, 0, m4cpu->as) < 0) {
            error_setg(errp, "cannot load M4 firmware ELF '%s'",
                       s->m4_firmware);
            return false;
        }
    }

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
        qdev_connect_gpio_out(split, 1, qdev_get_gpio_in(DEVICE(&s->m4), n));
    }

    /* SRC, with the M4 reset control */
    object_property_set_link(OBJECT(&s->src), "m4-core", OBJECT(&s->m4),
                             &error_abort);
    qdev_prop_set_bit(DEVICE(&s->src), "m4-boot", s->m4_boot);
    if (!sysbus_realize(SYS_BUS_DEVICE(&s->src), errp)) {
        return false;
    }
    sysbus_mmio_map(SYS_BUS_DEVICE(&s->src), 0, FSL_IMX7_SRC_ADDR);

    /* MU: side A for the A7s, side B for the M4 */
    if (!sysbus_realize(SYS_BUS_DEVICE(&s->mu), errp)) {
        return false;
    }
    sysbus_mmio_map(SYS_BUS_DEVICE(&s->mu), IMX_MU_SIDE_A, FSL_IMX7_MU_A_ADDR);
    sysbus_mmio_map(SYS_BUS_DEVICE(&s->mu), IMX_MU_SIDE_B, FSL_IMX7_MU_B_ADDR);
    sysbus_connect_irq(SYS_BUS_DEVICE(&s->mu), IMX_MU_SIDE_A,
                       fsl_imx7_soc_irq(s, FSL_IMX7_MU_A_IRQ));
    sysbus_connect_irq(SYS_BUS_DEVICE(&s->mu), IMX_MU_SIDE_B,
                       fsl_imx7_soc_irq(s, FSL_IMX7_MU_B_IRQ));
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
