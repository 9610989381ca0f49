// SPDX-License-Identifier: GPL-2.0
/*
 * copro rpmsg tty: one /dev/ttyRPMSGn per "rpmsg-tty" channel, and per
 * tty channel of vendor firmware (Documentation/vendor-firmware.rst).
 *
 * The channel may be announced by the remote processor, or created on the
 * host with RPMSG_CREATE_DEV_IOCTL; in the second case the remote address is
 * not known until the remote's first message, which is where it is learnt.
 * What the tty writes goes out as messages of at most the transport's MTU;
 * what arrives is pushed to the tty as is.  No flow control.  When the
 * channel goes (the remote stopped or crashed) open ttys are hung up.
 */

#include <linux/bits.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>
#include <linux/tty_flip.h>

#include <copro/compat.h>

#include "rpmsg_txwait.h"

#define RPMSG_TTY_NAME		"ttyRPMSG"
#define RPMSG_TTY_MAX		32
/* Sends tried in one write() while the transport says there is room. */
#define RPMSG_TTY_SEND_TRIES	4
/*
 * NXP's SDK firmware learns the host's address from its first message and
 * says nothing before it: NXP's imx_rpmsg_tty sends this one on probe.
 */
#define RPMSG_TTY_NXP_HELLO	"hello world!"

/* rpmsg_device_id.driver_data: what a channel name asks for */
#define RPMSG_TTY_NXP		BIT(0)	/* hello on probe, output \n as \r\n */
#define RPMSG_TTY_OPENAMP_DEMO	BIT(1)	/* only if openamp_demo is set */

/*
 * "rpmsg-openamp-demo-channel" is NXP's SDK 1.x/2.x str_echo tty and its
 * pingpong alike: the tty takes it only when asked, otherwise it is left
 * to a driver such as samples/rpmsg/rpmsg_pingpong.
 */
static bool openamp_demo;
module_param(openamp_demo, bool, 0644);
MODULE_PARM_DESC(openamp_demo,
		 "serve rpmsg-openamp-demo-channel as a tty (NXP str_echo) (default: no)");

static struct tty_driver *rpmsg_tty_driver;
static DEFINE_IDR(rpmsg_tty_idr);	/* tty index -> port */
static DEFINE_MUTEX(rpmsg_tty_idr_lock);	/* rpmsg_tty_idr */

/**
 * struct rpmsg_tty_port - a tty over an rpmsg channel
 * @port: the tty port
 * @id: the n of /dev/ttyRPMSGn
 * @lock: guards @rpdev and @txwait against the channel's removal
 * @rpdev: the channel, NULL once it is gone
 * @peer_lock: guards @peer
 * @peer: the remote address, RPMSG_ADDR_ANY until known
 * @txwait: wakes the tty's writers once a send that found no tx buffer may
 *	succeed
 * @flags: RPMSG_TTY_* of the channel's name
 * @fresh: no tty was installed on the port yet (under the tty core's
 *	install serialisation, tty_mutex)
 */
struct rpmsg_tty_port {
	struct tty_port port;
	int id;
	struct mutex lock;		/* rpdev, txwait */
	struct rpmsg_device *rpdev;
	spinlock_t peer_lock;		/* peer */
	u32 peer;
	struct rpmsg_txwait txwait;
	unsigned long flags;
	bool fresh;
};

static int rpmsg_tty_cb(struct rpmsg_device *rpdev, void *data, int len,
			void *priv, u32 src)
{
	struct rpmsg_tty_port *cport = dev_get_drvdata(&rpdev->dev);
	unsigned long flags;
	int copied;

	if (!cport || len <= 0)
		return 0;

	spin_lock_irqsave(&cport->peer_lock, flags);
	if (cport->peer == RPMSG_ADDR_ANY)
		cport->peer = src;
	spin_unlock_irqrestore(&cport->peer_lock, flags);

	copied = tty_insert_flip_string(&cport->port, data, len);
	if (copied != len)
		dev_err_ratelimited(&rpdev->dev, "tty full: %d of %d bytes dropped\n",
				    len - copied, len);
	tty_flip_buffer_push(&cport->port);
	return 0;
}

