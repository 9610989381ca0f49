// SPDX-License-Identifier: BSD-3-Clause
/*
 * i.MX7D port: MU doorbells, UART2 console, SysTick, the idle loop.
 *
 * Kick convention (shared with NXP's firmware and Linux's imx_rproc): the
 * 32-bit word "vqid << 16" on MU channel 1.  Linux ignores the value and
 * looks at both vrings, so a kick while the previous word is still unread
 * is coalesced with it.
 */
#include <stdbool.h>
#include <stdint.h>
#include "imx7d.h"
#include "copro.h"
#include "services.h"
#include "log.h"

#ifndef COPRO_FW_VERSION
#define COPRO_FW_VERSION	"unknown"
#endif

static volatile uint32_t kick_pending;	/* bit n: host kicked vring n */
static uint32_t kicks_taken;		/* kicks a blocked send saw */
static volatile uint32_t kicks_seen;
static volatile uint32_t ticks;
static struct cp_rdev rdev;

static inline void irq_disable(void)
{
	__asm__ volatile("cpsid i" : : : "memory");
}

static inline void irq_enable(void)
{
	__asm__ volatile("cpsie i" : : : "memory");
}

/* ---- console ------------------------------------------------------------ */

static void uart_init(void)
{
	uint32_t base = COPRO_UART_BASE;

	if (!base)
		return;
	REG32(base + UART_UCR1) |= UART_UCR1_UARTEN;
	REG32(base + UART_UCR2) |= UART_UCR2_SRST | UART_UCR2_TXEN |
				   UART_UCR2_WS | UART_UCR2_IRTS;
}

static void uart_putc(char c)
{
	uint32_t base = COPRO_UART_BASE;
	unsigned int spin = 100000;

	while ((REG32(base + UART_UTS) & UART_UTS_TXFULL) && --spin)
		;
	REG32(base + UART_UTXD) = (uint8_t)c;
}

static void uart_write(const char *s, uint32_t len)
{
	if (!COPRO_UART_BASE)
		return;
	while (len--) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s++);
	}
}

/* ---- MU ----------------------------------------------------------------- */

static void mu_init(void)
{
	uint32_t cr = REG32(MU_CR) & ~MU_CR_GIR_ALL;
	unsigned int n;

	/* drop anything left over from a previous life */
	for (n = 0; n < 4; n++)
		if (REG32(MU_SR) & MU_SR_RF(n))
			(void)REG32(MU_RR(n));
	REG32(MU_SR) = MU_SR_GIP_ALL;
	REG32(MU_CR) = cr | MU_CR_RIE(MU_KICK_CHAN);
	REG32(NVIC_ICPR(MU_B_IRQ / 32)) = 1u << (MU_B_IRQ % 32);
	REG32(NVIC_ISER(MU_B_IRQ / 32)) = 1u << (MU_B_IRQ % 32);
}

void MU_B_IRQHandler(void)
{
	uint32_t sr = REG32(MU_SR);
	unsigned int n;

	for (n = 0; n < 4; n++) {
		if (sr & MU_SR_RF(n)) {
			uint32_t v = REG32(MU_RR(n));

			if (n == MU_KICK_CHAN)
				kick_pending |= 1u << ((v >> 16) & 31);
		}
	}
	if (sr & MU_SR_GIP_ALL)
		REG32(MU_SR) = sr & MU_SR_GIP_ALL;
	kicks_seen++;
}

static void imx7d_kick(struct cp_rdev *r, uint32_t notifyid)
{
	(void)r;
	/* a word the host has not read yet already makes it look */
	if (REG32(MU_SR) & MU_SR_TE(MU_KICK_CHAN))
		REG32(MU_TR(MU_KICK_CHAN)) = notifyid << 16;
}

/* ---- time and sleep ----------------------------------------------------- */

void SysTick_Handler(void)
{
	ticks++;
}

static void systick_init(void)
{
	REG32(SYST_RVR) = COPRO_CPU_HZ / 1000 * TICK_MS - 1;
	REG32(SYST_CVR) = 0;
	REG32(SYST_CSR) = 7;	/* processor clock, interrupt, enable */
}

static uint32_t imx7d_now_ms(struct cp_rdev *r)
{
	(void)r;
	return ticks * TICK_MS;
}

/* Sleep until an interrupt; the SysTick bounds it to one tick. */
static void sleep(void)
{
	irq_disable();
	if (!kick_pending && !kicks_taken) {
		__asm__ volatile("dsb" : : : "memory");
		__asm__ volatile("wfi");
	}
	irq_enable();
}

/*
 * Called while a send waits for a host buffer.  A kick already pending
 * is taken over (the main loop still learns about it) so that the next
 * wait really sleeps instead of spinning on the flag.
 */

