// SPDX-License-Identifier: GPL-2.0
/*
 * copro virtio rpmsg transport.
 *
 * The host side of the rpmsg wire protocol over a virtio device with two
 * vrings (index 0: messages from the remote, index 1: messages to it).
 * Every message is one fixed-size buffer that starts with a struct
 * rpmsg_hdr; the host owns all buffers: the first half of the buffer
 * region is posted on the rx vring, the second half is used for tx.
 *
 * It plugs into the kernel's own rpmsg_core: channels are rpmsg devices
 * registered on the rpmsg bus, endpoints are struct rpmsg_endpoint, and the
 * operation tables are laid out as the running kernel expects (see
 * <copro/compat.h>).
 *
 * The remote processor is not trusted: every used buffer, every header and
 * every name service message is checked before it is looked at, and bad
 * ones are logged and dropped.
 */

#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/idr.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg/byteorder.h>
#include <linux/rpmsg/ns.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_ring.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <copro/compat.h>

/* Feature bit 0: the remote sends and expects name service messages. */
#define VIRTIO_RPMSG_F_NS		0

#define VRP_BUF_SIZE			512
#define VRP_MAX_BUFS			512
/* Addresses below this are only handed out on explicit request. */
#define VRP_RESERVED_ADDRESSES		1024
/* How long a blocking send waits for a free tx buffer. */
#define VRP_TX_TIMEOUT_MS		15000

/**
 * struct rpmsg_hdr - header at the start of every rpmsg buffer
 * @src: source address
 * @dst: destination address
 * @reserved: unused, zero
 * @len: payload length
 * @flags: unused, zero
 * @data: payload
 */
struct rpmsg_hdr {
	__rpmsg32 src;
	__rpmsg32 dst;
	__rpmsg32 reserved;
	__rpmsg16 len;
	__rpmsg16 flags;
	u8 data[];
} __packed;

/**
 * struct virtproc_info - one virtio rpmsg device (one remote processor)
 * @vdev: the virtio device
 * @rvq: rx virtqueue (remote to host)
 * @svq: tx virtqueue (host to remote)
 * @rbufs: first rx buffer
 * @sbufs: first tx buffer
 * @bufs_dma: dma address of the buffer region
 * @bufs_size: size of the buffer region
 * @num_bufs: number of buffers, rx and tx together
 * @buf_size: size of one buffer, header included
 * @little_endian: byte order of the wire protocol
 * @has_ns: the remote supports name service messages
 * @tx_lock: guards @svq, @last_sbuf and @tx_cb_on
 * @last_sbuf: number of tx buffers handed out at least once
 * @tx_cb_on: the tx-complete interrupt is enabled on @svq
 * @tx_waiters: senders waiting for a tx buffer
 * @tx_events: count of tx-complete interrupts, for the waiters
 * @tx_poll_armed: a poller waits for the tx-complete interrupt
 * @tx_used: used entries taken from @svq (a free-running 16-bit count, as
 *	the ring's own index)
 * @sendq: where those senders wait
 * @rx_lock: guards @rvq and serialises the delivery of received messages
 * @rx_work: receives messages (and runs the endpoints' callbacks)
 * @rx_used: used entries taken from @rvq, as @tx_used
 * @endpoints_lock: guards @endpoints
 * @endpoints: local address -> struct rpmsg_endpoint
 * @channels_lock: serialises channel creation and release
 * @state_lock: guards @dead against the vring callbacks
 * @dead: the device is going away: no new channels, no rx, no waiting
 * @ns_rpdev: the name service device (NULL without VIRTIO_RPMSG_F_NS)
 * @ctrl_rpdev: the control device behind /dev/rpmsg_ctrlN
 */
struct virtproc_info {
	struct virtio_device *vdev;
	struct virtqueue *rvq;
	struct virtqueue *svq;
	void *rbufs;
	void *sbufs;
	dma_addr_t bufs_dma;
	size_t bufs_size;
	unsigned int num_bufs;
	unsigned int buf_size;
	bool little_endian;
	bool has_ns;

	struct mutex tx_lock;		/* svq, last_sbuf, tx_cb_on */
	unsigned int last_sbuf;
	bool tx_cb_on;
	atomic_t tx_waiters;
	atomic_t tx_events;
	bool tx_poll_armed;
	u16 tx_used;
	wait_queue_head_t sendq;

	struct mutex rx_lock;		/* rvq, rx delivery order */
	struct work_struct rx_work;
	u16 rx_used;

	struct mutex endpoints_lock;	/* endpoints */
	struct idr endpoints;

	struct mutex channels_lock;	/* channel create/release */
	spinlock_t state_lock;		/* dead vs. rx_work queueing */
	bool dead;

	struct rpmsg_device *ns_rpdev;
	struct rpmsg_device *ctrl_rpdev;
};

/**
 * struct virtio_rpmsg_channel - an rpmsg device of this transport
 * @rpdev: the rpmsg device
 * @vrp: the transport it belongs to
 */
struct virtio_rpmsg_channel {
	struct rpmsg_device rpdev;
	struct virtproc_info *vrp;
};

#define to_vch(_rpdev) container_of(_rpdev, struct virtio_rpmsg_channel, rpdev)

static inline struct virtproc_info *rpdev_to_vrp(struct rpmsg_device *rpdev)
{
	return to_vch(rpdev)->vrp;
}

static bool vrp_is_dead(struct virtproc_info *vrp)
{
	return READ_ONCE(vrp->dead);
}

