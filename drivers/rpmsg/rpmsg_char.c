// SPDX-License-Identifier: GPL-2.0
/*
 * copro rpmsg character devices: one /dev/rpmsgN per endpoint.
 *
 * An endpoint device is made either by rpmsg_ctrl (RPMSG_CREATE_EPT_IOCTL,
 * the endpoint lives until RPMSG_DESTROY_EPT_IOCTL or until the remote
 * processor goes away) or by a channel named "rpmsg-raw" that the remote
 * announced (the channel's own endpoint is used).
 *
 * Each read() returns one message, each write() sends one.  Once the
 * endpoint is gone, read() and write() fail with -EPIPE; a write larger
 * than the transport's MTU fails with -EMSGSIZE and sends nothing.
 */

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/poll.h>
#include <linux/rpmsg.h>
#include <linux/rwsem.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/wait.h>

#include <copro/compat.h>

#include "rpmsg_char.h"
#include "rpmsg_txwait.h"

#define RPMSG_DEV_MAX		(MINORMASK + 1)
/*
 * Messages kept for a reader that does not keep up; more are dropped (and
 * logged): a remote must not make an idle reader pin memory without end.
 * Generous, since the transport has no flow control to slow the remote.
 */
#define RPMSG_EPTDEV_QUEUE_MAX	65536
/*
 * Writes up to this size (the virtio transport's whole MTU) are staged on
 * the stack: a kmalloc() and kfree() per message is measurable.
 */
#define RPMSG_EPTDEV_SMALL_MSG	512

static dev_t rpmsg_major;
static DEFINE_IDA(rpmsg_ept_ida);	/* the N of /dev/rpmsgN */
static DEFINE_IDA(rpmsg_minor_ida);

/**
 * struct rpmsg_eptdev - an endpoint device
 * @dev: the device, /dev/rpmsgN
 * @cdev: its character device
 * @rpdev: the rpmsg device the endpoint belongs to
 * @chinfo: name and addresses; src is the bound local address
 * @is_default: the endpoint is the channel's own (rpmsg-raw)
 * @destroy_lock: guards @deleted; held for the whole of a destruction, so
 *	a second destroyer returns only once the first is done
 * @deleted: the device has been deleted
 * @ept_sem: guards @ept, @gone and @txwait: senders and pollers share it,
 *	the endpoint's destruction takes it exclusively
 * @ept: the endpoint, NULL once gone
 * @gone: the endpoint has been destroyed for good
 * @txwait: wakes pollers waiting for room to send
 * @queue_lock: guards @queue, @queue_len, @rx_open, @peer and the flow
 *	control state
 * @queue: received messages, struct rpmsg_eptdev_msg, oldest first
 * @queue_len: number of messages in @queue (read locklessly as a hint)
 * @rx_open: a file is open; messages are queued only then
 * @peer: remote address learnt from the first message when @chinfo.dst
 *	is RPMSG_ADDR_ANY
 * @remote_flow_restricted: the remote asked us to stop sending
 * @remote_flow_updated: it changed its mind since the last
 *	RPMSG_GET_OUTGOING_FLOWCONTROL (poll reports EPOLLPRI)
 * @readq: readers and pollers wait here for a message, room to send, a
 *	flow control change or the endpoint's end
 */
struct rpmsg_eptdev {
	struct device dev;
	struct cdev cdev;
	struct rpmsg_device *rpdev;
	struct rpmsg_channel_info chinfo;
	bool is_default;
	struct mutex destroy_lock;	/* deleted, whole destructions */
	bool deleted;

	struct rw_semaphore ept_sem;
	struct rpmsg_endpoint *ept;
	bool gone;
	struct rpmsg_txwait txwait;

	spinlock_t queue_lock;		/* see above */
	struct list_head queue;
	unsigned int queue_len;
	bool rx_open;
	u32 peer;
	bool remote_flow_restricted;
	bool remote_flow_updated;
	wait_queue_head_t readq;
};

/**
 * struct rpmsg_eptdev_msg - a received message waiting for read()
 * @node: in &rpmsg_eptdev.queue
 * @len: payload length
 * @data: payload
 *
 * One allocation per message: an sk_buff costs two, and its set-up and
 * release showed in make bench.
 */
struct rpmsg_eptdev_msg {
	struct list_head node;
	size_t len;
	u8 data[];
};

