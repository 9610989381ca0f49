/* SPDX-License-Identifier: GPL-2.0 */
/*
 * copro kernel compatibility layer.
 *
 * The one place where copro deals with differences between the kernels it
 * builds against (Debian's 6.1 and 6.12 today).  The rule: driver code never
 * tests LINUX_VERSION_CODE itself; every difference is a small shim here,
 * and every shim names the kernel version that changed the interface it
 * papers over.  Each subsystem keeps its shims in its own section.
 */
#ifndef _COPRO_COMPAT_H
#define _COPRO_COMPAT_H

#include <linux/version.h>

/*
 * COPRO_KERNEL_GE(6, 11): built against 6.11 or later.  Sublevels never
 * change an interface, so only major and patchlevel count.
 */
#define COPRO_KERNEL_GE(major, patchlevel)				\
	((LINUX_VERSION_MAJOR << 8 | LINUX_VERSION_PATCHLEVEL) >=	\
	 ((major) << 8 | (patchlevel)))

/* rpmsg */

#include <linux/poll.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/virtio_config.h>

/*
 * The rpmsg core (rpmsg_core.ko) calls into a transport through two
 * operation tables declared in the kernel's private
 * drivers/rpmsg/rpmsg_internal.h, which no headers package ships.  A
 * transport built out of tree must lay these tables out exactly as the
 * running kernel's rpmsg_core expects, so they are declared here.
 *
 * struct rpmsg_device_ops: unchanged from 5.18 up to 6.12.
 */
struct rpmsg_device_ops {
	struct rpmsg_device *(*create_channel)(struct rpmsg_device *rpdev,
					       struct rpmsg_channel_info *chinfo);
	int (*release_channel)(struct rpmsg_device *rpdev,
			       struct rpmsg_channel_info *chinfo);
	struct rpmsg_endpoint *(*create_ept)(struct rpmsg_device *rpdev,
					     rpmsg_rx_cb_t cb, void *priv,
					     struct rpmsg_channel_info chinfo);
	int (*announce_create)(struct rpmsg_device *rpdev);
	int (*announce_destroy)(struct rpmsg_device *rpdev);
};

/*
 * struct rpmsg_endpoint_ops: 6.5 inserted set_flow_control between poll
 * and get_mtu (so get_mtu moved: the layouts differ), together with
 * the RPMSG_{GET_OUTGOING,SET_INCOMING}_FLOWCONTROL ioctls, the flow_cb
 * member of struct rpmsg_endpoint and rpmsg_set_flow_control()).
 */
#if COPRO_KERNEL_GE(6, 5)
#define COPRO_RPMSG_HAS_FLOW_CONTROL 1
#else
#define COPRO_RPMSG_HAS_FLOW_CONTROL 0
#endif

#ifndef RPMSG_GET_OUTGOING_FLOWCONTROL
#define RPMSG_GET_OUTGOING_FLOWCONTROL _IOR(0xb5, 0x5, int)
#define RPMSG_SET_INCOMING_FLOWCONTROL _IOR(0xb5, 0x6, int)
#endif

struct rpmsg_endpoint_ops {
	void (*destroy_ept)(struct rpmsg_endpoint *ept);
	int (*send)(struct rpmsg_endpoint *ept, void *data, int len);
	int (*sendto)(struct rpmsg_endpoint *ept, void *data, int len, u32 dst);
	int (*send_offchannel)(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			       void *data, int len);
	int (*trysend)(struct rpmsg_endpoint *ept, void *data, int len);
	int (*trysendto)(struct rpmsg_endpoint *ept, void *data, int len,
			 u32 dst);
	int (*trysend_offchannel)(struct rpmsg_endpoint *ept, u32 src, u32 dst,
				  void *data, int len);
	__poll_t (*poll)(struct rpmsg_endpoint *ept, struct file *filp,
			 poll_table *wait);
#if COPRO_RPMSG_HAS_FLOW_CONTROL
	int (*set_flow_control)(struct rpmsg_endpoint *ept, bool pause,
				u32 dst);
#endif
	ssize_t (*get_mtu)(struct rpmsg_endpoint *ept);
};

