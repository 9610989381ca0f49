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
#if COPRO_HOSTILE
#include "hostile.h"
#define COPRO_APP		copro_hostile_app
#define COPRO_FW_NAME		"copro-hostile"
#elif COPRO_NXP == 1
#include "nxp_demos.h"
#define COPRO_APP		nxp_str_echo_app
#define COPRO_FW_NAME		"copro-nxp-str-echo"
#elif COPRO_NXP == 2
#include "nxp_demos.h"
#define COPRO_APP		nxp_pingpong_app
#define COPRO_FW_NAME		"copro-nxp-pingpong"
#else
#define COPRO_APP		copro_services
#define COPRO_FW_NAME		"copro-rpmsg"
#endif

#ifndef COPRO_FW_VERSION
#define COPRO_FW_VERSION	"unknown"
#endif

static volatile uint32_t kick_pending;	/* bit n: host kicked vring n */
static uint32_t kicks_taken;		/* kicks a blocked send saw */
static volatile uint32_t kicks_seen;
#if COPRO_NXP
/*
 * rpmsg-lite's i.MX7D platform layer enables the MU interrupt before the
 * virtqueues register their handlers; a kick in between finds no handler
 * and is gone.  The NXP personality keeps that window.
 */
static volatile bool vq_handlers;
#else
static const bool vq_handlers = true;
#endif
static volatile uint32_t kicks_dropped;	/* came before the handlers */
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

			if (n != MU_KICK_CHAN)
				continue;
			if (vq_handlers)
				kick_pending |= 1u << ((v >> 16) & 31);
			else
				kicks_dropped++;
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

#if COPRO_HOSTILE
/* Hostile firmware only: every word goes out, none is coalesced. */
static bool imx7d_raw_notify(struct cp_rdev *r, uint32_t word)
{
	unsigned int spin = 1000000;

	(void)r;
	while (!(REG32(MU_SR) & MU_SR_TE(MU_KICK_CHAN)) && --spin)
		;
	REG32(MU_TR(MU_KICK_CHAN)) = word;
	return spin != 0;
}

/* GIR1 reads 1 until the host takes the previous doorbell (its GIP1). */
static bool imx7d_doorbell(struct cp_rdev *r)
{
	unsigned int spin = 1000000;
	uint32_t cr;

	(void)r;
	while ((REG32(MU_CR) & MU_CR_GIR(MU_KICK_CHAN)) && --spin)
		;
	cr = REG32(MU_CR) & ~MU_CR_GIR_ALL;
	REG32(MU_CR) = cr | MU_CR_GIR(MU_KICK_CHAN);
	return spin != 0;
}
#endif

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

/* ---- faults ------------------------------------------------------------- */

/*
 * Tell the host the core is dead: the crash word on the MU data channel,
 * where imx_rproc looks for it.  The host may not have read our last kick
 * yet; give it a moment, then overwrite it (the crash matters more).
 */
static void report_crash(uint32_t code)
{
	unsigned int spin = 1000000;

	/* logged first: the host may reset the core as soon as it knows */
	cp_log("crash reported to the host (0x%08x), halted",
	       (unsigned int)CRASH_WORD(code));
	while (!(REG32(MU_SR) & MU_SR_TE(MU_KICK_CHAN)) && --spin)
		;
	REG32(MU_TR(MU_KICK_CHAN)) = CRASH_WORD(code);
	if (!spin)
		cp_log("(the crash word replaced one the host had not read)");
}

static __attribute__((noreturn)) void park(void)
{
	for (;;)
		__asm__ volatile("wfi");
}

static const char *exception_name(uint32_t exc)
{
	switch (exc) {
	case 3: return "HardFault";
	case 4: return "MemManage";
	case 5: return "BusFault";
	case 6: return "UsageFault";
	default: return "exception";
	}
}

void Default_Handler(void)
{
	uint32_t ipsr;

	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	ipsr &= 0x1ff;
	cp_log("unexpected exception %u", (unsigned int)ipsr);
	report_crash(ipsr);
	park();
}

/* Entered with r0 = the stacked exception frame (see HardFault_Handler). */
void copro_fault(const uint32_t *frame);
void copro_fault(const uint32_t *frame)
{
	uint32_t ipsr;

	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	ipsr &= 0x1ff;
	cp_log("fault: %s (exception %u) at pc 0x%08x lr 0x%08x: cfsr 0x%08x hfsr 0x%08x mmfar 0x%08x bfar 0x%08x",
	       exception_name(ipsr), (unsigned int)ipsr,
	       (unsigned int)frame[6], (unsigned int)frame[5],
	       (unsigned int)REG32(SCB_CFSR), (unsigned int)REG32(SCB_HFSR),
	       (unsigned int)REG32(SCB_MMFAR), (unsigned int)REG32(SCB_BFAR));
	report_crash(ipsr);
	park();
}

/* Every fault comes here, on the stack it interrupted. */
__attribute__((naked)) void HardFault_Handler(void)
{
	__asm__ volatile(
		"tst lr, #4\n\t"
		"ite eq\n\t"
		"mrseq r0, msp\n\t"
		"mrsne r0, psp\n\t"
		"b copro_fault\n\t");
}