#define dev_to_eptdev(d) container_of(d, struct rpmsg_eptdev, dev)
#define cdev_to_eptdev(c) container_of(c, struct rpmsg_eptdev, cdev)

static int rpmsg_eptdev_cb(struct rpmsg_device *rpdev, void *buf, int len,
			   void *priv, u32 src)
{
	struct rpmsg_eptdev *eptdev = priv;
	struct rpmsg_eptdev_msg *msg;
	unsigned long flags;

	/* a channel endpoint may see a message before probe linked it */
	if (!eptdev || len < 0)
		return 0;

	msg = kmalloc(struct_size(msg, data, len), GFP_ATOMIC);
	if (!msg)
		return -ENOMEM;
	msg->len = len;
	memcpy(msg->data, buf, len);

	spin_lock_irqsave(&eptdev->queue_lock, flags);
	if (eptdev->peer == RPMSG_ADDR_ANY)
		eptdev->peer = src;
	if (!eptdev->rx_open) {
		spin_unlock_irqrestore(&eptdev->queue_lock, flags);
		kfree(msg);
		return 0;
	}
	if (eptdev->queue_len >= RPMSG_EPTDEV_QUEUE_MAX) {
		spin_unlock_irqrestore(&eptdev->queue_lock, flags);
		dev_warn_ratelimited(&eptdev->dev,
				     "reader too slow, message dropped\n");
		kfree(msg);
		return 0;
	}
	list_add_tail(&msg->node, &eptdev->queue);
	WRITE_ONCE(eptdev->queue_len, eptdev->queue_len + 1);
	spin_unlock_irqrestore(&eptdev->queue_lock, flags);

	wake_up_interruptible(&eptdev->readq);
	return 0;
}

#if COPRO_RPMSG_HAS_FLOW_CONTROL
static int rpmsg_eptdev_flow_cb(struct rpmsg_device *rpdev, void *priv,
				bool enable)
{
	struct rpmsg_eptdev *eptdev = priv;
	unsigned long flags;

	if (!eptdev)
		return 0;
	spin_lock_irqsave(&eptdev->queue_lock, flags);
	eptdev->remote_flow_restricted = enable;
	eptdev->remote_flow_updated = true;
	spin_unlock_irqrestore(&eptdev->queue_lock, flags);

	wake_up_interruptible_poll(&eptdev->readq, EPOLLPRI);
	return 0;
}
#endif

static int rpmsg_eptdev_open(struct inode *inode, struct file *filp)
{
	struct rpmsg_eptdev *eptdev = cdev_to_eptdev(inode->i_cdev);
	int ret = 0;

	spin_lock_irq(&eptdev->queue_lock);
	if (eptdev->rx_open)
		ret = -EBUSY;
	else
		eptdev->rx_open = true;
	spin_unlock_irq(&eptdev->queue_lock);
	if (ret)
		return ret;

	filp->private_data = eptdev;
	return stream_open(inode, filp);
}

static void rpmsg_eptdev_free_msgs(struct list_head *msgs)
{
	struct rpmsg_eptdev_msg *msg, *tmp;

	list_for_each_entry_safe(msg, tmp, msgs, node)
		kfree(msg);
}

static int rpmsg_eptdev_release(struct inode *inode, struct file *filp)
{
	struct rpmsg_eptdev *eptdev = filp->private_data;
	LIST_HEAD(msgs);

	spin_lock_irq(&eptdev->queue_lock);
	eptdev->rx_open = false;
	list_splice_init(&eptdev->queue, &msgs);
	WRITE_ONCE(eptdev->queue_len, 0);
	spin_unlock_irq(&eptdev->queue_lock);

	rpmsg_eptdev_free_msgs(&msgs);
	return 0;
}

static struct rpmsg_eptdev_msg *rpmsg_eptdev_dequeue(struct rpmsg_eptdev *eptdev)
{
	struct rpmsg_eptdev_msg *msg;

	spin_lock_irq(&eptdev->queue_lock);
	msg = list_first_entry_or_null(&eptdev->queue,
				       struct rpmsg_eptdev_msg, node);
	if (msg) {
		list_del(&msg->node);
		WRITE_ONCE(eptdev->queue_len, eptdev->queue_len - 1);
	}
	spin_unlock_irq(&eptdev->queue_lock);
	return msg;
}

static bool rpmsg_eptdev_readable(struct rpmsg_eptdev *eptdev)
{
	return READ_ONCE(eptdev->queue_len) || READ_ONCE(eptdev->gone);
}

