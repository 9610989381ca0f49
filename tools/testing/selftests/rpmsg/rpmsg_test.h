/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the rpmsg selftests: a thread blocked in read(), whose outcome
 * the test checks after it made the read end (endpoint destroyed, remote
 * stopped, descriptor closed).
 */
#ifndef RPMSG_TEST_H
#define RPMSG_TEST_H

#include <errno.h>
#include <sys/types.h>
#include <unistd.h>

struct reader {
	int fd;
	ssize_t ret;
	int err;
	int done;
};

static void *reader_thread(void *arg)
{
	struct reader *r = arg;
	char buf[64];

	r->ret = read(r->fd, buf, sizeof(buf));
	r->err = errno;
	__atomic_store_n(&r->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

#endif