/*
 * No I/O: the device is going away, or the remote corrupted a ring and
 * the virtio core (or vrp_used_ok()) broke it. A broken ring stays broken
 * until the remote is restarted, which makes a new device.
 */
static bool vrp_link_down(struct virtproc_info *vrp)
{
	return vrp_is_dead(vrp) || virtqueue_is_broken(vrp->svq) ||
	       virtqueue_is_broken(vrp->rvq);
}

/* A ring just broke: whoever waits to send learns it now. */
static void vrp_ring_broke(struct virtproc_info *vrp, const char *ring)
{
	dev_err_ratelimited(&vrp->vdev->dev,
			    "%s ring is broken: no more messages until the remote restarts\n",
			    ring);
	wake_up_interruptible_all(&vrp->sendq);
}

/*
 * The remote may mark at most the ring's size of entries used beyond those
 * taken: an index further ahead would hand back, as new, entries already
 * taken, whose buffers are reposted (a stale message delivered twice, or a
 * tx buffer the remote still reads written over). The virtio core cannot
 * tell those from new ones; here such a ring is broken for good, and the
 * caller, finding it broken, calls vrp_ring_broke().
 * Called with the ring's lock held (tx_lock or rx_lock).
 */
static bool vrp_used_ok(struct virtproc_info *vrp, struct virtqueue *vq,
			u16 taken, const char *ring)
{
	const struct vring *vr = virtqueue_get_vring(vq);
	u16 ahead = virtio16_to_cpu(vrp->vdev, READ_ONCE(vr->used->idx)) - taken;

	if (ahead <= vr->num)
		return true;

	dev_err_ratelimited(&vrp->vdev->dev,
			    "%s ring: used index %u entries ahead of the %u the ring holds\n",
			    ring, ahead, vr->num);
	virtio_break_device(vrp->vdev);
	return false;
}

static unsigned int vrp_mtu(struct virtproc_info *vrp)
{
	return vrp->buf_size - sizeof(struct rpmsg_hdr);
}

/*
 * The buffers may live in a remapped (vmalloc space) region, for example a
 * reserved-memory pool: describe them by page rather than by linear address.
 */
static void vrp_sg_init(struct scatterlist *sg, void *cpu_addr,
			unsigned int len)
{
	if (is_vmalloc_addr(cpu_addr)) {
		sg_init_table(sg, 1);
		sg_set_page(sg, vmalloc_to_page(cpu_addr), len,
			    offset_in_page(cpu_addr));
	} else {
		sg_init_one(sg, cpu_addr, len);
	}
}

/* Is @buf one of the buffers of @base (a half of the region)? */
static bool vrp_buf_ok(struct virtproc_info *vrp, void *base, void *buf)
{
	size_t half = (size_t)vrp->buf_size * (vrp->num_bufs / 2);
	size_t off;

	if (buf < base || buf >= base + half)
		return false;
	off = buf - base;
	/* buf_size is always VRP_BUF_SIZE, a power of two: no division */
	return off % VRP_BUF_SIZE == 0;
}

/* ---------------------------------------------------------------- endpoints */

static const struct rpmsg_endpoint_ops vrp_endpoint_ops;

static void vrp_ept_release(struct kref *kref)
{
	struct rpmsg_endpoint *ept = container_of(kref, struct rpmsg_endpoint,
						  refcount);

	kfree(ept);
}

/*
 * The name service endpoint's callback creates and removes channels, and
 * their probe and remove take their own endpoint's cb_lock while the name
 * service's is held. A class of its own tells lockdep these are two locks.
 */
static struct lock_class_key vrp_ns_cb_lock_key;

static struct rpmsg_endpoint *vrp_create_ept_addr(struct virtproc_info *vrp,
						  struct rpmsg_device *rpdev,
						  rpmsg_rx_cb_t cb, void *priv,
						  u32 addr)
{
	struct device *dev = rpdev ? &rpdev->dev : &vrp->vdev->dev;
	struct rpmsg_endpoint *ept;
	int start = VRP_RESERVED_ADDRESSES, end = 0, id;

	if (addr != RPMSG_ADDR_ANY) {
		if (addr >= INT_MAX) {
			dev_err(dev, "endpoint address 0x%x out of range\n",
				addr);
			return NULL;
		}
		start = addr;
		end = addr + 1;
	}

	ept = kzalloc(sizeof(*ept), GFP_KERNEL);
	if (!ept)
		return NULL;

	kref_init(&ept->refcount);
	mutex_init(&ept->cb_lock);
	if (addr == RPMSG_NS_ADDR)
		lockdep_set_class(&ept->cb_lock, &vrp_ns_cb_lock_key);
	ept->rpdev = rpdev;
	ept->cb = cb;
	ept->priv = priv;
	ept->ops = &vrp_endpoint_ops;

	mutex_lock(&vrp->endpoints_lock);
	id = idr_alloc(&vrp->endpoints, ept, start, end, GFP_KERNEL);
	mutex_unlock(&vrp->endpoints_lock);
	if (id < 0) {
		if (id == -ENOSPC && addr != RPMSG_ADDR_ANY)
			dev_err(dev, "endpoint address 0x%x already in use\n",
				addr);
		else
			dev_err(dev, "cannot allocate an endpoint: %d\n", id);
		kfree(ept);
		return NULL;
	}
	ept->addr = id;

	return ept;
}

