// SPDX-License-Identifier: GPL-2.0
/*
 * include/copro/compat.h against the private kernel headers it copies from.
 *
 * compat.h re-declares what the rpmsg and remoteproc cores keep in
 * drivers/rpmsg/rpmsg_internal.h and drivers/remoteproc/remoteproc_internal.h,
 * which no headers package ships.  scripts/compat-check builds this file with
 * one kernel's own kbuild, next to those two headers taken from the same
 * kernel's linux-source (in kernel/), and the build fails where the copies
 * have drifted:
 *
 * - the kernel's ops tables are included under other names
 *   (struct kernel_rpmsg_device_ops, ...), so both definitions coexist; each
 *   member must sit at the same offset with a compatible type, each table
 *   must have the kernel's size and alignment, and the members listed below
 *   must fill the whole table (a member this file does not name fails too);
 * - every function and object both declare is declared twice in this file,
 *   and C refuses a redeclaration of a different type.
 *
 * Not kernel code: it is compiled, never linked or loaded.
 */
#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/stddef.h>

#include <copro/compat.h>

/* compat.h has brought in every public header, so only the tables are renamed. */
#define rpmsg_device_ops kernel_rpmsg_device_ops
#define rpmsg_endpoint_ops kernel_rpmsg_endpoint_ops
#include "kernel/rpmsg_internal.h"
#undef rpmsg_device_ops
#undef rpmsg_endpoint_ops

#include "kernel/remoteproc_internal.h"

/* Every member of each table, in the kernel's order. */
#define RPMSG_DEVICE_OPS(x)						\
	x(rpmsg_device_ops, create_channel);				\
	x(rpmsg_device_ops, release_channel);				\
	x(rpmsg_device_ops, create_ept);				\
	x(rpmsg_device_ops, announce_create);				\
	x(rpmsg_device_ops, announce_destroy)

#if COPRO_RPMSG_HAS_FLOW_CONTROL
#define RPMSG_ENDPOINT_OPS_FLOW(x)					\
	x(rpmsg_endpoint_ops, set_flow_control);
#else
#define RPMSG_ENDPOINT_OPS_FLOW(x)
#endif

#define RPMSG_ENDPOINT_OPS(x)						\
	x(rpmsg_endpoint_ops, destroy_ept);				\
	x(rpmsg_endpoint_ops, send);					\
	x(rpmsg_endpoint_ops, sendto);					\
	x(rpmsg_endpoint_ops, send_offchannel);				\
	x(rpmsg_endpoint_ops, trysend);					\
	x(rpmsg_endpoint_ops, trysendto);				\
	x(rpmsg_endpoint_ops, trysend_offchannel);			\
	x(rpmsg_endpoint_ops, poll);					\
	RPMSG_ENDPOINT_OPS_FLOW(x)					\
	x(rpmsg_endpoint_ops, get_mtu)

#define SAME_OFFSET(table, member)					\
	static_assert(offsetof(struct table, member) ==			\
		      offsetof(struct kernel_##table, member),		\
		      #table "." #member ": offset differs in the kernel")

#define SAME_TYPE(table, member)					\
	static_assert(__same_type(typeof_member(struct table, member),	\
				  typeof_member(struct kernel_##table, member)), \
		      #table "." #member ": type differs in the kernel")

/* The listed members, one after the other, as a table of their own. */
#define LISTED(table, member) typeof_member(struct table, member) member

#define SAME_TABLE(table, list)						\
	static_assert(sizeof(struct table) == sizeof(struct kernel_##table), \
		      #table ": size differs in the kernel");		\
	static_assert(__alignof__(struct table) ==			\
		      __alignof__(struct kernel_##table),		\
		      #table ": alignment differs in the kernel");	\
	struct listed_##table { list(LISTED); };			\
	static_assert(sizeof(struct listed_##table) == sizeof(struct table), \
		      #table ": compat_check.c does not list every member"); \
	list(SAME_OFFSET);						\
	list(SAME_TYPE)

SAME_TABLE(rpmsg_device_ops, RPMSG_DEVICE_OPS);
SAME_TABLE(rpmsg_endpoint_ops, RPMSG_ENDPOINT_OPS);
