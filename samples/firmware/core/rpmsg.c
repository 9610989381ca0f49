// SPDX-License-Identifier: BSD-3-Clause
/*
 * Remote-side virtio device and rpmsg transport.
 *
 * Nothing the host writes is trusted: vring sizes and addresses from the
 * resource table, descriptor indices, descriptor addresses and lengths,
 * rpmsg lengths and name-service messages are all checked; whatever fails
 * a check is logged and dropped.
 */
#include <string.h>
#include "copro.h"
#include "barrier.h"
#include "log.h"

#define NEXT_AVAIL_NONE		0
#define NEXT_AVAIL_OK		1

static bool is_pow2(uint32_t v)
{
	return v && !(v & (v - 1));
}

static bool status_ok(struct cp_rdev *r)
{
	uint8_t st = r->vdev->status;

	return (st & VIRTIO_CONFIG_S_DRIVER_OK) &&
	       !(st & VIRTIO_CONFIG_S_FAILED);
}

static int vq_setup(struct cp_rdev *r, struct cp_vq *vq, unsigned int idx)
{
	volatile struct fw_rsc_vdev_vring *vr = &r->vdev->vring[idx];
	uint32_t da = vr->da, align = vr->align, num = vr->num;
	uint8_t *va;

	memset(vq, 0, sizeof(*vq));
	if (!is_pow2(num) || num > CP_MAX_VRING_NUM) {
		cp_log("vring%u: bad size %u", idx, (unsigned int)num);
		return -CP_EINVAL;
	}
	if (!is_pow2(align) || align < 4) {
		cp_log("vring%u: bad alignment %u", idx, (unsigned int)align);
		return -CP_EINVAL;
	}
	if (da == FW_RSC_ADDR_ANY || da == 0) {
		cp_log("vring%u: host did not set an address", idx);
		return -CP_EINVAL;
	}
	va = r->port->da_to_va(r, da, vring_bytes(num, align));
	if (!va) {
		cp_log("vring%u: address 0x%08x (+%u) is not usable", idx,
		       (unsigned int)da, (unsigned int)vring_bytes(num, align));
		return -CP_EINVAL;
	}
	vq->num = num;
	vq->da = da;
	vq->notifyid = vr->notifyid;
	vq->desc = (volatile struct vring_desc *)va;
	vq->avail = (volatile struct vring_avail *)(va +
			num * sizeof(struct vring_desc));
	vq->used = (volatile struct vring_used *)(va +
			vring_used_offset(num, align));
	/* the host zeroes the rings before DRIVER_OK; start where it did */
	vq->used_idx = vq->used->idx;
	vq->last_avail = vq->used_idx;
	return 0;
}

/*
 * Take the next available descriptor head.  Returns NEXT_AVAIL_OK with
 * *head set, NEXT_AVAIL_NONE if the ring is empty, -CP_ENOENT if an entry
 * was consumed but had to be dropped, -CP_EINVAL if the ring is insane.
 */
static int vq_next_avail(struct cp_rdev *r, struct cp_vq *vq, uint16_t *head)
{
	uint16_t avail_idx, pending, h;

	avail_idx = vq->avail->idx;
	cp_rmb();
	pending = (uint16_t)(avail_idx - vq->last_avail);
	if (!pending)
		return NEXT_AVAIL_NONE;
	if (pending > vq->num) {
		if (!vq->bad_reported || vq->bad_idx != avail_idx)
			cp_log("vring@0x%08x: avail idx %u jumps %u entries past %u (size %u), ignored",
			       (unsigned int)vq->da, avail_idx, pending,
			       vq->last_avail, (unsigned int)vq->num);
		vq->bad_reported = true;
		vq->bad_idx = avail_idx;
		r->stats.dropped++;
		return -CP_EINVAL;
	}
	vq->bad_reported = false;
	h = vq->avail->ring[vq->last_avail & (vq->num - 1)];
	vq->last_avail++;
	if (h >= vq->num) {
		cp_log("vring@0x%08x: descriptor index %u out of range (size %u), dropped",
		       (unsigned int)vq->da, h, (unsigned int)vq->num);
		r->stats.dropped++;
		return -CP_ENOENT;
	}
	*head = h;
	return NEXT_AVAIL_OK;
}

