// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * copro-memload: put a file into physical memory through /dev/mem, or zero
 * a range.  /dev/mem's read()/write() refuse addresses below the kernel's
 * RAM on ARM, so OCRAM_S and the TCMs need mmap(); this does it with 32-bit
 * accesses, like the M4's own bus would.
 *
 *   copro-memload PHYS FILE     copy FILE to PHYS
 *   copro-memload -z PHYS LEN   zero LEN bytes at PHYS
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int usage(void)
{
	fprintf(stderr, "usage: copro-memload PHYS FILE\n"
			"       copro-memload -z PHYS LEN\n");
	return 2;
}

static int parse(const char *s, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 0);
	return errno || !*s || *end ? -1 : 0;
}

int main(int argc, char **argv)
{
	unsigned long phys, len, page = (unsigned long)sysconf(_SC_PAGESIZE);
	unsigned long base, off, i;
	uint8_t *data = NULL;
	volatile uint32_t *dst;
	int zero = 0, fd;
	void *map;

	if (argc == 4 && !strcmp(argv[1], "-z")) {
		zero = 1;
		argv++;
	} else if (argc != 3) {
		return usage();
	}
	if (parse(argv[1], &phys) || (phys & 3))
		return usage();

	if (zero) {
		if (parse(argv[2], &len))
			return usage();
	} else {
		struct stat st;
		FILE *f = fopen(argv[2], "rb");

		if (!f || fstat(fileno(f), &st)) {
			perror(argv[2]);
			return 1;
		}
		len = (unsigned long)st.st_size;
		data = calloc(1, len + 4);
		if (!data || fread(data, 1, len, f) != len) {
			perror(argv[2]);
			return 1;
		}
		fclose(f);
	}

	fd = open("/dev/mem", O_RDWR | O_SYNC);
	if (fd < 0) {
		perror("/dev/mem");
		return 1;
	}
	base = phys & ~(page - 1);
	off = phys - base;
	map = mmap(NULL, off + len + 4, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		   (off_t)base);
	if (map == MAP_FAILED) {
		perror("mmap /dev/mem");
		return 1;
	}
	dst = (volatile uint32_t *)((uint8_t *)map + off);
	for (i = 0; i < (len + 3) / 4; i++) {
		uint32_t w = 0;

		if (!zero)
			memcpy(&w, data + 4 * i, 4);
		dst[i] = w;
	}
	munmap(map, off + len + 4);
	close(fd);
	free(data);
	return 0;
}
