// SPDX-License-Identifier: BSD-3-Clause
/*
 * The hostile remote (Documentation/firmware.rst, "The hostile firmware").
 *
 * Everything copro-rpmsg does, plus commands on the control endpoint, each
 * of which breaks the contract with the host in one way: rpmsg headers
 * that lie about their length, used-ring entries with bad ids or lengths,
 * ring indices that jump, malformed or endless name-service messages,
 * mailbox storms, and a fault in the middle of a transfer.  A command is
 * acknowledged by running it: the answer "done <command> ..." follows the
 * bad input (a host that broke the link over it never sees the answer).
 */
#include <stddef.h>
#include <string.h>
#include "hostile.h"
#include "services.h"
#include "barrier.h"
#include "log.h"

enum action {
	ACT_NONE,
	ACT_HDR_LEN,
	ACT_USED_LEN,
	ACT_USED_ID,
	ACT_USED_JUMP,
	ACT_AVAIL_JUMP,
	ACT_NS_UNTERMINATED,
	ACT_NS_FLAGS,
	ACT_NS_LEN,
	ACT_NS_FLOOD,
	ACT_KICK_STORM,
	ACT_WORD_STORM,
	ACT_DB_STORM,
	ACT_CRASH_AFTER,
};

/* What each argument of a command is, for checking it. */
enum arg_kind {
	ARG_U32,	/* any 32-bit number */
	ARG_U16,	/* 0..65535 */
	ARG_COUNT,	/* 1..HOSTILE_MAX_COUNT */
	ARG_JUMP,	/* 1..65535 */
	ARG_RING,	/* 0 (the host's RX ring) or 1 (its TX ring) */
	ARG_NSLEN,	/* 0..RPMSG_MAX_PAYLOAD, not the right length */
	ARG_KIND,	/* a crash kind, by name */
};

struct hostile_cmd {
	const char *name;
	enum action act;
	unsigned int nreq;		/* required arguments */
	unsigned int nopt;		/* optional ones after them */
	enum arg_kind kind[3];
	uint32_t def[3];		/* values of absent optional ones */
};

static const struct hostile_cmd cmds[] = {
	{ "hdr-len", ACT_HDR_LEN, 1, 1, { ARG_U16, ARG_COUNT }, { 0, 1 } },
	{ "used-len", ACT_USED_LEN, 1, 1, { ARG_U32, ARG_COUNT }, { 0, 1 } },
	{ "used-id", ACT_USED_ID, 2, 0, { ARG_U32, ARG_RING } },
	{ "used-jump", ACT_USED_JUMP, 2, 0, { ARG_JUMP, ARG_RING } },
	{ "avail-jump", ACT_AVAIL_JUMP, 2, 0, { ARG_JUMP, ARG_RING } },
	{ "ns-unterminated", ACT_NS_UNTERMINATED, 0, 1, { ARG_COUNT },
	  { 1 } },
	{ "ns-flags", ACT_NS_FLAGS, 1, 1, { ARG_U32, ARG_COUNT }, { 0, 1 } },
	{ "ns-len", ACT_NS_LEN, 1, 1, { ARG_NSLEN, ARG_COUNT }, { 0, 1 } },
	{ "ns-flood", ACT_NS_FLOOD, 1, 0, { ARG_COUNT } },
	{ "kick-storm", ACT_KICK_STORM, 1, 0, { ARG_COUNT } },
	{ "word-storm", ACT_WORD_STORM, 1, 1, { ARG_U32, ARG_COUNT },
	  { 0, 1 } },
	{ "db-storm", ACT_DB_STORM, 1, 0, { ARG_COUNT } },
	{ "crash-after", ACT_CRASH_AFTER, 1, 1, { ARG_U32, ARG_KIND },
	  { 0, CP_CRASH_UDF } },
};

static struct {
	const struct hostile_cmd *cmd;	/* to run at the next idle */
	uint32_t arg[3];
	uint32_t to;			/* who asked */
	bool crash_armed;
	uint32_t crash_left;		/* messages still to let through */
	unsigned int crash_kind;
} hs;