void MemManage_Handler(void) __attribute__((alias("HardFault_Handler")));
void BusFault_Handler(void) __attribute__((alias("HardFault_Handler")));
void UsageFault_Handler(void) __attribute__((alias("HardFault_Handler")));

/* Each fault its own exception (they escalate to HardFault otherwise). */
static void faults_init(void)
{
	REG32(SCB_SHCSR) |= SCB_SHCSR_MEMFAULTENA | SCB_SHCSR_BUSFAULTENA |
			    SCB_SHCSR_USGFAULTENA;
	__asm__ volatile("dsb\n\tisb" : : : "memory");
}

/* The control endpoint's "crash": take a real fault, as a bug would. */
static void imx7d_crash(struct cp_rdev *r, unsigned int kind)
{
	volatile uint32_t num = 1, den = 0;
	void (*xn)(void);
	uint32_t q;

	(void)r;
	switch (kind) {
	case CP_CRASH_UDF:
		__asm__ volatile("udf #0xc0" : : : "memory");
		break;
	case CP_CRASH_BUS:
		(void)REG32(COPRO_FAULT_ADDR);
		break;
	case CP_CRASH_XN:
		xn = (void (*)(void))(uintptr_t)(XN_ADDR | 1);
		xn();
		break;
	case CP_CRASH_DIV0:
		REG32(SCB_CCR) |= SCB_CCR_DIV_0_TRP;
		__asm__ volatile("dsb\n\tisb" : : : "memory");
		__asm__ volatile("udiv %0, %1, %2"
				 : "=r"(q) : "r"(num), "r"(den) : "memory");
		(void)q;
		REG32(SCB_CCR) &= ~SCB_CCR_DIV_0_TRP;
		break;
	}
}

static const struct cp_port imx7d_port = {
	.kick = imx7d_kick,
	.da_to_va = imx7d_da_to_va,
	.wait = imx7d_wait,
	.now_ms = imx7d_now_ms,
	.crash = imx7d_crash,
#if COPRO_HOSTILE
	.raw_notify = imx7d_raw_notify,
	.doorbell = imx7d_doorbell,
#endif
};

/* ---- resource table copy for attach -------------------------------------- */

/*
 * When Linux attaches to a core the boot loader started, imx_rproc reads
 * the resource table from the "rsc-table" reserved region instead of the
 * ELF's .resource_table.  Put a copy there at boot, then follow whichever
 * of the two the host brings to DRIVER_OK.
 *
 * Mainline's imx_rproc uses the region as the live table on every boot: it
 * writes its copy there, vring addresses and notify ids filled in, before
 * it starts the core, and sets the status there when its driver is ready,
 * which may be before this code runs.  Copying ours over that would undo
 * the host's work, so a table of ours already in the region stays.  (copro's
 * driver boots from the ELF's table and voids the region's first, so there
 * we always copy.)
 */
static volatile struct fw_rsc_vdev *rsc_copy_vdev;

/*
 * The region holds this firmware's table if all that the firmware alone
 * decides matches: the layout, the device, the features it offers, ring
 * sizes and alignment, fixed ring addresses, the trace buffer.  What the
 * host writes (notify ids, ring addresses we left to it, the features it
 * accepted, the status) may differ.
 */
static int rsc_region_is_ours(const volatile struct copro_rsc_table *c,
			      const struct copro_rsc_table *t)
{
	uint32_t i;

	if (c->ver != t->ver || c->num != t->num ||
	    c->offset[0] != t->offset[0] || c->offset[1] != t->offset[1] ||
	    c->vdev_type != t->vdev_type || c->trace_type != t->trace_type ||
	    c->vdev.id != t->vdev.id || c->vdev.dfeatures != t->vdev.dfeatures ||
	    c->vdev.config_len != t->vdev.config_len ||
	    c->vdev.num_of_vrings != t->vdev.num_of_vrings ||
	    c->trace.da != t->trace.da || c->trace.len != t->trace.len)
		return 0;
	for (i = 0; i < t->vdev.num_of_vrings; i++) {
		const struct fw_rsc_vdev_vring *want = &t->vdev.vring[i];
		const volatile struct fw_rsc_vdev_vring *have = &c->vdev.vring[i];

		if (have->align != want->align || have->num != want->num ||
		    (want->da != FW_RSC_ADDR_ANY && have->da != want->da))
			return 0;
	}
	return 1;
}

