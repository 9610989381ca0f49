// SPDX-License-Identifier: BSD-3-Clause
/*
 * The demo services:
 *  rpmsg-client-sample  echo; after 100 messages the channel is destroyed
 *  rpmsg-tty            echo prefixed "TTY <n>: "
 *  rpmsg-raw            echo prefixed "from ept 0x<addr>: "
 *  rpmsg-bench          echo/sink/source benchmark (bench.h)
 *  address 0x1          echo prefixed "from ept 0x0001: " to any sender
 *  address 0x2          rpmsg-bench without an announcement
 *  address 0x3          control: text commands ("ping", "crash [KIND]")
 *  host-created channels get an endpoint and a "bound" message.
 */
#include <stdarg.h>
#include <string.h>
#include "services.h"
#include "bench.h"
#include "log.h"

struct bench_state {
	uint32_t received;
	uint32_t bad_crc;
	uint32_t seq_errors;
	uint64_t bytes;
	uint32_t next_seq;
	uint32_t echoed;
	uint32_t sourced;
	/* source run in progress */
	bool src_active;
	uint32_t src_left;
	uint32_t src_size;
	uint32_t src_seq;
	uint32_t src_first;
	uint32_t src_count;
	uint32_t src_from;
	uint32_t src_to;
};

static uint32_t tty_next;
static struct bench_state bench;

/* --- echo flavours ----------------------------------------------------- */

static void client_sample_cb(struct cp_rdev *r, struct cp_ept *ept,
			     const uint8_t *data, uint32_t len, uint32_t src)
{
	if (cp_send(r, ept->addr, src, data, len, true))
		cp_log("rpmsg-client-sample: reply %u lost",
		       (unsigned int)ept->user + 1);
	if (++ept->user >= SVC_CLIENT_SAMPLE_LIMIT) {
		cp_log("rpmsg-client-sample: %u messages, goodbye",
		       (unsigned int)ept->user);
		cp_ept_destroy(r, ept, true);
	}
}

static void tty_cb(struct cp_rdev *r, struct cp_ept *ept, const uint8_t *data,
		   uint32_t len, uint32_t src)
{
	char prefix[24];

	cp_snprintf(prefix, sizeof(prefix), "TTY %u: ", (unsigned int)ept->user);
	cp_send_prefixed(r, ept->addr, src, prefix, data, len);
}

static void raw_cb(struct cp_rdev *r, struct cp_ept *ept, const uint8_t *data,
		   uint32_t len, uint32_t src)
{
	char prefix[24];

	cp_snprintf(prefix, sizeof(prefix), "from ept 0x%04x: ",
		    (unsigned int)ept->addr);
	cp_send_prefixed(r, ept->addr, src, prefix, data, len);
}

static void echo_cb(struct cp_rdev *r, struct cp_ept *ept, const uint8_t *data,
		    uint32_t len, uint32_t src)
{
	cp_send(r, ept->addr, src, data, len, true);
}

/* --- bench ------------------------------------------------------------- */

static void bench_reset(void)
{
	memset(&bench, 0, sizeof(bench));
}

static int bench_send(struct cp_rdev *r, uint32_t from, uint32_t to,
		      uint8_t op, uint32_t seq, const void *data, uint32_t len,
		      bool block)
{
	struct cp_txbuf tb;
	struct bench_hdr h;
	int ret;

	ret = cp_tx_get(r, &tb, block);
	if (ret)
		return ret;
	if (tb.cap < BENCH_HDR_SIZE) {
		/* the host chose buffers this small: give it back empty */
		cp_log("bench: host buffer of %u bytes holds no header",
		       (unsigned int)tb.cap);
		return cp_tx_commit(r, &tb, from, to, 0);
	}
	if (BENCH_HDR_SIZE + len > tb.cap)
		len = tb.cap > BENCH_HDR_SIZE ? tb.cap - BENCH_HDR_SIZE : 0;
	if (data)
		memcpy(tb.payload + BENCH_HDR_SIZE, data, len);
	else
		for (uint32_t i = 0; i < len; i++)
			tb.payload[BENCH_HDR_SIZE + i] = (uint8_t)(seq + i);
	h.magic = BENCH_MAGIC;
	h.op = op;
	h.flags = 0;
	h.len = (uint16_t)len;
	h.seq = seq;
	h.crc = cp_crc32(0, tb.payload + BENCH_HDR_SIZE, len);
	memcpy(tb.payload, &h, sizeof(h));
	return cp_tx_commit(r, &tb, from, to, BENCH_HDR_SIZE + len);
}

