// SPDX-License-Identifier: GPL-2.0
/*
 * Reads and writes after the remote processor is stopped: -EPIPE, no hang,
 * also for a reader that was blocked when it stopped.  Restarts the remote
 * at the end.  The remote processor is $RPROC, by default
 * /sys/class/remoteproc/remoteproc0.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/rpmsg.h>

#include "kselftest_harness.h"
#include "rpmsg_test.h"

static int rproc_state(const char *state)
{
	const char *rproc = getenv("RPROC");
	char path[256];
	int fd, ok;

	if (!rproc)
		rproc = "/sys/class/remoteproc/remoteproc0";
	snprintf(path, sizeof(path), "%s/state", rproc);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ok = write(fd, state, strlen(state)) == (ssize_t)strlen(state);
	close(fd);
	return ok ? 0 : -1;
}

static int wait_path(const char *path, int present, int seconds)
{
	int i;

	for (i = 0; i < seconds * 10; i++) {
		if ((access(path, F_OK) == 0) == present)
			return 0;
		usleep(100000);
	}
	return -1;
}

TEST(io_after_remote_stop_epipe)
{
	struct rpmsg_endpoint_info info = { .name = "t-stop",
					    .src = RPMSG_ADDR_ANY, .dst = 1 };
	struct reader r = { 0 };
	char buf[64];
	struct pollfd p;
	pthread_t th;
	int raw, ctrl, ept = -1, i;

	if (access("/dev/rpmsg_ctrl0", F_OK) || access("/dev/rpmsg0", F_OK))
		SKIP(return, "no /dev/rpmsg_ctrl0 or /dev/rpmsg0");

	raw = open("/dev/rpmsg0", O_RDWR);
	ASSERT_LE(0, raw);
	ctrl = open("/dev/rpmsg_ctrl0", O_RDWR);
	ASSERT_LE(0, ctrl);
	ASSERT_EQ(0, ioctl(ctrl, RPMSG_CREATE_EPT_IOCTL, &info));
	close(ctrl);
	for (i = 1; i < 64 && ept < 0; i++) {
		char path[32], name[64] = "";
		FILE *f;

		snprintf(path, sizeof(path), "/sys/class/rpmsg/rpmsg%d/name", i);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(name, sizeof(name), f) && !strcmp(name, "t-stop\n")) {
			snprintf(path, sizeof(path), "/dev/rpmsg%d", i);
			ept = open(path, O_RDWR);
		}
		fclose(f);
	}
	ASSERT_LE(0, ept);

	r.fd = raw;
	ASSERT_EQ(0, pthread_create(&th, NULL, reader_thread, &r));
	usleep(200000);

	ASSERT_EQ(0, rproc_state("stop"));

	for (i = 0; i < 50 && !__atomic_load_n(&r.done, __ATOMIC_SEQ_CST); i++)
		usleep(100000);
	ASSERT_EQ(1, __atomic_load_n(&r.done, __ATOMIC_SEQ_CST));
	pthread_join(th, NULL);
	EXPECT_EQ(-1, r.ret);
	EXPECT_EQ(EPIPE, r.err);

	errno = 0;
	EXPECT_EQ(-1, write(raw, "x", 1));
	EXPECT_EQ(EPIPE, errno);
	errno = 0;
	EXPECT_EQ(-1, read(ept, buf, sizeof(buf)));
	EXPECT_EQ(EPIPE, errno);
	errno = 0;
	EXPECT_EQ(-1, write(ept, "x", 1));
	EXPECT_EQ(EPIPE, errno);
	p.fd = ept;
	p.events = POLLIN;
	EXPECT_EQ(1, poll(&p, 1, 1000));
	EXPECT_TRUE(p.revents & POLLHUP);
	errno = 0;
	EXPECT_EQ(-1, ioctl(ept, RPMSG_DESTROY_EPT_IOCTL));
	EXPECT_EQ(ENODEV, errno);
	close(raw);
	close(ept);

	ASSERT_EQ(0, rproc_state("start"));
	EXPECT_EQ(0, wait_path("/dev/rpmsg0", 1, 20));
}

TEST_HARNESS_MAIN