static int imx7d_wait(struct cp_rdev *r)
{
	(void)r;
	irq_disable();
	if (kick_pending) {
		kicks_taken |= kick_pending;
		kick_pending = 0;
	} else {
		__asm__ volatile("dsb" : : : "memory");
		__asm__ volatile("wfi");
	}
	irq_enable();
	return 0;
}

static void *imx7d_da_to_va(struct cp_rdev *r, uint64_t da, uint32_t len)
{
	(void)r;
	/* the host hands out physical addresses; the M4 sees the same */
	if (da < COPRO_SHARED_DA || da - COPRO_SHARED_DA >= COPRO_SHARED_SIZE ||
	    len > COPRO_SHARED_SIZE - (da - COPRO_SHARED_DA))
		return NULL;
	return (void *)(uintptr_t)da;
}

static const struct cp_port imx7d_port = {
	.kick = imx7d_kick,
	.da_to_va = imx7d_da_to_va,
	.wait = imx7d_wait,
	.now_ms = imx7d_now_ms,
};

/* ---- faults ------------------------------------------------------------- */

void Default_Handler(void)
{
	uint32_t ipsr;

	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	cp_log("unexpected exception %u, halted", (unsigned int)ipsr);
	for (;;)
		__asm__ volatile("wfi");
}

/* Entered with r0 = the stacked exception frame (see HardFault_Handler). */
void copro_fault(const uint32_t *frame);
void copro_fault(const uint32_t *frame)
{
	cp_log("hard fault: pc 0x%08x lr 0x%08x cfsr 0x%08x hfsr 0x%08x bfar 0x%08x, halted",
	       (unsigned int)frame[6], (unsigned int)frame[5],
	       (unsigned int)REG32(SCB_CFSR), (unsigned int)REG32(SCB_HFSR),
	       (unsigned int)REG32(SCB_BFAR));
	for (;;)
		__asm__ volatile("wfi");
}

__attribute__((naked)) void HardFault_Handler(void)
{
	__asm__ volatile(
		"tst lr, #4\n\t"
		"ite eq\n\t"
		"mrseq r0, msp\n\t"
		"mrsne r0, psp\n\t"
		"b copro_fault\n\t");
}

/* ---- resource table copy for attach -------------------------------------- */

/*
 * When Linux attaches to a core the boot loader started, imx_rproc reads
 * the resource table from the "rsc-table" reserved region instead of the
 * ELF's .resource_table.  Put a copy there at boot, then follow whichever
 * of the two the host brings to DRIVER_OK.
 */
static volatile struct fw_rsc_vdev *rsc_copy_vdev;

static void rsc_copy_init(void)
{
	struct copro_rsc_table *t = &copro_resource_table;
	uint32_t da = COPRO_RSC_COPY_DA;
	volatile uint8_t *dst;
	const uint8_t *src = (const uint8_t *)t;
	struct copro_rsc_table *copy;
	uint32_t i;

	if (!da || !imx7d_da_to_va(NULL, da, sizeof(*t)))
		return;
	dst = (volatile uint8_t *)(uintptr_t)da;
	for (i = 0; i < sizeof(*t); i++)
		dst[i] = src[i];
	__asm__ volatile("dmb" : : : "memory");
	copy = (struct copro_rsc_table *)(uintptr_t)da;
	rsc_copy_vdev = &copy->vdev;
	cp_log("resource table copied to 0x%08x for attach", (unsigned int)da);
}

static void pick_vdev(struct cp_rdev *r)
{
	volatile struct fw_rsc_vdev *v = rsc_copy_vdev;

	if (cp_link_up(r) || !v)
		return;
	if (v->status & VIRTIO_CONFIG_S_DRIVER_OK)
		r->vdev = v;
	else if (copro_resource_table.vdev.status & VIRTIO_CONFIG_S_DRIVER_OK)
		r->vdev = &copro_resource_table.vdev;
}

/* ---- main loop ---------------------------------------------------------- */

int main(void)
{
	struct copro_rsc_table *t = &copro_resource_table;
	uint32_t kicked;

	uart_init();
	cp_log_init(copro_trace_buf, t->trace.len, uart_write);
	cp_log("copro-rpmsg %s on i.MX7D Cortex-M4", COPRO_FW_VERSION);
	cp_log("resource table at 0x%08x, vrings %u x %u entries, trace %u bytes",
	       (unsigned int)(uintptr_t)t, (unsigned int)t->vdev.num_of_vrings,
	       (unsigned int)t->vdev.vring[0].num, (unsigned int)t->trace.len);
	rsc_copy_init();
	cp_log_pin();

	cp_init(&rdev, &imx7d_port, &copro_services, &t->vdev);
	mu_init();
	systick_init();
	irq_enable();

	for (;;) {
		irq_disable();
		kicked = kick_pending | kicks_taken;
		kick_pending = 0;
		kicks_taken = 0;
		irq_enable();
		pick_vdev(&rdev);
		cp_poll(&rdev, kicked != 0);
		sleep();
	}
}
