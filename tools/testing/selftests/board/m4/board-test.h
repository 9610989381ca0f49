/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * copro board test firmware for the i.MX7D Cortex-M4: register map and the
 * status block the Linux side reads and writes through /dev/mem.
 */
#ifndef BOARD_TEST_H
#define BOARD_TEST_H

#include <stdint.h>

/* MU side B, as the M4 sees it */
#define MU_B_BASE	0x30ab0000u
#define MU_TR(n)	(*(volatile uint32_t *)(MU_B_BASE + 0x00 + 4 * (n)))
#define MU_RR(n)	(*(volatile uint32_t *)(MU_B_BASE + 0x10 + 4 * (n)))
#define MU_SR		(*(volatile uint32_t *)(MU_B_BASE + 0x20))
#define MU_CR		(*(volatile uint32_t *)(MU_B_BASE + 0x24))
#define MU_GIP(n)	(1u << (31 - (n)))
#define MU_RF(n)	(1u << (27 - (n)))
#define MU_TE(n)	(1u << (23 - (n)))
#define MU_GIE(n)	(1u << (31 - (n)))
#define MU_RIE(n)	(1u << (27 - (n)))
#define MU_TIE(n)	(1u << (23 - (n)))
#define MU_GIR(n)	(1u << (19 - (n)))
#define MU_GIP_ALL	0xf0000000u
#define MU_GIE_ALL	0xf0000000u
#define MU_TIE_ALL	0x00f00000u
#define MU_GIR_ALL	0x000f0000u
#define MU_B_IRQ	97

/* UART2, the M4 console */
#define UART_BASE	0x30890000u
#define UART_REG(off)	(*(volatile uint32_t *)(UART_BASE + (off)))
#define UART_UTXD	0x40
#define UART_UCR1	0x80
#define UART_UCR2	0x84
#define UART_UTS	0xb4
#define UART_UCR1_UARTEN	(1u << 0)
#define UART_UCR2_SRST		(1u << 0)
#define UART_UCR2_TXEN		(1u << 2)
#define UART_UCR2_WS		(1u << 5)
#define UART_UCR2_IRTS		(1u << 14)
#define UART_UTS_TXFULL		(1u << 4)

/* NVIC interrupt set-enable and active bit registers */
#define NVIC_ISER(n)	(*(volatile uint32_t *)(0xe000e100u + 4 * (n)))
#define NVIC_IABR(n)	(*(volatile uint32_t *)(0xe000e300u + 4 * (n)))

/* SysTick */
#define SYST_CSR	(*(volatile uint32_t *)0xe000e010u)
#define SYST_RVR	(*(volatile uint32_t *)0xe000e014u)
#define SYST_CVR	(*(volatile uint32_t *)0xe000e018u)
#define SYST_CSR_ENABLE		(1u << 0)
#define SYST_CSR_TICKINT	(1u << 1)
#define SYST_CSR_CLKSOURCE	(1u << 2)

/* System control block: fault enables and status */
#define SCB_SHCSR	(*(volatile uint32_t *)0xe000ed24u)
#define SCB_CFSR	(*(volatile uint32_t *)0xe000ed28u)
#define SCB_BFAR	(*(volatile uint32_t *)0xe000ed38u)
#define SCB_SHCSR_BUSFAULTENA	(1u << 17)
#define SCB_CFSR_PRECISERR	(1u << 9)
#define SCB_CFSR_BFARVALID	(1u << 15)

/*
 * Status block at the start of TCMU: M4 0x20000000, A7 0x00800000.
 * Offsets are ABI with the guest scripts (board-lib).
 */
#define STATUS_MAGIC	0x4d344254u	/* "M4BT" */