static bool arg_ok(enum arg_kind kind, const char *s, uint32_t *v)
{
	if (kind == ARG_KIND) {
		*v = svc_crash_kind(s);
		return *v != 0;
	}
	if (!svc_parse_u32(s, v))
		return false;
	switch (kind) {
	case ARG_U16:
		return *v <= 0xffff;
	case ARG_COUNT:
		return *v >= 1 && *v <= HOSTILE_MAX_COUNT;
	case ARG_JUMP:
		return *v >= 1 && *v <= 0xffff;
	case ARG_RING:
		return *v <= 1;
	case ARG_NSLEN:
		return *v <= RPMSG_MAX_PAYLOAD &&
		       *v != sizeof(struct rpmsg_ns_msg);
	default:
		return true;
	}
}

/* Parse and check a hostile command; false if @argv[0] is none of them. */
static bool hostile_parse(struct cp_rdev *r, struct cp_ept *ept, uint32_t src,
			  int argc, char *argv[])
{
	const struct hostile_cmd *c = NULL;
	uint32_t arg[3];
	unsigned int i, nargs;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[0], cmds[i].name))
			c = &cmds[i];
	if (!c)
		return false;

	nargs = (unsigned int)argc - 1;
	if (nargs < c->nreq || nargs > c->nreq + c->nopt) {
		svc_reply(r, ept, src, "error %s: %u to %u arguments", c->name,
			  c->nreq, c->nreq + c->nopt);
		return true;
	}
	for (i = 0; i < c->nreq + c->nopt; i++) {
		if (i >= nargs) {
			arg[i] = c->def[i];
			continue;
		}
		if (!arg_ok(c->kind[i], argv[i + 1], &arg[i])) {
			svc_reply(r, ept, src, "error %s: bad argument '%s'",
				  c->name, argv[i + 1]);
			return true;
		}
	}
	if ((c->act == ACT_KICK_STORM || c->act == ACT_WORD_STORM) &&
	    !r->port->raw_notify) {
		svc_reply(r, ept, src, "error %s: no raw mailbox", c->name);
		return true;
	}
	if (c->act == ACT_DB_STORM && !r->port->doorbell) {
		svc_reply(r, ept, src, "error %s: no doorbell", c->name);
		return true;
	}
	if (c->act == ACT_CRASH_AFTER && !r->port->crash) {
		svc_reply(r, ept, src, "error %s: this port cannot crash",
			  c->name);
		return true;
	}
	if (hs.cmd) {
		svc_reply(r, ept, src, "error %s: busy with %s", c->name,
			  hs.cmd->name);
		return true;
	}
	hs.cmd = c;
	memcpy(hs.arg, arg, sizeof(arg));
	hs.to = src;
	return true;
}

static void hostile_control_cb(struct cp_rdev *r, struct cp_ept *ept,
			       const uint8_t *data, uint32_t len, uint32_t src)
{
	char buf[SVC_CONTROL_MAX + 1], *argv[SVC_CONTROL_ARGS];
	int argc = svc_control_split(data, len, buf, argv);

	if (argc < 0) {
		svc_reply(r, ept, src, "error: more than %u bytes or %u words",
			  SVC_CONTROL_MAX, SVC_CONTROL_ARGS);
		return;
	}
	if (argc > 0 && hostile_parse(r, ept, src, argc, argv))
		return;
	svc_control(r, ept, src, argc, argv);
}

/* --- the misdeeds ------------------------------------------------------- */

/*
 * Messages to @to whose header claims @hlen payload bytes, in a whole
 * host buffer (used length = the buffer's size) full of 'H'.
 */
static uint32_t do_hdr_len(struct cp_rdev *r, uint32_t to, uint32_t hlen,
			   uint32_t count)
{
	struct cp_txbuf tb;
	struct rpmsg_hdr h;
	uint32_t i;

	for (i = 0; i < count; i++) {
		if (cp_tx_get(r, &tb, true))
			break;
		h.src = SVC_CONTROL_ADDR;
		h.dst = to;
		h.reserved = 0;
		h.len = (uint16_t)hlen;
		h.flags = 0;
		memset(tb.payload, 'H', tb.cap);
		memcpy(tb.hdr, &h, sizeof(h));
		cp_wmb();
		cp_vq_put_used(r, &r->txq, tb.head, RPMSG_HDR_SIZE + tb.cap);
	}
	return i;
}