void cp_vq_put_used(struct cp_rdev *r, struct cp_vq *vq, uint32_t head,
		    uint32_t len)
{
	volatile struct vring_used_elem *e;

	e = &vq->used->ring[vq->used_idx & (vq->num - 1)];
	e->id = head;
	e->len = len;
	cp_wmb();
	vq->used_idx++;
	vq->used->idx = vq->used_idx;
	cp_mb();
	if (!(vq->avail->flags & VRING_AVAIL_F_NO_INTERRUPT))
		r->port->kick(r, vq->notifyid);
}

void cp_init(struct cp_rdev *r, const struct cp_port *port,
	     const struct cp_app *app, volatile struct fw_rsc_vdev *vdev)
{
	memset(r, 0, sizeof(*r));
	r->port = port;
	r->app = app;
	r->vdev = vdev;
	r->link = CP_LINK_DOWN;
}

/* --- endpoints --------------------------------------------------------- */

struct cp_ept *cp_ept_find(struct cp_rdev *r, uint32_t addr)
{
	unsigned int i;

	for (i = 0; i < CP_MAX_EPTS; i++)
		if (r->epts[i].in_use && r->epts[i].addr == addr)
			return &r->epts[i];
	return NULL;
}

struct cp_ept *cp_ept_find_dst(struct cp_rdev *r, const char *name,
			       uint32_t dst)
{
	unsigned int i;

	for (i = 0; i < CP_MAX_EPTS; i++) {
		struct cp_ept *e = &r->epts[i];

		if (e->in_use && e->dst == dst &&
		    !strncmp(e->name, name, RPMSG_NAME_SIZE))
			return e;
	}
	return NULL;
}

struct cp_ept *cp_ept_create(struct cp_rdev *r, const char *name,
			     uint32_t addr, uint32_t dst, cp_ept_cb cb,
			     void *priv, bool announce)
{
	struct cp_ept *slot = NULL;
	unsigned int i;

	if (addr == RPMSG_ADDR_ANY) {
		for (addr = RPMSG_RESERVED_ADDRESSES; cp_ept_find(r, addr);
		     addr++)
			;
	} else if (addr == RPMSG_NS_ADDR || cp_ept_find(r, addr)) {
		cp_log("endpoint 0x%x is taken", (unsigned int)addr);
		return NULL;
	}
	for (i = 0; i < CP_MAX_EPTS; i++) {
		if (!r->epts[i].in_use) {
			slot = &r->epts[i];
			break;
		}
	}
	if (!slot) {
		cp_log("no free endpoint slot for '%s'", name);
		return NULL;
	}
	memset(slot, 0, sizeof(*slot));
	slot->addr = addr;
	slot->dst = dst;
	strncpy(slot->name, name, RPMSG_NAME_SIZE - 1);
	slot->cb = cb;
	slot->priv = priv;
	slot->announce = announce;
	slot->in_use = true;
	if (announce)
		r->announce_pending = true;
	return slot;
}

static int send_ns(struct cp_rdev *r, struct cp_ept *ept, uint32_t flags,
		   bool block)
{
	struct rpmsg_ns_msg ns;

	memset(&ns, 0, sizeof(ns));
	strncpy(ns.name, ept->name, RPMSG_NAME_SIZE - 1);
	ns.addr = ept->addr;
	ns.flags = flags;
	return cp_send(r, ept->addr, RPMSG_NS_ADDR, &ns, sizeof(ns), block);
}

void cp_ept_destroy(struct cp_rdev *r, struct cp_ept *ept, bool announce)
{
	if (!ept || !ept->in_use)
		return;
	if (announce && ept->announced && r->ns_enabled && cp_link_up(r)) {
		if (send_ns(r, ept, RPMSG_NS_DESTROY, true))
			cp_log("could not announce the end of '%s'", ept->name);
		else
			cp_log("channel '%s' at 0x%x destroyed", ept->name,
			       (unsigned int)ept->addr);
	}
	memset(ept, 0, sizeof(*ept));
}

