// SPDX-License-Identifier: GPL-2.0
/*
 * Reads, writes and polls after the remote processor is stopped: -EPIPE
 * and POLLHUP, no hang, also for whoever was blocked when it stopped, and
 * no poll entry left on the transport that went away.  Each test restarts
 * the remote at the end.  The remote processor is $RPROC, by default
 * /sys/class/remoteproc/remoteproc0; the i.MX7D's M4 is held in reset
 * through the SRC (/dev/mem) where a test needs a remote that stops
 * taking messages while Linux still thinks it runs.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
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

/* SRC M4RCR: bit 0 holds the M4 core in reset, until rproc starts it */
#define SRC_BASE		0x30390000
#define SRC_M4RCR		0x0c
#define SW_M4C_NON_SCLR_RST	0x1

static int m4_hold(void)
{
	volatile unsigned int *src;
	int fd = open("/dev/mem", O_RDWR | O_SYNC);

	if (fd < 0)
		return -1;
	src = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, SRC_BASE);
	close(fd);
	if (src == MAP_FAILED)
		return -1;
	src[SRC_M4RCR / 4] |= SW_M4C_NON_SCLR_RST;
	munmap((void *)src, 4096);
	return 0;
}

/* Write to a non-blocking @fd until no tx buffer is left. */
static int fill_tx(int fd)
{
	int n;

	for (n = 0; n < 4096; n++) {
		if (write(fd, "x", 1) == 1)
			continue;
		return errno == EAGAIN ? n : -1;
	}
	return -1;
}

struct poller {
	int fd;
	short revents;
	int ret;
	int done;
};

