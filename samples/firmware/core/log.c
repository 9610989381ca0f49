// SPDX-License-Identifier: BSD-3-Clause
/*
 * Log sink: the remoteproc trace buffer and the port console.
 *
 * Linux shows the trace buffer up to its first NUL, so it is kept as one
 * NUL-terminated string.  When it fills up, writing restarts right after
 * the pinned part (the boot banner), so the banner always stays readable
 * and the newest lines follow it.
 */
#include <string.h>
#include "log.h"

/* vendor personalities print their vendor's lines as they are */
#ifndef COPRO_LOG_PREFIX
#define COPRO_LOG_PREFIX	"[copro] "
#endif
#define PREFIX		COPRO_LOG_PREFIX
#define LINE_MAX	160

static char *trace_buf;
static uint32_t trace_size;
static uint32_t trace_pos;
static uint32_t trace_pin;
static void (*console_out)(const char *s, uint32_t len);

void cp_log_init(char *trace, uint32_t size,
		 void (*console)(const char *s, uint32_t len))
{
	trace_buf = trace;
	trace_size = size;
	trace_pos = 0;
	trace_pin = 0;
	console_out = console;
	if (trace_buf && trace_size)
		memset(trace_buf, 0, trace_size);
}

void cp_log_pin(void)
{
	/* keep at least half of the buffer for the rolling part */
	if (trace_pos <= trace_size / 2)
		trace_pin = trace_pos;
}

static void trace_write(const char *s, uint32_t len)
{
	if (!trace_buf || trace_size < 2 || len >= trace_size - trace_pin)
		return;
	if (trace_pos + len + 1 > trace_size) {
		/* wrap: drop the rolling part, keep the pinned one */
		memset(trace_buf + trace_pin, 0, trace_size - trace_pin);
		trace_pos = trace_pin;
	}
	memcpy(trace_buf + trace_pos, s, len);
	trace_pos += len;
	trace_buf[trace_pos] = '\0';
}

void cp_log(const char *fmt, ...)
{
	char line[LINE_MAX];
	uint32_t n = sizeof(PREFIX) - 1;
	va_list ap;
	int len;

	memcpy(line, PREFIX, n);
	va_start(ap, fmt);
	len = cp_vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	va_end(ap);
	if (len < 0)
		len = 0;
	n += (uint32_t)len;
	if (n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	line[n] = '\0';

	trace_write(line, n);
	if (console_out)
		console_out(line, n);
}