struct board_status {
	uint32_t magic;		/* 0x00 STATUS_MAGIC, written on every start */
	uint32_t boots;		/* 0x04 +1 on every start from the vector */
	uint32_t heartbeat;	/* 0x08 +1 per main loop iteration */
	uint32_t uart_lines;	/* 0x0c lines written to the UART */
	uint32_t irq_count;	/* 0x10 MU side B interrupts taken */
	uint32_t irq_sr;	/* 0x14 B:SR on entry of the last interrupt */
	uint32_t rr1;		/* 0x18 last word read from B:RR1 */
	uint32_t sr_after;	/* 0x1c B:SR right after that read */
	uint32_t gip_seen;	/* 0x20 GIPn acknowledged in the handler */
	uint32_t cmd;		/* 0x24 command from Linux, 0 when done */
	uint32_t arg;		/* 0x28 its argument */
	uint32_t done;		/* 0x2c +1 after each command */
	uint32_t result;	/* 0x30 command result */
	uint32_t te_irqs;	/* 0x34 TE interrupts (TIE is then cleared) */
	uint32_t faults;	/* 0x38 unexpected exceptions */
	uint32_t fault_ipsr;	/* 0x3c IPSR of the last one */
	uint32_t result2;	/* 0x40 second command result */
	uint32_t spin_req;	/* 0x44 next MU interrupt spins in its handler
				 * (CMD_SPIN_IN_IRQ; cleared on every start) */
	uint32_t spinning;	/* 0x48 1 while spinning in the MU handler */
	uint32_t ticks;		/* 0x4c SysTick interrupts since the start */
	uint32_t boot_iabr;	/* 0x50 NVIC_IABR for IRQs 96..127 at start */
	uint32_t boot_syst_csr;	/* 0x54 SYST_CSR at start */
	uint32_t bus_faults;	/* 0x58 BusFaults taken (CMD_BAD_ACCESS) */
	uint32_t bus_cfsr;	/* 0x5c CFSR bits of all of them, ORed */
	uint32_t bus_bfar;	/* 0x60 BFAR of the last one */
};

enum board_cmd {
	CMD_NONE = 0,
	CMD_SET_CR = 1,		/* B:CR = arg */
	CMD_READ_RR1 = 2,	/* result = B:RR1, sr_after = B:SR */
	CMD_SEND_TR1 = 3,	/* B:TR1 = arg */
	CMD_READ_SR = 4,	/* result = B:SR */
	CMD_WRITE_SR = 5,	/* B:SR = arg (GIPn write-1-to-clear) */
	CMD_PRINT = 6,		/* print "board-test: mark <arg>" */
	CMD_MAP_PROBE = 7,	/* write MAP_PATTERN(i) at MAP_BOOT, MAP_OCRAM_S,
				 * MAP_TCML; result = word at MAP_TCML_IN */
	CMD_DDR_READ = 8,	/* arg: DDR address below 0x8fff0000; result =
				 * word read there, result2 = the same word read
				 * through the alias at 0x10000000 */
	CMD_SPIN_IN_IRQ = 9,	/* the next MU interrupt handler spins forever
				 * before touching the MU (only a reset ends
				 * it), so B:RF1 keeps the line up */
	CMD_SYSTICK = 10,	/* arg 0: SysTick off; else its reload value,
				 * on the core clock, with TICKINT */
	CMD_BAD_ACCESS = 11,	/* with BusFaults enabled, a byte write of arg
				 * to B:TR1, a halfword write to B:TR1 + 2 and
				 * a byte read of B:SR: the MU's registers are
				 * 32-bit, so each should be a precise BusFault,
				 * which the handler counts and skips */
};

/*
 * Address map probe: M4 address written, and the A7 address where Linux
 * expects to find it (see Documentation/emulator.rst).
 */
#define MAP_PATTERN(i)	(0x4d415000u + (i))	/* "MAP" + index */
#define MAP_BOOT	0x00007f00u	/* OCRAM_S via the boot alias */
#define MAP_OCRAM_S	0x00187f04u	/* OCRAM_S at its own address */
#define MAP_TCML	0x1ffffff0u	/* end of TCML */
#define MAP_DDR_ALIAS	0x10000000u	/* DDR 0x80000000.. seen here too */
#define MAP_DDR_BASE	0x80000000u
#define MAP_DDR_ALIAS_SIZE 0x0fff0000u
#define MAP_TCML_IN	0x1ffffff8u	/* a word Linux wrote at A7 0x007ffff8 */

#define STATUS ((volatile struct board_status *)0x20000000u)

void mu_b_irq_handler(void);
void systick_handler(void);
void bus_fault_handler(void);

#endif /* BOARD_TEST_H */
