// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit test for the portable firmware core: this program plays the
 * Linux side (remoteproc + virtio_rpmsg_bus) against the real core and
 * services, in one process, and prints TAP.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "copro.h"
#include "hostile.h"
#include "services.h"
#include "bench.h"
#include "log.h"

/* ---- TAP ---------------------------------------------------------------- */

static int tap_n, tap_failed;

static int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		tap_failed++;
	return cond;
}

static void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* ---- shared memory: what the host allocated, at device address SHM_DA --- */

#define SHM_DA		0x80000000u
#define SHM_SIZE	(256 * 1024)
#define NUM		16
#define ALIGN		4096
#define VRING0_OFF	0x0000
#define VRING1_OFF	0x4000
#define BUFS_OFF	0x8000	/* 2 * NUM buffers of 512 */

static uint8_t shm[SHM_SIZE] __attribute__((aligned(4096)));

static void *test_da_to_va(struct cp_rdev *r, uint64_t da, uint32_t len)
{
	(void)r;
	if (da < SHM_DA || da - SHM_DA > SHM_SIZE ||
	    len > SHM_SIZE - (da - SHM_DA))
		return NULL;
	return shm + (da - SHM_DA);
}

/* ---- the emulated host virtio driver ------------------------------------ */

struct hvq {
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	uint16_t avail_idx;
	uint16_t last_used;
	uint16_t free_head[NUM];
	int nfree;
};

static struct hvq hrx;	/* vring 0: host receives */
static struct hvq htx;	/* vring 1: host sends */
static volatile struct fw_rsc_vdev *vdev = &copro_resource_table.vdev;

struct msg {
	uint32_t src, dst, len;
	uint8_t data[RPMSG_BUF_SIZE];
};

#define QMAX 1024
static struct msg q[QMAX];
static int q_head, q_tail;
static int kicks[4];
static bool host_recycles = true;
static uint32_t last_used_len;	/* of the last host RX buffer returned */
static int bad_ids;		/* host RX used entries naming no buffer */

static void hvq_init(struct hvq *h, uint32_t off)
{
	uint8_t *base = shm + off;

	memset(base, 0, vring_bytes(NUM, ALIGN));
	memset(h, 0, sizeof(*h));
	h->desc = (struct vring_desc *)base;
	h->avail = (struct vring_avail *)(base + NUM * sizeof(struct vring_desc));
	h->used = (struct vring_used *)(base + vring_used_offset(NUM, ALIGN));
}

static uint32_t buf_da(int i)
{
	return SHM_DA + BUFS_OFF + i * RPMSG_BUF_SIZE;
}

static void post_rx(uint16_t id)
{
	hrx.avail->ring[hrx.avail_idx % NUM] = id;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	hrx.avail->idx = ++hrx.avail_idx;
}

/* Collect what the firmware put in vring 0 and give the buffers back. */
static int host_collect(void)
{
	int n = 0;

	while (host_recycles && hrx.last_used != hrx.used->idx) {
		struct vring_used_elem *e = &hrx.used->ring[hrx.last_used % NUM];
		struct rpmsg_hdr *h;
		struct msg *m;

		hrx.last_used++;
		last_used_len = e->len;
		if (e->id >= NUM) {
			diag("firmware used bad id %u", e->id);
			bad_ids++;
			continue;
		}
		h = (struct rpmsg_hdr *)(shm + BUFS_OFF + e->id * RPMSG_BUF_SIZE);
		if (e->len != RPMSG_HDR_SIZE + h->len || h->len > RPMSG_MAX_PAYLOAD)
			diag("firmware used len %u for payload %u", e->len,
			     h->len);
		if ((q_tail + 1) % QMAX != q_head) {
			m = &q[q_tail];
			m->src = h->src;
			m->dst = h->dst;
			m->len = h->len;
			memcpy(m->data, (uint8_t *)h + RPMSG_HDR_SIZE,
			       h->len <= RPMSG_MAX_PAYLOAD ? h->len : 0);
			q_tail = (q_tail + 1) % QMAX;
		}
		post_rx(e->id);
		n++;
	}
	/* reclaim our TX buffers */
	while (htx.last_used != htx.used->idx) {
		struct vring_used_elem *e = &htx.used->ring[htx.last_used % NUM];

		htx.last_used++;
		/* a hostile firmware may return more than we sent */
		if (e->id < NUM && htx.nfree < NUM)
			htx.free_head[htx.nfree++] = e->id;
	}
	return n;
}

static void test_kick(struct cp_rdev *r, uint32_t notifyid)
{
	(void)r;
	if (notifyid < 4)
		kicks[notifyid]++;
}

static int test_wait(struct cp_rdev *r)
{
	(void)r;
	if (!host_recycles)
		return -1;
	return host_collect() ? 0 : -1;
}

/* the port's fault hook: remembered, no fault taken */
static unsigned int crashed;

static void test_crash(struct cp_rdev *r, unsigned int kind)
{
	(void)r;
	crashed = kind;
}

static int raw_words, doorbells;
static uint32_t last_word;

static bool test_raw_notify(struct cp_rdev *r, uint32_t word)
{
	(void)r;
	raw_words++;
	last_word = word;
	return true;
}

static bool test_doorbell(struct cp_rdev *r)
{
	(void)r;
	doorbells++;
	return true;
}

static const struct cp_port test_port = {
	.kick = test_kick,
	.da_to_va = test_da_to_va,
	.wait = test_wait,
	.crash = test_crash,
	.raw_notify = test_raw_notify,
	.doorbell = test_doorbell,
};

static struct cp_rdev rdev;

static int poll_fw(void)
{
	int n = cp_poll(&rdev, true);

	host_collect();
	return n;
}

static int qlen(void)
{
	return (q_tail - q_head + QMAX) % QMAX;
}

static struct msg *qpop(void)
{
	struct msg *m;

	if (q_head == q_tail)
		return NULL;
	m = &q[q_head];
	q_head = (q_head + 1) % QMAX;
	return m;
}

static void qclear(void)
{
	q_head = q_tail = 0;
}

