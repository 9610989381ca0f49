/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Remoteproc resource table as the Linux host parses it
 * (layouts per include/linux/rsc_table.h and remoteproc.h).
 */
#ifndef COPRO_RSC_TABLE_H
#define COPRO_RSC_TABLE_H

#include <stdint.h>

#define RSC_CARVEOUT		0
#define RSC_DEVMEM		1
#define RSC_TRACE		2
#define RSC_VDEV		3

#define FW_RSC_ADDR_ANY		0xffffffffu

#define VIRTIO_ID_RPMSG		7
#define VIRTIO_RPMSG_F_NS	0

/* virtio device status bits the host writes into fw_rsc_vdev.status */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE	0x01
#define VIRTIO_CONFIG_S_DRIVER		0x02
#define VIRTIO_CONFIG_S_DRIVER_OK	0x04
#define VIRTIO_CONFIG_S_FEATURES_OK	0x08
#define VIRTIO_CONFIG_S_NEEDS_RESET	0x40
#define VIRTIO_CONFIG_S_FAILED		0x80

struct fw_rsc_vdev_vring {
	uint32_t da;
	uint32_t align;
	uint32_t num;
	uint32_t notifyid;
	uint32_t pa;
} __attribute__((packed));

struct fw_rsc_vdev {
	uint32_t id;
	uint32_t notifyid;
	uint32_t dfeatures;
	uint32_t gfeatures;
	uint32_t config_len;
	uint8_t status;
	uint8_t num_of_vrings;
	uint8_t reserved[2];
	struct fw_rsc_vdev_vring vring[2];
} __attribute__((packed));

struct fw_rsc_trace {
	uint32_t da;
	uint32_t len;
	uint32_t reserved;
	uint8_t name[32];
} __attribute__((packed));

/*
 * The table this firmware ships: a header with two offsets, then each
 * entry as a 32-bit type followed by its body.
 */
struct copro_rsc_table {
	uint32_t ver;
	uint32_t num;
	uint32_t reserved[2];
	uint32_t offset[2];

	uint32_t vdev_type;
	struct fw_rsc_vdev vdev;

	uint32_t trace_type;
	struct fw_rsc_trace trace;
} __attribute__((packed));

/* Defined by core/rsc_table.c (or by a host test that builds its own). */
extern struct copro_rsc_table copro_resource_table;
extern char copro_trace_buf[];

#endif