static struct rpmsg_endpoint *vrp_create_ept(struct rpmsg_device *rpdev,
					     rpmsg_rx_cb_t cb, void *priv,
					     struct rpmsg_channel_info chinfo)
{
	return vrp_create_ept_addr(rpdev_to_vrp(rpdev), rpdev, cb, priv,
				   chinfo.src);
}

static void vrp_destroy_ept(struct rpmsg_endpoint *ept)
{
	struct virtproc_info *vrp = rpdev_to_vrp(ept->rpdev);

	mutex_lock(&vrp->endpoints_lock);
	idr_remove(&vrp->endpoints, ept->addr);
	mutex_unlock(&vrp->endpoints_lock);

	/* Wait for a callback in progress; none can start after this. */
	mutex_lock(&ept->cb_lock);
	ept->cb = NULL;
	mutex_unlock(&ept->cb_lock);

	kref_put(&ept->refcount, vrp_ept_release);
}

/* ----------------------------------------------------------------------- tx */

/* Called with tx_lock held: a tx buffer never used, or one given back. */
static void *vrp_get_tx_buf(struct virtproc_info *vrp)
{
	unsigned int len;
	void *buf;

	if (vrp->last_sbuf < vrp->num_bufs / 2)
		return vrp->sbufs + vrp->buf_size * vrp->last_sbuf++;

	while (vrp_used_ok(vrp, vrp->svq, vrp->tx_used, "tx") &&
	       (buf = virtqueue_get_buf(vrp->svq, &len))) {
		vrp->tx_used++;
		if (vrp_buf_ok(vrp, vrp->sbufs, buf))
			return buf;
		dev_err_ratelimited(&vrp->vdev->dev,
				    "tx ring returned a foreign buffer %p\n",
				    buf);
	}
	if (virtqueue_is_broken(vrp->svq))
		vrp_ring_broke(vrp, "tx");
	return NULL;
}

/* Called with tx_lock held: ask for tx-complete interrupts. */
static void vrp_tx_cb_on(struct virtproc_info *vrp)
{
	if (!vrp->tx_cb_on) {
		vrp->tx_cb_on = true;
		virtqueue_enable_cb(vrp->svq);
	}
}

/* Called with tx_lock held: nobody needs tx-complete interrupts any more. */
static void vrp_tx_cb_off(struct virtproc_info *vrp)
{
	if (vrp->tx_cb_on && !atomic_read(&vrp->tx_waiters) &&
	    !READ_ONCE(vrp->tx_poll_armed)) {
		vrp->tx_cb_on = false;
		virtqueue_disable_cb(vrp->svq);
	}
}

/*
 * Takes tx_lock and returns with it held when a buffer was found. A dead
 * device has none: vrp_remove() sets dead, then waits for tx_lock once, so
 * nothing is queued on a vring being torn down.
 */
static void *vrp_tx_buf_locked(struct virtproc_info *vrp)
{
	void *buf = NULL;

	mutex_lock(&vrp->tx_lock);
	if (!vrp_link_down(vrp))
		buf = vrp_get_tx_buf(vrp);
	if (!buf)
		mutex_unlock(&vrp->tx_lock);
	return buf;
}

static bool vrp_tx_event(struct virtproc_info *vrp, unsigned int events)
{
	return atomic_read(&vrp->tx_events) != events || vrp_link_down(vrp);
}

/*
 * Wait for a tx buffer: each one the remote gives back raises a tx-complete
 * interrupt (turned on for as long as somebody waits) and vrp_tx_done()
 * wakes us. That interrupt never waits for an endpoint's callback, which
 * may itself be the sender here: callbacks run in rx_work only.
 * Returns with tx_lock held on success.
 */
static int vrp_wait_tx_buf(struct virtproc_info *vrp, void **bufp)
{
	long left = msecs_to_jiffies(VRP_TX_TIMEOUT_MS);
	unsigned int events;
	void *buf = NULL;
	int err = 0;

	atomic_inc(&vrp->tx_waiters);
	mutex_lock(&vrp->tx_lock);
	vrp_tx_cb_on(vrp);
	mutex_unlock(&vrp->tx_lock);

	for (;;) {
		/* read before looking, so a buffer given back after is seen */
		events = atomic_read(&vrp->tx_events);
		buf = vrp_tx_buf_locked(vrp);
		if (buf)
			break;
		if (vrp_link_down(vrp)) {
			err = -EPIPE;
			break;
		}
		if (!left) {
			dev_err_ratelimited(&vrp->vdev->dev,
					    "no tx buffer for %d ms\n",
					    VRP_TX_TIMEOUT_MS);
			err = -ETIMEDOUT;
			break;
		}
		left = wait_event_interruptible_timeout(vrp->sendq,
							vrp_tx_event(vrp, events),
							left);
		if (left < 0) {
			err = left;
			break;
		}
	}

	atomic_dec(&vrp->tx_waiters);
	if (buf) {
		*bufp = buf;
		vrp_tx_cb_off(vrp);
		return 0;
	}

	mutex_lock(&vrp->tx_lock);
	vrp_tx_cb_off(vrp);
	mutex_unlock(&vrp->tx_lock);
	return err;
}