static int rpmsg_tty_install(struct tty_driver *driver, struct tty_struct *tty)
{
	struct rpmsg_tty_port *cport;
	int ret;

	mutex_lock(&rpmsg_tty_idr_lock);
	cport = idr_find(&rpmsg_tty_idr, tty->index);
	/* a port whose last reference is gone is being destructed */
	if (cport && !tty_port_get(&cport->port))
		cport = NULL;
	mutex_unlock(&rpmsg_tty_idr_lock);
	if (!cport)
		return -ENODEV;

	tty->driver_data = cport;
	ret = tty_port_install(&cport->port, driver, tty);
	if (ret) {
		tty_port_put(&cport->port);
		return ret;
	}

	/*
	 * The tty core keeps an index's termios after its last close, so a
	 * new channel would inherit the settings of an old one that had the
	 * same n. Each channel starts from the driver's defaults instead.
	 */
	if (cport->fresh) {
		cport->fresh = false;
		tty->termios = driver->init_termios;
		/* NXP's firmware reads a line end as a message of its own */
		if (cport->flags & RPMSG_TTY_NXP)
			tty->termios.c_oflag |= OPOST | ONLCR;
	}
	return 0;
}

static void rpmsg_tty_cleanup(struct tty_struct *tty)
{
	struct rpmsg_tty_port *cport = tty->driver_data;

	tty_port_put(&cport->port);
}

static int rpmsg_tty_open(struct tty_struct *tty, struct file *filp)
{
	return tty_port_open(tty->port, tty, filp);
}

static void rpmsg_tty_close(struct tty_struct *tty, struct file *filp)
{
	tty_port_close(tty->port, tty, filp);
}

static copro_tty_write_ret_t rpmsg_tty_write(struct tty_struct *tty,
					     const u8 *buf,
					     copro_tty_write_len_t len)
{
	struct rpmsg_tty_port *cport = tty->driver_data;
	ssize_t mtu;
	unsigned int tries;
	size_t size;
	u32 dst;
	int ret;

	mutex_lock(&cport->lock);
	if (!cport->rpdev || !cport->rpdev->ept) {
		ret = -EPIPE;
		goto unlock;
	}

	spin_lock_irq(&cport->peer_lock);
	dst = cport->peer;
	spin_unlock_irq(&cport->peer_lock);
	if (dst == RPMSG_ADDR_ANY) {
		ret = -ENOTCONN;	/* the remote has not spoken yet */
		goto unlock;
	}

	mtu = rpmsg_get_mtu(cport->rpdev->ept);
	if (mtu <= 0) {
		ret = mtu ? mtu : -EIO;
		goto unlock;
	}
	size = min_t(size_t, len, mtu);

	/*
	 * Never block the tty layer: with no tx buffer now, nothing is
	 * written and txwait wakes the tty's writers up once there may be
	 * one. A buffer given back meanwhile makes the poll say so: try again.
	 */
	for (tries = 0; tries < RPMSG_TTY_SEND_TRIES; tries++) {
		ret = rpmsg_trysendto(cport->rpdev->ept, (void *)buf, size, dst);
		if (ret != -ENOMEM)
			break;
		if (!(rpmsg_txwait_poll(&cport->txwait, cport->rpdev->ept, NULL) &
		      EPOLLOUT))
			break;
	}
	if (ret == -ENOMEM)
		ret = 0;
	else if (!ret)
		ret = size;
	if (ret < 0)
		dev_dbg_ratelimited(&cport->rpdev->dev, "send failed: %d\n",
				    ret);
unlock:
	mutex_unlock(&cport->lock);
	return ret;
}

static unsigned int rpmsg_tty_write_room(struct tty_struct *tty)
{
	struct rpmsg_tty_port *cport = tty->driver_data;
	ssize_t mtu = 0;

	mutex_lock(&cport->lock);
	if (cport->rpdev && cport->rpdev->ept)
		mtu = rpmsg_get_mtu(cport->rpdev->ept);
	mutex_unlock(&cport->lock);

	return mtu > 0 ? mtu : 0;
}

static void rpmsg_tty_hangup(struct tty_struct *tty)
{
	tty_port_hangup(tty->port);
}