/* Well-formed messages to @to, returned with used length @ulen. */
static uint32_t do_used_len(struct cp_rdev *r, uint32_t to, uint32_t ulen,
			    uint32_t count)
{
	static const char text[] = "hostile used-len";
	struct cp_txbuf tb;
	struct rpmsg_hdr h;
	uint32_t i;

	for (i = 0; i < count; i++) {
		if (cp_tx_get(r, &tb, true))
			break;
		h.src = SVC_CONTROL_ADDR;
		h.dst = to;
		h.reserved = 0;
		h.len = sizeof(text) - 1;
		h.flags = 0;
		memcpy(tb.payload, text, sizeof(text) - 1);
		memcpy(tb.hdr, &h, sizeof(h));
		cp_wmb();
		cp_vq_put_used(r, &r->txq, tb.head, ulen);
	}
	return i;
}

static struct cp_vq *ring(struct cp_rdev *r, uint32_t n)
{
	return n ? &r->rxq : &r->txq;
}

static void used_jump(struct cp_rdev *r, struct cp_vq *vq, uint32_t n)
{
	vq->used_idx = (uint16_t)(vq->used_idx + n);
	cp_wmb();
	vq->used->idx = vq->used_idx;
	cp_mb();
	r->port->kick(r, vq->notifyid);
}

static void avail_jump(struct cp_rdev *r, struct cp_vq *vq, uint32_t n)
{
	vq->avail->idx = (uint16_t)(vq->avail->idx + n);
	cp_mb();
	r->port->kick(r, vq->notifyid);
}

enum ns_kind { NS_UNTERMINATED, NS_FLAGS, NS_LEN, NS_FLOOD };

static uint32_t do_ns(struct cp_rdev *r, enum ns_kind kind, uint32_t val,
		      uint32_t count)
{
	uint8_t buf[RPMSG_MAX_PAYLOAD];
	struct rpmsg_ns_msg ns;
	uint32_t i, len = sizeof(ns);

	for (i = 0; i < count; i++) {
		memset(&ns, 0, sizeof(ns));
		ns.addr = HOSTILE_NS_ADDR + i;
		ns.flags = RPMSG_NS_CREATE;
		switch (kind) {
		case NS_UNTERMINATED:
			memset(ns.name, 'U', sizeof(ns.name));
			break;
		case NS_FLAGS:
			cp_snprintf(ns.name, sizeof(ns.name), "hostile-flags-%u",
				    (unsigned int)i);
			ns.flags = val;
			break;
		case NS_LEN:
			cp_snprintf(ns.name, sizeof(ns.name), "hostile-len-%u",
				    (unsigned int)i);
			len = val;
			break;
		case NS_FLOOD:
			cp_snprintf(ns.name, sizeof(ns.name), "hostile-%u",
				    (unsigned int)i);
			break;
		}
		memset(buf, 0, sizeof(buf));
		memcpy(buf, &ns, len < sizeof(ns) ? len : sizeof(ns));
		if (cp_send(r, SVC_CONTROL_ADDR, RPMSG_NS_ADDR, buf, len, true))
			break;
	}
	return i;
}

/* Mailbox words or doorbells; returns how many the host took in time. */
static uint32_t do_storm(struct cp_rdev *r, enum action act, uint32_t word,
			 uint32_t count)
{
	uint32_t i, taken = 0;
	bool ok;

	for (i = 0; i < count; i++) {
		if (act == ACT_DB_STORM)
			ok = r->port->doorbell(r);
		else if (act == ACT_WORD_STORM)
			ok = r->port->raw_notify(r, word);
		else	/* a kick of either vring, with nothing new in it */
			ok = r->port->raw_notify(r, (i & 1) << 16);
		taken += ok;
	}
	return taken;
}