static ssize_t rpmsg_eptdev_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct rpmsg_eptdev *eptdev = iocb->ki_filp->private_data;
	bool nonblock = (iocb->ki_filp->f_flags & O_NONBLOCK) ||
			(iocb->ki_flags & IOCB_NOWAIT);
	struct rpmsg_eptdev_msg *msg;
	size_t use;

	for (;;) {
		/* messages already received are delivered even when gone */
		msg = rpmsg_eptdev_dequeue(eptdev);
		if (msg)
			break;
		if (READ_ONCE(eptdev->gone))
			return -EPIPE;
		if (nonblock)
			return -EAGAIN;
		if (wait_event_interruptible(eptdev->readq,
					     rpmsg_eptdev_readable(eptdev)))
			return -ERESTARTSYS;
	}

	use = min_t(size_t, iov_iter_count(to), msg->len);
	if (copy_to_iter(msg->data, use, to) != use) {
		kfree(msg);
		return -EFAULT;
	}
	kfree(msg);
	return use;
}

static ssize_t rpmsg_eptdev_write_iter(struct kiocb *iocb,
				       struct iov_iter *from)
{
	struct rpmsg_eptdev *eptdev = iocb->ki_filp->private_data;
	bool nonblock = (iocb->ki_filp->f_flags & O_NONBLOCK) ||
			(iocb->ki_flags & IOCB_NOWAIT);
	size_t len = iov_iter_count(from);
	u8 small[RPMSG_EPTDEV_SMALL_MSG];
	ssize_t mtu;
	void *kbuf;
	u32 dst;
	int ret;

	if (!len)
		return 0;

	down_read(&eptdev->ept_sem);
	if (!eptdev->ept) {
		ret = -EPIPE;
		goto unlock;
	}
	mtu = rpmsg_get_mtu(eptdev->ept);
	if (mtu >= 0 && len > (size_t)mtu) {
		ret = -EMSGSIZE;
		goto unlock;
	}

	dst = eptdev->chinfo.dst;
	if (dst == RPMSG_ADDR_ANY) {
		spin_lock_irq(&eptdev->queue_lock);
		dst = eptdev->peer;
		spin_unlock_irq(&eptdev->queue_lock);
	}
	if (dst == RPMSG_ADDR_ANY) {
		ret = -EDESTADDRREQ;
		goto unlock;
	}

	kbuf = len <= sizeof(small) ? small : kmalloc(len, GFP_KERNEL);
	if (!kbuf) {
		ret = -ENOMEM;
		goto unlock;
	}
	if (!copy_from_iter_full(kbuf, len, from)) {
		ret = -EFAULT;
		goto free;
	}

	if (nonblock) {
		ret = rpmsg_trysendto(eptdev->ept, kbuf, len, dst);
		if (ret == -ENOMEM)
			ret = -EAGAIN;	/* no tx buffer right now */
	} else {
		ret = rpmsg_sendto(eptdev->ept, kbuf, len, dst);
	}
free:
	if (kbuf != small)
		kfree(kbuf);
unlock:
	up_read(&eptdev->ept_sem);
	return ret ? ret : len;
}

static __poll_t rpmsg_eptdev_poll(struct file *filp, poll_table *wait)
{
	struct rpmsg_eptdev *eptdev = filp->private_data;
	__poll_t mask = 0;

	poll_wait(filp, &eptdev->readq, wait);

	if (READ_ONCE(eptdev->queue_len))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (READ_ONCE(eptdev->remote_flow_updated))
		mask |= EPOLLPRI;

	/* a reader's poll, once per message: keep it lock-free */
	if (!(poll_requested_events(wait) & (EPOLLOUT | EPOLLWRNORM)))
		return mask | (READ_ONCE(eptdev->gone) ? EPOLLHUP | EPOLLERR : 0);

	/* the transport wakes readq through txwait, never the file directly */
	down_read(&eptdev->ept_sem);
	if (eptdev->ept)
		mask |= rpmsg_txwait_poll(&eptdev->txwait, eptdev->ept, filp);
	else
		mask |= EPOLLHUP | EPOLLERR;
	up_read(&eptdev->ept_sem);

	return mask;
}

