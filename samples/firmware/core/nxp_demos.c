// SPDX-License-Identifier: BSD-3-Clause
/*
 * The NXP personality: services that behave like the rpmsg-lite demos of
 * NXP's MCUXpresso SDK, so that copro's tests meet what most i.MX users run
 * (Documentation/vendor-firmware.rst).  Like the SDK's demos they
 *  - announce one channel from local address 30, under NXP's names;
 *  - stay silent until the host's first message, which tells them the
 *    host's address;
 *  - print the SDK's console lines (built without the "[copro] " prefix).
 *
 *  str_echo  "rpmsg-virtual-tty-channel-1": echoes every message; a line
 *            end alone is "Get New Line From Master Side"
 *  pingpong  "rpmsg-openamp-demo-channel": a little-endian 32-bit n in,
 *            n + 1 out
 * The port side of the personality (interrupt-driven, the MU interrupt
 * enabled before the vring handlers exist) is in the port.
 */
#include <string.h>
#include "nxp_demos.h"
#include "log.h"

#define NXP_LOCAL_ADDR		30
#define NXP_TTY_NAME		"rpmsg-virtual-tty-channel-1"
#define NXP_PINGPONG_NAME	"rpmsg-openamp-demo-channel"
#define NXP_PRINT_MAX		96	/* longest message printed whole */

/* the host's first message: where NXP's demos learn its address */
static void handshake(struct cp_ept *ept, uint32_t src)
{
	if (ept->user)
		return;
	ept->user = 1;
	cp_log("Name service handshake is done, M4 has setup a rpmsg channel [%u ---> %u]",
	       (unsigned int)ept->addr, (unsigned int)src);
}

static void str_echo_cb(struct cp_rdev *r, struct cp_ept *ept,
			const uint8_t *data, uint32_t len, uint32_t src)
{
	char text[NXP_PRINT_MAX + 1];
	uint32_t n = len < NXP_PRINT_MAX ? len : NXP_PRINT_MAX;

	handshake(ept, src);
	if ((len == 1 && data[0] == '\n') ||
	    (len == 2 && data[0] == '\r' && data[1] == '\n')) {
		cp_log("Get New Line From Master Side");
	} else {
		memcpy(text, data, n);
		text[n] = '\0';
		cp_log("Get Message From Master Side : \"%s\" [len : %u]", text,
		       (unsigned int)len);
	}
	cp_send(r, ept->addr, src, data, len, true);
}

static void pingpong_cb(struct cp_rdev *r, struct cp_ept *ept,
			const uint8_t *data, uint32_t len, uint32_t src)
{
	uint32_t n;

	handshake(ept, src);
	if (len != sizeof(n)) {
		cp_log("Get %u bytes From Master Side, not a number",
		       (unsigned int)len);
		return;
	}
	memcpy(&n, data, sizeof(n));	/* both sides are little-endian */
	cp_log("Get Data From Master Side : %u", (unsigned int)n);
	n++;
	cp_send(r, ept->addr, src, &n, sizeof(n), true);
}

static void nxp_link_up(struct cp_rdev *r, const char *banner,
			const char *name, cp_ept_cb cb)
{
	cp_log("%s", banner);
	cp_log("RPMSG Init as Remote");
	/* the host's address comes with its first message */
	if (cp_ept_create(r, name, NXP_LOCAL_ADDR, RPMSG_ADDR_ANY, cb, NULL,
			  true))
		cp_log("Nameservice sent, ready for incoming messages...");
}

static void str_echo_link_up(struct cp_rdev *r)
{
	nxp_link_up(r, "RPMSG String Echo FreeRTOS RTOS API Demo...",
		    NXP_TTY_NAME, str_echo_cb);
}

static void pingpong_link_up(struct cp_rdev *r)
{
	nxp_link_up(r, "RPMSG PingPong FreeRTOS RTOS API Demo...",
		    NXP_PINGPONG_NAME, pingpong_cb);
}

const struct cp_app nxp_str_echo_app = {
	.link_up = str_echo_link_up,
};

const struct cp_app nxp_pingpong_app = {
	.link_up = pingpong_link_up,
};