static void hostile_run(struct cp_rdev *r)
{
	const struct hostile_cmd *c = hs.cmd;
	struct cp_ept *ept = cp_ept_find(r, SVC_CONTROL_ADDR);
	uint32_t *a = hs.arg, n;

	hs.cmd = NULL;
	if (!ept)
		return;
	cp_log("hostile: %s %u %u", c->name, (unsigned int)a[0],
	       (unsigned int)a[1]);
	switch (c->act) {
	case ACT_HDR_LEN:
		n = do_hdr_len(r, hs.to, a[0], a[1]);
		svc_reply(r, ept, hs.to, "done hdr-len %u: %u of %u sent",
			  (unsigned int)a[0], (unsigned int)n,
			  (unsigned int)a[1]);
		break;
	case ACT_USED_LEN:
		n = do_used_len(r, hs.to, a[0], a[1]);
		svc_reply(r, ept, hs.to, "done used-len %u: %u of %u sent",
			  (unsigned int)a[0], (unsigned int)n,
			  (unsigned int)a[1]);
		break;
	case ACT_USED_ID:
		cp_vq_put_used(r, ring(r, a[1]), a[0], RPMSG_HDR_SIZE);
		svc_reply(r, ept, hs.to, "done used-id %u ring %u",
			  (unsigned int)a[0], (unsigned int)a[1]);
		break;
	case ACT_USED_JUMP:
		used_jump(r, ring(r, a[1]), a[0]);
		svc_reply(r, ept, hs.to, "done used-jump %u ring %u",
			  (unsigned int)a[0], (unsigned int)a[1]);
		break;
	case ACT_AVAIL_JUMP:
		avail_jump(r, ring(r, a[1]), a[0]);
		svc_reply(r, ept, hs.to, "done avail-jump %u ring %u",
			  (unsigned int)a[0], (unsigned int)a[1]);
		break;
	case ACT_NS_UNTERMINATED:
		n = do_ns(r, NS_UNTERMINATED, 0, a[0]);
		svc_reply(r, ept, hs.to, "done ns-unterminated: %u of %u sent",
			  (unsigned int)n, (unsigned int)a[0]);
		break;
	case ACT_NS_FLAGS:
		n = do_ns(r, NS_FLAGS, a[0], a[1]);
		svc_reply(r, ept, hs.to, "done ns-flags 0x%x: %u of %u sent",
			  (unsigned int)a[0], (unsigned int)n,
			  (unsigned int)a[1]);
		break;
	case ACT_NS_LEN:
		n = do_ns(r, NS_LEN, a[0], a[1]);
		svc_reply(r, ept, hs.to, "done ns-len %u: %u of %u sent",
			  (unsigned int)a[0], (unsigned int)n,
			  (unsigned int)a[1]);
		break;
	case ACT_NS_FLOOD:
		n = do_ns(r, NS_FLOOD, 0, a[0]);
		svc_reply(r, ept, hs.to, "done ns-flood: %u of %u sent",
			  (unsigned int)n, (unsigned int)a[0]);
		break;
	case ACT_KICK_STORM:
	case ACT_DB_STORM:
		n = do_storm(r, c->act, 0, a[0]);
		svc_reply(r, ept, hs.to, "done %s: %u of %u taken in time",
			  c->name, (unsigned int)n, (unsigned int)a[0]);
		break;
	case ACT_WORD_STORM:
		n = do_storm(r, c->act, a[0], a[1]);
		svc_reply(r, ept, hs.to,
			  "done word-storm 0x%08x: %u of %u taken in time",
			  (unsigned int)a[0], (unsigned int)n,
			  (unsigned int)a[1]);
		break;
	case ACT_CRASH_AFTER:
		hs.crash_armed = true;
		hs.crash_left = a[0];
		hs.crash_kind = a[1];
		svc_reply(r, ept, hs.to, "done crash-after %u",
			  (unsigned int)a[0]);
		break;
	case ACT_NONE:
		break;
	}
}

/* --- the application ---------------------------------------------------- */

static void hostile_link_up(struct cp_rdev *r)
{
	struct cp_ept *ctl;

	memset(&hs, 0, sizeof(hs));
	copro_services.link_up(r);
	ctl = cp_ept_find(r, SVC_CONTROL_ADDR);
	if (ctl)
		ctl->cb = hostile_control_cb;
}