static int vrp_send(struct virtproc_info *vrp, u32 src, u32 dst,
		    const void *data, int len, bool wait)
{
	struct device *dev = &vrp->vdev->dev;
	struct rpmsg_hdr *msg;
	struct scatterlist sg;
	int err;

	if (src == RPMSG_ADDR_ANY || dst == RPMSG_ADDR_ANY) {
		dev_err_ratelimited(dev, "invalid address 0x%x -> 0x%x\n",
				    src, dst);
		return -EINVAL;
	}
	if (len < 0 || len > vrp_mtu(vrp))
		return -EMSGSIZE;
	if (len && !data)
		return -EINVAL;

	msg = vrp_tx_buf_locked(vrp);
	if (!msg) {
		if (!wait)
			return vrp_link_down(vrp) ? -EPIPE : -ENOMEM;
		err = vrp_wait_tx_buf(vrp, (void **)&msg);
		if (err)
			return err;
	}
	/* tx_lock is held from here on */

	msg->src = __cpu_to_rpmsg32(vrp->little_endian, src);
	msg->dst = __cpu_to_rpmsg32(vrp->little_endian, dst);
	msg->reserved = 0;
	msg->len = __cpu_to_rpmsg16(vrp->little_endian, len);
	msg->flags = 0;
	if (len)
		memcpy(msg->data, data, len);

	dev_dbg(dev, "TX from 0x%x to 0x%x len %d\n", src, dst, len);
	print_hex_dump_debug("rpmsg_virtio TX: ", DUMP_PREFIX_NONE, 16, 1,
			     msg, sizeof(*msg) + len, true);

	vrp_sg_init(&sg, msg, sizeof(*msg) + len);
	err = virtqueue_add_outbuf(vrp->svq, &sg, 1, msg, GFP_KERNEL);
	if (err) {
		/* Cannot happen: never more tx buffers than ring entries. */
		dev_err(dev, "cannot queue a tx buffer: %d\n", err);
		mutex_unlock(&vrp->tx_lock);
		return err;
	}
	virtqueue_kick(vrp->svq);
	mutex_unlock(&vrp->tx_lock);

	return 0;
}

static u32 vrp_ept_dst(struct rpmsg_endpoint *ept)
{
	return ept->rpdev->dst;
}

static int vrp_ops_send(struct rpmsg_endpoint *ept, void *data, int len)
{
	return vrp_send(rpdev_to_vrp(ept->rpdev), ept->addr, vrp_ept_dst(ept),
			data, len, true);
}

static int vrp_ops_sendto(struct rpmsg_endpoint *ept, void *data, int len,
			  u32 dst)
{
	return vrp_send(rpdev_to_vrp(ept->rpdev), ept->addr, dst, data, len,
			true);
}

static int vrp_ops_send_offchannel(struct rpmsg_endpoint *ept, u32 src,
				   u32 dst, void *data, int len)
{
	return vrp_send(rpdev_to_vrp(ept->rpdev), src, dst, data, len, true);
}

static int vrp_ops_trysend(struct rpmsg_endpoint *ept, void *data, int len)
{
	return vrp_send(rpdev_to_vrp(ept->rpdev), ept->addr, vrp_ept_dst(ept),
			data, len, false);
}

static int vrp_ops_trysendto(struct rpmsg_endpoint *ept, void *data, int len,
			     u32 dst)
{
	return vrp_send(rpdev_to_vrp(ept->rpdev), ept->addr, dst, data, len,
			false);
}

static int vrp_ops_trysend_offchannel(struct rpmsg_endpoint *ept, u32 src,
				      u32 dst, void *data, int len)
{
	return vrp_send(rpdev_to_vrp(ept->rpdev), src, dst, data, len, false);
}

static __poll_t vrp_ops_poll(struct rpmsg_endpoint *ept, struct file *filp,
			     poll_table *wait)
{
	struct virtproc_info *vrp = rpdev_to_vrp(ept->rpdev);
	__poll_t mask = 0;
	unsigned int opaque;

	/*
	 * Only writability is decided here.  A poll for input alone (a reader
	 * waiting for the next message) must not wait on the tx side nor turn
	 * on tx-complete interrupts: each would cost every message a kick
	 * and a wake-up for nothing.
	 */
	if (!(poll_requested_events(wait) & (EPOLLOUT | EPOLLWRNORM)))
		return vrp_link_down(vrp) ? EPOLLERR | EPOLLHUP : 0;

	poll_wait(filp, &vrp->sendq, wait);

	if (vrp_link_down(vrp))
		return EPOLLERR | EPOLLHUP;

	mutex_lock(&vrp->tx_lock);
	if (vrp->last_sbuf < vrp->num_bufs / 2) {
		mask |= EPOLLOUT | EPOLLWRNORM;
	} else {
		/* Pending used buffers, or an interrupt when one comes. */
		vrp->tx_cb_on = true;
		WRITE_ONCE(vrp->tx_poll_armed, true);
		opaque = virtqueue_enable_cb_prepare(vrp->svq);
		if (virtqueue_poll(vrp->svq, opaque))
			mask |= EPOLLOUT | EPOLLWRNORM;
	}
	mutex_unlock(&vrp->tx_lock);

	return mask;
}

static ssize_t vrp_ops_get_mtu(struct rpmsg_endpoint *ept)
{
	return vrp_mtu(rpdev_to_vrp(ept->rpdev));
}

static const struct rpmsg_endpoint_ops vrp_endpoint_ops = {
	.destroy_ept = vrp_destroy_ept,
	.send = vrp_ops_send,
	.sendto = vrp_ops_sendto,
	.send_offchannel = vrp_ops_send_offchannel,
	.trysend = vrp_ops_trysend,
	.trysendto = vrp_ops_trysendto,
	.trysend_offchannel = vrp_ops_trysend_offchannel,
	.poll = vrp_ops_poll,
	.get_mtu = vrp_ops_get_mtu,
};

