/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef COPRO_SERVICES_H
#define COPRO_SERVICES_H

#include "copro.h"

#define SVC_CLIENT_SAMPLE_LIMIT	100
#define SVC_FIXED_ECHO_ADDR	0x1
#define SVC_FIXED_BENCH_ADDR	0x2
#define SVC_CONTROL_ADDR	0x3
#define SVC_CONTROL_MAX		64	/* longest command, bytes */
#define SVC_CONTROL_ARGS	6	/* words in a command, at most */

/* The demo services, as the application callbacks of the core. */
extern const struct cp_app copro_services;

/*
 * The control endpoint (SVC_CONTROL_ADDR): text commands from the host,
 * answered from that endpoint to the sender.  svc_control_split() copies
 * a command of @len bytes into @buf and cuts it into at most
 * SVC_CONTROL_ARGS words; it returns how many, or -1 if the command is
 * longer than SVC_CONTROL_MAX bytes or has more words.  svc_control()
 * runs the standard commands ("ping", "crash [KIND]") and answers
 * "error <word>: unknown command" to anything else.
 */
int svc_control_split(const uint8_t *data, uint32_t len,
		      char buf[SVC_CONTROL_MAX + 1],
		      char *argv[SVC_CONTROL_ARGS]);
void svc_control(struct cp_rdev *r, struct cp_ept *ept, uint32_t src,
		 int argc, char *argv[]);
/* send a formatted text answer (no NUL) from @ept to @dst */
void svc_reply(struct cp_rdev *r, struct cp_ept *ept, uint32_t dst,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* enum cp_crash_kind for "udf", "bus", "xn" or "div0"; 0 for others */
unsigned int svc_crash_kind(const char *name);
/* parse a decimal or 0x-prefixed hexadecimal 32-bit number */
bool svc_parse_u32(const char *s, uint32_t *v);

#endif