static void bench_error(struct cp_rdev *r, uint32_t from, uint32_t to,
			uint32_t seq, uint32_t code, uint32_t op)
{
	struct bench_error e = { code, op };

	bench_send(r, from, to, BENCH_OP_ERROR, seq, &e, sizeof(e), true);
}

static void bench_report(struct cp_rdev *r, uint32_t from, uint32_t to,
			 uint32_t seq)
{
	struct bench_report rep = {
		.received = bench.received,
		.bad_crc = bench.bad_crc,
		.seq_errors = bench.seq_errors,
		.bytes_lo = (uint32_t)bench.bytes,
		.bytes_hi = (uint32_t)(bench.bytes >> 32),
		.next_seq = bench.next_seq,
		.echoed = bench.echoed,
		.sourced = bench.sourced,
	};

	bench_send(r, from, to, BENCH_OP_REPORT, seq, &rep, sizeof(rep), true);
}

static void bench_cb(struct cp_rdev *r, struct cp_ept *ept,
		     const uint8_t *data, uint32_t len, uint32_t src)
{
	const uint8_t *payload = data + BENCH_HDR_SIZE;
	struct bench_source_req req;
	struct bench_hdr h;
	bool crc_ok;

	if (len < BENCH_HDR_SIZE) {
		bench.bad_crc++;
		bench_error(r, ept->addr, src, 0, BENCH_ERR_LEN, 0);
		return;
	}
	memcpy(&h, data, sizeof(h));
	if (h.magic != BENCH_MAGIC) {
		bench.bad_crc++;
		bench_error(r, ept->addr, src, h.seq, BENCH_ERR_MAGIC, h.op);
		return;
	}
	if (h.len != len - BENCH_HDR_SIZE) {
		bench.bad_crc++;
		bench_error(r, ept->addr, src, h.seq, BENCH_ERR_LEN, h.op);
		return;
	}
	crc_ok = cp_crc32(0, payload, h.len) == h.crc;

	switch (h.op) {
	case BENCH_OP_ECHO:
		if (!crc_ok) {
			bench_error(r, ept->addr, src, h.seq, BENCH_ERR_CRC,
				    h.op);
			return;
		}
		if (!cp_send(r, ept->addr, src, data, len, true))
			bench.echoed++;
		return;
	case BENCH_OP_SINK:
		if (!crc_ok) {
			bench.bad_crc++;
			return;
		}
		if (h.seq != bench.next_seq)
			bench.seq_errors++;
		bench.next_seq = h.seq + 1;
		bench.received++;
		bench.bytes += h.len;
		return;
	case BENCH_OP_SINK_RESET:
		bench.received = 0;
		bench.bad_crc = 0;
		bench.seq_errors = 0;
		bench.bytes = 0;
		bench.echoed = 0;
		bench.sourced = 0;
		bench.next_seq = h.seq;
		bench_report(r, ept->addr, src, h.seq);
		return;
	case BENCH_OP_SINK_REPORT:
		bench_report(r, ept->addr, src, h.seq);
		return;
	case BENCH_OP_SOURCE:
		if (!crc_ok || h.len != sizeof(req)) {
			bench_error(r, ept->addr, src, h.seq,
				    crc_ok ? BENCH_ERR_LEN : BENCH_ERR_CRC,
				    h.op);
			return;
		}
		if (bench.src_active) {
			bench_error(r, ept->addr, src, h.seq, BENCH_ERR_BUSY,
				    h.op);
			return;
		}
		memcpy(&req, payload, sizeof(req));
		if (req.size > BENCH_MAX_DATA) {
			bench_error(r, ept->addr, src, h.seq, BENCH_ERR_ARG,
				    h.op);
			return;
		}
		bench.src_active = true;
		bench.src_left = req.count;
		bench.src_count = req.count;
		bench.src_size = req.size;
		bench.src_seq = h.seq;
		bench.src_first = h.seq;
		bench.src_from = ept->addr;
		bench.src_to = src;
		return;
	default:
		bench_error(r, ept->addr, src, h.seq, BENCH_ERR_OP, h.op);
		return;
	}
}