/* host_send with full control over the descriptor, for hostile tests */
static void host_send_raw(uint32_t src, uint32_t dst, const void *data,
			  uint32_t len, uint32_t hdr_len, uint32_t desc_len,
			  uint64_t desc_addr, uint16_t flags)
{
	struct rpmsg_hdr *h;
	uint16_t id;

	host_collect();
	if (!htx.nfree) {
		diag("host has no free TX descriptor");
		return;
	}
	id = htx.free_head[--htx.nfree];
	h = (struct rpmsg_hdr *)(shm + BUFS_OFF + (NUM + id) * RPMSG_BUF_SIZE);
	h->src = src;
	h->dst = dst;
	h->reserved = 0;
	h->len = (uint16_t)hdr_len;
	h->flags = 0;
	memcpy((uint8_t *)h + RPMSG_HDR_SIZE, data, len);
	htx.desc[id].addr = desc_addr ? desc_addr : buf_da(NUM + id);
	htx.desc[id].len = desc_len;
	htx.desc[id].flags = flags;
	htx.desc[id].next = 0;
	htx.avail->ring[htx.avail_idx % NUM] = id;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	htx.avail->idx = ++htx.avail_idx;
}

static void host_send(uint32_t src, uint32_t dst, const void *data,
		      uint32_t len)
{
	host_send_raw(src, dst, data, len, len, RPMSG_HDR_SIZE + len, 0, 0);
}

/* send and poll, return the first reply (or NULL) */
static struct msg *xfer(uint32_t src, uint32_t dst, const void *data,
			uint32_t len)
{
	qclear();
	host_send(src, dst, data, len);
	poll_fw();
	return qpop();
}

static bool msg_is(struct msg *m, uint32_t src, uint32_t dst, const char *s,
		   uint32_t len)
{
	return m && m->src == src && m->dst == dst && m->len == len &&
	       !memcmp(m->data, s, len);
}

static bool msg_str(struct msg *m, uint32_t src, uint32_t dst, const char *s)
{
	return msg_is(m, src, dst, s, strlen(s));
}

/* What the host does between rproc start and DRIVER_OK. */
static void host_bring_up(uint32_t gfeatures)
{
	int i;

	vdev->status = 0;
	cp_poll(&rdev, false);
	hvq_init(&hrx, VRING0_OFF);
	hvq_init(&htx, VRING1_OFF);
	for (i = 0; i < NUM; i++) {
		hrx.desc[i].addr = buf_da(i);
		hrx.desc[i].len = RPMSG_BUF_SIZE;
		hrx.desc[i].flags = VRING_DESC_F_WRITE;
		post_rx(i);
		htx.free_head[htx.nfree++] = NUM - 1 - i;
	}
	vdev->vring[0].da = SHM_DA + VRING0_OFF;
	vdev->vring[0].notifyid = 0;
	vdev->vring[1].da = SHM_DA + VRING1_OFF;
	vdev->vring[1].notifyid = 1;
	vdev->gfeatures = gfeatures;
	vdev->status = VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
		       VIRTIO_CONFIG_S_FEATURES_OK;
	qclear();
}

static void host_driver_ok(void)
{
	vdev->status |= VIRTIO_CONFIG_S_DRIVER_OK;
}

static bool is_ns(struct msg *m, const char *name, uint32_t addr,
		  uint32_t flags)
{
	struct rpmsg_ns_msg ns;

	if (!m || m->dst != RPMSG_NS_ADDR || m->len != sizeof(ns))
		return false;
	memcpy(&ns, m->data, sizeof(ns));
	return !strcmp(ns.name, name) && ns.addr == addr &&
	       ns.flags == flags && m->src == addr;
}

static void send_ns(const char *name, uint32_t addr, uint32_t flags)
{
	struct rpmsg_ns_msg ns;

	memset(&ns, 0, sizeof(ns));
	strncpy(ns.name, name, sizeof(ns.name));
	ns.addr = addr;
	ns.flags = flags;
	host_send(addr, RPMSG_NS_ADDR, &ns, sizeof(ns));
}

static bool trace_has(const char *s)
{
	return strstr(copro_trace_buf, s) != NULL;
}

/* ---- bench helpers ------------------------------------------------------ */

static uint32_t bench_build(uint8_t *buf, uint8_t op, uint32_t seq,
			    const void *payload, uint32_t len)
{
	struct bench_hdr h = { BENCH_MAGIC, op, 0, (uint16_t)len, seq, 0 };

	h.crc = cp_crc32(0, payload, len);
	memcpy(buf, &h, sizeof(h));
	if (len)
		memcpy(buf + sizeof(h), payload, len);
	return sizeof(h) + len;
}

static bool bench_valid(struct msg *m, struct bench_hdr *h)
{
	if (!m || m->len < BENCH_HDR_SIZE)
		return false;
	memcpy(h, m->data, sizeof(*h));
	return h->magic == BENCH_MAGIC &&
	       h->len == m->len - BENCH_HDR_SIZE &&
	       h->crc == cp_crc32(0, m->data + BENCH_HDR_SIZE, h->len);
}

/* ---- tests -------------------------------------------------------------- */

static void test_fmt(void)
{
	char b[64];

	cp_snprintf(b, sizeof(b), "TTY %u: %s|%04x|%-3d|%5s|%x|%d|%c%%", 12u,
		    "x", 0x402u, 7, "ab", 0xdeadbeefu, -42, 'q');
	ok(!strcmp(b, "TTY 12: x|0402|7  |   ab|deadbeef|-42|q%"),
	   "formatter: '%s'", b);
	ok(cp_snprintf(b, 4, "%s", "abcdef") == 6 && !strcmp(b, "abc"),
	   "formatter truncates and terminates");
	ok(cp_crc32(0, "123456789", 9) == 0xcbf43926,
	   "CRC-32 check value of \"123456789\" is 0xcbf43926");
}

static void test_rsc_table(void)
{
	struct copro_rsc_table *t = &copro_resource_table;
	struct fw_rsc_trace *tr;
	uint8_t *base = (uint8_t *)t;

	ok(t->ver == 1 && t->num == 2 && !t->reserved[0] && !t->reserved[1],
	   "resource table: version 1, two entries");
	ok(*(uint32_t *)(base + t->offset[0]) == RSC_VDEV &&
	   *(uint32_t *)(base + t->offset[1]) == RSC_TRACE,
	   "offsets point at a VDEV and a TRACE entry");
	ok(sizeof(struct fw_rsc_vdev) == 24 + 2 * 20 &&
	   sizeof(struct fw_rsc_trace) == 44 && sizeof(struct rpmsg_hdr) == 16 &&
	   sizeof(struct rpmsg_ns_msg) == 40,
	   "struct layouts match Linux (vdev 64, trace 44, hdr 16, ns 40)");
	ok(t->vdev.id == VIRTIO_ID_RPMSG && t->vdev.dfeatures == 1 &&
	   t->vdev.num_of_vrings == 2 && !t->vdev.config_len &&
	   !t->vdev.status && !t->vdev.reserved[0] && !t->vdev.reserved[1],
	   "vdev: rpmsg, NS feature, 2 vrings, status 0");
	ok(t->vdev.vring[0].num == 16 && t->vdev.vring[1].num == 16 &&
	   t->vdev.vring[0].align == 4096 &&
	   t->vdev.vring[0].da == FW_RSC_ADDR_ANY &&
	   t->vdev.vring[1].da == FW_RSC_ADDR_ANY,
	   "vrings: 16 entries, 4096 aligned, host-allocated");
	tr = (struct fw_rsc_trace *)(base + t->offset[1] + 4);
	ok(tr->len == 4096 && !tr->reserved && !strcmp((char *)tr->name, "trace"),
	   "trace entry: 4096 bytes named 'trace'");
}