static void flush_announcements(struct cp_rdev *r)
{
	unsigned int i;

	if (!r->announce_pending)
		return;
	r->announce_pending = false;
	for (i = 0; i < CP_MAX_EPTS; i++) {
		struct cp_ept *e = &r->epts[i];

		if (!e->in_use || !e->announce || e->announced)
			continue;
		if (!r->ns_enabled) {
			e->announced = true;
			continue;
		}
		if (send_ns(r, e, RPMSG_NS_CREATE, false)) {
			/* no host buffer yet: retry on the next kick */
			r->announce_pending = true;
			return;
		}
		e->announced = true;
		cp_log("announced '%s' at 0x%x", e->name,
		       (unsigned int)e->addr);
	}
}

/* --- sending ----------------------------------------------------------- */

int cp_tx_get(struct cp_rdev *r, struct cp_txbuf *tb, bool block)
{
	uint32_t start = r->port->now_ms ? r->port->now_ms(r) : 0;
	unsigned int tries = 0;
	uint16_t head;
	int ret;

	for (;;) {
		if (r->link != CP_LINK_UP || !status_ok(r))
			return -CP_ENOLINK;
		ret = vq_next_avail(r, &r->txq, &head);
		if (ret == NEXT_AVAIL_OK) {
			volatile struct vring_desc *d = &r->txq.desc[head];
			uint64_t addr = d->addr;
			uint32_t len = d->len;
			uint16_t flags = d->flags;
			uint8_t *va;

			if (len > RPMSG_BUF_SIZE)
				len = RPMSG_BUF_SIZE;
			if (!(flags & VRING_DESC_F_WRITE) ||
			    (flags & VRING_DESC_F_INDIRECT)) {
				cp_log("host RX buffer %u: flags 0x%x, dropped",
				       head, flags);
				r->stats.dropped++;
				continue;
			}
			if (len <= RPMSG_HDR_SIZE) {
				cp_log("host RX buffer %u: length %u too small, dropped",
				       head, (unsigned int)len);
				r->stats.dropped++;
				continue;
			}
			va = r->port->da_to_va(r, addr, len);
			if (!va) {
				cp_log("host RX buffer %u: address 0x%08lx is not usable, dropped",
				       head, (unsigned long)addr);
				r->stats.dropped++;
				continue;
			}
			tb->head = head;
			tb->hdr = (struct rpmsg_hdr *)va;
			tb->payload = va + RPMSG_HDR_SIZE;
			tb->cap = len - RPMSG_HDR_SIZE;
			return 0;
		}
		if (ret == -CP_ENOENT)
			continue;
		if (!block)
			return -CP_EAGAIN;
		if (r->port->now_ms)
			ret = r->port->now_ms(r) - start >= CP_TX_TIMEOUT_MS;
		else
			ret = tries++ >= CP_TX_WAIT_TRIES;
		if (ret || r->port->wait(r) < 0) {
			r->stats.tx_fail++;
			cp_log("no host RX buffer, message dropped");
			return -CP_EAGAIN;
		}
	}
}

int cp_tx_commit(struct cp_rdev *r, struct cp_txbuf *tb, uint32_t src,
		 uint32_t dst, uint32_t len)
{
	struct rpmsg_hdr h;

	if (len > tb->cap) {
		cp_log("message of %u bytes truncated to %u",
		       (unsigned int)len, (unsigned int)tb->cap);
		len = tb->cap;
	}
	h.src = src;
	h.dst = dst;
	h.reserved = 0;
	h.len = (uint16_t)len;
	h.flags = 0;
	memcpy(tb->hdr, &h, sizeof(h));
	cp_wmb();
	cp_vq_put_used(r, &r->txq, tb->head, RPMSG_HDR_SIZE + len);
	r->stats.tx++;
	return 0;
}