/* Send as much of a source run as the host has buffers for, then return. */
static void bench_pump(struct cp_rdev *r)
{
	struct bench_done done;

	while (bench.src_active && bench.src_left) {
		if (bench_send(r, bench.src_from, bench.src_to, BENCH_OP_DATA,
			       bench.src_seq, NULL, bench.src_size, false))
			return;
		bench.src_seq++;
		bench.src_left--;
		bench.sourced++;
	}
	if (!bench.src_active)
		return;
	done.count = bench.src_count;
	done.first_seq = bench.src_first;
	if (bench_send(r, bench.src_from, bench.src_to, BENCH_OP_DONE,
		       bench.src_seq, &done, sizeof(done), false))
		return;
	bench.src_active = false;
}

/* --- control ----------------------------------------------------------- */

static const char *const crash_kinds[] = {
	[CP_CRASH_UDF] = "udf",
	[CP_CRASH_BUS] = "bus",
	[CP_CRASH_XN] = "xn",
	[CP_CRASH_DIV0] = "div0",
};

bool svc_parse_u32(const char *s, uint32_t *v)
{
	unsigned int base = 10, d;
	uint64_t n = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return false;
		if (d >= base)
			return false;
		n = n * base + d;
		if (n > 0xffffffffu)
			return false;
	}
	*v = (uint32_t)n;
	return true;
}

int svc_control_split(const uint8_t *data, uint32_t len,
		      char buf[SVC_CONTROL_MAX + 1],
		      char *argv[SVC_CONTROL_ARGS])
{
	char *p = buf;
	int argc = 0;

	if (len > SVC_CONTROL_MAX)
		return -1;
	memcpy(buf, data, len);
	buf[len] = '\0';
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			*p++ = '\0';
		if (!*p)
			return argc;
		if (argc == SVC_CONTROL_ARGS)
			return -1;
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' &&
		       *p != '\r')
			p++;
	}
}

void svc_reply(struct cp_rdev *r, struct cp_ept *ept, uint32_t dst,
	       const char *fmt, ...)
{
	char text[96];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = cp_vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if ((size_t)len >= sizeof(text))
		len = sizeof(text) - 1;
	if (cp_send(r, ept->addr, dst, text, (uint32_t)len, true))
		cp_log("control: answer '%s' to 0x%x lost", text,
		       (unsigned int)dst);
}

unsigned int svc_crash_kind(const char *name)
{
	unsigned int kind;

	for (kind = CP_CRASH_UDF; kind <= CP_CRASH_DIV0; kind++)
		if (!strcmp(name, crash_kinds[kind]))
			return kind;
	return 0;
}

static void control_crash(struct cp_rdev *r, struct cp_ept *ept, uint32_t src,
			  int argc, char *argv[])
{
	const char *name = argc > 1 ? argv[1] : "udf";
	unsigned int kind = svc_crash_kind(name);

	if (!kind || argc > 2) {
		svc_reply(r, ept, src, "error crash: kind is udf, bus, xn or div0");
		return;
	}
	if (!r->port->crash) {
		svc_reply(r, ept, src, "error crash: this port cannot crash");
		return;
	}
	/* say it before doing it: the host cannot be told afterwards */
	svc_reply(r, ept, src, "crashing %s", name);
	cp_log("control: crashing on request (%s)", name);
	r->port->crash(r, kind);
	cp_log("control: crash %s took no fault", name);
	svc_reply(r, ept, src, "error crash %s: no fault taken", name);
}

void svc_control(struct cp_rdev *r, struct cp_ept *ept, uint32_t src,
		 int argc, char *argv[])
{
	if (argc < 1) {
		svc_reply(r, ept, src, "error: empty command");
		return;
	}
	if (!strcmp(argv[0], "ping") && argc == 1) {
		svc_reply(r, ept, src, "done ping");
		return;
	}
	if (!strcmp(argv[0], "crash")) {
		control_crash(r, ept, src, argc, argv);
		return;
	}
	svc_reply(r, ept, src, "error %s: unknown command", argv[0]);
}