/* The transport may have room to send again: tell readq's pollers. */
static int rpmsg_eptdev_tx_wake(struct wait_queue_entry *entry,
				unsigned int mode, int flags, void *key)
{
	struct rpmsg_eptdev *eptdev = container_of(entry, struct rpmsg_eptdev,
						   txwait.entry);

	rpmsg_txwait_fired(entry);
	wake_up_interruptible_poll(&eptdev->readq, EPOLLOUT | EPOLLWRNORM);
	return 0;
}

/*
 * Mainline's ABI: RPMSG_GET_OUTGOING_FLOWCONTROL writes an int to the
 * pointer @arg (and clears the EPOLLPRI condition);
 * RPMSG_SET_INCOMING_FLOWCONTROL takes 0 or 1 as @arg itself.
 */
static long rpmsg_eptdev_flow_ioctl(struct rpmsg_eptdev *eptdev,
				    unsigned int cmd, unsigned long arg)
{
	int val, ret;

	if (cmd == RPMSG_GET_OUTGOING_FLOWCONTROL) {
		spin_lock_irq(&eptdev->queue_lock);
		val = eptdev->remote_flow_restricted;
		eptdev->remote_flow_updated = false;
		spin_unlock_irq(&eptdev->queue_lock);
		return put_user(val, (int __user *)arg);
	}

	if (arg > 1)
		return -EINVAL;
	down_read(&eptdev->ept_sem);
	if (!eptdev->ept)
		ret = -EPIPE;
#if COPRO_RPMSG_HAS_FLOW_CONTROL
	else
		ret = rpmsg_set_flow_control(eptdev->ept, arg,
					     eptdev->chinfo.dst);
#else
	else
		ret = -EOPNOTSUPP;
#endif
	up_read(&eptdev->ept_sem);
	return ret;
}

static int rpmsg_eptdev_destroy(struct rpmsg_eptdev *eptdev);

static long rpmsg_eptdev_ioctl(struct file *filp, unsigned int cmd,
			       unsigned long arg)
{
	struct rpmsg_eptdev *eptdev = filp->private_data;

	switch (cmd) {
	case RPMSG_DESTROY_EPT_IOCTL:
		/* a channel's endpoint goes with its channel */
		if (eptdev->is_default)
			return -EINVAL;
		return rpmsg_eptdev_destroy(eptdev);
	case RPMSG_GET_OUTGOING_FLOWCONTROL:
	case RPMSG_SET_INCOMING_FLOWCONTROL:
		return rpmsg_eptdev_flow_ioctl(eptdev, cmd, arg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations rpmsg_eptdev_fops = {
	.owner = THIS_MODULE,
	.open = rpmsg_eptdev_open,
	.release = rpmsg_eptdev_release,
	.read_iter = rpmsg_eptdev_read_iter,
	.write_iter = rpmsg_eptdev_write_iter,
	.poll = rpmsg_eptdev_poll,
	.unlocked_ioctl = rpmsg_eptdev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", dev_to_eptdev(dev)->chinfo.name);
}
static DEVICE_ATTR_RO(name);

static ssize_t src_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "%d\n", dev_to_eptdev(dev)->chinfo.src);
}
static DEVICE_ATTR_RO(src);

static ssize_t dst_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "%d\n", dev_to_eptdev(dev)->chinfo.dst);
}
static DEVICE_ATTR_RO(dst);

static struct attribute *rpmsg_eptdev_attrs[] = {
	&dev_attr_name.attr,
	&dev_attr_src.attr,
	&dev_attr_dst.attr,
	NULL
};
ATTRIBUTE_GROUPS(rpmsg_eptdev);

static void rpmsg_eptdev_release_device(struct device *dev)
{
	struct rpmsg_eptdev *eptdev = dev_to_eptdev(dev);

	ida_free(&rpmsg_ept_ida, dev->id);
	ida_free(&rpmsg_minor_ida, MINOR(dev->devt));
	rpmsg_eptdev_free_msgs(&eptdev->queue);
	kfree(eptdev);
}

/* Unbind the endpoint: readers and writers see -EPIPE from now on. */
static void rpmsg_eptdev_kill(struct rpmsg_eptdev *eptdev)
{
	struct rpmsg_endpoint *ept;

	down_write(&eptdev->ept_sem);
	ept = eptdev->ept;
	eptdev->ept = NULL;
	WRITE_ONCE(eptdev->gone, true);
	rpmsg_txwait_cancel(&eptdev->txwait);
	up_write(&eptdev->ept_sem);

	if (ept && eptdev->is_default) {
		/* the rpmsg core destroys the channel's endpoint itself */
		mutex_lock(&ept->cb_lock);
		ept->priv = NULL;
		mutex_unlock(&ept->cb_lock);
	} else if (ept) {
		rpmsg_destroy_ept(ept);
	}

	wake_up_interruptible_all(&eptdev->readq);
}