static void hostile_link_down(struct cp_rdev *r)
{
	memset(&hs, 0, sizeof(hs));
	copro_services.link_down(r);
}

static void hostile_ns_create(struct cp_rdev *r, const char *name,
			      uint32_t addr)
{
	copro_services.ns_create(r, name, addr);
}

static void hostile_ns_destroy(struct cp_rdev *r, const char *name,
			       uint32_t addr)
{
	copro_services.ns_destroy(r, name, addr);
}

static void hostile_idle(struct cp_rdev *r)
{
	copro_services.idle(r);
	if (hs.cmd && cp_link_up(r))
		hostile_run(r);
}

/* crash-after: let that many messages through, fault on the next one */
static void hostile_message(struct cp_rdev *r, uint32_t src, uint32_t dst,
			    uint32_t len)
{
	(void)src;
	(void)len;
	if (!hs.crash_armed || dst == SVC_CONTROL_ADDR || dst == RPMSG_NS_ADDR)
		return;
	if (hs.crash_left) {
		hs.crash_left--;
		return;
	}
	hs.crash_armed = false;
	cp_log("hostile: crashing in the middle of a transfer");
	r->port->crash(r, hs.crash_kind);
	cp_log("hostile: crash %u took no fault", hs.crash_kind);
}

const struct cp_app copro_hostile_app = {
	.link_up = hostile_link_up,
	.link_down = hostile_link_down,
	.ns_create = hostile_ns_create,
	.ns_destroy = hostile_ns_destroy,
	.idle = hostile_idle,
	.message = hostile_message,
};

/* --- the resource table under the host's feet ---------------------------- */

#define RSC_OFF(field)	offsetof(struct copro_rsc_table, field)

static const struct {
	uint32_t off;
	uint32_t size;
	uint32_t val;
} mutations[HOSTILE_RSC_MUTATIONS] = {
	{ RSC_OFF(num), 4, 0x7fffffffu },
	{ RSC_OFF(offset[0]), 4, 0x80000000u },
	{ RSC_OFF(vdev.num_of_vrings), 1, 0xff },
	{ RSC_OFF(offset[1]), 4, 0xfffffff0u },
	{ RSC_OFF(vdev.vring[0].num), 4, 0x00010000u },
	{ RSC_OFF(num), 4, 0xfffffff0u },
	{ RSC_OFF(vdev.config_len), 4, 0xfffffff0u },
	{ RSC_OFF(offset[0]), 4, 0x0fffffffu },
	{ RSC_OFF(vdev.vring[1].num), 4, 0 },
	{ RSC_OFF(offset[1]), 4, RSC_OFF(offset[0]) },
	{ RSC_OFF(vdev.vring[0].align), 4, 3 },
	{ RSC_OFF(ver), 4, 2 },
	{ RSC_OFF(vdev_type), 4, 0x12345678u },
	{ RSC_OFF(vdev.num_of_vrings), 1, 3 },
	{ RSC_OFF(trace.len), 4, 0xffffffffu },
	{ RSC_OFF(vdev.vring[1].da), 4, 0x00001000u },
};

static uint32_t rsc_read(const uint8_t *t, uint32_t off, uint32_t size)
{
	if (size == 1)
		return t[off];
	return *(const uint32_t *)(const void *)(t + off);
}

static void rsc_write(volatile uint8_t *t, uint32_t off, uint32_t size,
		      uint32_t val)
{
	if (size == 1)
		t[off] = (uint8_t)val;
	else
		*(volatile uint32_t *)(volatile void *)(t + off) = val;
	cp_mb();
}

void hostile_rsc_break(volatile void *table, const void *good, uint32_t step,
		       struct hostile_rsc_undo *undo)
{
	unsigned int m = step % HOSTILE_RSC_MUTATIONS;

	undo->off = mutations[m].off;
	undo->size = mutations[m].size;
	undo->val = rsc_read(good, undo->off, undo->size);
	rsc_write(table, undo->off, undo->size, mutations[m].val);
}

void hostile_rsc_undo(volatile void *table,
		      const struct hostile_rsc_undo *undo)
{
	rsc_write(table, undo->off, undo->size, undo->val);
}