static const struct tty_operations rpmsg_tty_ops = {
	.install = rpmsg_tty_install,
	.open = rpmsg_tty_open,
	.close = rpmsg_tty_close,
	.write = rpmsg_tty_write,
	.write_room = rpmsg_tty_write_room,
	.hangup = rpmsg_tty_hangup,
	.cleanup = rpmsg_tty_cleanup,
};

static void rpmsg_tty_destruct_port(struct tty_port *port)
{
	struct rpmsg_tty_port *cport = container_of(port, struct rpmsg_tty_port,
						    port);

	mutex_lock(&rpmsg_tty_idr_lock);
	idr_remove(&rpmsg_tty_idr, cport->id);
	mutex_unlock(&rpmsg_tty_idr_lock);
	kfree(cport);
}

static const struct tty_port_operations rpmsg_tty_port_ops = {
	.destruct = rpmsg_tty_destruct_port,
};

/* The transport may have room to send again. */
static int rpmsg_tty_tx_wake(struct wait_queue_entry *entry, unsigned int mode,
			     int flags, void *key)
{
	struct rpmsg_tty_port *cport = container_of(entry, struct rpmsg_tty_port,
						    txwait.entry);

	rpmsg_txwait_fired(entry);
	tty_port_tty_wakeup(&cport->port);
	return 0;
}

/* NXP's firmware waits for the host's first message (see the define) */
static void rpmsg_tty_nxp_hello(struct rpmsg_device *rpdev)
{
	static const char hello[] = RPMSG_TTY_NXP_HELLO;
	int ret;

	ret = rpmsg_trysend(rpdev->ept, (void *)hello, sizeof(hello) - 1);
	if (ret)
		dev_warn(&rpdev->dev, "first message not sent: %d\n", ret);
}

static int rpmsg_tty_probe(struct rpmsg_device *rpdev)
{
	unsigned long flags = rpdev->id.driver_data;
	struct device *dev = &rpdev->dev;
	struct rpmsg_tty_port *cport;
	struct device *tty_dev;
	int id;

	if ((flags & RPMSG_TTY_OPENAMP_DEMO) && !READ_ONCE(openamp_demo))
		return -ENODEV;	/* left to another driver */

	cport = kzalloc(sizeof(*cport), GFP_KERNEL);
	if (!cport)
		return -ENOMEM;

	mutex_init(&cport->lock);
	spin_lock_init(&cport->peer_lock);
	cport->rpdev = rpdev;
	cport->peer = rpdev->dst;
	cport->flags = flags;
	cport->fresh = true;
	rpmsg_txwait_init(&cport->txwait, rpmsg_tty_tx_wake);
	tty_port_init(&cport->port);
	cport->port.ops = &rpmsg_tty_port_ops;

	mutex_lock(&rpmsg_tty_idr_lock);
	id = idr_alloc(&rpmsg_tty_idr, cport, 0, RPMSG_TTY_MAX, GFP_KERNEL);
	mutex_unlock(&rpmsg_tty_idr_lock);
	if (id < 0) {
		tty_port_destroy(&cport->port);
		kfree(cport);
		return dev_err_probe(dev, id, "no free tty index\n");
	}
	cport->id = id;

	/*
	 * From here on, the port's last reference frees cport.  install()
	 * finds the port by index: the driver has no ports[] to link it in.
	 */
	dev_set_drvdata(dev, cport);
	tty_dev = tty_register_device(rpmsg_tty_driver, id, dev);
	if (IS_ERR(tty_dev)) {
		dev_set_drvdata(dev, NULL);
		tty_port_put(&cport->port);
		return dev_err_probe(dev, PTR_ERR(tty_dev),
				     "cannot register " RPMSG_TTY_NAME "%d\n", id);
	}

	dev_dbg(dev, "0x%x -> 0x%x is " RPMSG_TTY_NAME "%d\n", rpdev->src,
		rpdev->dst, id);
	if (flags & RPMSG_TTY_NXP)
		rpmsg_tty_nxp_hello(rpdev);
	return 0;
}

