// SPDX-License-Identifier: BSD-3-Clause
/*
 * i.MX7D Cortex-M4 start-up: the vector table the core fetches at reset
 * from address 0 (OCRAM_S), and the reset handler.
 */
#include <stdint.h>
#include <string.h>
#include "imx7d.h"

extern uint32_t __bss_start__[], __bss_end__[], __stack_top[];

int main(void);
void Reset_Handler(void);

typedef void (*vector_t)(void);

#define D	Default_Handler
#define ROW8	D, D, D, D, D, D, D, D

__attribute__((section(".vectors"), used))
const vector_t copro_vectors[16 + IMX7D_NUM_IRQS] = {
	(vector_t)(uintptr_t)__stack_top,
	Reset_Handler,
	D,			/* NMI */
	HardFault_Handler,
	MemManage_Handler,
	BusFault_Handler,
	UsageFault_Handler,
	0, 0, 0, 0,
	D,			/* SVCall */
	D,			/* DebugMon */
	0,
	D,			/* PendSV */
	SysTick_Handler,
	/* IRQ 0..95 */
	ROW8, ROW8, ROW8, ROW8, ROW8, ROW8,
	ROW8, ROW8, ROW8, ROW8, ROW8, ROW8,
	/* IRQ 96..103: the MU's B side is 97 */
	D, MU_B_IRQHandler, D, D, D, D, D, D,
	/* IRQ 104..127 */
	ROW8, ROW8, ROW8,
};

void Reset_Handler(void)
{
	/*
	 * remoteproc loaded every section, .data included; only .bss needs
	 * clearing (the ELF loader zeroes it too, a warm restart does not).
	 */
	memset(__bss_start__, 0,
	       (uintptr_t)__bss_end__ - (uintptr_t)__bss_start__);
	REG32(SCB_VTOR) = (uint32_t)(uintptr_t)copro_vectors;
	__asm__ volatile("dsb\n\tisb" : : : "memory");
	main();
	for (;;)
		__asm__ volatile("wfi");
}
