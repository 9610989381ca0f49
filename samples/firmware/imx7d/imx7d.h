/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * i.MX7D Cortex-M4 facts this port uses (M4 addresses).
 */
#ifndef COPRO_IMX7D_H
#define COPRO_IMX7D_H

#include <stdint.h>

#define REG32(a)		(*(volatile uint32_t *)(a))

/* Messaging Unit, the M4's side (B) */
#define MU_B_BASE		0x30ab0000u
#define MU_TR(n)		(MU_B_BASE + 0x00 + 4 * (n))
#define MU_RR(n)		(MU_B_BASE + 0x10 + 4 * (n))
#define MU_SR			(MU_B_BASE + 0x20)
#define MU_CR			(MU_B_BASE + 0x24)
#define MU_SR_RF(n)		(1u << (27 - (n)))
#define MU_SR_TE(n)		(1u << (23 - (n)))
#define MU_SR_GIP_ALL		0xf0000000u
#define MU_CR_RIE(n)		(1u << (27 - (n)))
#define MU_CR_GIR_ALL		0x000f0000u
#define MU_CR_GIR(n)		(1u << (19 - (n)))
#define MU_KICK_CHAN		1
#define MU_B_IRQ		97

/* UART2, the M4 console (0x30890000 per imx7s.dtsi and QEMU's fsl-imx7) */
#ifndef COPRO_UART_BASE
#define COPRO_UART_BASE		0x30890000u
#endif
#define UART_UTXD		0x40
#define UART_UCR1		0x80
#define UART_UCR2		0x84
#define UART_UTS		0xb4
#define UART_UCR1_UARTEN	(1u << 0)
#define UART_UCR2_SRST		(1u << 0)
#define UART_UCR2_TXEN		(1u << 2)
#define UART_UCR2_WS		(1u << 5)
#define UART_UCR2_IRTS		(1u << 14)
#define UART_UTS_TXFULL		(1u << 4)

/*
 * The DDR shared with the host, at the same address on both sides: the
 * overlay's vdev0buffer, vdev0vring0, vdev0vring1 and rsc-table
 * (dts/imx7d-sdb-m4.dtsi). Buffers and vrings elsewhere are refused: the
 * rest of DDR is Linux's own memory.
 */
#ifndef COPRO_SHARED_DA
#define COPRO_SHARED_DA		0x9fd00000u
#define COPRO_SHARED_SIZE	0x00300000u
#endif

/* where a copy of the resource table goes for attach, 0 = none */
#ifndef COPRO_RSC_COPY_DA
#define COPRO_RSC_COPY_DA	0x9ff10000u
#endif

/* Cortex-M4 system registers */
#define SYST_CSR		0xe000e010u
#define SYST_RVR		0xe000e014u
#define SYST_CVR		0xe000e018u
#define NVIC_ISER(n)		(0xe000e100u + 4 * (n))
#define NVIC_ICPR(n)		(0xe000e280u + 4 * (n))
#define SCB_VTOR		0xe000ed08u
#define SCB_CCR			0xe000ed14u
#define SCB_SHCSR		0xe000ed24u
#define SCB_CFSR		0xe000ed28u
#define SCB_HFSR		0xe000ed2cu
#define SCB_MMFAR		0xe000ed34u
#define SCB_BFAR		0xe000ed38u
#define SCB_CCR_DIV_0_TRP	(1u << 4)
#define SCB_SHCSR_MEMFAULTENA	(1u << 16)
#define SCB_SHCSR_BUSFAULTENA	(1u << 17)
#define SCB_SHCSR_USGFAULTENA	(1u << 18)

/*
 * The crash word imx_rproc expects on the MU data channel: 0xffff in the
 * upper half, the reason in the lower (0x0001 would mean a watchdog; this
 * firmware sends the exception number, 3..6 for the faults, so never 1).
 */
#define CRASH_WORD(code)	(0xffff0000u | ((code) & 0xffffu))

/*
 * A load from here faults (BusFault): the i.MX7D decodes nothing at
 * 0xf0000000 in the M4's vendor system region, nor does the emulator.
 */
#ifndef COPRO_FAULT_ADDR
#define COPRO_FAULT_ADDR	0xf0000000u
#endif
/* Instruction fetches from the system region 0xe0000000- are always XN. */
#define XN_ADDR			0xe0000000u

/* The M4 core clock: 240 MHz on the emulated board, <= 240 MHz on silicon */
#ifndef COPRO_CPU_HZ
#define COPRO_CPU_HZ		240000000u
#endif
#define TICK_MS			10

#define IMX7D_NUM_IRQS		128

/* exception handlers (vector table in startup.c, bodies in port.c) */
void Default_Handler(void);
void HardFault_Handler(void);
void MemManage_Handler(void);
void BusFault_Handler(void);
void UsageFault_Handler(void);
void SysTick_Handler(void);
void MU_B_IRQHandler(void);

#endif
