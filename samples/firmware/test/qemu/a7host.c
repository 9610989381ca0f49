// SPDX-License-Identifier: BSD-3-Clause
/*
 * Emulator smoke test of the i.MX7D firmware without Linux: this program
 * runs bare metal on Cortex-A7 0 of the emulated board and plays the host
 * with the same memory, MU and resource table Linux would use, then prints
 * TAP on UART1 and a final marker line.
 *
 * FW_RSC_A7 and FW_TRACE_A7 (A7 addresses of the firmware's resource table
 * and trace buffer) come from the firmware ELF at build time.
 */
#include <stdint.h>
#include <string.h>

#include "copro.h"
#include "services.h"
#include "bench.h"

#define REG32(a)	(*(volatile uint32_t *)(a))
#define UART1		0x30860000u
#define MU_A		0x30aa0000u
#define MU_TR1		(MU_A + 0x04)
#define MU_RR1		(MU_A + 0x14)
#define MU_SR		(MU_A + 0x20)
#define MU_SR_RF1	(1u << 26)
#define MU_SR_TE1	(1u << 22)

#define SRC_M4RCR	0x3039000cu
#define M4RCR_MASK	0xfu	/* ENABLE_M4, SW_M4P_RST, SW_M4C_RST, NON_SCLR */
#define M4RCR_START	0xeu	/* ENABLE_M4 with both reset pulses */

#define NUM		16
#define ALIGN		4096
#define VRING0		0x9ff00000u
#define VRING1		0x9ff08000u
#define BUFS		0x9fd00000u
/* DDR that is not shared with the M4: Linux's RAM on a real system */
#define FOREIGN_RAM	0x90000000u

void a7_main(void);
void _start(void);

static struct {
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	uint16_t avail_idx, last_used;
} rx, tx;

static int tests, failures;
static uint32_t m4_kicks;

static void mb(void)
{
	__asm__ volatile("dsb sy" : : : "memory");
}

static void putc_uart(char c)
{
	while (REG32(UART1 + 0xb4) & (1u << 4))
		;
	REG32(UART1 + 0x40) = (uint8_t)c;
}

static void puts_uart(const char *s)
{
	while (*s) {
		if (*s == '\n')
			putc_uart('\r');
		putc_uart(*s++);
	}
}

static void put_dec(unsigned int v)
{
	char b[12];
	int n = 0;

	do {
		b[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		putc_uart(b[--n]);
}

static void ok(int cond, const char *what)
{
	tests++;
	if (!cond) {
		failures++;
		puts_uart("not ");
	}
	puts_uart("ok ");
	put_dec((unsigned int)tests);
	puts_uart(" - ");
	puts_uart(what);
	puts_uart("\n");
}

/* the firmware's copy of its resource table for attach (DT rsc-table) */
#define RSC_COPY	0x9ff10000u

static uint32_t rsc_addr = FW_RSC_A7;

static volatile struct copro_rsc_table *rsc(void)
{
	return (volatile struct copro_rsc_table *)rsc_addr;
}

static void kick(uint32_t vq)
{
	unsigned int spin = 1000000;

	while (!(REG32(MU_SR) & MU_SR_TE1) && --spin)
		__asm__ volatile("yield");
	REG32(MU_TR1) = vq << 16;
}

/* Drain the MU word the firmware sent (its kick), counting it. */
static void take_kicks(void)
{
	while (REG32(MU_SR) & MU_SR_RF1) {
		(void)REG32(MU_RR1);
		m4_kicks++;
	}
}

static void ring_init(void)
{
	int i;

	memset((void *)VRING0, 0, vring_bytes(NUM, ALIGN));
	memset((void *)VRING1, 0, vring_bytes(NUM, ALIGN));
	rx.desc = (struct vring_desc *)VRING0;
	rx.avail = (struct vring_avail *)(VRING0 + NUM * 16);
	rx.used = (struct vring_used *)(VRING0 + vring_used_offset(NUM, ALIGN));
	tx.desc = (struct vring_desc *)VRING1;
	tx.avail = (struct vring_avail *)(VRING1 + NUM * 16);
	tx.used = (struct vring_used *)(VRING1 + vring_used_offset(NUM, ALIGN));
	rx.avail_idx = rx.last_used = tx.avail_idx = tx.last_used = 0;
	for (i = 0; i < NUM; i++) {
		rx.desc[i].addr = BUFS + i * RPMSG_BUF_SIZE;
		rx.desc[i].len = RPMSG_BUF_SIZE;
		rx.desc[i].flags = VRING_DESC_F_WRITE;
		rx.avail->ring[i] = (uint16_t)i;
		tx.desc[i].addr = BUFS + (NUM + i) * RPMSG_BUF_SIZE;
	}
	rx.avail_idx = NUM;
	mb();
	rx.avail->idx = NUM;
	/* like virtio_rpmsg_bus: no interrupt for returned TX buffers */
	tx.avail->flags = VRING_AVAIL_F_NO_INTERRUPT;
}

static void host_up(void)
{
	volatile struct copro_rsc_table *t = rsc();

	ring_init();
	t->vdev.vring[0].da = VRING0;
	t->vdev.vring[0].notifyid = 0;
	t->vdev.vring[1].da = VRING1;
	t->vdev.vring[1].notifyid = 1;
	t->vdev.gfeatures = 1;
	mb();
	t->vdev.status = 0x0b;
	mb();
	t->vdev.status = 0x0f;
	mb();
	kick(0);
}

/* Wait for the next message from the firmware; copy it out, repost. */
static int recv(struct rpmsg_hdr *h, uint8_t *data, unsigned int spins)
{
	while (rx.last_used == rx.used->idx) {
		take_kicks();
		if (!spins--)
			return -1;
		/* let the M4 run: QEMU switches vCPUs on a yield */
		__asm__ volatile("yield");
	}
	mb();
	{
		struct vring_used_elem *e = &rx.used->ring[rx.last_used % NUM];
		uint8_t *buf = (uint8_t *)(uintptr_t)(BUFS + e->id * RPMSG_BUF_SIZE);

		memcpy(h, buf, sizeof(*h));
		if (h->len <= RPMSG_MAX_PAYLOAD)
			memcpy(data, buf + sizeof(*h), h->len);
		rx.last_used++;
		rx.avail->ring[rx.avail_idx % NUM] = (uint16_t)e->id;
		rx.avail_idx++;
		mb();
		rx.avail->idx = rx.avail_idx;
	}
	/* like rpmsg_recv_done: tell the device there is a buffer again */
	kick(0);
	take_kicks();
	return 0;
}

static void send(uint32_t src, uint32_t dst, const void *data, uint32_t len)
{
	uint16_t id = tx.avail_idx % NUM;
	uint8_t *buf = (uint8_t *)(uintptr_t)(BUFS + (NUM + id) * RPMSG_BUF_SIZE);
	struct rpmsg_hdr h = { src, dst, 0, (uint16_t)len, 0 };

	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), data, len);
	tx.desc[id].len = sizeof(h) + len;
	tx.desc[id].flags = 0;
	tx.avail->ring[tx.avail_idx % NUM] = id;
	tx.avail_idx++;
	mb();
	tx.avail->idx = tx.avail_idx;
	mb();
	kick(1);
}