int cp_send(struct cp_rdev *r, uint32_t src, uint32_t dst, const void *data,
	    uint32_t len, bool block)
{
	struct cp_txbuf tb;
	int ret;

	if (len > RPMSG_MAX_PAYLOAD)
		return -CP_EMSGSIZE;
	ret = cp_tx_get(r, &tb, block);
	if (ret)
		return ret;
	if (len > tb.cap) {
		/* a host buffer smaller than its peers: give it back empty */
		cp_tx_commit(r, &tb, src, dst, 0);
		return -CP_EMSGSIZE;
	}
	memcpy(tb.payload, data, len);
	return cp_tx_commit(r, &tb, src, dst, len);
}

int cp_send_prefixed(struct cp_rdev *r, uint32_t src, uint32_t dst,
		     const char *prefix, const void *data, uint32_t len)
{
	struct cp_txbuf tb;
	uint32_t plen = strlen(prefix);
	int ret;

	ret = cp_tx_get(r, &tb, true);
	if (ret)
		return ret;
	if (plen > tb.cap)
		plen = tb.cap;
	if (len > tb.cap - plen)
		len = tb.cap - plen;
	memcpy(tb.payload, prefix, plen);
	memcpy(tb.payload + plen, data, len);
	return cp_tx_commit(r, &tb, src, dst, plen + len);
}

/* --- receiving --------------------------------------------------------- */

static void handle_ns(struct cp_rdev *r, uint32_t src, const uint8_t *data,
		      uint32_t len)
{
	struct rpmsg_ns_msg ns;

	if (len != sizeof(ns)) {
		cp_log("malformed name-service message (%u bytes) from 0x%x",
		       (unsigned int)len, (unsigned int)src);
		r->stats.dropped++;
		return;
	}
	memcpy(&ns, data, sizeof(ns));
	ns.name[RPMSG_NAME_SIZE - 1] = '\0';
	if (!ns.name[0] || ns.addr == RPMSG_ADDR_ANY ||
	    ns.flags > RPMSG_NS_DESTROY) {
		cp_log("bad name-service message from 0x%x (addr 0x%x, flags %u)",
		       (unsigned int)src, (unsigned int)ns.addr,
		       (unsigned int)ns.flags);
		r->stats.dropped++;
		return;
	}
	if (ns.flags == RPMSG_NS_DESTROY) {
		if (r->app->ns_destroy)
			r->app->ns_destroy(r, ns.name, ns.addr);
	} else {
		if (r->app->ns_create)
			r->app->ns_create(r, ns.name, ns.addr);
	}
}

static void dispatch(struct cp_rdev *r, uint32_t src, uint32_t dst,
		     const uint8_t *data, uint32_t len)
{
	struct cp_ept *ept;

	if (dst == RPMSG_NS_ADDR) {
		handle_ns(r, src, data, len);
		return;
	}
	ept = cp_ept_find(r, dst);
	if (!ept || !ept->cb) {
		cp_log("message for unknown endpoint 0x%x from 0x%x, dropped",
		       (unsigned int)dst, (unsigned int)src);
		r->stats.dropped++;
		return;
	}
	if (ept->dst == RPMSG_ADDR_ANY)
		ept->dst = src;
	ept->cb(r, ept, data, len, src);
}

