/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * rpmsg user-space interface: /dev/rpmsg_ctrlN and /dev/rpmsgN.
 *
 * Binary compatible with the kernel's <linux/rpmsg.h> (same structure,
 * same ioctl numbers): a program built against either works with both.
 */
#ifndef _UAPI_RPMSG_H_
#define _UAPI_RPMSG_H_

#include <linux/ioctl.h>
#include <linux/types.h>

/* "any address": let the kernel choose, or no fixed peer */
#define RPMSG_ADDR_ANY		0xFFFFFFFF

/**
 * struct rpmsg_endpoint_info - an endpoint or a channel to create or release
 * @name: service name, NUL-terminated within its 32 bytes
 * @src: local address, or RPMSG_ADDR_ANY
 * @dst: remote address, or RPMSG_ADDR_ANY
 */
struct rpmsg_endpoint_info {
	char name[32];
	__u32 src;
	__u32 dst;
};

/* On /dev/rpmsg_ctrlN: add an endpoint, reachable as a new /dev/rpmsgN. */
#define RPMSG_CREATE_EPT_IOCTL	_IOW(0xb5, 0x1, struct rpmsg_endpoint_info)

/* On /dev/rpmsgN: remove the endpoint that RPMSG_CREATE_EPT_IOCTL added. */
#define RPMSG_DESTROY_EPT_IOCTL	_IO(0xb5, 0x2)

/* On /dev/rpmsg_ctrlN: add a local channel and announce it to the remote. */
#define RPMSG_CREATE_DEV_IOCTL	_IOW(0xb5, 0x3, struct rpmsg_endpoint_info)

/* On /dev/rpmsg_ctrlN: remove a channel (announced to the remote). */
#define RPMSG_RELEASE_DEV_IOCTL	_IOW(0xb5, 0x4, struct rpmsg_endpoint_info)

/* On /dev/rpmsgN: has the remote asked us to stop sending (int, 0 or 1)? */
#define RPMSG_GET_OUTGOING_FLOWCONTROL _IOR(0xb5, 0x5, int)

/* On /dev/rpmsgN: ask the remote to stop (1) or resume (0) sending. */
#define RPMSG_SET_INCOMING_FLOWCONTROL _IOR(0xb5, 0x6, int)

#endif /* _UAPI_RPMSG_H_ */