/* ----------------------------------------------------------------- channels */

static void vrp_release_device(struct device *dev)
{
	struct rpmsg_device *rpdev = container_of(dev, struct rpmsg_device,
						  dev);
	struct virtio_rpmsg_channel *vch = to_vch(rpdev);

	copro_rpmsg_free_driver_override(rpdev);
	kfree(vch);
}

static struct virtio_rpmsg_channel *vrp_alloc_vch(struct virtproc_info *vrp);

static struct rpmsg_device *vrp_create_channel(struct rpmsg_device *rpdev,
					       struct rpmsg_channel_info *chinfo)
{
	struct virtproc_info *vrp = rpdev_to_vrp(rpdev);
	struct device *vdev_dev = &vrp->vdev->dev;
	struct virtio_rpmsg_channel *vch;
	struct rpmsg_device *newch = NULL;
	struct device *tmp;
	int err;

	if (strnlen(chinfo->name, RPMSG_NAME_SIZE) == RPMSG_NAME_SIZE ||
	    !chinfo->name[0]) {
		dev_err(vdev_dev, "refusing a channel without a valid name\n");
		return NULL;
	}

	mutex_lock(&vrp->channels_lock);
	if (vrp_is_dead(vrp))
		goto out;

	tmp = rpmsg_find_device(vdev_dev, chinfo);
	if (tmp) {
		put_device(tmp);
		dev_err(vdev_dev, "channel %s:0x%x:0x%x already exists\n",
			chinfo->name, chinfo->src, chinfo->dst);
		goto out;
	}

	vch = vrp_alloc_vch(vrp);
	if (!vch)
		goto out;

	newch = &vch->rpdev;
	newch->src = chinfo->src;
	newch->dst = chinfo->dst;
	/* A channel with a fixed local address is a service of ours. */
	newch->announce = newch->src != RPMSG_ADDR_ANY;
	strscpy(newch->id.name, chinfo->name, sizeof(newch->id.name));

	err = rpmsg_register_device(newch);
	if (err) {
		/* the core dropped the last reference: vch is gone */
		newch = NULL;
	}
out:
	mutex_unlock(&vrp->channels_lock);
	return newch;
}

static int vrp_release_channel(struct rpmsg_device *rpdev,
			       struct rpmsg_channel_info *chinfo)
{
	struct virtproc_info *vrp = rpdev_to_vrp(rpdev);
	struct device *dev;
	int ret = 0;

	mutex_lock(&vrp->channels_lock);
	if (vrp_is_dead(vrp)) {
		ret = -ENODEV;
		goto out;
	}

	dev = rpmsg_find_device(&vrp->vdev->dev, chinfo);
	if (!dev) {
		ret = -ENODEV;
		goto out;
	}
	if (dev == &vrp->ctrl_rpdev->dev ||
	    (vrp->ns_rpdev && dev == &vrp->ns_rpdev->dev)) {
		/* the transport's own devices are not channels */
		ret = -EPERM;
	} else {
		device_unregister(dev);
	}
	put_device(dev);
out:
	mutex_unlock(&vrp->channels_lock);
	return ret;
}

static int vrp_announce(struct rpmsg_device *rpdev, u32 flags)
{
	struct virtproc_info *vrp = rpdev_to_vrp(rpdev);
	struct rpmsg_ns_msg nsm = {};

	if (!vrp->has_ns || !rpdev->announce || !rpdev->ept)
		return 0;

	strscpy_pad(nsm.name, rpdev->id.name, sizeof(nsm.name));
	nsm.addr = cpu_to_rpmsg32(rpdev, rpdev->ept->addr);
	nsm.flags = cpu_to_rpmsg32(rpdev, flags);

	return vrp_send(vrp, rpdev->ept->addr, RPMSG_NS_ADDR, &nsm,
			sizeof(nsm), true);
}

static int vrp_announce_create(struct rpmsg_device *rpdev)
{
	int err = vrp_announce(rpdev, RPMSG_NS_CREATE);

	if (err)
		dev_err(&rpdev->dev, "cannot announce the channel: %d\n", err);
	return err;
}

static int vrp_announce_destroy(struct rpmsg_device *rpdev)
{
	int err = vrp_announce(rpdev, RPMSG_NS_DESTROY);

	if (err)
		dev_warn(&rpdev->dev, "cannot announce the channel's end: %d\n",
			 err);
	return err;
}

static const struct rpmsg_device_ops vrp_device_ops = {
	.create_channel = vrp_create_channel,
	.release_channel = vrp_release_channel,
	.create_ept = vrp_create_ept,
	.announce_create = vrp_announce_create,
	.announce_destroy = vrp_announce_destroy,
};

static struct virtio_rpmsg_channel *vrp_alloc_vch(struct virtproc_info *vrp)
{
	struct virtio_rpmsg_channel *vch;

	vch = kzalloc(sizeof(*vch), GFP_KERNEL);
	if (!vch)
		return NULL;

	vch->vrp = vrp;
	vch->rpdev.ops = &vrp_device_ops;
	vch->rpdev.little_endian = vrp->little_endian;
	vch->rpdev.dev.parent = &vrp->vdev->dev;
	vch->rpdev.dev.release = vrp_release_device;
	return vch;
}

/* ----------------------------------------------------------------------- rx */

/*
 * A name service message is checked here, whichever rpmsg_ns module handles
 * it, and handed over as a private copy the remote cannot change under us.
 * Returns false to drop the message.
 */