/*
 * Remove an endpoint device, once: a second caller (the transport going
 * away while RPMSG_DESTROY_EPT_IOCTL waits for a blocked writer) returns
 * only when the first is done, so the transport never goes first.
 * Returns -ENODEV when somebody else removed it.
 */
static int rpmsg_eptdev_destroy(struct rpmsg_eptdev *eptdev)
{
	int ret = 0;

	get_device(&eptdev->dev);
	mutex_lock(&eptdev->destroy_lock);
	if (eptdev->deleted) {
		ret = -ENODEV;
	} else {
		eptdev->deleted = true;
		rpmsg_eptdev_kill(eptdev);
		cdev_device_del(&eptdev->cdev, &eptdev->dev);
		put_device(&eptdev->dev);
	}
	mutex_unlock(&eptdev->destroy_lock);
	put_device(&eptdev->dev);
	return ret;
}

/**
 * copro_rpmsg_eptdev_destroy() - remove an endpoint device
 * @dev: the endpoint device (a child of the rpmsg_ctrl device)
 * @data: unused, for device_for_each_child()
 *
 * Returns when the device is removed, by this call or by one in progress.
 *
 * Return: 0, so that device_for_each_child() goes on to the next child.
 */
int copro_rpmsg_eptdev_destroy(struct device *dev, void *data)
{
	rpmsg_eptdev_destroy(dev_to_eptdev(dev));
	return 0;
}
EXPORT_SYMBOL_GPL(copro_rpmsg_eptdev_destroy);

static struct rpmsg_eptdev *
rpmsg_eptdev_add(struct rpmsg_device *rpdev, struct device *parent,
		 struct rpmsg_channel_info chinfo, struct rpmsg_endpoint *ept,
		 bool is_default)
{
	struct rpmsg_eptdev *eptdev;
	struct device *dev;
	int ret, minor, id;

	eptdev = kzalloc(sizeof(*eptdev), GFP_KERNEL);
	if (!eptdev)
		return ERR_PTR(-ENOMEM);

	eptdev->rpdev = rpdev;
	eptdev->chinfo = chinfo;
	eptdev->chinfo.src = ept->addr;
	eptdev->ept = ept;
	eptdev->is_default = is_default;
	eptdev->peer = RPMSG_ADDR_ANY;
	mutex_init(&eptdev->destroy_lock);
	init_rwsem(&eptdev->ept_sem);
	rpmsg_txwait_init(&eptdev->txwait, rpmsg_eptdev_tx_wake);
	spin_lock_init(&eptdev->queue_lock);
	INIT_LIST_HEAD(&eptdev->queue);
	init_waitqueue_head(&eptdev->readq);

	dev = &eptdev->dev;
	device_initialize(dev);
	dev->parent = parent;
	dev->class = copro_rpmsg_class();
	dev->groups = rpmsg_eptdev_groups;

	cdev_init(&eptdev->cdev, &rpmsg_eptdev_fops);
	eptdev->cdev.owner = THIS_MODULE;

	minor = ida_alloc_max(&rpmsg_minor_ida, RPMSG_DEV_MAX - 1, GFP_KERNEL);
	if (minor < 0) {
		kfree(eptdev);
		return ERR_PTR(minor);
	}
	id = ida_alloc(&rpmsg_ept_ida, GFP_KERNEL);
	if (id < 0) {
		ida_free(&rpmsg_minor_ida, minor);
		kfree(eptdev);
		return ERR_PTR(id);
	}
	dev->devt = MKDEV(MAJOR(rpmsg_major), minor);
	dev->id = id;
	dev_set_name(dev, "rpmsg%d", id);
	/* from here on, the release callback frees everything */
	dev->release = rpmsg_eptdev_release_device;

	/* link the endpoint before the device node can be opened */
	mutex_lock(&ept->cb_lock);
	ept->priv = eptdev;
#if COPRO_RPMSG_HAS_FLOW_CONTROL
	ept->flow_cb = rpmsg_eptdev_flow_cb;
#endif
	mutex_unlock(&ept->cb_lock);

	ret = cdev_device_add(&eptdev->cdev, dev);
	if (ret) {
		dev_err(parent, "cannot add %s: %d\n", dev_name(dev), ret);
		mutex_lock(&ept->cb_lock);
		ept->priv = NULL;
		mutex_unlock(&ept->cb_lock);
		put_device(dev);
		return ERR_PTR(ret);
	}

	return eptdev;
}

