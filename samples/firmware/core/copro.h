/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * copro remote-side rpmsg core: the portable part of the firmware.
 *
 * The host (Linux virtio_rpmsg_bus) is the virtio driver, this core is the
 * device.  Vring 0 is the host's RX ring (we send into its buffers), vring 1
 * is the host's TX ring (we receive from it).
 */
#ifndef COPRO_H
#define COPRO_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include "rsc_table.h"
#include "virtio_ring.h"

#define RPMSG_BUF_SIZE		512u
#define RPMSG_HDR_SIZE		16u
#define RPMSG_MAX_PAYLOAD	(RPMSG_BUF_SIZE - RPMSG_HDR_SIZE)
#define RPMSG_NAME_SIZE		32
#define RPMSG_NS_ADDR		53
#define RPMSG_ADDR_ANY		0xffffffffu
#define RPMSG_RESERVED_ADDRESSES 1024
#define RPMSG_NS_CREATE		0
#define RPMSG_NS_DESTROY	1

#ifndef CP_MAX_EPTS
#define CP_MAX_EPTS		16
#endif
#ifndef CP_MAX_VRING_NUM
#define CP_MAX_VRING_NUM	1024
#endif
/* How many times a blocking send calls port->wait() before giving up. */
#ifndef CP_TX_WAIT_TRIES
#define CP_TX_WAIT_TRIES	2000
#endif
#ifndef CP_TX_TIMEOUT_MS
#define CP_TX_TIMEOUT_MS	2000
#endif

#define CP_EAGAIN	11
#define CP_ENOMEM	12
#define CP_EINVAL	22
#define CP_EMSGSIZE	90
#define CP_ENOLINK	67
#define CP_EEXIST	17
#define CP_ENOENT	2

/* Faults a port can make its CPU take on request (struct cp_port.crash). */
enum cp_crash_kind {
	CP_CRASH_UDF = 1,	/* a permanently undefined instruction */
	CP_CRASH_BUS,		/* a load from an address nothing decodes */
	CP_CRASH_XN,		/* a branch into execute-never memory */
	CP_CRASH_DIV0,		/* an integer division by zero, trapped */
};

struct rpmsg_hdr {
	uint32_t src;
	uint32_t dst;
	uint32_t reserved;
	uint16_t len;
	uint16_t flags;
} __attribute__((packed));

struct rpmsg_ns_msg {
	char name[RPMSG_NAME_SIZE];
	uint32_t addr;
	uint32_t flags;
} __attribute__((packed));

struct cp_rdev;
struct cp_ept;

/* What a port provides.  Everything SoC-specific lives behind this. */
struct cp_port {
	/* notify the host that vring @notifyid has new used entries */
	void (*kick)(struct cp_rdev *r, uint32_t notifyid);
	/*
	 * Translate a device address the host put in the resource table or a
	 * descriptor into a pointer, or NULL if [da, da+len) is not memory
	 * this core may touch.
	 */
	void *(*da_to_va)(struct cp_rdev *r, uint64_t da, uint32_t len);
	/*
	 * Sleep until something may have changed (an interrupt, a tick).
	 * Return 0 to let the caller retry, negative to make it give up.
	 */
	int (*wait)(struct cp_rdev *r);
	/*
	 * Optional millisecond clock.  With it a blocking send gives up after
	 * CP_TX_TIMEOUT_MS, without it after CP_TX_WAIT_TRIES waits.
	 */
	uint32_t (*now_ms)(struct cp_rdev *r);
	/*
	 * Optional: make the CPU take a real fault of @kind (enum
	 * cp_crash_kind), the way a bug would; the port's fault handler then
	 * reports the crash to the host.  Returns only if no fault was taken.
	 */
	void (*crash)(struct cp_rdev *r, unsigned int kind);
	/*
	 * Optional, for the hostile test firmware: put @word on the host's
	 * mailbox as it is (no coalescing), and ring the host's doorbell.
	 * Both wait a bounded time for the host to take the previous one and
	 * return false if it did not.
	 */
	bool (*raw_notify)(struct cp_rdev *r, uint32_t word);
	bool (*doorbell)(struct cp_rdev *r);
	void *priv;
};

/* Application callbacks, all called from cp_poll() context. */
struct cp_app {
	/* link came up: create and announce endpoints here */
	void (*link_up)(struct cp_rdev *r);
	/* link went down: every endpoint is already gone */
	void (*link_down)(struct cp_rdev *r);
	/* host announced a channel (NS create to our NS address) */
	void (*ns_create)(struct cp_rdev *r, const char *name, uint32_t addr);
	/* host withdrew a channel */
	void (*ns_destroy)(struct cp_rdev *r, const char *name, uint32_t addr);
	/* called at the end of every poll while the link is up */
	void (*idle)(struct cp_rdev *r);
	/* optional: every well-formed message, before it is dispatched */
	void (*message)(struct cp_rdev *r, uint32_t src, uint32_t dst,
			uint32_t len);
	void *priv;
};