static bool vrp_ns_msg_ok(struct virtproc_info *vrp, const void *data,
			  unsigned int len, struct rpmsg_ns_msg *copy)
{
	struct device *dev = &vrp->vdev->dev;
	struct rpmsg_channel_info chinfo;
	struct device *tmp;
	u32 addr, flags;

	if (len != sizeof(*copy)) {
		dev_err_ratelimited(dev, "ns message of %u bytes dropped\n",
				    len);
		return false;
	}
	memcpy(copy, data, sizeof(*copy));

	if (strnlen(copy->name, RPMSG_NAME_SIZE) == RPMSG_NAME_SIZE) {
		dev_err_ratelimited(dev, "ns message with unterminated name dropped\n");
		return false;
	}
	if (!copy->name[0]) {
		dev_err_ratelimited(dev, "ns message with empty name dropped\n");
		return false;
	}

	addr = __rpmsg32_to_cpu(vrp->little_endian, copy->addr);
	flags = __rpmsg32_to_cpu(vrp->little_endian, copy->flags);
	if (flags != RPMSG_NS_CREATE && flags != RPMSG_NS_DESTROY) {
		dev_err_ratelimited(dev, "ns message for %s with flags 0x%x dropped\n",
				    copy->name, flags);
		return false;
	}
	if (addr == RPMSG_ADDR_ANY) {
		dev_err_ratelimited(dev, "ns message for %s without address dropped\n",
				    copy->name);
		return false;
	}

	if (flags == RPMSG_NS_CREATE) {
		/* Remotes repeat their announcements: keep the channel. */
		strscpy_pad(chinfo.name, copy->name, sizeof(chinfo.name));
		chinfo.src = RPMSG_ADDR_ANY;
		chinfo.dst = addr;
		tmp = rpmsg_find_device(dev, &chinfo);
		if (tmp) {
			put_device(tmp);
			dev_dbg(dev, "channel %s addr 0x%x announced again\n",
				copy->name, addr);
			return false;
		}
	}
	return true;
}

static void vrp_deliver(struct virtproc_info *vrp, u32 src, u32 dst,
			void *data, unsigned int len)
{
	struct rpmsg_endpoint *ept;

	mutex_lock(&vrp->endpoints_lock);
	ept = dst <= INT_MAX ? idr_find(&vrp->endpoints, dst) : NULL;
	if (ept)
		kref_get(&ept->refcount);
	mutex_unlock(&vrp->endpoints_lock);

	if (!ept) {
		dev_warn_ratelimited(&vrp->vdev->dev,
				     "message from 0x%x to 0x%x: no such endpoint\n",
				     src, dst);
		return;
	}

	mutex_lock(&ept->cb_lock);
	if (ept->cb)
		ept->cb(ept->rpdev, data, len, ept->priv, src);
	mutex_unlock(&ept->cb_lock);

	kref_put(&ept->refcount, vrp_ept_release);
}

/* One used rx buffer: validate, deliver.  Called with rx_lock held. */
static void vrp_rx_one(struct virtproc_info *vrp, struct rpmsg_hdr *msg,
		       unsigned int used_len)
{
	struct device *dev = &vrp->vdev->dev;
	bool le = vrp->little_endian;
	struct rpmsg_ns_msg ns;
	unsigned int len;
	u32 src, dst;

	if (used_len < sizeof(*msg) || used_len > vrp->buf_size) {
		dev_err_ratelimited(dev, "rx buffer with used length %u dropped\n",
				    used_len);
		return;
	}

	/* Read the header once: the remote may rewrite it at any time. */
	src = __rpmsg32_to_cpu(le, READ_ONCE(msg->src));
	dst = __rpmsg32_to_cpu(le, READ_ONCE(msg->dst));
	len = __rpmsg16_to_cpu(le, READ_ONCE(msg->len));

	dev_dbg(dev, "RX from 0x%x to 0x%x len %u\n", src, dst, len);

	if (len > used_len - sizeof(*msg)) {
		dev_err_ratelimited(dev, "message from 0x%x claims %u bytes in a %u byte buffer, dropped\n",
				    src, len, used_len);
		return;
	}

	print_hex_dump_debug("rpmsg_virtio RX: ", DUMP_PREFIX_NONE, 16, 1,
			     msg, sizeof(*msg) + len, true);

	if (dst == RPMSG_NS_ADDR) {
		if (!vrp_ns_msg_ok(vrp, msg->data, len, &ns))
			return;
		vrp_deliver(vrp, src, dst, &ns, sizeof(ns));
		return;
	}

	vrp_deliver(vrp, src, dst, msg->data, len);
}

/*
 * Deliver every used rx buffer, in order.  Always process context.  The
 * ring is drained here rather than by re-queueing work: each ring-full of
 * buffers is given back to the remote at once (so it can go on sending
 * while we deliver), and the CPU is offered to others in between.
 */