static void control_cb(struct cp_rdev *r, struct cp_ept *ept,
		       const uint8_t *data, uint32_t len, uint32_t src)
{
	char buf[SVC_CONTROL_MAX + 1], *argv[SVC_CONTROL_ARGS];
	int argc = svc_control_split(data, len, buf, argv);

	if (argc < 0) {
		svc_reply(r, ept, src, "error: more than %u bytes or %u words",
			  SVC_CONTROL_MAX, SVC_CONTROL_ARGS);
		return;
	}
	svc_control(r, ept, src, argc, argv);
}

/* --- channels ---------------------------------------------------------- */

static cp_ept_cb cb_for(const char *name)
{
	if (!strcmp(name, "rpmsg-tty"))
		return tty_cb;
	if (!strcmp(name, "rpmsg-raw"))
		return raw_cb;
	if (!strcmp(name, "rpmsg-client-sample"))
		return client_sample_cb;
	if (!strcmp(name, "rpmsg-bench"))
		return bench_cb;
	return echo_cb;
}

static struct cp_ept *open_channel(struct cp_rdev *r, const char *name,
				   uint32_t addr, uint32_t dst, bool announce)
{
	struct cp_ept *e = cp_ept_create(r, name, addr, dst, cb_for(name),
					 NULL, announce);

	if (e && e->cb == tty_cb)
		e->user = tty_next++;
	return e;
}

static void svc_link_up(struct cp_rdev *r)
{
	tty_next = 0;
	bench_reset();
	/* creation order gives 0x400, 0x401, 0x402, 0x403 */
	open_channel(r, "rpmsg-client-sample", RPMSG_ADDR_ANY,
		     RPMSG_ADDR_ANY, true);
	open_channel(r, "rpmsg-tty", RPMSG_ADDR_ANY, RPMSG_ADDR_ANY, true);
	open_channel(r, "rpmsg-raw", RPMSG_ADDR_ANY, RPMSG_ADDR_ANY, true);
	open_channel(r, "rpmsg-bench", RPMSG_ADDR_ANY, RPMSG_ADDR_ANY, true);
	cp_ept_create(r, "fixed-echo", SVC_FIXED_ECHO_ADDR, RPMSG_ADDR_ANY,
		      raw_cb, NULL, false);
	cp_ept_create(r, "fixed-bench", SVC_FIXED_BENCH_ADDR, RPMSG_ADDR_ANY,
		      bench_cb, NULL, false);
	cp_ept_create(r, "control", SVC_CONTROL_ADDR, RPMSG_ADDR_ANY,
		      control_cb, NULL, false);
}

static void svc_link_down(struct cp_rdev *r)
{
	(void)r;
	tty_next = 0;
	bench_reset();
}

static void svc_ns_create(struct cp_rdev *r, const char *name, uint32_t addr)
{
	static const char bound[] = "bound";
	struct cp_ept *e;

	if (cp_ept_find_dst(r, name, addr)) {
		cp_log("host channel '%s' 0x%x already bound", name,
		       (unsigned int)addr);
		return;
	}
	e = open_channel(r, name, RPMSG_ADDR_ANY, addr, false);
	if (!e) {
		cp_log("host channel '%s' 0x%x refused", name,
		       (unsigned int)addr);
		return;
	}
	cp_log("host channel '%s' 0x%x bound to 0x%x", name,
	       (unsigned int)addr, (unsigned int)e->addr);
	/*
	 * Text only, no NUL: on a tty the word lands in a text stream.
	 * (Zephyr's sample sends the NUL too; readers match "bound" alike.)
	 */
	cp_send(r, e->addr, addr, bound, sizeof(bound) - 1, true);
}

static void svc_ns_destroy(struct cp_rdev *r, const char *name, uint32_t addr)
{
	struct cp_ept *e = cp_ept_find_dst(r, name, addr);

	if (!e) {
		cp_log("host released unknown channel '%s' 0x%x", name,
		       (unsigned int)addr);
		return;
	}
	cp_log("host channel '%s' 0x%x released (was 0x%x)", name,
	       (unsigned int)addr, (unsigned int)e->addr);
	cp_ept_destroy(r, e, false);
}

static void svc_idle(struct cp_rdev *r)
{
	bench_pump(r);
}

const struct cp_app copro_services = {
	.link_up = svc_link_up,
	.link_down = svc_link_down,
	.ns_create = svc_ns_create,
	.ns_destroy = svc_ns_destroy,
	.idle = svc_idle,
};