static void test_bring_up(void)
{
	struct msg *m;
	int n;

	cp_init(&rdev, &test_port, &copro_services, vdev);
	cp_log("test banner");
	cp_log_pin();

	/* vrings not yet set and no DRIVER_OK: the core must not look */
	vdev->vring[0].da = 0xdeadbeef;
	vdev->status = VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER;
	n = cp_poll(&rdev, true);
	ok(n == 0 && !cp_link_up(&rdev), "no link before DRIVER_OK");

	host_bring_up(1);
	cp_poll(&rdev, false);
	host_collect();
	ok(qlen() == 0, "nothing sent before DRIVER_OK");

	host_driver_ok();
	cp_poll(&rdev, false);
	host_collect();
	ok(cp_link_up(&rdev), "link up on DRIVER_OK (noticed by polling)");
	ok(qlen() == 4, "four announcements (got %d)", qlen());
	ok(is_ns(qpop(), "rpmsg-client-sample", 0x400, 0),
	   "NS create rpmsg-client-sample at 0x400");
	ok(is_ns(qpop(), "rpmsg-tty", 0x401, 0), "NS create rpmsg-tty at 0x401");
	ok(is_ns(qpop(), "rpmsg-raw", 0x402, 0), "NS create rpmsg-raw at 0x402");
	ok(is_ns(qpop(), "rpmsg-bench", 0x403, 0),
	   "NS create rpmsg-bench at 0x403");
	ok(kicks[0] > 0, "host notified on vring 0");
	poll_fw();
	poll_fw();
	ok(qlen() == 0, "announcements not repeated on later kicks");
	m = xfer(0x400, 0x400, "x", 1);
	ok(m != NULL, "firmware answers after bring-up");
	ok(trace_has("announced 'rpmsg-tty' at 0x401"),
	   "trace buffer logs the announcements");
}

static void test_client_sample(void)
{
	struct msg *m;
	int i, good = 0;

	/* one message was already exchanged by test_bring_up */
	for (i = 1; i < 100; i++) {
		qclear();
		host_send(0x400, 0x400, "hello world!", 12);
		poll_fw();
		m = qpop();
		if (msg_str(m, 0x400, 0x400, "hello world!"))
			good++;
		if (i < 99 && qlen())
			diag("unexpected extra message after %d", i);
	}
	ok(good == 99, "rpmsg-client-sample echoes each message (%d/99)", good);
	m = qpop();
	ok(is_ns(m, "rpmsg-client-sample", 0x400, RPMSG_NS_DESTROY),
	   "after 100 messages the channel is destroyed (NS destroy)");
	ok(qlen() == 0, "nothing else sent");
	m = xfer(0x400, 0x400, "late", 4);
	ok(m == NULL && trace_has("unknown endpoint 0x400"),
	   "message 101 is dropped and logged");
}

static void test_echo_services(void)
{
	struct msg *m;
	static char big[RPMSG_MAX_PAYLOAD];

	m = xfer(0x401, 0x401, "hello", 5);
	ok(msg_str(m, 0x401, 0x401, "TTY 0: hello"), "rpmsg-tty echoes 'TTY 0: hello'");
	m = xfer(0x402, 0x402, "ping", 4);
	ok(msg_str(m, 0x402, 0x402, "from ept 0x0402: ping"),
	   "rpmsg-raw echoes 'from ept 0x0402: ping'");
	m = xfer(0x405, 1, "a", 1);
	ok(msg_str(m, 1, 0x405, "from ept 0x0001: a"),
	   "endpoint 0x1 answers sender 0x405");
	m = xfer(0x406, 1, "b", 1);
	ok(msg_str(m, 1, 0x406, "from ept 0x0001: b"),
	   "endpoint 0x1 answers sender 0x406");
	m = xfer(0x407, 1, "c", 1);
	ok(msg_str(m, 1, 0x407, "from ept 0x0001: c"),
	   "endpoint 0x1 answers sender 0x407");
	memset(big, 'z', sizeof(big));
	m = xfer(0x401, 0x401, big, sizeof(big));
	ok(m && m->len == RPMSG_MAX_PAYLOAD && !memcmp(m->data, "TTY 0: zz", 9),
	   "a full-size tty write is echoed truncated to the MTU");
	m = xfer(0x401, 0x401, "", 0);
	ok(msg_str(m, 0x401, 0x401, "TTY 0: "), "an empty message gets the bare prefix");
}

/* the control endpoint of the standard firmware */
static void test_control(void)
{
	static const char *const kinds[] = { "udf", "bus", "xn", "div0" };
	char cmd[80], want[80];
	struct msg *m;
	unsigned int k;

	crashed = 0;
	m = xfer(0x480, SVC_CONTROL_ADDR, "ping", 4);
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, "done ping"),
	   "control: 'ping' is answered 'done ping' from 0x3");
	m = xfer(0x481, SVC_CONTROL_ADDR, " ping\n", 6);
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x481, "done ping"),
	   "control: blanks and a newline around a command do not matter");
	m = xfer(0x480, SVC_CONTROL_ADDR, "frob 1", 6);
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, "error frob: unknown command"),
	   "control: an unknown command is refused by name");
	m = xfer(0x480, SVC_CONTROL_ADDR, "used-id 99 0", 12);
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, "error used-id: unknown command"),
	   "control: the standard firmware has no hostile commands");
	ok(!crashed, "control: none of that crashed");

	qclear();
	host_send(0x480, SVC_CONTROL_ADDR, "crash", 5);
	poll_fw();
	m = qpop();
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, "crashing udf") &&
	   crashed == CP_CRASH_UDF,
	   "control: 'crash' says 'crashing udf', then the port faults (udf)");
	m = qpop();
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, "error crash udf: no fault taken"),
	   "control: a port that took no fault says so");
	for (k = 0; k < 4; k++) {
		crashed = 0;
		snprintf(cmd, sizeof(cmd), "crash %s", kinds[k]);
		snprintf(want, sizeof(want), "crashing %s", kinds[k]);
		m = xfer(0x480, SVC_CONTROL_ADDR, cmd, strlen(cmd));
		ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, want) &&
		   crashed == CP_CRASH_UDF + k,
		   "control: '%s' takes fault kind %u", cmd, CP_CRASH_UDF + k);
	}
	crashed = 0;
	m = xfer(0x480, SVC_CONTROL_ADDR, "crash soon", 10);
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480,
		   "error crash: kind is udf, bus, xn or div0") && !crashed,
	   "control: an unknown fault kind is refused, no crash");
	memset(cmd, 'p', 65);
	m = xfer(0x480, SVC_CONTROL_ADDR, cmd, 65);
	ok(m && m->src == SVC_CONTROL_ADDR &&
	   !memcmp(m->data, "error: more than 64 bytes", 25),
	   "control: a command of 65 bytes is refused");
	m = xfer(0x480, SVC_CONTROL_ADDR, "a b c d e f g", 13);
	ok(m && !memcmp(m->data, "error: more than", 16),
	   "control: a command of 7 words is refused");
	m = xfer(0x401, 0x401, "still", 5);
	ok(msg_str(m, 0x401, 0x401, "TTY 0: still"),
	   "control: the services are untouched");
}

