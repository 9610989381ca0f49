// SPDX-License-Identifier: BSD-3-Clause
/*
 * A small vsnprintf: %s %c %d %i %u %x %X %p %% with '0', '-' and width,
 * and the 'l'/'z' length modifiers.  Enough for log lines, no floats.
 */
#include <stdbool.h>
#include "log.h"

struct out {
	char *buf;
	size_t size;
	size_t pos;
};

static void put(struct out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void put_num(struct out *o, unsigned long v, unsigned int base,
		    bool upper, bool neg, int width, bool zero, bool left)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len, i;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	len = n + (neg ? 1 : 0);

	if (!left && !zero)
		for (i = len; i < width; i++)
			put(o, ' ');
	if (neg)
		put(o, '-');
	if (!left && zero)
		for (i = len; i < width; i++)
			put(o, '0');
	while (n)
		put(o, tmp[--n]);
	if (left)
		for (i = len; i < width; i++)
			put(o, ' ');
}

int cp_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		bool zero = false, left = false, lng = false;
		int width = 0;
		const char *s;
		long sv;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (; *fmt == '0' || *fmt == '-'; fmt++) {
			if (*fmt == '0')
				zero = true;
			else
				left = true;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			lng = true;

		switch (*fmt) {
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			for (sv = 0; s[sv]; sv++)
				;
			if (!left)
				for (; sv < width; width--)
					put(&o, ' ');
			for (; *s; s++, width--)
				put(&o, *s);
			for (; left && width > 0; width--)
				put(&o, ' ');
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 'd':
		case 'i':
			sv = lng ? va_arg(ap, long) : va_arg(ap, int);
			put_num(&o, sv < 0 ? 0UL - (unsigned long)sv :
				(unsigned long)sv, 10, false, sv < 0, width,
				zero, left);
			break;
		case 'u':
			put_num(&o, lng ? va_arg(ap, unsigned long) :
				va_arg(ap, unsigned int), 10, false, false,
				width, zero, left);
			break;
		case 'x':
		case 'X':
			put_num(&o, lng ? va_arg(ap, unsigned long) :
				va_arg(ap, unsigned int), 16, *fmt == 'X',
				false, width, zero, left);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_num(&o, (unsigned long)(uintptr_t)va_arg(ap, void *),
				16, false, false, width, zero, left);
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	if (o.size)
		o.buf[o.pos < o.size ? o.pos : o.size - 1] = '\0';
	return (int)o.pos;
}

int cp_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = cp_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
