/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef COPRO_NXP_DEMOS_H
#define COPRO_NXP_DEMOS_H

#include "copro.h"

/* NXP SDK rpmsg-lite str_echo and pingpong look-alikes (nxp_demos.c) */
extern const struct cp_app nxp_str_echo_app;
extern const struct cp_app nxp_pingpong_app;

#endif