static void test_host_channels(void)
{
	struct msg *m;
	uint32_t a1, a2, a3;

	qclear();
	send_ns("rpmsg-tty", 257, RPMSG_NS_CREATE);
	poll_fw();
	m = qpop();
	ok(m && m->dst == 257 && m->len == 5 && !memcmp(m->data, "bound", 5),
	   "host-created rpmsg-tty 257 gets 'bound'");
	a1 = m ? m->src : 0;
	ok(a1 == 0x400, "it reuses the freed address 0x400 (got 0x%x)", a1);
	m = xfer(257, a1, "hi", 2);
	ok(msg_str(m, a1, 257, "TTY 1: hi"), "second tty answers 'TTY 1: hi'");
	m = xfer(0x401, 0x401, "yo", 2);
	ok(msg_str(m, 0x401, 0x401, "TTY 0: yo"), "first tty still 'TTY 0'");

	qclear();
	send_ns("rpmsg-tty", 258, RPMSG_NS_CREATE);
	poll_fw();
	m = qpop();
	a2 = m ? m->src : 0;
	ok(m && m->dst == 258 && a2 == 0x404, "third tty bound at 0x404");
	m = xfer(258, a2, "x", 1);
	ok(msg_str(m, a2, 258, "TTY 2: x"), "third tty answers 'TTY 2: x'");

	qclear();
	send_ns("my-chan", 259, RPMSG_NS_CREATE);
	poll_fw();
	m = qpop();
	a3 = m ? m->src : 0;
	ok(m && m->dst == 259 && m->len == 5 && !memcmp(m->data, "bound", 5),
	   "other host channel gets 'bound'");
	m = xfer(259, a3, "plain", 5);
	ok(msg_str(m, a3, 259, "plain"), "other host channel echoes plainly");

	qclear();
	send_ns("rpmsg-tty", 257, RPMSG_NS_CREATE);
	poll_fw();
	ok(qlen() == 0 && trace_has("already bound"),
	   "duplicate create is ignored and logged");

	qclear();
	send_ns("rpmsg-tty", 257, RPMSG_NS_DESTROY);
	poll_fw();
	m = xfer(257, a1, "gone", 4);
	ok(m == NULL, "after NS destroy the endpoint is gone");
	send_ns("rpmsg-tty", 999, RPMSG_NS_DESTROY);
	poll_fw();
	ok(trace_has("unknown channel 'rpmsg-tty' 0x3e7"),
	   "destroy of an unknown channel is logged");
	send_ns("my-chan", 259, RPMSG_NS_DESTROY);
	send_ns("rpmsg-tty", 258, RPMSG_NS_DESTROY);
	poll_fw();
	m = xfer(258, a2, "x", 1);
	ok(m == NULL, "all host channels released");
}

