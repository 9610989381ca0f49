// SPDX-License-Identifier: GPL-2.0
/*
 * A /dev/ttyRPMSGn opens as soon as its node exists.  A process watches
 * /dev with inotify while a tty channel is created on /dev/rpmsg_ctrl0 and
 * opens the new node the moment it appears, as a program waiting for it
 * would; the open must not fail with ENXIO (a node whose character device
 * is not there yet).  The opener is a real-time task on the CPU of the
 * task creating the channel, so that it runs the moment it is woken, before
 * the creator finishes registering the tty: the worst case, every round.
 * Module autoloading is off meanwhile (kernel.modprobe empty, as on systems
 * without modprobe): the char-major-N autoload attempt an open of an
 * unknown device makes would otherwise sleep and let the creator finish.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <limits.h>
#include <string.h>
#include <sched.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/rpmsg.h>

#include "kselftest_harness.h"

#define TTY_ROUNDS	20
#define TTY_LOCAL_ADDR	257

/*
 * The child: once @ready is written, open the first ttyRPMSG node created
 * in /dev the moment inotify reports it; exit with the errno (0: opened),
 * having written the node's name to @name.
 */
static void open_when_it_appears(int ready, int name)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	struct sched_param fifo = { .sched_priority = 1 };
	char path[NAME_MAX + 8];
	ssize_t len;
	int in, fd;

	alarm(20);
	if (sched_setscheduler(0, SCHED_FIFO, &fifo) < 0)
		_exit(errno);
	in = inotify_init1(IN_CLOEXEC);
	if (in < 0 || inotify_add_watch(in, "/dev", IN_CREATE) < 0)
		_exit(errno);
	if (write(ready, "", 1) != 1)
		_exit(EPIPE);
	for (;;) {
		len = read(in, buf, sizeof(buf));
		if (len <= 0)
			_exit(len ? errno : EIO);
		for (ev = (void *)buf; (char *)ev < buf + len;
		     ev = (void *)((char *)ev + sizeof(*ev) + ev->len)) {
			if (!ev->len || strncmp(ev->name, "ttyRPMSG", 8))
				continue;
			snprintf(path, sizeof(path), "/dev/%s", ev->name);
			if (write(name, path, strlen(path) + 1) < 0)
				_exit(EPIPE);
			fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
			if (fd < 0)
				_exit(errno);
			close(fd);
			_exit(0);
		}
	}
}

static int gone_within(const char *path, int hundredths)
{
	struct stat st;

	while (stat(path, &st) == 0 && hundredths-- > 0)
		usleep(10000);
	return stat(path, &st) < 0;
}

static int write_modprobe(const char *path)
{
	int fd = open("/proc/sys/kernel/modprobe", O_WRONLY);
	ssize_t len = strlen(path);

	if (fd < 0)
		return -1;
	if (!len) {
		path = "\n";	/* a lone newline empties it */
		len = 1;
	}
	if (write(fd, path, len) < 0)
		len = -1;
	close(fd);
	return len < 0 ? -1 : 0;
}

FIXTURE(tty) {
	int ctrl;
	char modprobe[PATH_MAX];
};

FIXTURE_SETUP(tty)
{
	cpu_set_t cpu0;
	ssize_t len;
	int fd;

	/* the opener inherits the CPU */
	CPU_ZERO(&cpu0);
	CPU_SET(0, &cpu0);
	ASSERT_EQ(0, sched_setaffinity(0, sizeof(cpu0), &cpu0));

	memset(self->modprobe, 0, sizeof(self->modprobe));
	fd = open("/proc/sys/kernel/modprobe", O_RDONLY);
	ASSERT_LE(0, fd);
	len = read(fd, self->modprobe, sizeof(self->modprobe) - 1);
	close(fd);
	ASSERT_LT(0, len);
	self->modprobe[strcspn(self->modprobe, "\n")] = 0;
	ASSERT_EQ(0, write_modprobe(""));

	self->ctrl = open("/dev/rpmsg_ctrl0", O_RDWR);
	ASSERT_LE(0, self->ctrl);
}

FIXTURE_TEARDOWN(tty)
{
	close(self->ctrl);
	EXPECT_EQ(0, write_modprobe(self->modprobe));
}

TEST_F(tty, opens_once_its_node_exists)
{
	struct rpmsg_endpoint_info info = {
		.name = "rpmsg-tty",
		.src = TTY_LOCAL_ADDR,
		.dst = RPMSG_ADDR_ANY,
	};
	int round, status, enxio = 0;
	int ready[2], name[2];
	char path[NAME_MAX + 8];
	pid_t child;

	for (round = 0; round < TTY_ROUNDS; round++) {
		ASSERT_EQ(0, pipe(ready));
		ASSERT_EQ(0, pipe(name));
		child = fork();
		ASSERT_LE(0, child);
		if (!child)
			open_when_it_appears(ready[1], name[1]);
		close(ready[1]);
		close(name[1]);
		ASSERT_EQ(1, read(ready[0], path, 1));
		close(ready[0]);

		ASSERT_EQ(0, ioctl(self->ctrl, RPMSG_CREATE_DEV_IOCTL, &info));
		ASSERT_EQ(child, waitpid(child, &status, 0));
		memset(path, 0, sizeof(path));
		ASSERT_LT(0, read(name[0], path, sizeof(path) - 1));
		close(name[0]);
		ASSERT_TRUE(WIFEXITED(status)) {
			TH_LOG("round %d: the opener was killed (signal %d)",
			       round, WTERMSIG(status));
		}
		if (WEXITSTATUS(status) == ENXIO)
			enxio++;
		else
			ASSERT_EQ(0, WEXITSTATUS(status)) {
				TH_LOG("round %d: open %s: %s", round, path,
				       strerror(WEXITSTATUS(status)));
			}
		ASSERT_EQ(0, ioctl(self->ctrl, RPMSG_RELEASE_DEV_IOCTL, &info));
		ASSERT_TRUE(gone_within(path, 1000));
	}
	EXPECT_EQ(0, enxio) {
		TH_LOG("%d of %d opens of a fresh %s failed with ENXIO",
		       enxio, TTY_ROUNDS, path);
	}
}

TEST_HARNESS_MAIN