typedef void (*cp_ept_cb)(struct cp_rdev *r, struct cp_ept *ept,
			  const uint8_t *data, uint32_t len, uint32_t src);

struct cp_ept {
	uint32_t addr;		/* local address, 0 = slot free */
	uint32_t dst;		/* remote address, RPMSG_ADDR_ANY until known */
	char name[RPMSG_NAME_SIZE];
	cp_ept_cb cb;
	void *priv;
	uint32_t user;		/* free for the service (instance, counter) */
	uint32_t user2;
	bool in_use;
	bool announce;		/* NS create wanted */
	bool announced;		/* NS create sent */
};

struct cp_vq {
	uint32_t num;
	uint32_t notifyid;
	uint32_t da;
	volatile struct vring_desc *desc;
	volatile struct vring_avail *avail;
	volatile struct vring_used *used;
	uint16_t last_avail;	/* next avail entry we consume */
	uint16_t used_idx;	/* our copy of used->idx */
	uint16_t bad_idx;	/* last insane avail idx we reported */
	bool bad_reported;
};

enum cp_link {
	CP_LINK_DOWN,
	CP_LINK_UP,
	CP_LINK_BROKEN,		/* vrings unusable until the host resets */
};

struct cp_stats {
	uint32_t rx;
	uint32_t tx;
	uint32_t dropped;
	uint32_t tx_fail;
	uint32_t link_ups;
};

/* A TX buffer taken from the host's RX ring, to be filled then committed. */
struct cp_txbuf {
	uint8_t *payload;
	uint32_t cap;		/* payload bytes that fit */
	uint16_t head;
	struct rpmsg_hdr *hdr;
};

struct cp_rdev {
	const struct cp_port *port;
	const struct cp_app *app;
	volatile struct fw_rsc_vdev *vdev;
	struct cp_vq txq;	/* vring 0: host RX, we fill it */
	struct cp_vq rxq;	/* vring 1: host TX, we drain it */
	enum cp_link link;
	uint8_t last_status;
	bool ns_enabled;	/* host accepted VIRTIO_RPMSG_F_NS */
	bool kicked;
	bool announce_pending;
	struct cp_ept epts[CP_MAX_EPTS];
	struct cp_stats stats;
	uint8_t rxbuf[RPMSG_BUF_SIZE] __attribute__((aligned(8)));
};

void cp_init(struct cp_rdev *r, const struct cp_port *port,
	     const struct cp_app *app, volatile struct fw_rsc_vdev *vdev);
/*
 * The whole engine: look at the vdev status, bring the link up or down,
 * (re)send announcements, drain the host's TX ring.  @kicked tells that
 * the host notified us since the last call.  Returns messages handled.
 */
int cp_poll(struct cp_rdev *r, bool kicked);
static inline bool cp_link_up(const struct cp_rdev *r)
{
	return r->link == CP_LINK_UP;
}

/* Endpoints.  @addr RPMSG_ADDR_ANY allocates the lowest free >= 1024. */
struct cp_ept *cp_ept_create(struct cp_rdev *r, const char *name,
			     uint32_t addr, uint32_t dst, cp_ept_cb cb,
			     void *priv, bool announce);
void cp_ept_destroy(struct cp_rdev *r, struct cp_ept *ept, bool announce);
struct cp_ept *cp_ept_find(struct cp_rdev *r, uint32_t addr);
struct cp_ept *cp_ept_find_dst(struct cp_rdev *r, const char *name,
			       uint32_t dst);

/*
 * Return descriptor @head to the host through the used ring of @vq with
 * used length @len, and kick it unless it asked not to be.  The services
 * never need this (cp_tx_commit does it); the hostile firmware does.
 */
void cp_vq_put_used(struct cp_rdev *r, struct cp_vq *vq, uint32_t head,
		    uint32_t len);

/* Sending.  0 or negative CP_E*. */
int cp_tx_get(struct cp_rdev *r, struct cp_txbuf *tb, bool block);
int cp_tx_commit(struct cp_rdev *r, struct cp_txbuf *tb, uint32_t src,
		 uint32_t dst, uint32_t len);
int cp_send(struct cp_rdev *r, uint32_t src, uint32_t dst, const void *data,
	    uint32_t len, bool block);
/* send @prefix followed by @data, truncating @data if it would not fit */
int cp_send_prefixed(struct cp_rdev *r, uint32_t src, uint32_t dst,
		     const char *prefix, const void *data, uint32_t len);

#endif