static void test_bench(void)
{
	uint8_t buf[RPMSG_BUF_SIZE], data[BENCH_MAX_DATA];
	struct bench_source_req req;
	struct bench_report rep;
	struct bench_hdr h;
	struct msg *m;
	uint32_t len, i, seq;
	int ndata = 0, bad = 0;
	bool done = false;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 7);
	len = bench_build(buf, BENCH_OP_ECHO, 5, data, 16);
	m = xfer(0x500, 0x403, buf, len);
	ok(m && m->len == len && !memcmp(m->data, buf, len) && m->src == 0x403,
	   "bench echo returns the identical message");
	len = bench_build(buf, BENCH_OP_ECHO, 6, data, BENCH_MAX_DATA);
	m = xfer(0x500, 0x403, buf, len);
	ok(m && m->len == RPMSG_MAX_PAYLOAD && !memcmp(m->data, buf, len),
	   "bench echo of the largest payload (%u bytes)", BENCH_MAX_DATA);
	m = xfer(0x500, SVC_FIXED_BENCH_ADDR, buf, len);
	ok(m && m->src == 2 && !memcmp(m->data, buf, len),
	   "bench also answers at fixed address 0x2");
	buf[BENCH_HDR_SIZE + 3] ^= 1;
	m = xfer(0x500, 0x403, buf, len);
	ok(bench_valid(m, &h) && h.op == BENCH_OP_ERROR &&
	   ((uint32_t *)(m->data + BENCH_HDR_SIZE))[0] == BENCH_ERR_CRC,
	   "bench echo with a bad CRC gets ERROR(crc)");

	len = bench_build(buf, BENCH_OP_SINK_RESET, 100, NULL, 0);
	m = xfer(0x500, 0x403, buf, len);
	ok(bench_valid(m, &h) && h.op == BENCH_OP_REPORT, "sink reset is acknowledged");
	for (seq = 100; seq < 150; seq++) {
		uint32_t s = seq == 120 ? 500 : seq;	/* one gap */

		len = bench_build(buf, BENCH_OP_SINK, s, data, seq % 300);
		if (seq == 130)
			buf[BENCH_HDR_SIZE] ^= 0x80;	/* one corruption */
		qclear();
		host_send(0x500, 0x403, buf, len);
		poll_fw();
		if (qlen())
			bad++;
	}
	ok(!bad, "sink sends no replies");
	len = bench_build(buf, BENCH_OP_SINK_REPORT, 1, NULL, 0);
	m = xfer(0x500, 0x403, buf, len);
	memset(&rep, 0, sizeof(rep));
	if (bench_valid(m, &h) && h.op == BENCH_OP_REPORT)
		memcpy(&rep, m->data + BENCH_HDR_SIZE, sizeof(rep));
	/* the gap counts at 500 and at 121, the bad CRC one at 131 */
	ok(rep.received == 49 && rep.bad_crc == 1 && rep.seq_errors == 3 &&
	   rep.next_seq == 150,
	   "sink report: 49 good, 1 bad CRC, 3 sequence errors (got %u/%u/%u next %u)",
	   rep.received, rep.bad_crc, rep.seq_errors, rep.next_seq);

	req.count = 40;
	req.size = 100;
	len = bench_build(buf, BENCH_OP_SOURCE, 1000, &req, sizeof(req));
	qclear();
	host_send(0x500, 0x403, buf, len);
	seq = 1000;
	for (i = 0; i < 20 && !done; i++) {
		poll_fw();
		while ((m = qpop())) {
			uint32_t k;

			if (!bench_valid(m, &h)) {
				bad++;
				continue;
			}
			if (h.op == BENCH_OP_DONE) {
				done = true;
				continue;
			}
			if (h.op != BENCH_OP_DATA || h.seq != seq || h.len != 100)
				bad++;
			for (k = 0; k < h.len; k++)
				if (m->data[BENCH_HDR_SIZE + k] != (uint8_t)(seq + k))
					bad++;
			seq++;
			ndata++;
		}
	}
	ok(ndata == 40 && done && !bad,
	   "source sends 40 DATA in sequence with good CRCs, then DONE (%d, %d bad)",
	   ndata, bad);

	req.size = 1000;
	len = bench_build(buf, BENCH_OP_SOURCE, 1, &req, sizeof(req));
	m = xfer(0x500, 0x403, buf, len);
	ok(bench_valid(m, &h) && h.op == BENCH_OP_ERROR, "source with too big a size is refused");
	len = bench_build(buf, 0x55, 1, NULL, 0);
	m = xfer(0x500, 0x403, buf, len);
	ok(bench_valid(m, &h) && h.op == BENCH_OP_ERROR, "unknown bench op is refused");
	m = xfer(0x500, 0x403, "short", 5);
	ok(bench_valid(m, &h) && h.op == BENCH_OP_ERROR, "runt bench message is refused");

	/* host buffers too short for a bench header: nothing written past them */
	for (i = 0; i < NUM; i++) {
		hrx.desc[i].len = RPMSG_HDR_SIZE + 8;
		memset(shm + BUFS_OFF + i * RPMSG_BUF_SIZE + RPMSG_HDR_SIZE + 8,
		       0xa5, BENCH_HDR_SIZE);
	}
	m = xfer(0x500, 0x403, "short", 5);	/* answered by an ERROR */
	for (i = 0; i < NUM * BENCH_HDR_SIZE; i++)
		bad += shm[BUFS_OFF + i / BENCH_HDR_SIZE * RPMSG_BUF_SIZE +
			   RPMSG_HDR_SIZE + 8 + i % BENCH_HDR_SIZE] != 0xa5;
	ok(!bad && m && m->len == 0,
	   "a host buffer shorter than a bench header gets an empty message, nothing past it (%d bytes overwritten)",
	   bad);
	for (i = 0; i < NUM; i++)
		hrx.desc[i].len = RPMSG_BUF_SIZE;
}

static void test_hostile(void)
{
	struct msg *m;
	uint32_t dropped = rdev.stats.dropped;
	uint16_t saved;
	int i;

	qclear();
	host_send_raw(0x401, 0x401, "abc", 3, 200, RPMSG_HDR_SIZE + 3, 0, 0);
	poll_fw();
	ok(qlen() == 0 && trace_has("exceeds its"),
	   "rpmsg len larger than the buffer: dropped and logged");
	host_send_raw(0x401, 0x401, "abc", 3, 3, 4096, 0, 0);
	poll_fw();
	ok(qlen() == 0 && trace_has("out of range"),
	   "descriptor longer than a buffer: dropped");
	host_send_raw(0x401, 0x401, "abc", 3, 3, 8, 0, 0);
	poll_fw();
	ok(qlen() == 0, "descriptor shorter than a header: dropped");
	host_send_raw(0x401, 0x401, "abc", 3, 3, 19, 0x10000000, 0);
	poll_fw();
	ok(qlen() == 0 && trace_has("not usable"),
	   "descriptor address outside shared memory: dropped");
	host_send_raw(0x401, 0x401, "abc", 3, 3, 19,
		      SHM_DA + SHM_SIZE - 8, 0);
	poll_fw();
	ok(qlen() == 0, "descriptor straddling the end of memory: dropped");
	host_send_raw(0x401, 0x401, "abc", 3, 3, 19, 0, VRING_DESC_F_WRITE);
	poll_fw();
	ok(qlen() == 0, "host TX descriptor marked device-writable: dropped");

	/* avail ring entry naming a descriptor past the ring */
	host_collect();
	htx.avail->ring[htx.avail_idx % NUM] = 0xbeef;
	htx.avail->idx = ++htx.avail_idx;
	poll_fw();
	ok(trace_has("descriptor index 48879 out of range"),
	   "out-of-range descriptor index: dropped and logged");
	m = xfer(0x401, 0x401, "ok", 2);
	ok(msg_str(m, 0x401, 0x401, "TTY 0: ok"), "still working afterwards");

	/* avail idx jumping past the ring size */
	saved = htx.avail_idx;
	htx.avail->idx = saved + NUM + 5;
	poll_fw();
	poll_fw();
	ok(trace_has("jumps 21 entries"), "avail idx jump > ring size: ignored and logged");
	htx.avail->idx = saved;
	m = xfer(0x401, 0x401, "ok2", 3);
	ok(msg_str(m, 0x401, 0x401, "TTY 0: ok2"),
	   "recovers once the index is sane again");

	/* same on the host's RX ring */
	saved = hrx.avail_idx;
	hrx.avail->idx = saved + 1000;
	m = xfer(0x401, 0x401, "x", 1);
	ok(m == NULL, "insane RX avail idx: reply withheld, no overrun");
	hrx.avail->idx = saved;
	poll_fw();
	m = xfer(0x401, 0x401, "y", 1);
	ok(msg_str(m, 0x401, 0x401, "TTY 0: y"), "RX ring usable again");

	/* host RX buffers that are unusable */
	host_collect();
	hrx.desc[hrx.avail->ring[(hrx.avail_idx - 1) % NUM]].len = 4;
	for (i = 0; i < NUM; i++)
		if (hrx.desc[i].len == 4)
			break;
	m = xfer(0x401, 0x401, "z", 1);
	ok(m != NULL, "a tiny host RX buffer is skipped, the next one used");
	hrx.desc[i].len = RPMSG_BUF_SIZE;

	/* name-service abuse */
	host_send(0x600, RPMSG_NS_ADDR, "short", 5);
	poll_fw();
	ok(trace_has("malformed name-service message (5 bytes)"),
	   "NS message of the wrong size: dropped");
	{
		struct rpmsg_ns_msg ns;

		memset(&ns, 'A', sizeof(ns.name));
		ns.addr = 0x600;
		ns.flags = 0;
		qclear();
		host_send(0x600, RPMSG_NS_ADDR, &ns, sizeof(ns));
		poll_fw();
		m = qpop();
		ok(m && m->dst == 0x600, "unterminated NS name is cut, channel bound");
		ns.flags = 7;
		host_send(0x600, RPMSG_NS_ADDR, &ns, sizeof(ns));
		poll_fw();
		ok(trace_has("bad name-service message"), "NS flags 7: refused");
		ns.flags = 1;
		host_send(0x600, RPMSG_NS_ADDR, &ns, sizeof(ns));
		poll_fw();
	}

	/* fill the endpoint table */
	qclear();
	for (i = 0; i < CP_MAX_EPTS + 4; i++) {
		char name[32];

		snprintf(name, sizeof(name), "flood-%d", i);
		send_ns(name, 0x700 + i, RPMSG_NS_CREATE);
		poll_fw();
	}
	ok(trace_has("no free endpoint slot"), "endpoint table full: refused, logged");
	for (i = 0; i < CP_MAX_EPTS + 4; i++) {
		char name[32];

		snprintf(name, sizeof(name), "flood-%d", i);
		send_ns(name, 0x700 + i, RPMSG_NS_DESTROY);
		poll_fw();
	}
	m = xfer(0x401, 0x401, "w", 1);
	ok(msg_str(m, 0x401, 0x401, "TTY 0: w"), "services intact after the flood");
	ok(rdev.stats.dropped > dropped, "drops are counted (%u)",
	   rdev.stats.dropped - dropped);

	/* log flood: the trace buffer stays terminated and keeps the banner */
	for (i = 0; i < 500; i++) {
		host_send(0x401, 0x999, "x", 1);
		poll_fw();
	}
	ok(strnlen(copro_trace_buf, 4096) < 4096 &&
	   !strncmp(copro_trace_buf, "[copro] test banner", 19),
	   "trace buffer wraps after the pinned banner, stays terminated");

	/* the host stops taking our messages: a blocking send gives up */
	host_recycles = false;
	for (i = 0; i < NUM + 4; i++) {
		host_send(0x401, 0x401, "f", 1);
		cp_poll(&rdev, true);
	}
	ok(trace_has("no host RX buffer"), "no host buffers: send gives up, no hang");
	host_recycles = true;
	host_collect();
	qclear();
	m = xfer(0x401, 0x401, "back", 4);
	ok(msg_str(m, 0x401, 0x401, "TTY 0: back"), "works again once the host drains");
}

