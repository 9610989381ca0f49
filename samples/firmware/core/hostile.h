/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The hostile remote: the demo services, plus commands on the control
 * endpoint that make the firmware break the rpmsg/virtio contract in one
 * precise way each, for testing the host's defences.  Never in a product.
 */
#ifndef COPRO_HOSTILE_H
#define COPRO_HOSTILE_H

#include "copro.h"

/* The demo services with the hostile commands on SVC_CONTROL_ADDR. */
extern const struct cp_app copro_hostile_app;

/* Longest run a command may ask for (messages, kicks, announcements). */
#define HOSTILE_MAX_COUNT	100000u
/* Announcements of ns-flood and friends use addresses from here up. */
#define HOSTILE_NS_ADDR		0x1000u

/*
 * Rewriting a live resource table (the copy a boot loader leaves for
 * attach) under the host's feet: hostile_rsc_break() overwrites one field
 * of the table at @table with a value the host must refuse, chosen by
 * @step (HOSTILE_RSC_MUTATIONS different ones, in turn), and records in
 * @undo how to repair it from @good, the table as built; hostile_rsc_undo()
 * does that.  (Repairing from @good, not from what was there: a host may
 * have written a broken value back, and that must not stick.)
 */
struct hostile_rsc_undo {
	uint32_t off;		/* byte offset in the table */
	uint32_t size;		/* 1 or 4 */
	uint32_t val;		/* the good value */
};

#define HOSTILE_RSC_MUTATIONS	16

void hostile_rsc_break(volatile void *table, const void *good, uint32_t step,
		       struct hostile_rsc_undo *undo);
void hostile_rsc_undo(volatile void *table,
		      const struct hostile_rsc_undo *undo);

#endif