static void rpmsg_tty_remove(struct rpmsg_device *rpdev)
{
	struct rpmsg_tty_port *cport = dev_get_drvdata(&rpdev->dev);

	/* the endpoint outlives remove(): fence its callback off first */
	if (rpdev->ept)
		mutex_lock(&rpdev->ept->cb_lock);
	dev_set_drvdata(&rpdev->dev, NULL);
	if (rpdev->ept)
		mutex_unlock(&rpdev->ept->cb_lock);

	mutex_lock(&cport->lock);
	cport->rpdev = NULL;
	rpmsg_txwait_cancel(&cport->txwait);
	mutex_unlock(&cport->lock);

	/* open ttys see a hangup; the port goes with its last user */
	tty_port_tty_hangup(&cport->port, false);
	tty_unregister_device(rpmsg_tty_driver, cport->id);
	tty_port_put(&cport->port);
}

static const struct rpmsg_device_id rpmsg_tty_id_table[] = {
	{ .name = "rpmsg-tty" },
	/* ST's name before mainline's rpmsg_tty (STM32Cube OpenAMP_TTY_echo) */
	{ .name = "rpmsg-tty-channel" },
	/* NXP MCUXpresso SDK rpmsg_lite_str_echo */
	{ .name = "rpmsg-virtual-tty-channel-1", .driver_data = RPMSG_TTY_NXP },
	{ .name = "rpmsg-virtual-tty-channel", .driver_data = RPMSG_TTY_NXP },
	{ .name = "rpmsg-openamp-demo-channel",
	  .driver_data = RPMSG_TTY_NXP | RPMSG_TTY_OPENAMP_DEMO },
	{ },
};
MODULE_DEVICE_TABLE(rpmsg, rpmsg_tty_id_table);

static struct rpmsg_driver rpmsg_tty_rpmsg_driver = {
	.drv.name = KBUILD_MODNAME,
	.id_table = rpmsg_tty_id_table,
	.probe = rpmsg_tty_probe,
	.callback = rpmsg_tty_cb,
	.remove = rpmsg_tty_remove,
};

static int __init rpmsg_tty_init(void)
{
	struct tty_driver *driver;
	int ret;

	/*
	 * One character device for all indexes, added here: a tty's own,
	 * added per device, would appear only after its /dev node, and an
	 * open in between fails with ENXIO.
	 */
	driver = tty_alloc_driver(RPMSG_TTY_MAX, TTY_DRIVER_REAL_RAW |
				  TTY_DRIVER_DYNAMIC_DEV |
				  TTY_DRIVER_DYNAMIC_ALLOC);
	if (IS_ERR(driver))
		return PTR_ERR(driver);

	driver->driver_name = KBUILD_MODNAME;
	driver->name = RPMSG_TTY_NAME;
	driver->major = 0;
	driver->type = TTY_DRIVER_TYPE_CONSOLE;
	/* a message pipe, not a terminal: raw by default */
	driver->init_termios = tty_std_termios;
	driver->init_termios.c_lflag &= ~(ECHO | ICANON);
	driver->init_termios.c_oflag &= ~(OPOST | ONLCR);
	tty_set_operations(driver, &rpmsg_tty_ops);

	ret = tty_register_driver(driver);
	if (ret) {
		pr_err("%s: cannot register the tty driver: %d\n",
		       KBUILD_MODNAME, ret);
		goto put;
	}
	rpmsg_tty_driver = driver;

	ret = register_rpmsg_driver(&rpmsg_tty_rpmsg_driver);
	if (ret) {
		pr_err("%s: cannot register the rpmsg driver: %d\n",
		       KBUILD_MODNAME, ret);
		goto unregister;
	}
	return 0;

unregister:
	tty_unregister_driver(driver);
	rpmsg_tty_driver = NULL;
put:
	tty_driver_kref_put(driver);
	return ret;
}
module_init(rpmsg_tty_init);

static void __exit rpmsg_tty_exit(void)
{
	unregister_rpmsg_driver(&rpmsg_tty_rpmsg_driver);
	tty_unregister_driver(rpmsg_tty_driver);
	tty_driver_kref_put(rpmsg_tty_driver);
	idr_destroy(&rpmsg_tty_idr);
}
module_exit(rpmsg_tty_exit);

MODULE_DESCRIPTION("copro rpmsg tty");
MODULE_LICENSE("GPL");