static void test_reset(void)
{
	struct msg *m;

	vdev->status = 0;
	cp_poll(&rdev, false);
	ok(!cp_link_up(&rdev) && trace_has("host reset the device"),
	   "status 0: link down");

	host_bring_up(1);
	host_driver_ok();
	cp_poll(&rdev, true);	/* woken by the first kick */
	host_collect();
	ok(qlen() == 4 && is_ns(qpop(), "rpmsg-client-sample", 0x400, 0),
	   "restart: announcements again, client sample is back at 0x400");
	qclear();
	m = xfer(0x401, 0x401, "again", 5);
	ok(msg_str(m, 0x401, 0x401, "TTY 0: again"), "restart: tty numbering restarts");
	qclear();
	send_ns("rpmsg-tty", 257, RPMSG_NS_CREATE);
	poll_fw();
	m = qpop();
	ok(m && m->src == 0x404, "restart: host tty binds at 0x404");
	m = xfer(257, 0x404, "n", 1);
	ok(msg_str(m, 0x404, 257, "TTY 1: n"), "restart: host tty is 'TTY 1'");

	/* no NS feature negotiated: no announcements */
	vdev->status = 0;
	cp_poll(&rdev, false);
	host_bring_up(0);
	host_driver_ok();
	poll_fw();
	ok(cp_link_up(&rdev) && qlen() == 0, "without VIRTIO_RPMSG_F_NS nothing is announced");
	m = xfer(0x401, 0x401, "q", 1);
	ok(msg_str(m, 0x401, 0x401, "TTY 0: q"), "but the endpoints still work");

	/* corrupt vring parameters */
	vdev->status = 0;
	cp_poll(&rdev, false);
	host_bring_up(1);
	vdev->vring[1].num = 12;
	host_driver_ok();
	poll_fw();
	ok(!cp_link_up(&rdev) && trace_has("vring1: bad size 12"),
	   "vring size not a power of two: refused");
	vdev->status = 0;
	cp_poll(&rdev, false);
	vdev->vring[1].num = NUM;
	host_bring_up(1);
	vdev->vring[0].da = 0x10000000;
	host_driver_ok();
	poll_fw();
	ok(!cp_link_up(&rdev) && trace_has("vring0: address 0x10000000"),
	   "vring outside memory: refused");
	vdev->status = 0;
	cp_poll(&rdev, false);
	host_bring_up(1);
	vdev->vring[0].da = SHM_DA + SHM_SIZE - 100;
	host_driver_ok();
	poll_fw();
	ok(!cp_link_up(&rdev), "vring straddling the end of memory: refused");
	vdev->status = 0;
	cp_poll(&rdev, false);
	host_bring_up(1);
	vdev->status |= VIRTIO_CONFIG_S_DRIVER_OK | VIRTIO_CONFIG_S_FAILED;
	poll_fw();
	ok(!cp_link_up(&rdev), "DRIVER_OK together with FAILED: no link");
	vdev->status = 0;
	cp_poll(&rdev, false);
	host_bring_up(1);
	host_driver_ok();
	poll_fw();
	ok(cp_link_up(&rdev) && qlen() == 4, "good configuration works after all that");
	m = xfer(0x402, 0x402, "end", 3);
	ok(msg_str(m, 0x402, 0x402, "from ept 0x0402: end"), "rpmsg-raw after restarts");
}