static void vrp_rx(struct virtproc_info *vrp)
{
	unsigned int batch = vrp->num_bufs / 2;
	unsigned int used_len, received = 0, pending = 0;
	struct scatterlist sg;
	void *msg;
	int err;

	mutex_lock(&vrp->rx_lock);
	if (vrp_is_dead(vrp))
		goto out;

	while (vrp_used_ok(vrp, vrp->rvq, vrp->rx_used, "rx") &&
	       (msg = virtqueue_get_buf(vrp->rvq, &used_len))) {
		vrp->rx_used++;
		if (!vrp_buf_ok(vrp, vrp->rbufs, msg)) {
			dev_err_ratelimited(&vrp->vdev->dev,
					    "rx ring returned a foreign buffer %p\n",
					    msg);
			continue;
		}

		vrp_rx_one(vrp, msg, used_len);

		/* give the buffer back, at its full size */
		vrp_sg_init(&sg, msg, vrp->buf_size);
		err = virtqueue_add_inbuf(vrp->rvq, &sg, 1, msg, GFP_KERNEL);
		if (err)
			dev_err_ratelimited(&vrp->vdev->dev,
					    "cannot repost an rx buffer: %d\n",
					    err);
		received++;
		if (++pending >= batch) {
			virtqueue_kick(vrp->rvq);
			pending = 0;
			cond_resched();
			if (vrp_is_dead(vrp))
				goto out;
		}
	}

	if (virtqueue_is_broken(vrp->rvq))
		vrp_ring_broke(vrp, "rx");

	if (pending)
		virtqueue_kick(vrp->rvq);
	dev_dbg(&vrp->vdev->dev, "received %u messages\n", received);
out:
	mutex_unlock(&vrp->rx_lock);
}

static void vrp_rx_work(struct work_struct *work)
{
	vrp_rx(container_of(work, struct virtproc_info, rx_work));
}

/*
 * rx vring callback, in whatever context the remoteproc driver delivers
 * vring interrupts. Endpoint callbacks may sleep and may send, waiting for
 * a tx buffer whose tx-complete interrupt comes through that same context:
 * they always run in rx_work, never here.
 */
static void vrp_rx_done(struct virtqueue *rvq)
{
	struct virtproc_info *vrp = rvq->vdev->priv;
	unsigned long flags;

	spin_lock_irqsave(&vrp->state_lock, flags);
	if (!vrp->dead)
		schedule_work(&vrp->rx_work);
	spin_unlock_irqrestore(&vrp->state_lock, flags);
}

/* tx vring callback: a tx buffer came back, wake senders waiting for one. */
static void vrp_tx_done(struct virtqueue *svq)
{
	struct virtproc_info *vrp = svq->vdev->priv;

	atomic_inc(&vrp->tx_events);
	WRITE_ONCE(vrp->tx_poll_armed, false);
	wake_up_interruptible_all(&vrp->sendq);
}

/* ------------------------------------------------------------------- device */

static struct rpmsg_device *vrp_add_ctrl_dev(struct virtproc_info *vrp)
{
	struct virtio_rpmsg_channel *vch;
	int err;

	vch = vrp_alloc_vch(vrp);
	if (!vch)
		return ERR_PTR(-ENOMEM);

	err = rpmsg_register_device_override(&vch->rpdev, "rpmsg_ctrl");
	if (err)
		return ERR_PTR(err);	/* vch freed by its release */
	return &vch->rpdev;
}

static struct rpmsg_device *vrp_add_ns_dev(struct virtproc_info *vrp)
{
	struct virtio_rpmsg_channel *vch;
	int err;

	vch = vrp_alloc_vch(vrp);
	if (!vch)
		return ERR_PTR(-ENOMEM);

	err = rpmsg_ns_register_device(&vch->rpdev);
	if (err)
		return ERR_PTR(err);	/* vch freed by its release */
	return &vch->rpdev;
}

static int vrp_unregister_child(struct device *dev, void *data)
{
	device_unregister(dev);
	return 0;
}

