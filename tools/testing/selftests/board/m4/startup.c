// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Start-up code for the board test firmware: vector table and reset handler.
 * The M4 fetches SP and PC from M4 address 0 (OCRAM_S) on every reset.
 */
#include <stdint.h>
#include "board-test.h"

extern uint32_t __bss_start__, __bss_end__, __stack_top;
int main(void);

static void default_handler(void)
{
	uint32_t ipsr;

	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	STATUS->faults++;
	STATUS->fault_ipsr = ipsr;
	for (;;)
		__asm__ volatile("wfi");
}

void reset_handler(void)
{
	uint32_t *p;

	for (p = &__bss_start__; p < &__bss_end__; p++)
		*p = 0;
	main();
	for (;;)
		;
}

#define NUM_VECTORS	(16 + 128)

__attribute__((section(".vectors"), used))
static void (*const vectors[NUM_VECTORS])(void) = {
	[0] = (void (*)(void))&__stack_top,
	[1] = reset_handler,
	[2 ... 4] = default_handler,
	[5] = bus_fault_handler,
	[6 ... 14] = default_handler,
	[15] = systick_handler,
	[16 ... 16 + MU_B_IRQ - 1] = default_handler,
	[16 + MU_B_IRQ] = mu_b_irq_handler,
	[16 + MU_B_IRQ + 1 ... NUM_VECTORS - 1] = default_handler,
};
