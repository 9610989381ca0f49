/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef COPRO_SERVICES_H
#define COPRO_SERVICES_H

#include "copro.h"

#define SVC_CLIENT_SAMPLE_LIMIT	100
#define SVC_FIXED_ECHO_ADDR	0x1
#define SVC_FIXED_BENCH_ADDR	0x2

/* The demo services, as the application callbacks of the core. */
extern const struct cp_app copro_services;

#endif