/*
 * Exported by rpmsg_core but declared only in rpmsg_internal.h (all of
 * 6.1 to 6.12).
 */
struct device *rpmsg_find_device(struct device *parent,
				 struct rpmsg_channel_info *chinfo);
struct rpmsg_device *rpmsg_create_channel(struct rpmsg_device *rpdev,
					  struct rpmsg_channel_info *chinfo);
int rpmsg_release_channel(struct rpmsg_device *rpdev,
			  struct rpmsg_channel_info *chinfo);

/*
 * rpmsg_class: the "rpmsg" device class exported by rpmsg_core, home of
 * /dev/rpmsgN and /dev/rpmsg_ctrlN.  A pointer filled by class_create()
 * until 6.9 made it a statically defined const struct class.
 */
#if COPRO_KERNEL_GE(6, 9)
extern const struct class rpmsg_class;
#define copro_rpmsg_class() (&rpmsg_class)
#else
extern struct class *rpmsg_class;
#define copro_rpmsg_class() (rpmsg_class)
#endif

/*
 * virtio_find_vqs(): 6.11 replaced the parallel callback and name arrays
 * with one array of struct virtqueue_info.
 */
static inline int copro_virtio_find_vqs(struct virtio_device *vdev,
					unsigned int nvqs,
					struct virtqueue *vqs[],
					vq_callback_t *cbs[],
					const char * const names[])
{
#if COPRO_KERNEL_GE(6, 11)
	struct virtqueue_info info[4] = {};
	unsigned int i;

	if (nvqs > ARRAY_SIZE(info))
		return -EINVAL;
	for (i = 0; i < nvqs; i++) {
		info[i].name = names[i];
		info[i].callback = cbs[i];
	}
	return virtio_find_vqs(vdev, nvqs, vqs, info, NULL);
#else
	return virtio_find_vqs(vdev, nvqs, vqs, cbs, names, NULL);
#endif
}

/*
 * rpmsg_device::driver_override: 6.12.97 (a stable backport of the driver
 * core's generic driver_override) dropped the member; the string now lives
 * in struct device and the driver core frees it on release.  A sublevel
 * changed the layout, so the version cannot tell: Kbuild looks for the
 * member in the kernel's rpmsg.h and defines
 * COPRO_RPMSG_OWN_DRIVER_OVERRIDE where it is still there.
 */
static inline void copro_rpmsg_free_driver_override(struct rpmsg_device *rpdev)
{
#ifdef COPRO_RPMSG_OWN_DRIVER_OVERRIDE
	kfree(rpdev->driver_override);
#endif
}

/*
 * tty_operations::write: 6.6 made the length a size_t and the return value
 * a ssize_t (the buffer was already const u8 * since 6.1).
 */
#if COPRO_KERNEL_GE(6, 6)
#define copro_tty_write_ret_t ssize_t
#define copro_tty_write_len_t size_t
#else
#define copro_tty_write_ret_t int
#define copro_tty_write_len_t int
#endif

/* remoteproc and mailbox */

#include <linux/firmware.h>
#include <linux/interrupt.h>
#include <linux/remoteproc.h>

/*
 * Exported by the remoteproc core (built in on Debian's kernels) but
 * declared only in its private drivers/remoteproc/remoteproc_internal.h,
 * which no headers package ships. Unchanged from 5.13 up to 6.12.
 */
int rproc_of_parse_firmware(struct device *dev, int index,
			    const char **fw_name);
irqreturn_t rproc_vq_interrupt(struct rproc *rproc, int vq_id);
int rproc_elf_sanity_check(struct rproc *rproc, const struct firmware *fw);
u64 rproc_elf_get_boot_addr(struct rproc *rproc, const struct firmware *fw);
int rproc_elf_load_segments(struct rproc *rproc, const struct firmware *fw);
int rproc_elf_load_rsc_table(struct rproc *rproc, const struct firmware *fw);
struct resource_table *
rproc_elf_find_loaded_rsc_table(struct rproc *rproc, const struct firmware *fw);

#endif /* _COPRO_COMPAT_H */
