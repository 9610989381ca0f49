// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * copro board test firmware for the i.MX7D Cortex-M4.
 *
 * Prints to UART2, counts its starts and loop iterations in a status block
 * in TCMU, takes MU side B interrupts (reading RR1, acknowledging GIPn) and
 * carries out small commands Linux posts in the status block, so the Linux
 * side can check the MU from both ends.
 */
#include <stdint.h>
#include "board-test.h"

static void uart_putc(char c)
{
	while (UART_REG(UART_UTS) & UART_UTS_TXFULL)
		;
	UART_REG(UART_UTXD) = (uint32_t)c;
}

static void uart_puts(const char *s)
{
	while (*s)
		uart_putc(*s++);
}

static void uart_put_u32(uint32_t v)
{
	char buf[11];
	int i = 10;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 0);
	uart_puts(&buf[i]);
}

static void uart_line(const char *what, uint32_t v)
{
	uart_puts("board-test: ");
	uart_puts(what);
	uart_putc(' ');
	uart_put_u32(v);
	uart_puts("\r\n");
	STATUS->uart_lines++;
}

static void uart_init(void)
{
	UART_REG(UART_UCR1) = UART_UCR1_UARTEN;
	UART_REG(UART_UCR2) = UART_UCR2_SRST | UART_UCR2_TXEN |
			      UART_UCR2_WS | UART_UCR2_IRTS;
}

void systick_handler(void)
{
	STATUS->ticks++;
}

void mu_b_irq_handler(void)
{
	uint32_t sr, cr, gip;

	if (STATUS->spin_req) {
		/* Stay active in the handler until the M4 is reset */
		STATUS->spinning = 1;
		for (;;)
			STATUS->heartbeat++;
	}

	sr = MU_SR;
	cr = MU_CR;
	gip = sr & MU_GIP_ALL & cr;
	STATUS->irq_count++;
	STATUS->irq_sr = sr;
	if ((sr & MU_RF(1)) && (cr & MU_RIE(1))) {
		STATUS->rr1 = MU_RR(1);
		STATUS->sr_after = MU_SR;
	}
	if (gip) {
		STATUS->gip_seen |= gip;
		MU_SR = gip;
	}
	if (sr & cr & MU_TIE_ALL) {
		STATUS->te_irqs++;
		/* Never write GIRn back: that would raise the peer's GIPn */
		MU_CR = cr & ~(MU_TIE_ALL | MU_GIR_ALL);
	}
}

/*
 * BusFault: count it and return past the faulting instruction.  The frame
 * is on the main stack (this firmware never uses the process stack); its
 * seventh word is the PC of the faulting load or store.
 */
void bus_fault_skip(uint32_t *frame);

void bus_fault_skip(uint32_t *frame)
{
	uint16_t insn = *(volatile uint16_t *)frame[6];
	uint32_t cfsr = SCB_CFSR;

	STATUS->bus_faults++;
	STATUS->bus_cfsr |= cfsr;
	STATUS->bus_bfar = SCB_BFAR;
	SCB_CFSR = cfsr;	/* write 1 to clear */
	/* A 32-bit Thumb instruction starts 0b11101, 0b11110 or 0b11111 */
	frame[6] += (insn >> 11) >= 0x1d ? 4 : 2;
}

__attribute__((naked)) void bus_fault_handler(void)
{
	__asm__ volatile("mrs r0, msp\n\t"
			 "b bus_fault_skip");
}

static void bad_accesses(uint32_t arg)
{
	STATUS->bus_faults = 0;
	STATUS->bus_cfsr = 0;
	STATUS->bus_bfar = 0;
	SCB_SHCSR |= SCB_SHCSR_BUSFAULTENA;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
	*(volatile uint8_t *)&MU_TR(1) = (uint8_t)arg;
	*(volatile uint16_t *)((uintptr_t)&MU_TR(1) + 2) = (uint16_t)arg;
	(void)*(volatile uint8_t *)&MU_SR;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
	SCB_SHCSR &= ~SCB_SHCSR_BUSFAULTENA;
}

static void run_command(uint32_t cmd, uint32_t arg)
{
	switch (cmd) {
	case CMD_SET_CR:
		MU_CR = arg;
		break;
	case CMD_READ_RR1:
		STATUS->result = MU_RR(1);
		STATUS->sr_after = MU_SR;
		break;
	case CMD_SEND_TR1:
		MU_TR(1) = arg;
		break;
	case CMD_READ_SR:
		STATUS->result = MU_SR;
		break;
	case CMD_WRITE_SR:
		MU_SR = arg;
		break;
	case CMD_PRINT:
		uart_line("mark", arg);
		break;
	case CMD_MAP_PROBE:
		*(volatile uint32_t *)MAP_BOOT = MAP_PATTERN(0);
		*(volatile uint32_t *)MAP_OCRAM_S = MAP_PATTERN(1);
		*(volatile uint32_t *)MAP_TCML = MAP_PATTERN(2);
		STATUS->result = *(volatile uint32_t *)MAP_TCML_IN;
		break;
	case CMD_DDR_READ:
		/* Read only: this is Linux's memory */
		if (arg < MAP_DDR_BASE ||
		    arg - MAP_DDR_BASE >= MAP_DDR_ALIAS_SIZE || (arg & 3)) {
			STATUS->result = STATUS->result2 = 0xffffffffu;
			break;
		}
		STATUS->result = *(volatile uint32_t *)arg;
		STATUS->result2 = *(volatile uint32_t *)
			(arg - MAP_DDR_BASE + MAP_DDR_ALIAS);
		break;
	case CMD_SPIN_IN_IRQ:
		STATUS->spin_req = 1;
		break;
	case CMD_BAD_ACCESS:
		bad_accesses(arg);
		break;
	case CMD_SYSTICK:
		SYST_CSR = 0;
		if (arg) {
			SYST_RVR = arg & 0x00ffffffu;
			SYST_CVR = 0;
			SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT |
				   SYST_CSR_CLKSOURCE;
		}
		break;
	default:
		STATUS->result = 0xffffffffu;
		break;
	}
}

int main(void)
{
	uint32_t cmd;

	if (STATUS->magic != STATUS_MAGIC)
		STATUS->boots = 0;
	STATUS->boots++;
	STATUS->cmd = CMD_NONE;
	STATUS->spin_req = 0;
	STATUS->spinning = 0;
	STATUS->ticks = 0;
	/* What a reset left: no active interrupt, SysTick off */
	STATUS->boot_iabr = NVIC_IABR(MU_B_IRQ / 32);
	STATUS->boot_syst_csr = SYST_CSR;
	STATUS->magic = STATUS_MAGIC;

	uart_init();
	uart_line("boot", STATUS->boots);

	/* Interrupt on a word in RR1 and on any general purpose interrupt */
	MU_CR = MU_GIE_ALL | MU_RIE(1);
	NVIC_ISER(MU_B_IRQ / 32) = 1u << (MU_B_IRQ % 32);
	__asm__ volatile("cpsie i" ::: "memory");

	for (;;) {
		STATUS->heartbeat++;
		cmd = STATUS->cmd;
		if (cmd != CMD_NONE) {
			run_command(cmd, STATUS->arg);
			STATUS->cmd = CMD_NONE;
			STATUS->done++;
		}
	}
	return 0;
}