static void test_many(void)
{
	uint8_t buf[RPMSG_BUF_SIZE], data[64];
	struct bench_hdr h;
	struct msg *m;
	uint32_t seq, len;
	int good = 0, i;

	/* the host keeps several messages in flight */
	for (seq = 0; seq < 2000; seq += 8) {
		qclear();
		for (i = 0; i < 8; i++) {
			memset(data, (int)(seq + i), sizeof(data));
			len = bench_build(buf, BENCH_OP_ECHO, seq + i, data,
					  (seq + i) % 64);
			host_send(0x500, 0x403, buf, len);
		}
		poll_fw();
		for (i = 0; i < 8; i++) {
			m = qpop();
			if (bench_valid(m, &h) && h.op == BENCH_OP_ECHO &&
			    h.seq == seq + i)
				good++;
		}
	}
	ok(good == 2000, "2000 pipelined bench echoes in order (%d)", good);
}

/* ---- the hostile firmware's app ----------------------------------------- */

static void hostile_up(void)
{
	vdev->status = 0;
	cp_poll(&rdev, false);
	cp_init(&rdev, &test_port, &copro_hostile_app, vdev);
	host_bring_up(1);
	host_driver_ok();
	poll_fw();
}

/* Send a control command; the last message that came back is returned. */
static struct msg *ctl(const char *cmd, int *nmsgs)
{
	struct msg *m, *last = NULL;
	int n = 0;

	qclear();
	host_send(0x480, SVC_CONTROL_ADDR, cmd, strlen(cmd));
	poll_fw();
	while ((m = qpop())) {
		last = m;
		n++;
	}
	if (nmsgs)
		*nmsgs = n;
	return last;
}

static bool ns_is(const struct msg *m, const char *name, uint32_t flags)
{
	struct rpmsg_ns_msg ns;

	if (!m || m->dst != RPMSG_NS_ADDR || m->len != sizeof(ns))
		return false;
	memcpy(&ns, m->data, sizeof(ns));
	return ns.flags == flags &&
	       (name ? !strncmp(ns.name, name, sizeof(ns.name)) :
		memchr(ns.name, 0, sizeof(ns.name)) == NULL);
}

static void test_hostile_fw(void)
{
	struct msg *m;
	uint16_t before;
	int n, i, good;

	hostile_up();
	ok(cp_link_up(&rdev) && qlen() == 4,
	   "hostile: link up, the four channels announced");
	qclear();
	m = xfer(0x401, 0x401, "h", 1);
	ok(msg_str(m, 0x401, 0x401, "TTY 0: h"), "hostile: the tty still echoes");
	m = ctl("ping", NULL);
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, "done ping"),
	   "hostile: standard commands still answered");

	/* rpmsg headers that lie */
	qclear();
	host_send(0x480, SVC_CONTROL_ADDR, "hdr-len 1000 2", 14);
	poll_fw();
	m = qpop();
	ok(m && m->src == SVC_CONTROL_ADDR && m->dst == 0x480 &&
	   m->len == 1000 && last_used_len != 0,
	   "hdr-len 1000: header claims 1000 bytes");
	m = qpop();
	ok(m && m->len == 1000, "hdr-len 1000 2: a second one");
	m = qpop();
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, "done hdr-len 1000: 2 of 2 sent"),
	   "hdr-len: then 'done'");
	qclear();
	host_send(0x480, SVC_CONTROL_ADDR, "hdr-len 497", 11);
	cp_poll(&rdev, true);
	host_collect();
	m = qpop();
	ok(m && m->len == 497, "hdr-len 497: one byte more than the buffer holds");

	/* used elements that lie */
	m = ctl("used-len 4096", &n);
	ok(n == 2 && msg_str(m, SVC_CONTROL_ADDR, 0x480,
			     "done used-len 4096: 1 of 1 sent"),
	   "used-len 4096: one message, then 'done'");
	qclear();
	host_send(0x480, SVC_CONTROL_ADDR, "used-len 0x1000", 15);
	cp_poll(&rdev, true);
	host_collect();
	m = qpop();
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, "hostile used-len") &&
	   hrx.used->ring[(hrx.used->idx - 2) % NUM].len == 4096,
	   "used-len 0x1000: a good message returned with used length 4096");
	bad_ids = 0;
	m = ctl("used-id 99 0", NULL);
	ok(bad_ids == 1 && msg_str(m, SVC_CONTROL_ADDR, 0x480,
				   "done used-id 99 ring 0"),
	   "used-id 99 0: a host RX used entry with id 99");
	before = htx.used->idx;
	m = ctl("used-id 77 1", NULL);
	/* the command's own buffer comes back first */
	ok(htx.used->idx == (uint16_t)(before + 2) &&
	   htx.used->ring[(before + 1) % NUM].id == 77 &&
	   msg_str(m, SVC_CONTROL_ADDR, 0x480, "done used-id 77 ring 1"),
	   "used-id 77 1: a host TX used entry with id 77");
	host_collect();
	before = hrx.used->idx;
	ctl("used-jump 5 0", NULL);
	ok(hrx.used->idx == (uint16_t)(before + 5 + 1),
	   "used-jump 5 0: host RX used idx moves 5 past the answer");
	hostile_up();
	before = htx.used->idx;
	m = ctl("used-jump 3 1", NULL);
	ok(htx.used->idx == (uint16_t)(before + 3 + 1) &&
	   msg_str(m, SVC_CONTROL_ADDR, 0x480, "done used-jump 3 ring 1"),
	   "used-jump 3 1: host TX used idx moves 3 past the one returned");
	hostile_up();
	qclear();
	before = htx.avail->idx;
	m = ctl("avail-jump 100 1", NULL);
	ok(htx.avail->idx == (uint16_t)(before + 1 + 100) &&
	   msg_str(m, SVC_CONTROL_ADDR, 0x480, "done avail-jump 100 ring 1"),
	   "avail-jump 100 1: the host's TX avail idx is rewritten");
	m = xfer(0x401, 0x401, "aj", 2);
	ok(msg_str(m, 0x401, 0x401, "TTY 0: aj"),
	   "avail-jump: usable again once the host writes its index");

	/* name service abuse */
	hostile_up();
	qclear();
	host_send(0x480, SVC_CONTROL_ADDR, "ns-unterminated 3", 17);
	poll_fw();
	for (i = 0, good = 0; i < 3; i++)
		good += ns_is(qpop(), NULL, RPMSG_NS_CREATE);
	ok(good == 3, "ns-unterminated 3: three names without a NUL");
	m = qpop();
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, "done ns-unterminated: 3 of 3 sent"),
	   "ns-unterminated: then 'done'");
	qclear();
	host_send(0x480, SVC_CONTROL_ADDR, "ns-flags 7 2", 12);
	poll_fw();
	good = ns_is(qpop(), "hostile-flags-0", 7);
	good += ns_is(qpop(), "hostile-flags-1", 7);
	ok(good == 2, "ns-flags 7 2: two announcements with flags 7");
	qclear();
	host_send(0x480, SVC_CONTROL_ADDR, "ns-len 39", 9);
	poll_fw();
	m = qpop();
	ok(m && m->dst == RPMSG_NS_ADDR && m->len == 39 &&
	   !memcmp(m->data, "hostile-len-0", 13),
	   "ns-len 39: a name-service message one byte short");
	qclear();
	host_send(0x480, SVC_CONTROL_ADDR, "ns-flood 300", 12);
	poll_fw();
	for (i = 0, good = 0; i < 300; i++) {
		char name[32];
		struct rpmsg_ns_msg ns;

		m = qpop();
		snprintf(name, sizeof(name), "hostile-%d", i);
		if (ns_is(m, name, RPMSG_NS_CREATE)) {
			memcpy(&ns, m->data, sizeof(ns));
			good += ns.addr == HOSTILE_NS_ADDR + (uint32_t)i;
		}
	}
	m = qpop();
	ok(good == 300 && msg_str(m, SVC_CONTROL_ADDR, 0x480,
				  "done ns-flood: 300 of 300 sent"),
	   "ns-flood 300: 300 distinct announcements, then 'done' (%d)", good);

	/* mailbox storms go through the port */
	raw_words = 0;
	m = ctl("kick-storm 10", NULL);
	ok(raw_words == 10 && last_word == 1u << 16 &&
	   msg_str(m, SVC_CONTROL_ADDR, 0x480,
		   "done kick-storm: 10 of 10 taken in time"),
	   "kick-storm 10: ten raw kicks");
	raw_words = 0;
	m = ctl("word-storm 0x12340000 5", NULL);
	ok(raw_words == 5 && last_word == 0x12340000,
	   "word-storm 0x12340000 5: five raw words");
	doorbells = 0;
	ctl("db-storm 4", NULL);
	ok(doorbells == 4, "db-storm 4: four doorbells");

	/* a fault in the middle of a transfer */
	crashed = 0;
	m = ctl("crash-after 2 bus", NULL);
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, "done crash-after 2"),
	   "crash-after 2 bus: armed");
	m = xfer(0x401, 0x401, "1", 1);
	m = xfer(0x401, 0x401, "2", 1);
	ok(msg_str(m, 0x401, 0x401, "TTY 0: 2") && !crashed,
	   "crash-after: two messages go through");
	xfer(0x401, 0x401, "3", 1);
	ok(crashed == CP_CRASH_BUS, "crash-after: the third one faults (bus)");
	crashed = 0;
	xfer(0x401, 0x401, "4", 1);
	ok(!crashed, "crash-after: only once");
	ctl("crash-after 0", NULL);
	hostile_up();
	xfer(0x401, 0x401, "5", 1);
	ok(!crashed, "crash-after: a restart disarms it");

	/* bad arguments */
	m = ctl("used-id 5 2", NULL);
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, "error used-id: bad argument '2'"),
	   "used-id on ring 2: refused");
	m = ctl("hdr-len", NULL);
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, "error hdr-len: 1 to 2 arguments"),
	   "hdr-len without a length: refused");
	m = ctl("ns-len 40", NULL);
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, "error ns-len: bad argument '40'"),
	   "ns-len 40 (the right length): refused");
	m = ctl("kick-storm 0", NULL);
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480, "error kick-storm: bad argument '0'"),
	   "kick-storm 0: refused");
	m = ctl("crash-after 1 soon", NULL);
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480,
		   "error crash-after: bad argument 'soon'"),
	   "crash-after with an unknown kind: refused");
	m = ctl("used-jump 0x10000 0", NULL);
	ok(msg_str(m, SVC_CONTROL_ADDR, 0x480,
		   "error used-jump: bad argument '0x10000'"),
	   "used-jump by 65536: refused");
	m = xfer(0x402, 0x402, "fin", 3);
	ok(msg_str(m, 0x402, 0x402, "from ept 0x0402: fin"),
	   "hostile: the services still work after all that");
}

