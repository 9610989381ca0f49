// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_fwctl - send one command to the copro firmware's control endpoint
 * (address 0x3, see Documentation/firmware.rst) and show what comes back.
 *
 *   rpmsg_fwctl [-c CTRL] [-t MS] [-l MS] WORD...
 *
 * The words are joined by blanks and sent from an endpoint created on CTRL
 * (default /dev/rpmsg_ctrl0).  Every message that comes back is printed as
 * one line "rx: <text>" (other bytes as \xNN).  The answer is the first
 * message starting with "done", "crashing" or "error"; after it, -l MS
 * (default 0) more are listened to, and whatever arrives then is printed
 * too, as "late: <text>".  A read or write error is printed as
 * "io: <call>: <strerror>".
 *
 * Exit status: 0 "done" or "crashing", 1 "error" or an I/O error, 2 usage,
 * 3 no answer within -t MS (default 10000), 4 messages arrived late.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/rpmsg.h>

#include "rpmsg_test.h"

#define CONTROL_ADDR	3
#define EPT_NAME	"fwctl"

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void show(const char *tag, const char *buf, ssize_t n)
{
	ssize_t i;

	printf("%s: ", tag);
	for (i = 0; i < n; i++) {
		unsigned char c = buf[i];

		if (c >= 0x20 && c < 0x7f)
			putchar(c);
		else
			printf("\\x%02x", c);
	}
	putchar('\n');
	fflush(stdout);
}

static int final_answer(const char *buf, ssize_t n)
{
	if (n >= 4 && !strncmp(buf, "done", 4))
		return 0;
	if (n >= 8 && !strncmp(buf, "crashing", 8))
		return 0;
	if (n >= 5 && !strncmp(buf, "error", 5))
		return 1;
	return -1;
}

static int usage(void)
{
	fprintf(stderr, "usage: rpmsg_fwctl [-c CTRL] [-t MS] [-l MS] WORD...\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *ctrl_dev = "/dev/rpmsg_ctrl0";
	long timeout = 10000, linger = 0, deadline;
	char cmd[128] = "", buf[600];
	int opt, ctrl, fd, i, status = 3, late = 0;
	ssize_t n;

	while ((opt = getopt(argc, argv, "+c:t:l:")) != -1) {
		switch (opt) {
		case 'c':
			ctrl_dev = optarg;
			break;
		case 't':
			timeout = atol(optarg);
			break;
		case 'l':
			linger = atol(optarg);
			break;
		default:
			return usage();
		}
	}
	if (optind >= argc || timeout <= 0 || linger < 0)
		return usage();
	for (i = optind; i < argc; i++) {
		if (strlen(cmd) + strlen(argv[i]) + 2 > sizeof(cmd))
			return usage();
		if (i > optind)
			strcat(cmd, " ");
		strcat(cmd, argv[i]);
	}

	ctrl = open(ctrl_dev, O_RDWR);
	if (ctrl < 0) {
		printf("io: open %s: %s\n", ctrl_dev, strerror(errno));
		return 1;
	}
	fd = open_ept(ctrl, EPT_NAME, RPMSG_ADDR_ANY, CONTROL_ADDR);
	close(ctrl);
	if (fd < 0) {
		printf("io: endpoint to 0x%x: %s\n", CONTROL_ADDR,
		       strerror(errno));
		return 1;
	}
	if (write(fd, cmd, strlen(cmd)) != (ssize_t)strlen(cmd)) {
		printf("io: write: %s\n", strerror(errno));
		status = 1;
		goto out;
	}

	deadline = now_ms() + timeout;
	while (status == 3) {
		long left = deadline - now_ms();

		if (left <= 0)
			break;
		n = read_timeout(fd, buf, sizeof(buf), (int)left);
		if (n == -2)
			break;
		if (n < 0) {
			printf("io: read: %s\n", strerror(errno));
			status = 1;
			goto out;
		}
		show("rx", buf, n);
		i = final_answer(buf, n);
		if (i >= 0)
			status = i;
	}
	if (status == 3) {
		printf("timeout: no answer within %ld ms\n", timeout);
		goto out;
	}

	deadline = now_ms() + linger;
	for (;;) {
		long left = deadline - now_ms();

		if (left <= 0)
			break;
		n = read_timeout(fd, buf, sizeof(buf), (int)left);
		if (n == -2)
			break;
		if (n < 0) {
			printf("io: read: %s\n", strerror(errno));
			status = 1;
			break;
		}
		show("late", buf, n);
		late++;
	}
	if (late && !status)
		status = 4;
out:
	/* the endpoint goes with its last descriptor; say so explicitly */
	if (ioctl(fd, RPMSG_DESTROY_EPT_IOCTL) < 0 && errno != ENODEV)
		printf("io: destroy endpoint: %s\n", strerror(errno));
	close(fd);
	return status;
}
