/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef COPRO_LOG_H
#define COPRO_LOG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

int cp_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int cp_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * The log goes to the trace buffer the host reads in debugfs and to an
 * optional console (the port's UART).  Lines are prefixed "[copro] ".
 */
void cp_log_init(char *trace, uint32_t size,
		 void (*console)(const char *s, uint32_t len));
/* Everything logged so far is kept when the trace buffer wraps. */
void cp_log_pin(void);
void cp_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
