// SPDX-License-Identifier: GPL-2.0
/*
 * copro rpmsg name service.
 *
 * Built only for kernels that have no rpmsg_ns of their own.  A transport
 * registers one name service device per remote processor with
 * rpmsg_ns_register_device(); this driver binds to it, listens on the
 * reserved address RPMSG_NS_ADDR and turns each announcement of the remote
 * into the creation or the release of an rpmsg channel.
 */

#include <linux/device.h>
#include <linux/module.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg/byteorder.h>
#include <linux/rpmsg/ns.h>
#include <linux/string.h>

#include <copro/compat.h>

/**
 * rpmsg_ns_register_device() - register the name service device
 * @rpdev: a prepared rpmsg device of the transport (parent, ops, release)
 *
 * Return: 0 on success, a negative error code otherwise; on failure the
 * device's last reference is gone.
 */
int rpmsg_ns_register_device(struct rpmsg_device *rpdev)
{
	rpdev->src = RPMSG_NS_ADDR;
	rpdev->dst = RPMSG_NS_ADDR;

	return rpmsg_register_device_override(rpdev, KBUILD_MODNAME);
}
EXPORT_SYMBOL(rpmsg_ns_register_device);

static int rpmsg_ns_cb(struct rpmsg_device *rpdev, void *data, int len,
		       void *priv, u32 src)
{
	struct device *dev = rpdev->dev.parent;
	struct rpmsg_channel_info chinfo = {};
	struct rpmsg_ns_msg *msg = data;
	u32 flags;
	int ret;

	if (len != sizeof(*msg)) {
		dev_err(dev, "name service message of %d bytes dropped\n", len);
		return -EINVAL;
	}
	if (strnlen(msg->name, RPMSG_NAME_SIZE) == RPMSG_NAME_SIZE ||
	    !msg->name[0]) {
		dev_err(dev, "name service message without a valid name dropped\n");
		return -EINVAL;
	}

	memcpy(chinfo.name, msg->name, sizeof(chinfo.name));
	chinfo.src = RPMSG_ADDR_ANY;
	chinfo.dst = rpmsg32_to_cpu(rpdev, msg->addr);
	flags = rpmsg32_to_cpu(rpdev, msg->flags);

	switch (flags) {
	case RPMSG_NS_CREATE:
		dev_info(dev, "creating channel %s addr 0x%x\n", chinfo.name,
			 chinfo.dst);
		if (!rpmsg_create_channel(rpdev, &chinfo))
			dev_err(dev, "cannot create channel %s\n", chinfo.name);
		break;
	case RPMSG_NS_DESTROY:
		dev_info(dev, "destroying channel %s addr 0x%x\n", chinfo.name,
			 chinfo.dst);
		ret = rpmsg_release_channel(rpdev, &chinfo);
		if (ret)
			dev_err(dev, "cannot release channel %s: %d\n",
				chinfo.name, ret);
		break;
	default:
		dev_err(dev, "name service message with flags 0x%x dropped\n",
			flags);
		return -EINVAL;
	}
	return 0;
}

static int rpmsg_ns_probe(struct rpmsg_device *rpdev)
{
	struct rpmsg_channel_info chinfo = {
		.name = "name_service",
		.src = RPMSG_NS_ADDR,
		.dst = RPMSG_NS_ADDR,
	};
	struct rpmsg_endpoint *ept;

	/* destroyed by the rpmsg core when the device goes away */
	ept = rpmsg_create_ept(rpdev, rpmsg_ns_cb, NULL, chinfo);
	if (!ept) {
		dev_err(&rpdev->dev, "cannot bind the name service address\n");
		return -ENOMEM;
	}
	rpdev->ept = ept;
	return 0;
}

static struct rpmsg_driver rpmsg_ns_driver = {
	.drv.name = KBUILD_MODNAME,
	.probe = rpmsg_ns_probe,
};

static int __init rpmsg_ns_init(void)
{
	int ret;

	ret = register_rpmsg_driver(&rpmsg_ns_driver);
	if (ret)
		pr_err("%s: cannot register the driver: %d\n", KBUILD_MODNAME,
		       ret);
	return ret;
}
postcore_initcall(rpmsg_ns_init);

static void __exit rpmsg_ns_exit(void)
{
	unregister_rpmsg_driver(&rpmsg_ns_driver);
}
module_exit(rpmsg_ns_exit);

MODULE_DESCRIPTION("copro rpmsg name service");
MODULE_ALIAS("rpmsg:" KBUILD_MODNAME);
MODULE_LICENSE("GPL");