static void rsc_copy_init(void)
{
	struct copro_rsc_table *t = &copro_resource_table;
	uint32_t da = COPRO_RSC_COPY_DA;
	volatile uint8_t *dst;
	const uint8_t *src = (const uint8_t *)t;
	volatile struct copro_rsc_table *copy;
	uint32_t i;

	if (!da || !imx7d_da_to_va(NULL, da, sizeof(*t)))
		return;
	copy = (volatile struct copro_rsc_table *)(uintptr_t)da;
	rsc_copy_vdev = &copy->vdev;
	if (rsc_region_is_ours(copy, t)) {
		cp_log("resource table at 0x%08x kept as the host left it (status 0x%02x)",
		       (unsigned int)da, (unsigned int)copy->vdev.status);
		return;
	}
	dst = (volatile uint8_t *)(uintptr_t)da;
	for (i = 0; i < sizeof(*t); i++)
		dst[i] = src[i];
	__asm__ volatile("dmb" : : : "memory");
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

#if COPRO_HOSTILE_RSC
/*
 * copro-hostile-rsc: started by the boot loader, this firmware never
 * serves rpmsg; it keeps breaking and repairing one field after another of
 * the resource table copy Linux attaches through, at random intervals,
 * until it is reset.  Linux must refuse the table or use what it checked,
 * never what it reads again later.
 */
static void rsc_storm(void)
{
	volatile void *copy = (volatile void *)(uintptr_t)COPRO_RSC_COPY_DA;
	struct hostile_rsc_undo undo;
	uint32_t step, spin, rnd = 0x2545f491u;

	if (!rsc_copy_vdev) {
		cp_log("hostile: no resource table copy to rewrite");
		return;
	}
	cp_log("hostile: rewriting the resource table at 0x%08x until reset",
	       (unsigned int)COPRO_RSC_COPY_DA);
	for (step = 0;; step++) {
		hostile_rsc_break(copy, &copro_resource_table, step, &undo);
		rnd = rnd * 1664525u + 1013904223u;
		for (spin = rnd >> 22; spin; spin--)
			__asm__ volatile("nop");
		hostile_rsc_undo(copy, &undo);
		rnd = rnd * 1664525u + 1013904223u;
		for (spin = rnd >> 21; spin; spin--)
			__asm__ volatile("nop");
		if (!(step & 0xfffff))
			cp_log("hostile: %u rewrites", (unsigned int)step);
	}
}
#endif

/* ---- main loop ---------------------------------------------------------- */

/* the vrings kicked since the last call, as bits */
static uint32_t take_kicks(void)
{
	uint32_t kicked;

	irq_disable();
	kicked = kick_pending | kicks_taken;
	kick_pending = 0;
	kicks_taken = 0;
	irq_enable();
	return kicked;
}

#if COPRO_NXP
/*
 * rpmsg-lite's remote is driven by interrupts alone, and takes the link as
 * up at the host's first kick of vring 0, the one Linux sends right after
 * DRIVER_OK.  With vrings at fixed addresses (the SDK's way) it registers
 * its vring handlers at boot; with vrings the host places, it can only
 * create its virtqueues once the host has written their addresses
 * (DRIVER_OK), so its handlers come just after that kick, and the kick is
 * lost in the window above.  Either way it then waits for a kick.
 */
static void __attribute__((noreturn)) nxp_main(void)
{
	bool linked = false;
	uint32_t kicked;

	if (COPRO_VRING0_DA == FW_RSC_ADDR_ANY ||
	    COPRO_VRING1_DA == FW_RSC_ADDR_ANY) {
		/* no interrupt tells it: rpmsg-lite spins on the status */
		while (!(rdev.vdev->status & VIRTIO_CONFIG_S_DRIVER_OK))
			pick_vdev(&rdev);
		cp_log("vrings at 0x%08x and 0x%08x",
		       (unsigned int)rdev.vdev->vring[0].da,
		       (unsigned int)rdev.vdev->vring[1].da);
	}
	vq_handlers = true;
	for (;;) {
		kicked = take_kicks();
		pick_vdev(&rdev);
		if (!linked &&
		    (kicked & (1u << (rdev.vdev->vring[0].notifyid & 31)))) {
			linked = true;
			cp_log("link up at the host's kick; %u kick(s) came before the vring handlers",
			       (unsigned int)kicks_dropped);
		}
		if (linked && kicked)
			cp_poll(&rdev, true);
		sleep();
	}
}
#endif

int main(void)
{
	struct copro_rsc_table *t = &copro_resource_table;
	uint32_t kicked;

	uart_init();
	cp_log_init(copro_trace_buf, t->trace.len, uart_write);
	cp_log(COPRO_FW_NAME " %s on i.MX7D Cortex-M4", COPRO_FW_VERSION);
	cp_log("resource table at 0x%08x, vrings %u x %u entries, trace %u bytes",
	       (unsigned int)(uintptr_t)t, (unsigned int)t->vdev.num_of_vrings,
	       (unsigned int)t->vdev.vring[0].num, (unsigned int)t->trace.len);
	rsc_copy_init();
	cp_log_pin();
	faults_init();
#if COPRO_HOSTILE_RSC
	rsc_storm();
#endif

	cp_init(&rdev, &imx7d_port, &COPRO_APP, &t->vdev);
	mu_init();
	systick_init();
	irq_enable();
#if COPRO_NXP
	nxp_main();
#endif

	for (;;) {
		kicked = take_kicks();
		pick_vdev(&rdev);
		cp_poll(&rdev, kicked != 0);
		sleep();
	}
}
