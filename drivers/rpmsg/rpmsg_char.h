/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interface between copro's rpmsg_ctrl and rpmsg_char.
 *
 * The symbols carry a copro_ prefix so that neither module can ever link
 * against the kernel's own rpmsg_char or rpmsg_ctrl by mistake.
 */
#ifndef _COPRO_RPMSG_CHAR_H
#define _COPRO_RPMSG_CHAR_H

#include <linux/device.h>
#include <linux/rpmsg.h>

int copro_rpmsg_eptdev_create(struct rpmsg_device *rpdev,
			      struct device *parent,
			      struct rpmsg_channel_info chinfo);
int copro_rpmsg_eptdev_destroy(struct device *dev, void *data);

#endif /* _COPRO_RPMSG_CHAR_H */