static void test_rsc_mutations(void)
{
	struct copro_rsc_table snap, work;
	struct hostile_rsc_undo u;
	bool changed = true, restored = true, num = false, off0 = false,
	     off1 = false, vdev_field = false;
	uint32_t step;

	memcpy(&snap, &copro_resource_table, sizeof(snap));
	for (step = 0; step < 2 * HOSTILE_RSC_MUTATIONS; step++) {
		memcpy(&work, &snap, sizeof(work));
		hostile_rsc_break(&work, &snap, step, &u);
		changed &= memcmp(&work, &snap, sizeof(work)) != 0;
		num |= u.off == offsetof(struct copro_rsc_table, num);
		off0 |= u.off == offsetof(struct copro_rsc_table, offset[0]);
		off1 |= u.off == offsetof(struct copro_rsc_table, offset[1]);
		vdev_field |= u.off >= offsetof(struct copro_rsc_table, vdev) &&
			      u.off < offsetof(struct copro_rsc_table, trace_type);
		hostile_rsc_undo(&work, &u);
		restored &= !memcmp(&work, &snap, sizeof(work));
	}
	ok(changed, "rsc rewrite: every step changes the table");
	ok(restored, "rsc rewrite: every undo restores it exactly");
	/* a host wrote a broken value back: the repair still restores it */
	memcpy(&work, &snap, sizeof(work));
	work.num = 0xfffffff0u;
	hostile_rsc_break(&work, &snap, 0, &u);
	hostile_rsc_undo(&work, &u);
	ok(!memcmp(&work, &snap, sizeof(work)),
	   "rsc rewrite: repairs from the good table, not from what was there");
	ok(num && off0 && off1 && vdev_field,
	   "rsc rewrite: num, offset[0], offset[1] and vdev fields are hit");
}

int main(void)
{
	cp_log_init(copro_trace_buf, 4096, NULL);
	test_fmt();
	test_rsc_table();
	test_bring_up();
	test_client_sample();
	test_echo_services();
	test_control();
	test_host_channels();
	test_bench();
	test_hostile();
	test_reset();
	test_many();
	test_hostile_fw();
	test_rsc_mutations();
	printf("1..%d\n", tap_n);
	printf("# %d passed, %d failed\n", tap_n - tap_failed, tap_failed);
	return tap_failed ? 1 : 0;
}
