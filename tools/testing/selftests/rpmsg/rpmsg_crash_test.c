// SPDX-License-Identifier: GPL-2.0
/*
 * The remote crashes for real while applications use it: one blocked in a
 * read of the rpmsg-raw channel's /dev/rpmsgN, one blocked in a read of
 * /dev/ttyRPMSGn.  The copro
 * firmware's control command "crash KIND" (address 0x3) makes the M4 take
 * a fault, whose handler reports it to imx_rproc.  Both applications must
 * be told (EPIPE, hangup) instead of hanging; remoteproc's recovery must
 * bring the channels back, and they must echo again.
 *
 * CRASH_KIND picks the fault: udf (default), bus, xn or div0.  The remote
 * processor is $RPROC, by default /sys/class/remoteproc/remoteproc0.
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
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <linux/rpmsg.h>

#include "kselftest_harness.h"
#include "rpmsg_test.h"

#define CONTROL_ADDR	3

static int rproc_running(void)
{
	const char *rproc = getenv("RPROC");
	char path[256], state[32] = "";
	ssize_t n;
	int fd;

	if (!rproc)
		rproc = "/sys/class/remoteproc/remoteproc0";
	snprintf(path, sizeof(path), "%s/state", rproc);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, state, sizeof(state) - 1);
	close(fd);
	return n > 0 && !strncmp(state, "running", 7);
}

/*
 * After a recovery the channels' devices may have other numbers (the old
 * ones were still open when the new ones came): look them up.  @path gets
 * /dev/ttyRPMSGn, the /dev/rpmsgN of the rpmsg-raw channel, or
 * /dev/rpmsg_ctrlN.
 */
static int find_ctrl(char *path, size_t len)
{
	int i;

	for (i = 0; i < 32; i++) {
		snprintf(path, len, "/dev/rpmsg_ctrl%d", i);
		if (!access(path, F_OK))
			return 1;
	}
	return 0;
}

static int find_tty(char *path, size_t len)
{
	char p[64];
	int i;

	for (i = 0; i < 32; i++) {
		snprintf(p, sizeof(p), "/sys/class/tty/ttyRPMSG%d", i);
		if (!access(p, F_OK)) {
			snprintf(path, len, "/dev/ttyRPMSG%d", i);
			return !access(path, F_OK);
		}
	}
	return 0;
}

static int find_raw(char *path, size_t len)
{
	char p[64], name[64];
	ssize_t n;
	int i, fd;

	for (i = 0; i < 256; i++) {
		snprintf(p, sizeof(p), "/sys/class/rpmsg/rpmsg%d/name", i);
		fd = open(p, O_RDONLY);
		if (fd < 0)
			continue;
		n = read(fd, name, sizeof(name) - 1);
		close(fd);
		if (n > 0 && !strncmp(name, "rpmsg-raw\n", 10)) {
			snprintf(path, len, "/dev/rpmsg%d", i);
			return !access(path, F_OK);
		}
	}
	return 0;
}

/* Wait up to @seconds for @r's read to return. */
static int reader_wait(struct reader *r, int seconds)
{
	int i;

	for (i = 0; i < seconds * 10; i++) {
		if (__atomic_load_n(&r->done, __ATOMIC_SEQ_CST))
			return 1;
		usleep(100000);
	}
	return __atomic_load_n(&r->done, __ATOMIC_SEQ_CST);
}

static int open_tty(const char *path)
{
	struct termios t;
	int fd = open(path, O_RDWR | O_NOCTTY);

	if (fd >= 0 && !tcgetattr(fd, &t)) {
		cfmakeraw(&t);
		tcsetattr(fd, TCSANOW, &t);
	}
	return fd;
}

/* Write @text, gather the answer for up to 5 s; 0 if it ends in @text. */
static int echo_ok(int fd, const char *text, char *ans, size_t len)
{
	size_t got = 0;
	ssize_t n;
	int ms = 5000;

	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return -1;
	/* a tty may deliver the answer in pieces */
	while (got < len - 1 && (n = read_timeout(fd, ans + got,
						  len - 1 - got, ms)) > 0) {
		got += n;
		ms = 200;
	}
	ans[got] = 0;
	return got >= strlen(text) &&
	       !strcmp(ans + got - strlen(text), text) ? 0 : -1;
}

FIXTURE(crash) {
	int ctrl, raw, tty, ctl;
	char ctrl_dev[64], raw_dev[64], tty_dev[64];
};

/*
 * Nothing of the old link may stay open across the recovery, or the new
 * devices get other names: the control device is closed at once.
 */
FIXTURE_SETUP(crash)
{
	self->ctrl = find_ctrl(self->ctrl_dev, sizeof(self->ctrl_dev)) ?
		     open(self->ctrl_dev, O_RDWR) : -1;
	self->raw = find_raw(self->raw_dev, sizeof(self->raw_dev)) ?
		    open(self->raw_dev, O_RDWR) : -1;
	self->tty = find_tty(self->tty_dev, sizeof(self->tty_dev)) ?
		    open_tty(self->tty_dev) : -1;
	self->ctl = self->ctrl < 0 ? -1 :
		    open_ept(self->ctrl, "crash-ctl", RPMSG_ADDR_ANY,
			     CONTROL_ADDR);
	if (self->ctrl >= 0)
		close(self->ctrl);
}