/**
 * copro_rpmsg_eptdev_create() - bind an endpoint and make its /dev/rpmsgN
 * @rpdev: rpmsg device to bind the endpoint on (the control device)
 * @parent: parent of the new device (the rpmsg_ctrl device)
 * @chinfo: name, local address (or RPMSG_ADDR_ANY) and remote address
 *
 * Return: 0 on success, -EADDRINUSE when the local address is taken, or
 * another negative error code.
 */
int copro_rpmsg_eptdev_create(struct rpmsg_device *rpdev,
			      struct device *parent,
			      struct rpmsg_channel_info chinfo)
{
	struct rpmsg_eptdev *eptdev;
	struct rpmsg_endpoint *ept;

	ept = rpmsg_create_ept(rpdev, rpmsg_eptdev_cb, NULL, chinfo);
	if (!ept)
		return chinfo.src == RPMSG_ADDR_ANY ? -ENOMEM : -EADDRINUSE;

	eptdev = rpmsg_eptdev_add(rpdev, parent, chinfo, ept, false);
	if (IS_ERR(eptdev)) {
		rpmsg_destroy_ept(ept);
		return PTR_ERR(eptdev);
	}
	return 0;
}
EXPORT_SYMBOL_GPL(copro_rpmsg_eptdev_create);

/* A remote-announced "rpmsg-raw" channel: its own endpoint gets a node. */
static int rpmsg_chrdev_probe(struct rpmsg_device *rpdev)
{
	struct rpmsg_channel_info chinfo = {};
	struct rpmsg_eptdev *eptdev;

	if (!rpdev->ept)
		return -EINVAL;

	strscpy(chinfo.name, rpdev->id.name, sizeof(chinfo.name));
	chinfo.src = rpdev->src;
	chinfo.dst = rpdev->dst;

	eptdev = rpmsg_eptdev_add(rpdev, &rpdev->dev, chinfo, rpdev->ept,
				  true);
	if (IS_ERR(eptdev))
		return PTR_ERR(eptdev);

	dev_set_drvdata(&rpdev->dev, eptdev);
	return 0;
}

static void rpmsg_chrdev_remove(struct rpmsg_device *rpdev)
{
	rpmsg_eptdev_destroy(dev_get_drvdata(&rpdev->dev));
}

static const struct rpmsg_device_id rpmsg_chrdev_id_table[] = {
	{ .name = "rpmsg-raw" },
	{ },
};
MODULE_DEVICE_TABLE(rpmsg, rpmsg_chrdev_id_table);

static struct rpmsg_driver rpmsg_chrdev_driver = {
	.probe = rpmsg_chrdev_probe,
	.remove = rpmsg_chrdev_remove,
	.callback = rpmsg_eptdev_cb,
	.id_table = rpmsg_chrdev_id_table,
	.drv.name = "rpmsg_chrdev",
};

static int __init rpmsg_char_init(void)
{
	int ret;

	ret = alloc_chrdev_region(&rpmsg_major, 0, RPMSG_DEV_MAX,
				  KBUILD_MODNAME);
	if (ret < 0) {
		pr_err("%s: cannot allocate a char device region: %d\n",
		       KBUILD_MODNAME, ret);
		return ret;
	}

	ret = register_rpmsg_driver(&rpmsg_chrdev_driver);
	if (ret < 0) {
		pr_err("%s: cannot register the rpmsg driver: %d\n",
		       KBUILD_MODNAME, ret);
		unregister_chrdev_region(rpmsg_major, RPMSG_DEV_MAX);
	}
	return ret;
}
module_init(rpmsg_char_init);

static void __exit rpmsg_char_exit(void)
{
	unregister_rpmsg_driver(&rpmsg_chrdev_driver);
	unregister_chrdev_region(rpmsg_major, RPMSG_DEV_MAX);
}
module_exit(rpmsg_char_exit);

MODULE_DESCRIPTION("copro rpmsg endpoint character devices");
MODULE_ALIAS("rpmsg:rpmsg_chrdev");
MODULE_LICENSE("GPL");
