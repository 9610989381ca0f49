// SPDX-License-Identifier: GPL-2.0
/*
 * copro rpmsg control device: /dev/rpmsg_ctrlN, one per transport.
 *
 * Its ioctls create endpoints (each one a /dev/rpmsgN, see rpmsg_char) and
 * create or release local channels, which the transport announces to the
 * remote processor.  Every request from user space is checked: the name
 * must be NUL-terminated and not empty, and the name service address is
 * reserved to the transport.
 */

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg/ns.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <copro/compat.h>

#include "rpmsg_char.h"

#define RPMSG_DEV_MAX	(MINORMASK + 1)

static dev_t rpmsg_ctrl_major;
static DEFINE_IDA(rpmsg_ctrl_ida);	/* the N of /dev/rpmsg_ctrlN */
static DEFINE_IDA(rpmsg_ctrl_minor_ida);

/**
 * struct rpmsg_ctrldev - a control device
 * @dev: the device, /dev/rpmsg_ctrlN
 * @cdev: its character device
 * @lock: guards @rpdev, held across each request
 * @rpdev: the transport's control rpmsg device, NULL once it is gone
 */
struct rpmsg_ctrldev {
	struct device dev;
	struct cdev cdev;
	struct mutex lock;		/* rpdev, one request at a time */
	struct rpmsg_device *rpdev;
};

#define dev_to_ctrldev(d) container_of(d, struct rpmsg_ctrldev, dev)
#define cdev_to_ctrldev(c) container_of(c, struct rpmsg_ctrldev, cdev)

static int rpmsg_ctrldev_open(struct inode *inode, struct file *filp)
{
	filp->private_data = cdev_to_ctrldev(inode->i_cdev);
	return nonseekable_open(inode, filp);
}

static int rpmsg_ctrldev_check(const struct rpmsg_endpoint_info *info)
{
	if (strnlen(info->name, sizeof(info->name)) == sizeof(info->name))
		return -EINVAL;		/* not NUL-terminated */
	if (!info->name[0])
		return -EINVAL;
	if (info->src == RPMSG_NS_ADDR || info->dst == RPMSG_NS_ADDR)
		return -EINVAL;		/* the name service's own address */
	return 0;
}

static long rpmsg_ctrldev_ioctl(struct file *filp, unsigned int cmd,
				unsigned long arg)
{
	struct rpmsg_ctrldev *ctrldev = filp->private_data;
	void __user *uarg = (void __user *)arg;
	struct rpmsg_endpoint_info info;
	struct rpmsg_channel_info chinfo = {};
	struct rpmsg_device *rpdev;
	struct device *tmp;
	long ret;

	switch (cmd) {
	case RPMSG_CREATE_EPT_IOCTL:
	case RPMSG_CREATE_DEV_IOCTL:
	case RPMSG_RELEASE_DEV_IOCTL:
		break;
	default:
		return -ENOTTY;
	}

	if (copy_from_user(&info, uarg, sizeof(info)))
		return -EFAULT;
	ret = rpmsg_ctrldev_check(&info);
	if (ret)
		return ret;

	memcpy(chinfo.name, info.name, sizeof(chinfo.name));
	chinfo.src = info.src;
	chinfo.dst = info.dst;

	mutex_lock(&ctrldev->lock);
	rpdev = ctrldev->rpdev;
	if (!rpdev) {
		ret = -ENODEV;
		goto unlock;
	}

	switch (cmd) {
	case RPMSG_CREATE_EPT_IOCTL:
		ret = copro_rpmsg_eptdev_create(rpdev, &ctrldev->dev, chinfo);
		break;
	case RPMSG_CREATE_DEV_IOCTL:
		tmp = rpmsg_find_device(rpdev->dev.parent, &chinfo);
		if (tmp) {
			put_device(tmp);
			ret = -EEXIST;
			break;
		}
		if (!rpmsg_create_channel(rpdev, &chinfo)) {
			dev_err(&ctrldev->dev, "cannot create channel %s\n",
				chinfo.name);
			ret = -ENXIO;
		}
		break;
	case RPMSG_RELEASE_DEV_IOCTL:
		ret = rpmsg_release_channel(rpdev, &chinfo);
		if (ret)
			dev_dbg(&ctrldev->dev, "cannot release channel %s: %ld\n",
				chinfo.name, ret);
		break;
	}
unlock:
	mutex_unlock(&ctrldev->lock);
	return ret;
}

