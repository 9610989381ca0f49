/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Split virtqueue layout (virtio 1.x legacy layout as used by remoteproc),
 * seen from the device side.
 */
#ifndef COPRO_VIRTIO_RING_H
#define COPRO_VIRTIO_RING_H

#include <stdint.h>

#define VRING_DESC_F_NEXT		1
#define VRING_DESC_F_WRITE		2
#define VRING_DESC_F_INDIRECT		4
#define VRING_USED_F_NO_NOTIFY		1
#define VRING_AVAIL_F_NO_INTERRUPT	1

struct vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct vring_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};

struct vring_used_elem {
	uint32_t id;
	uint32_t len;
};

struct vring_used {
	uint16_t flags;
	uint16_t idx;
	struct vring_used_elem ring[];
};

/* Offset of the used ring from the start of the vring memory. */
static inline uint32_t vring_used_offset(uint32_t num, uint32_t align)
{
	uint32_t off = num * sizeof(struct vring_desc) +
		       sizeof(uint16_t) * (3 + num);

	return (off + align - 1) & ~(align - 1);
}

/* Total bytes a vring of @num entries occupies. */
static inline uint32_t vring_bytes(uint32_t num, uint32_t align)
{
	return vring_used_offset(num, align) + sizeof(uint16_t) * 3 +
	       sizeof(struct vring_used_elem) * num;
}

#endif
