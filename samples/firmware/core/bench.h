/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rpmsg-bench wire protocol (see Documentation/firmware.rst).  Every
 * message starts with this 16-byte little-endian header; @len payload
 * bytes follow and @crc is the CRC-32 (IEEE 802.3, as zlib's crc32()) of
 * exactly those bytes.
 */
#ifndef COPRO_BENCH_H
#define COPRO_BENCH_H

#include <stdint.h>

#define BENCH_MAGIC		0x4e425043u	/* bytes "CPBN" */
#define BENCH_HDR_SIZE		16
#define BENCH_MAX_DATA		(496 - BENCH_HDR_SIZE)

/* host -> firmware */
#define BENCH_OP_ECHO		0x01	/* reply with the identical message */
#define BENCH_OP_SINK		0x02	/* count and check, no reply */
#define BENCH_OP_SINK_RESET	0x03	/* zero the sink, expect seq next */
#define BENCH_OP_SINK_REPORT	0x04	/* reply BENCH_OP_REPORT */
#define BENCH_OP_SOURCE		0x05	/* send bench_source_req.count DATA */
/* firmware -> host */
#define BENCH_OP_DATA		0x06
#define BENCH_OP_DONE		0x07	/* after the last DATA of a source run */
#define BENCH_OP_REPORT		0x08
#define BENCH_OP_ERROR		0x7f

/* BENCH_OP_ERROR codes */
#define BENCH_ERR_MAGIC		1
#define BENCH_ERR_LEN		2
#define BENCH_ERR_CRC		3
#define BENCH_ERR_OP		4
#define BENCH_ERR_BUSY		5
#define BENCH_ERR_ARG		6

struct bench_hdr {
	uint32_t magic;
	uint8_t op;
	uint8_t flags;		/* 0 */
	uint16_t len;		/* payload bytes after this header */
	uint32_t seq;
	uint32_t crc;		/* CRC-32 of the payload */
} __attribute__((packed));

struct bench_source_req {	/* payload of BENCH_OP_SOURCE */
	uint32_t count;		/* DATA messages to send */
	uint32_t size;		/* payload bytes of each, <= BENCH_MAX_DATA */
} __attribute__((packed));

struct bench_done {		/* payload of BENCH_OP_DONE */
	uint32_t count;		/* DATA messages sent */
	uint32_t first_seq;
} __attribute__((packed));

struct bench_report {		/* payload of BENCH_OP_REPORT */
	uint32_t received;	/* SINK messages with a good CRC */
	uint32_t bad_crc;	/* SINK messages with a bad CRC or length */
	uint32_t seq_errors;	/* SINK messages whose seq was not expected */
	uint32_t bytes_lo;	/* payload bytes received, 64-bit */
	uint32_t bytes_hi;
	uint32_t next_seq;	/* seq the sink expects next */
	uint32_t echoed;	/* ECHO messages answered */
	uint32_t sourced;	/* DATA messages sent */
} __attribute__((packed));

struct bench_error {		/* payload of BENCH_OP_ERROR */
	uint32_t code;
	uint32_t op;		/* op of the offending message */
} __attribute__((packed));

/*
 * DATA payload byte i of the message with sequence number s is
 * (uint8_t)(s + i), so the host can check content as well as the CRC.
 */

uint32_t cp_crc32(uint32_t crc, const void *data, uint32_t len);

#endif