static void *poll_out_thread(void *arg)
{
	struct poller *p = arg;
	struct pollfd pfd = { .fd = p->fd, .events = POLLOUT };

	p->ret = poll(&pfd, 1, 20000);
	p->revents = pfd.revents;
	__atomic_store_n(&p->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

struct writer {
	int fd;
	ssize_t ret;
	int err;
	int done;
};

static void *write_thread(void *arg)
{
	struct writer *w = arg;

	w->ret = write(w->fd, "blocked", 7);
	w->err = errno;
	__atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void *destroy_thread(void *arg)
{
	struct writer *w = arg;

	w->ret = ioctl(w->fd, RPMSG_DESTROY_EPT_IOCTL);
	w->err = errno;
	__atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static int wait_done(int *done, int seconds)
{
	int i;

	for (i = 0; i < seconds * 10; i++) {
		if (__atomic_load_n(done, __ATOMIC_SEQ_CST))
			return 1;
		usleep(100000);
	}
	return 0;
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

/*
 * An epoll set watching for EPOLLOUT outlives the transport: closing it
 * afterwards must not touch the transport's freed wait queue (KASAN on
 * the debug kernel saw exactly that).
 */
TEST(epollout_set_outlives_the_remote)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT }, out;
	int fd, ep;

	if (access("/dev/rpmsg0", F_OK))
		SKIP(return, "no /dev/rpmsg0");
	fd = open("/dev/rpmsg0", O_RDWR);
	ASSERT_LE(0, fd);
	ep = epoll_create1(0);
	ASSERT_LE(0, ep);
	ASSERT_EQ(0, epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
	ASSERT_EQ(1, epoll_wait(ep, &out, 1, 1000));
	EXPECT_TRUE(out.events & EPOLLOUT);

	ASSERT_EQ(0, rproc_state("stop"));
	ASSERT_EQ(1, epoll_wait(ep, &out, 1, 5000));
	EXPECT_TRUE(out.events & EPOLLHUP);
	EXPECT_TRUE(out.events & EPOLLERR);
	close(ep);
	close(fd);

	ASSERT_EQ(0, rproc_state("start"));
	EXPECT_EQ(0, wait_path("/dev/rpmsg0", 1, 20));
}

/*
 * A poll() blocked for POLLOUT (no tx buffer: the M4 is held) when the
 * remote stops: it returns POLLHUP, and its entries leave only queues of
 * the file's own.
 */
TEST(blocked_pollout_sees_the_stop)
{
	struct poller p = { 0 };
	pthread_t th;
	int fd;

	if (access("/dev/rpmsg0", F_OK))
		SKIP(return, "no /dev/rpmsg0");
	fd = open("/dev/rpmsg0", O_RDWR | O_NONBLOCK);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, m4_hold());
	ASSERT_LT(0, fill_tx(fd));

	p.fd = fd;
	ASSERT_EQ(0, pthread_create(&th, NULL, poll_out_thread, &p));
	usleep(300000);
	EXPECT_EQ(0, __atomic_load_n(&p.done, __ATOMIC_SEQ_CST));

	ASSERT_EQ(0, rproc_state("stop"));
	ASSERT_TRUE(wait_done(&p.done, 5));
	pthread_join(th, NULL);
	EXPECT_EQ(1, p.ret);
	EXPECT_TRUE(p.revents & POLLHUP);
	EXPECT_FALSE(p.revents & POLLOUT);
	close(fd);

	ASSERT_EQ(0, rproc_state("start"));
	EXPECT_EQ(0, wait_path("/dev/rpmsg0", 1, 20));
}

/*
 * Endpoints A and B; a writer blocked on A (the M4 is held, no tx buffer);
 * RPMSG_DESTROY_EPT_IOCTL on A, blocked behind that writer; then the
 * remote stops. Removing the control device must wait for A's destruction
 * and go on to B: B's node is gone and its writes fail with -EPIPE.
 */
TEST(stop_while_an_endpoint_is_being_destroyed)
{
	struct writer w = { 0 }, d = { 0 };
	char path[32], path_b[32] = "";
	struct stat st, st_b;
	pthread_t tw, td;
	int ctrl, a, b, i;

	if (access("/dev/rpmsg_ctrl0", F_OK))
		SKIP(return, "no /dev/rpmsg_ctrl0");
	ctrl = open("/dev/rpmsg_ctrl0", O_RDWR);
	ASSERT_LE(0, ctrl);
	a = open_ept(ctrl, "t-ept-a", RPMSG_ADDR_ANY, 1);
	ASSERT_LE(0, a);
	b = open_ept(ctrl, "t-ept-b", RPMSG_ADDR_ANY, 1);
	ASSERT_LE(0, b);
	close(ctrl);
	/* B's node, to see it go */
	ASSERT_EQ(0, fstat(b, &st_b));
	for (i = 0; i < 256 && !path_b[0]; i++) {
		snprintf(path, sizeof(path), "/dev/rpmsg%d", i);
		if (!stat(path, &st) && st.st_rdev == st_b.st_rdev)
			snprintf(path_b, sizeof(path_b), "%s", path);
	}
	ASSERT_NE(0, path_b[0]);

	ASSERT_EQ(0, m4_hold());
	ASSERT_EQ(0, fcntl(a, F_SETFL, O_NONBLOCK));
	ASSERT_LT(0, fill_tx(a));
	ASSERT_EQ(0, fcntl(a, F_SETFL, 0));

	w.fd = a;
	ASSERT_EQ(0, pthread_create(&tw, NULL, write_thread, &w));
	usleep(300000);
	ASSERT_EQ(0, __atomic_load_n(&w.done, __ATOMIC_SEQ_CST));
	d.fd = a;
	ASSERT_EQ(0, pthread_create(&td, NULL, destroy_thread, &d));
	usleep(300000);
	ASSERT_EQ(0, __atomic_load_n(&d.done, __ATOMIC_SEQ_CST));

	ASSERT_EQ(0, rproc_state("stop"));
	ASSERT_TRUE(wait_done(&w.done, 5));
	ASSERT_TRUE(wait_done(&d.done, 5));
	pthread_join(tw, NULL);
	pthread_join(td, NULL);
	EXPECT_EQ(-1, w.ret);
	EXPECT_EQ(EPIPE, w.err);

	EXPECT_EQ(0, wait_path(path_b, 0, 5));
	errno = 0;
	EXPECT_EQ(-1, write(b, "x", 1));
	EXPECT_EQ(EPIPE, errno);
	close(a);
	close(b);

	ASSERT_EQ(0, rproc_state("start"));
	EXPECT_EQ(0, wait_path("/dev/rpmsg0", 1, 20));
}

TEST_HARNESS_MAIN
