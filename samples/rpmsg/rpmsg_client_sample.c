// SPDX-License-Identifier: GPL-2.0
/*
 * copro rpmsg client sample.
 *
 * Binds to the "rpmsg-client-sample" channel of a remote processor, sends
 * "hello world!" and answers every reply with the same greeting until
 * @count replies came back, then says goodbye in the kernel log.  The
 * remote is expected to echo each message (and, in copro's firmware, to
 * destroy the channel after the last one).
 */

#include <linux/device.h>
#include <linux/module.h>
#include <linux/rpmsg.h>
#include <linux/string.h>

#define SAMPLE_GREETING	"hello world!"

static unsigned int count = 100;
module_param(count, uint, 0444);
MODULE_PARM_DESC(count, "replies to wait for before saying goodbye");

/**
 * struct sample_instance - state of one channel
 * @rx_count: replies received so far (the rx callbacks of one channel never
 *	run concurrently)
 */
struct sample_instance {
	unsigned int rx_count;
};

static int sample_cb(struct rpmsg_device *rpdev, void *data, int len,
		     void *priv, u32 src)
{
	struct sample_instance *inst = dev_get_drvdata(&rpdev->dev);
	int ret;

	if (!inst || inst->rx_count >= count)
		return 0;

	dev_info(&rpdev->dev, "incoming msg %u (src: 0x%x)\n",
		 ++inst->rx_count, src);
	print_hex_dump_debug(__func__, DUMP_PREFIX_NONE, 16, 1, data, len,
			     true);

	if (inst->rx_count >= count) {
		dev_info(&rpdev->dev, "goodbye!\n");
		return 0;
	}

	ret = rpmsg_send(rpdev->ept, SAMPLE_GREETING, strlen(SAMPLE_GREETING));
	if (ret)
		dev_err(&rpdev->dev, "rpmsg_send failed: %d\n", ret);
	return 0;
}

static int sample_probe(struct rpmsg_device *rpdev)
{
	struct sample_instance *inst;
	int ret;

	dev_info(&rpdev->dev, "new channel: 0x%x -> 0x%x!\n", rpdev->src,
		 rpdev->dst);

	inst = devm_kzalloc(&rpdev->dev, sizeof(*inst), GFP_KERNEL);
	if (!inst)
		return -ENOMEM;

	/* replies can only come after the first message below */
	dev_set_drvdata(&rpdev->dev, inst);

	ret = rpmsg_send(rpdev->ept, SAMPLE_GREETING, strlen(SAMPLE_GREETING));
	if (ret) {
		dev_err(&rpdev->dev, "rpmsg_send failed: %d\n", ret);
		dev_set_drvdata(&rpdev->dev, NULL);
		return ret;
	}
	return 0;
}

static void sample_remove(struct rpmsg_device *rpdev)
{
	dev_info(&rpdev->dev, "rpmsg sample client driver is removed\n");
}

static const struct rpmsg_device_id sample_id_table[] = {
	{ .name = "rpmsg-client-sample" },
	{ },
};
MODULE_DEVICE_TABLE(rpmsg, sample_id_table);

static struct rpmsg_driver sample_client = {
	.drv.name = KBUILD_MODNAME,
	.id_table = sample_id_table,
	.probe = sample_probe,
	.callback = sample_cb,
	.remove = sample_remove,
};
module_rpmsg_driver(sample_client);

MODULE_DESCRIPTION("copro rpmsg client sample");
MODULE_LICENSE("GPL");