static const struct file_operations rpmsg_ctrldev_fops = {
	.owner = THIS_MODULE,
	.open = rpmsg_ctrldev_open,
	.unlocked_ioctl = rpmsg_ctrldev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static void rpmsg_ctrldev_release_device(struct device *dev)
{
	struct rpmsg_ctrldev *ctrldev = dev_to_ctrldev(dev);

	ida_free(&rpmsg_ctrl_ida, dev->id);
	ida_free(&rpmsg_ctrl_minor_ida, MINOR(dev->devt));
	kfree(ctrldev);
}

static int rpmsg_ctrldev_probe(struct rpmsg_device *rpdev)
{
	struct rpmsg_ctrldev *ctrldev;
	struct device *dev;
	int ret, minor, id;

	ctrldev = kzalloc(sizeof(*ctrldev), GFP_KERNEL);
	if (!ctrldev)
		return -ENOMEM;

	ctrldev->rpdev = rpdev;
	mutex_init(&ctrldev->lock);

	dev = &ctrldev->dev;
	device_initialize(dev);
	dev->parent = &rpdev->dev;
	dev->class = copro_rpmsg_class();

	cdev_init(&ctrldev->cdev, &rpmsg_ctrldev_fops);
	ctrldev->cdev.owner = THIS_MODULE;

	minor = ida_alloc_max(&rpmsg_ctrl_minor_ida, RPMSG_DEV_MAX - 1,
			      GFP_KERNEL);
	if (minor < 0) {
		kfree(ctrldev);
		return minor;
	}
	id = ida_alloc(&rpmsg_ctrl_ida, GFP_KERNEL);
	if (id < 0) {
		ida_free(&rpmsg_ctrl_minor_ida, minor);
		kfree(ctrldev);
		return id;
	}
	dev->devt = MKDEV(MAJOR(rpmsg_ctrl_major), minor);
	dev->id = id;
	dev_set_name(dev, "rpmsg_ctrl%d", id);
	/* from here on, the release callback frees everything */
	dev->release = rpmsg_ctrldev_release_device;

	ret = cdev_device_add(&ctrldev->cdev, dev);
	if (ret) {
		dev_err(&rpdev->dev, "cannot add %s: %d\n", dev_name(dev), ret);
		put_device(dev);
		return ret;
	}

	dev_set_drvdata(&rpdev->dev, ctrldev);
	return 0;
}

static void rpmsg_ctrldev_remove(struct rpmsg_device *rpdev)
{
	struct rpmsg_ctrldev *ctrldev = dev_get_drvdata(&rpdev->dev);

	/* wait for a request in progress; later ones get -ENODEV */
	mutex_lock(&ctrldev->lock);
	ctrldev->rpdev = NULL;
	mutex_unlock(&ctrldev->lock);

	device_for_each_child(&ctrldev->dev, NULL, copro_rpmsg_eptdev_destroy);

	cdev_device_del(&ctrldev->cdev, &ctrldev->dev);
	put_device(&ctrldev->dev);
}

static struct rpmsg_driver rpmsg_ctrldev_driver = {
	.probe = rpmsg_ctrldev_probe,
	.remove = rpmsg_ctrldev_remove,
	.drv.name = "rpmsg_ctrl",
};

static int __init rpmsg_ctrl_init(void)
{
	int ret;

	ret = alloc_chrdev_region(&rpmsg_ctrl_major, 0, RPMSG_DEV_MAX,
				  KBUILD_MODNAME);
	if (ret < 0) {
		pr_err("%s: cannot allocate a char device region: %d\n",
		       KBUILD_MODNAME, ret);
		return ret;
	}

	ret = register_rpmsg_driver(&rpmsg_ctrldev_driver);
	if (ret < 0) {
		pr_err("%s: cannot register the rpmsg driver: %d\n",
		       KBUILD_MODNAME, ret);
		unregister_chrdev_region(rpmsg_ctrl_major, RPMSG_DEV_MAX);
	}
	return ret;
}
module_init(rpmsg_ctrl_init);

static void __exit rpmsg_ctrl_exit(void)
{
	unregister_rpmsg_driver(&rpmsg_ctrldev_driver);
	unregister_chrdev_region(rpmsg_ctrl_major, RPMSG_DEV_MAX);
}
module_exit(rpmsg_ctrl_exit);

MODULE_DESCRIPTION("copro rpmsg control device");
MODULE_ALIAS("rpmsg:rpmsg_ctrl");
MODULE_LICENSE("GPL");