static int is_ns(struct rpmsg_hdr *h, uint8_t *d, const char *name,
		 uint32_t addr, uint32_t flags)
{
	struct rpmsg_ns_msg ns;

	if (h->dst != RPMSG_NS_ADDR || h->len != sizeof(ns)) {
		puts_uart("# unexpected message: src ");
		put_dec(h->src);
		puts_uart(" dst ");
		put_dec(h->dst);
		puts_uart(" len ");
		put_dec(h->len);
		puts_uart("\n");
		return 0;
	}
	memcpy(&ns, d, sizeof(ns));
	return !strcmp(ns.name, name) && ns.addr == addr && ns.flags == flags;
}

#define SPINS	2000000u

void a7_main(void)
{
	static uint8_t d[RPMSG_BUF_SIZE];
	struct rpmsg_hdr h;
	const char *trace = (const char *)FW_TRACE_A7;
	int i, good;

	puts_uart("\nCOPRO-A7HOST-BEGIN\n");
	/* what imx_rproc's start does: release the M4 through the SRC */
	REG32(SRC_M4RCR) = (REG32(SRC_M4RCR) & ~M4RCR_MASK) | M4RCR_START;
	host_up();
	good = 0;
	good += !recv(&h, d, SPINS) && is_ns(&h, d, "rpmsg-client-sample", 0x400, 0);
	good += !recv(&h, d, SPINS) && is_ns(&h, d, "rpmsg-tty", 0x401, 0);
	good += !recv(&h, d, SPINS) && is_ns(&h, d, "rpmsg-raw", 0x402, 0);
	good += !recv(&h, d, SPINS) && is_ns(&h, d, "rpmsg-bench", 0x403, 0);
	ok(good == 4, "four NS announcements after DRIVER_OK");
	ok(m4_kicks > 0, "the firmware kicked the MU");

	send(0x400, 0x401, "hello", 5);
	ok(!recv(&h, d, SPINS) && h.src == 0x401 && h.dst == 0x400 &&
	   h.len == 12 && !memcmp(d, "TTY 0: hello", 12), "tty echo 'TTY 0: hello'");
	send(0x405, 1, "x", 1);
	ok(!recv(&h, d, SPINS) && h.src == 1 && h.dst == 0x405 &&
	   h.len == 18 && !memcmp(d, "from ept 0x0001: x", 18), "endpoint 0x1 echo");

	good = 0;
	for (i = 0; i < 100; i++) {
		send(0x400, 0x400, "hello world!", 12);
		good += !recv(&h, d, SPINS) && h.len == 12 && !memcmp(d, "hello world!", 12);
	}
	ok(good == 100, "client sample: 100 replies");
	ok(!recv(&h, d, SPINS) && is_ns(&h, d, "rpmsg-client-sample", 0x400, 1),
	   "client sample: NS destroy after 100");

	/* buffers in DDR outside the shared window (Linux's own RAM) */
	for (i = 0; i < NUM; i++)
		rx.desc[i].addr = FOREIGN_RAM + i * RPMSG_BUF_SIZE;
	memset((void *)FOREIGN_RAM, 0xa5, NUM * RPMSG_BUF_SIZE);
	mb();
	send(0x400, 0x402, "ping", 4);
	good = recv(&h, d, SPINS / 10) != 0;
	for (i = 0; i < NUM * RPMSG_BUF_SIZE; i++)
		good &= ((volatile uint8_t *)FOREIGN_RAM)[i] == 0xa5;
	ok(good && strstr(trace, "is not usable") != NULL,
	   "buffers outside the vring and buffer regions are refused, not written");

	/* a virtio reset is not kicked: the firmware notices it by itself */
	rsc()->vdev.status = 0;
	mb();
	for (i = 0; i < 20 && !strstr(trace, "host reset the device"); i++)
		recv(&h, d, SPINS / 10);
	ok(strstr(trace, "host reset the device") != NULL,
	   "status reset noticed without a kick");
	host_up();
	good = 0;
	for (i = 0; i < 4; i++)
		good += !recv(&h, d, SPINS) && h.dst == RPMSG_NS_ADDR;
	ok(good == 4, "announcements again after a restart");
	send(0x400, 0x402, "ping", 4);
	ok(!recv(&h, d, SPINS) && h.len == 21 && !memcmp(d, "from ept 0x0402: ping", 21),
	   "rpmsg-raw echo after the restart");

	/* bench source: more messages than the ring holds */
	{
		struct bench_source_req req = { 40, 100 };
		struct bench_hdr bh = { BENCH_MAGIC, BENCH_OP_SOURCE, 0,
					sizeof(req), 7000, 0 };
		uint8_t msg[sizeof(bh) + sizeof(req)];
		int ndata = 0, bad = 0, done = 0;
		uint32_t seq = 7000;

		bh.crc = cp_crc32(0, &req, sizeof(req));
		memcpy(msg, &bh, sizeof(bh));
		memcpy(msg + sizeof(bh), &req, sizeof(req));
		send(0x400, 0x403, msg, sizeof(msg));
		while (!done && !recv(&h, d, SPINS)) {
			memcpy(&bh, d, sizeof(bh));
			if (bh.magic != BENCH_MAGIC ||
			    bh.crc != cp_crc32(0, d + sizeof(bh), bh.len))
				bad++;
			if (bh.op == BENCH_OP_DONE) {
				done = 1;
			} else if (bh.op == BENCH_OP_DATA) {
				if (bh.seq != seq++ || bh.len != 100 ||
				    d[sizeof(bh) + 5] != (uint8_t)(bh.seq + 5))
					bad++;
				ndata++;
			}
		}
		ok(done && ndata == 40 && !bad,
		   "bench source: 40 DATA in order with good CRCs, then DONE");
	}

	/* attach: the host uses the copy in the rsc-table region instead */
	rsc()->vdev.status = 0;
	mb();
	for (i = 0; i < 20 && recv(&h, d, SPINS / 10); i++)
		;
	ok(rsc()->ver == 1 &&
	   ((volatile struct copro_rsc_table *)RSC_COPY)->ver == 1 &&
	   ((volatile struct copro_rsc_table *)RSC_COPY)->vdev.id == 7,
	   "resource table copy at 0x9ff10000");
	rsc_addr = RSC_COPY;
	host_up();
	good = 0;
	for (i = 0; i < 4; i++)
		good += !recv(&h, d, SPINS) && h.dst == RPMSG_NS_ADDR;
	ok(good == 4, "attach: the firmware follows the copied table");
	send(0x400, 0x401, "att", 3);
	ok(!recv(&h, d, SPINS) && h.len == 10 && !memcmp(d, "TTY 0: att", 10),
	   "attach: tty echo");

	puts_uart("# firmware trace buffer:\n");
	for (i = 0; i < 4096 && trace[i]; i++) {
		if (i == 0 || trace[i - 1] == '\n')
			puts_uart("#   ");
		putc_uart(trace[i]);
	}
	puts_uart("1..");
	put_dec((unsigned int)tests);
	puts_uart("\nCOPRO-A7HOST-END ");
	put_dec((unsigned int)failures);
	puts_uart("\n");
	for (;;)
		__asm__ volatile("wfi");
}

__attribute__((naked, section(".text.start"))) void _start(void)
{
	__asm__ volatile(
		"ldr sp, =__stack_top\n\t"
		"ldr r0, =__bss_start\n\t"
		"ldr r1, =__bss_end\n\t"
		"mov r2, #0\n"
		"1:\tcmp r0, r1\n\t"
		"strlo r2, [r0], #4\n\t"
		"blo 1b\n\t"
		"b a7_main\n\t");
}