static int drain_rx(struct cp_rdev *r)
{
	struct cp_vq *vq = &r->rxq;
	int handled = 0;

	while (r->link == CP_LINK_UP && status_ok(r)) {
		volatile struct vring_desc *d;
		const struct rpmsg_hdr *h;
		uint64_t addr;
		uint32_t len;
		uint16_t head, flags;
		uint8_t *va = NULL;
		int ret;

		ret = vq_next_avail(r, vq, &head);
		if (ret == -CP_ENOENT)
			continue;
		if (ret != NEXT_AVAIL_OK)
			break;

		d = &vq->desc[head];
		addr = d->addr;
		len = d->len;
		flags = d->flags;
		if (flags & (VRING_DESC_F_WRITE | VRING_DESC_F_INDIRECT)) {
			cp_log("host TX buffer %u: flags 0x%x, dropped", head,
			       flags);
		} else if (len < RPMSG_HDR_SIZE || len > RPMSG_BUF_SIZE) {
			cp_log("host TX buffer %u: length %u out of range, dropped",
			       head, (unsigned int)len);
		} else {
			va = r->port->da_to_va(r, addr, len);
			if (!va)
				cp_log("host TX buffer %u: address 0x%08lx is not usable, dropped",
				       head, (unsigned long)addr);
		}
		if (va) {
			cp_rmb();
			memcpy(r->rxbuf, va, len);
		}
		/* hand the buffer back before acting on it */
		cp_vq_put_used(r, vq, head, 0);
		if (!va) {
			r->stats.dropped++;
			continue;
		}

		h = (const struct rpmsg_hdr *)r->rxbuf;
		if (h->len > len - RPMSG_HDR_SIZE) {
			cp_log("rpmsg length %u exceeds its %u-byte buffer (0x%x -> 0x%x), dropped",
			       h->len, (unsigned int)len, (unsigned int)h->src,
			       (unsigned int)h->dst);
			r->stats.dropped++;
			continue;
		}
		r->stats.rx++;
		handled++;
		if (r->app->message)
			r->app->message(r, h->src, h->dst, h->len);
		dispatch(r, h->src, h->dst, r->rxbuf + RPMSG_HDR_SIZE, h->len);
		flush_announcements(r);
	}
	return handled;
}

/* --- link state -------------------------------------------------------- */

static void link_down(struct cp_rdev *r, const char *why)
{
	bool was_up = r->link == CP_LINK_UP;

	cp_log("link down (%s)", why);
	memset(r->epts, 0, sizeof(r->epts));
	memset(&r->txq, 0, sizeof(r->txq));
	memset(&r->rxq, 0, sizeof(r->rxq));
	r->link = CP_LINK_DOWN;
	r->kicked = false;
	r->announce_pending = false;
	if (was_up && r->app->link_down)
		r->app->link_down(r);
}

static void link_up(struct cp_rdev *r)
{
	volatile struct fw_rsc_vdev *v = r->vdev;

	if (v->num_of_vrings < 2 || vq_setup(r, &r->txq, 0) ||
	    vq_setup(r, &r->rxq, 1)) {
		cp_log("vdev unusable, waiting for the host to reset it");
		r->link = CP_LINK_BROKEN;
		return;
	}
	r->ns_enabled = !!(v->gfeatures & (1u << VIRTIO_RPMSG_F_NS));
	r->link = CP_LINK_UP;
	r->stats.link_ups++;
	cp_log("link up: vring0 0x%08x vring1 0x%08x num %u, ns %s",
	       (unsigned int)r->txq.da, (unsigned int)r->rxq.da,
	       (unsigned int)r->txq.num, r->ns_enabled ? "on" : "off");
	if (r->app->link_up)
		r->app->link_up(r);
}

int cp_poll(struct cp_rdev *r, bool kicked)
{
	uint8_t st = r->vdev->status;
	int handled;

	cp_rmb();
	r->last_status = st;
	if (r->link != CP_LINK_DOWN && !status_ok(r))
		link_down(r, st ? "host status changed" :
			  "host reset the device");
	if (kicked)
		r->kicked = true;
	/*
	 * The link comes up on DRIVER_OK, whether we notice it by reading the
	 * status or because the host's first kick woke us: both lead here,
	 * and the announcements go out once for each time the link comes up.
	 */
	if (r->link == CP_LINK_DOWN && status_ok(r))
		link_up(r);
	if (r->link != CP_LINK_UP)
		return 0;

	flush_announcements(r);
	handled = drain_rx(r);
	if (r->link == CP_LINK_UP && r->app->idle)
		r->app->idle(r);
	flush_announcements(r);
	return handled;
}
