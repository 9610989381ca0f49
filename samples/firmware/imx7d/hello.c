// SPDX-License-Identifier: BSD-3-Clause
/*
 * copro-hello: the smallest raw M4 image, like the SDK's hello_world.bin.
 * A flat binary for TCML (0x1fff8000) that starts with its vector table,
 * prints "Hello World!" on the M4 console and sleeps.  No ELF, no resource
 * table, no rpmsg: imx_rproc loads it through raw_da
 * (Documentation/vendor-firmware.rst).
 */
#include <stdint.h>
#include "imx7d.h"

#define SCB_VTOR	0xe000ed08u

extern uint32_t __stack_top[], __vectors_start[];

void hello_reset(void);

__attribute__((section(".vectors"), used))
const uintptr_t hello_vectors[2] = {
	(uintptr_t)__stack_top,
	(uintptr_t)hello_reset,
};

static void putc_uart(char c)
{
	unsigned int spin = 100000;

	while ((REG32(COPRO_UART_BASE + UART_UTS) & UART_UTS_TXFULL) && --spin)
		;
	REG32(COPRO_UART_BASE + UART_UTXD) = (uint8_t)c;
}

void hello_reset(void)
{
	const char *s = "Hello World!\n";

	/* the core fetched this table's copy at 0: take ours from now on */
	REG32(SCB_VTOR) = (uint32_t)(uintptr_t)__vectors_start;
	REG32(COPRO_UART_BASE + UART_UCR1) |= UART_UCR1_UARTEN;
	REG32(COPRO_UART_BASE + UART_UCR2) |= UART_UCR2_SRST | UART_UCR2_TXEN |
					      UART_UCR2_WS | UART_UCR2_IRTS;
	for (; *s; s++) {
		if (*s == '\n')
			putc_uart('\r');
		putc_uart(*s);
	}
	for (;;)
		__asm__ volatile("wfi");
}
