// SPDX-License-Identifier: BSD-3-Clause
/*
 * The resource table, placed in section .resource_table where Linux's
 * remoteproc finds it in the ELF.  A port tunes it with -D:
 *   COPRO_VRING0_DA, COPRO_VRING1_DA  vring device addresses, default
 *                                     FW_RSC_ADDR_ANY (host allocates)
 *   COPRO_VRING_NUM                   entries per vring (power of two)
 *   COPRO_VRING_ALIGN                 vring alignment
 *   COPRO_TRACE_SIZE                  trace buffer bytes
 */
#include <stddef.h>
#include "rsc_table.h"

#ifndef COPRO_VRING0_DA
#define COPRO_VRING0_DA		FW_RSC_ADDR_ANY
#endif
#ifndef COPRO_VRING1_DA
#define COPRO_VRING1_DA		FW_RSC_ADDR_ANY
#endif
#ifndef COPRO_VRING_NUM
#define COPRO_VRING_NUM		16
#endif
#ifndef COPRO_VRING_ALIGN
#define COPRO_VRING_ALIGN	4096
#endif
#ifndef COPRO_TRACE_SIZE
#define COPRO_TRACE_SIZE	4096
#endif

#if COPRO_VRING_NUM & (COPRO_VRING_NUM - 1)
#error "COPRO_VRING_NUM must be a power of two"
#endif

char copro_trace_buf[COPRO_TRACE_SIZE] __attribute__((aligned(8)));

/*
 * The trace buffer's address is a link-time constant only where pointers
 * are 32 bits wide; a native host build leaves it 0 (tests do not need it).
 */
#if UINTPTR_MAX == 0xffffffffu
#define TRACE_DA	((uint32_t)(uintptr_t)copro_trace_buf)
#else
#define TRACE_DA	0
#endif

struct copro_rsc_table copro_resource_table
	__attribute__((section(".resource_table"), used, aligned(8))) = {
	.ver = 1,
	.num = 2,
	.offset = {
		offsetof(struct copro_rsc_table, vdev_type),
		offsetof(struct copro_rsc_table, trace_type),
	},
	.vdev_type = RSC_VDEV,
	.vdev = {
		.id = VIRTIO_ID_RPMSG,
		.notifyid = 0,
		.dfeatures = 1u << VIRTIO_RPMSG_F_NS,
		.gfeatures = 0,
		.config_len = 0,
		.status = 0,
		.num_of_vrings = 2,
		.vring = {
			{ COPRO_VRING0_DA, COPRO_VRING_ALIGN, COPRO_VRING_NUM,
			  0, 0 },
			{ COPRO_VRING1_DA, COPRO_VRING_ALIGN, COPRO_VRING_NUM,
			  1, 0 },
		},
	},
	.trace_type = RSC_TRACE,
	.trace = {
		.da = TRACE_DA,
		.len = COPRO_TRACE_SIZE,
		.reserved = 0,
		.name = "trace",
	},
};
