// SPDX-License-Identifier: GPL-2.0
/*
 * copro rpmsg ping-pong, the host half of NXP's SDK pingpong demo.
 *
 * Binds to "rpmsg-openamp-demo-channel" and sends the number 0 as a
 * little-endian 32-bit word. The remote answers each number n with n + 1;
 * the host logs "get n (src: 0x..)" and sends n + 1 back, until it gets
 * @limit or more. The numbers the host receives are therefore odd.
 *
 * The same name is the tty of NXP's older str_echo: rpmsg_tty takes it
 * instead when loaded with openamp_demo=1 (Documentation/vendor-firmware.rst).
 */

#include <linux/device.h>
#include <linux/module.h>
#include <linux/rpmsg.h>
#include <linux/string.h>
#include <linux/types.h>

static unsigned int limit = 100;
module_param(limit, uint, 0444);
MODULE_PARM_DESC(limit, "the number after which the host stops answering");

static int pingpong_send(struct rpmsg_device *rpdev, u32 n, u32 dst)
{
	__le32 word = cpu_to_le32(n);
	int ret;

	ret = rpmsg_sendto(rpdev->ept, &word, sizeof(word), dst);
	if (ret)
		dev_err(&rpdev->dev, "cannot send %u: %d\n", n, ret);
	return ret;
}

static int pingpong_cb(struct rpmsg_device *rpdev, void *data, int len,
		       void *priv, u32 src)
{
	__le32 word;
	u32 n;

	if (len != sizeof(word)) {
		dev_warn_ratelimited(&rpdev->dev,
				     "%d-byte message from 0x%x ignored\n",
				     len, src);
		return 0;
	}
	memcpy(&word, data, sizeof(word));
	n = le32_to_cpu(word);

	/* NXP's driver prints these lines as they are: scripts look for them */
	pr_info("get %u (src: 0x%x)\n", n, src);
	if (n >= limit) {
		dev_info(&rpdev->dev, "limit %u reached, goodbye!\n", limit);
		return 0;
	}
	pingpong_send(rpdev, n + 1, src);
	return 0;
}

static int pingpong_probe(struct rpmsg_device *rpdev)
{
	dev_info(&rpdev->dev, "new channel: 0x%x -> 0x%x!\n", rpdev->src,
		 rpdev->dst);
	return pingpong_send(rpdev, 0, rpdev->dst);
}

static const struct rpmsg_device_id pingpong_id_table[] = {
	{ .name = "rpmsg-openamp-demo-channel" },
	{ },
};
MODULE_DEVICE_TABLE(rpmsg, pingpong_id_table);

static struct rpmsg_driver pingpong_driver = {
	.drv.name = KBUILD_MODNAME,
	.id_table = pingpong_id_table,
	.probe = pingpong_probe,
	.callback = pingpong_cb,
};
module_rpmsg_driver(pingpong_driver);

MODULE_DESCRIPTION("copro rpmsg ping-pong (NXP SDK pingpong demo, host side)");
MODULE_LICENSE("GPL");