static int vrp_probe(struct virtio_device *vdev)
{
	vq_callback_t *cbs[] = { vrp_rx_done, vrp_tx_done };
	static const char * const names[] = { "input", "output" };
	struct virtqueue *vqs[2];
	struct virtproc_info *vrp;
	unsigned int rsize, ssize, i;
	struct rpmsg_device *rpdev;
	void *bufs;
	bool notify;
	int err;

	vrp = kzalloc(sizeof(*vrp), GFP_KERNEL);
	if (!vrp)
		return -ENOMEM;

	vrp->vdev = vdev;
	vrp->little_endian = virtio_is_little_endian(vdev);
	vrp->has_ns = virtio_has_feature(vdev, VIRTIO_RPMSG_F_NS);
	mutex_init(&vrp->tx_lock);
	atomic_set(&vrp->tx_waiters, 0);
	init_waitqueue_head(&vrp->sendq);
	mutex_init(&vrp->rx_lock);
	INIT_WORK(&vrp->rx_work, vrp_rx_work);
	mutex_init(&vrp->endpoints_lock);
	idr_init(&vrp->endpoints);
	mutex_init(&vrp->channels_lock);
	spin_lock_init(&vrp->state_lock);

	err = copro_virtio_find_vqs(vdev, 2, vqs, cbs, names);
	if (err) {
		dev_err(&vdev->dev, "cannot find the two vrings: %d\n", err);
		goto free_vrp;
	}
	vrp->rvq = vqs[0];
	vrp->svq = vqs[1];

	rsize = virtqueue_get_vring_size(vrp->rvq);
	ssize = virtqueue_get_vring_size(vrp->svq);
	if (!rsize || rsize != ssize) {
		dev_err(&vdev->dev, "vrings of %u and %u entries: need two equal ones\n",
			rsize, ssize);
		err = -EINVAL;
		goto del_vqs;
	}

	vrp->num_bufs = min_t(unsigned int, rsize * 2, VRP_MAX_BUFS);
	vrp->buf_size = VRP_BUF_SIZE;
	vrp->bufs_size = (size_t)vrp->num_bufs * vrp->buf_size;

	bufs = dma_alloc_coherent(vdev->dev.parent, vrp->bufs_size,
				  &vrp->bufs_dma, GFP_KERNEL);
	if (!bufs) {
		err = -ENOMEM;
		goto del_vqs;
	}
	vrp->rbufs = bufs;
	vrp->sbufs = bufs + vrp->bufs_size / 2;
	dev_dbg(&vdev->dev, "%u buffers of %u bytes at %pad\n",
		vrp->num_bufs, vrp->buf_size, &vrp->bufs_dma);

	for (i = 0; i < vrp->num_bufs / 2; i++) {
		struct scatterlist sg;
		void *buf = vrp->rbufs + i * vrp->buf_size;

		vrp_sg_init(&sg, buf, vrp->buf_size);
		err = virtqueue_add_inbuf(vrp->rvq, &sg, 1, buf, GFP_KERNEL);
		if (err) {
			dev_err(&vdev->dev, "cannot post rx buffer %u: %d\n",
				i, err);
			goto free_bufs;
		}
	}

	/* tx-complete interrupts only while somebody waits for a buffer */
	virtqueue_disable_cb(vrp->svq);

	vdev->priv = vrp;

	rpdev = vrp_add_ctrl_dev(vrp);
	if (IS_ERR(rpdev)) {
		err = PTR_ERR(rpdev);
		dev_err(&vdev->dev, "cannot add the control device: %d\n", err);
		goto free_bufs;
	}
	vrp->ctrl_rpdev = rpdev;

	if (vrp->has_ns) {
		rpdev = vrp_add_ns_dev(vrp);
		if (IS_ERR(rpdev)) {
			err = PTR_ERR(rpdev);
			dev_err(&vdev->dev, "cannot add the name service: %d\n",
				err);
			goto del_ctrl;
		}
		vrp->ns_rpdev = rpdev;
	}

	notify = virtqueue_kick_prepare(vrp->rvq);
	virtio_device_ready(vdev);
	/* the remote may start sending from here on */
	if (notify)
		virtqueue_notify(vrp->rvq);

	dev_info(&vdev->dev, "rpmsg host is online\n");
	return 0;

del_ctrl:
	device_unregister(&vrp->ctrl_rpdev->dev);
free_bufs:
	dma_free_coherent(vdev->dev.parent, vrp->bufs_size, bufs,
			  vrp->bufs_dma);
del_vqs:
	vdev->config->del_vqs(vdev);
free_vrp:
	idr_destroy(&vrp->endpoints);
	kfree(vrp);
	return err;
}

static void vrp_remove(struct virtio_device *vdev)
{
	struct virtproc_info *vrp = vdev->priv;
	int err;

	/*
	 * What the remote sent before it stopped or crashed is delivered
	 * first: its last answer may sit in the ring while its crash report
	 * overtook the work item that would have received it.
	 */
	vrp_rx(vrp);

	/* No new channels, no more rx, no more waiting for tx buffers. */
	mutex_lock(&vrp->channels_lock);
	spin_lock_irq(&vrp->state_lock);
	WRITE_ONCE(vrp->dead, true);
	spin_unlock_irq(&vrp->state_lock);
	mutex_unlock(&vrp->channels_lock);
	wake_up_interruptible_all(&vrp->sendq);
	/* senders and the receiver in progress finish; later ones see dead */
	mutex_lock(&vrp->tx_lock);
	mutex_unlock(&vrp->tx_lock);
	mutex_lock(&vrp->rx_lock);
	mutex_unlock(&vrp->rx_lock);
	cancel_work_sync(&vrp->rx_work);

	virtio_reset_device(vdev);

	err = device_for_each_child(&vdev->dev, NULL, vrp_unregister_child);
	if (err)
		dev_warn(&vdev->dev, "cannot remove the channels: %d\n", err);

	vdev->config->del_vqs(vdev);
	cancel_work_sync(&vrp->rx_work);

	if (!idr_is_empty(&vrp->endpoints))
		dev_warn(&vdev->dev, "endpoints left behind at removal\n");
	idr_destroy(&vrp->endpoints);

	dma_free_coherent(vdev->dev.parent, vrp->bufs_size, vrp->rbufs,
			  vrp->bufs_dma);
	kfree(vrp);
}

static const struct virtio_device_id vrp_id_table[] = {
	{ VIRTIO_ID_RPMSG, VIRTIO_DEV_ANY_ID },
	{ 0 },
};
MODULE_DEVICE_TABLE(virtio, vrp_id_table);

static unsigned int vrp_features[] = {
	VIRTIO_RPMSG_F_NS,
};

static struct virtio_driver vrp_driver = {
	.feature_table = vrp_features,
	.feature_table_size = ARRAY_SIZE(vrp_features),
	.driver.name = KBUILD_MODNAME,
	.id_table = vrp_id_table,
	.probe = vrp_probe,
	.remove = vrp_remove,
};

static int __init vrp_init(void)
{
	int err;

	err = register_virtio_driver(&vrp_driver);
	if (err)
		pr_err("%s: cannot register the virtio driver: %d\n",
		       KBUILD_MODNAME, err);
	return err;
}
module_init(vrp_init);

static void __exit vrp_exit(void)
{
	unregister_virtio_driver(&vrp_driver);
}
module_exit(vrp_exit);

MODULE_DESCRIPTION("copro virtio remote processor messaging bus");
MODULE_LICENSE("GPL");
