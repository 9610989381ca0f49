/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the rpmsg selftests: a thread blocked in read(), whose outcome
 * the test checks after it made the read end (endpoint destroyed, remote
 * stopped, descriptor closed); opening an endpoint device; a bounded read.
 */
#ifndef RPMSG_TEST_H
#define RPMSG_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <unistd.h>

#include <linux/rpmsg.h>

struct reader {
	int fd;
	ssize_t ret;
	int err;
	int done;
};

static inline void *reader_thread(void *arg)
{
	struct reader *r = arg;
	char buf[64];

	r->ret = read(r->fd, buf, sizeof(buf));
	r->err = errno;
	__atomic_store_n(&r->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/*
 * Create an endpoint towards @dst on the control device @ctrl and open its
 * /dev/rpmsgN (the newest of that name).
 */
static inline int open_ept(int ctrl, const char *name, unsigned int src,
			   unsigned int dst)
{
	struct rpmsg_endpoint_info info = { .src = src, .dst = dst };
	char path[64], attr[128], buf[64];
	int i, fd, afd;
	ssize_t n;

	snprintf(info.name, sizeof(info.name), "%s", name);
	if (ioctl(ctrl, RPMSG_CREATE_EPT_IOCTL, &info) < 0)
		return -1;

	/* the newest rpmsgN of that name */
	for (i = 255; i >= 0; i--) {
		snprintf(attr, sizeof(attr), "/sys/class/rpmsg/rpmsg%d/name", i);
		afd = open(attr, O_RDONLY);
		if (afd < 0)
			continue;
		n = read(afd, buf, sizeof(buf) - 1);
		close(afd);
		if (n <= 0)
			continue;
		buf[n] = 0;
		buf[strcspn(buf, "\n")] = 0;
		if (strcmp(buf, name))
			continue;
		snprintf(path, sizeof(path), "/dev/rpmsg%d", i);
		fd = open(path, O_RDWR);
		return fd;
	}
	errno = ENOENT;
	return -1;
}

/* One read after waiting up to @ms for input; -2 when none came. */
static inline ssize_t read_timeout(int fd, char *buf, size_t len, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, ms) <= 0)
		return -2;
	return read(fd, buf, len);
}

#endif
