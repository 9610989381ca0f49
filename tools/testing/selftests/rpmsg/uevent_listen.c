// SPDX-License-Identifier: GPL-2.0
/*
 * uevent_listen SECONDS MATCH...: print the kernel uevents (as udev gets
 * them, one "KEY=value" per line, events separated by a blank line) until
 * one carries every MATCH among its lines; exit 0 then, 1 after SECONDS.
 * It prints "listening" once its socket is bound, so a test can start it
 * in the background and act only after that line.
 */

#define _GNU_SOURCE
#include <linux/netlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int has(const char *buf, size_t len, const char *match)
{
	size_t off;

	for (off = 0; off < len; off += strlen(buf + off) + 1)
		if (!strcmp(buf + off, match))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_nl addr = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	struct pollfd p = { .events = POLLIN };
	char buf[8192];
	time_t end;
	ssize_t n;
	size_t off;
	int i, all;

	if (argc < 3) {
		fprintf(stderr, "usage: uevent_listen SECONDS MATCH...\n");
		return 2;
	}
	p.fd = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_KOBJECT_UEVENT);
	if (p.fd < 0 || bind(p.fd, (struct sockaddr *)&addr, sizeof(addr))) {
		perror("uevent_listen: netlink");
		return 1;
	}
	printf("listening\n");
	fflush(stdout);

	end = time(NULL) + atoi(argv[1]);
	while (time(NULL) < end) {
		if (poll(&p, 1, 200) <= 0)
			continue;
		n = recv(p.fd, buf, sizeof(buf) - 1, 0);
		if (n <= 0)
			continue;
		buf[n] = 0;
		/* "action@devpath" first, then NUL-separated KEY=value */
		for (off = 0; off < (size_t)n; off += strlen(buf + off) + 1)
			printf("%s\n", buf + off);
		printf("\n");
		fflush(stdout);
		for (all = 1, i = 2; i < argc; i++)
			all &= has(buf, n, argv[i]);
		if (all)
			return 0;
	}
	return 1;
}