FIXTURE_TEARDOWN(crash)
{
	if (self->ctl >= 0)
		close(self->ctl);
	if (self->tty >= 0)
		close(self->tty);
	if (self->raw >= 0)
		close(self->raw);
}

TEST_F_TIMEOUT(crash, blocked_apps_are_told_and_recovery_echoes, 240)
{
	const char *kind = getenv("CRASH_KIND") ? : "udf";
	struct reader rr = { 0 }, tr = { 0 };
	char cmd[64], buf[600], tty[64] = "", raw[64] = "";
	pthread_t rth, tth;
	struct pollfd p;
	ssize_t n;
	int i, fd;

	if (self->ctrl < 0 || self->raw < 0 || self->tty < 0)
		SKIP(return, "needs rpmsg_ctrl, rpmsg-raw and tty devices");
	ASSERT_LE(0, self->ctl) TH_LOG("no endpoint to the control address");

	rr.fd = self->raw;
	tr.fd = self->tty;
	ASSERT_EQ(0, pthread_create(&rth, NULL, reader_thread, &rr));
	ASSERT_EQ(0, pthread_create(&tth, NULL, reader_thread, &tr));
	usleep(300000);
	ASSERT_EQ(0, rr.done) TH_LOG("the %s read did not block", self->raw_dev);
	ASSERT_EQ(0, tr.done) TH_LOG("the %s read did not block", self->tty_dev);

	snprintf(cmd, sizeof(cmd), "crash %s", kind);
	ASSERT_EQ((ssize_t)strlen(cmd), write(self->ctl, cmd, strlen(cmd)));
	n = read_timeout(self->ctl, buf, sizeof(buf) - 1, 5000);
	ASSERT_LT(0, n) TH_LOG("no answer to '%s'", cmd);
	buf[n] = 0;
	ASSERT_EQ(0, strncmp(buf, "crashing ", 9)) TH_LOG("answer '%s'", buf);

	/* the blocked readers are woken with an error, not left hanging */
	ASSERT_EQ(1, reader_wait(&rr, 30))
		TH_LOG("the %s read still blocks 30 s after the crash",
		       self->raw_dev);
	pthread_join(rth, NULL);
	EXPECT_EQ(-1, rr.ret);
	EXPECT_EQ(EPIPE, rr.err) TH_LOG("read returned %zd, errno %d",
					 rr.ret, rr.err);
	ASSERT_EQ(1, reader_wait(&tr, 30))
		TH_LOG("the %s read still blocks 30 s after the crash",
		       self->tty_dev);
	pthread_join(tth, NULL);
	/* a hung-up tty reads as end of file (or EIO) */
	EXPECT_TRUE(tr.ret == 0 || (tr.ret == -1 && tr.err == EIO))
		TH_LOG("tty read returned %zd, errno %d", tr.ret, tr.err);

	/* the old descriptors stay dead */
	errno = 0;
	EXPECT_EQ(-1, write(self->raw, "x", 1));
	EXPECT_EQ(EPIPE, errno);
	p.fd = self->raw;
	p.events = POLLIN;
	p.revents = 0;
	EXPECT_EQ(1, poll(&p, 1, 1000));
	EXPECT_TRUE(p.revents & POLLHUP) TH_LOG("revents 0x%x", p.revents);
	errno = 0;
	EXPECT_EQ(-1, read(self->ctl, buf, sizeof(buf)));
	EXPECT_EQ(EPIPE, errno);
	errno = 0;
	EXPECT_EQ(-1, write(self->tty, "x", 1));
	EXPECT_EQ(EIO, errno);
	p.fd = self->tty;
	p.revents = 0;
	EXPECT_EQ(1, poll(&p, 1, 1000));
	EXPECT_TRUE(p.revents & POLLHUP) TH_LOG("revents 0x%x", p.revents);
	close(self->ctl);
	close(self->tty);
	close(self->raw);
	self->ctl = self->tty = self->raw = -1;

	/* recovery restarts the remote; the channels come back and echo */
	for (i = 0; i < 600; i++) {
		if (rproc_running() && find_tty(tty, sizeof(tty)) &&
		    find_raw(raw, sizeof(raw)))
			break;
		usleep(100000);
	}
	ASSERT_LT(i, 600) TH_LOG("no running remote with a tty and a raw channel after 60 s");
	if (strcmp(tty, self->tty_dev) || strcmp(raw, self->raw_dev))
		TH_LOG("after the recovery: %s and %s (were %s and %s)", tty,
		       raw, self->tty_dev, self->raw_dev);
	fd = open_tty(tty);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, echo_ok(fd, "after the crash", buf, sizeof(buf)))
		TH_LOG("%s answered '%s'", tty, buf);
	close(fd);
	fd = open(raw, O_RDWR);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, echo_ok(fd, "after the crash", buf, sizeof(buf)))
		TH_LOG("%s answered '%s'", raw, buf);
	close(fd);
}

TEST_HARNESS_MAIN
