/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef COPRO_BARRIER_H
#define COPRO_BARRIER_H

/*
 * The vrings are shared with another CPU (the host), not just another
 * thread, so on Arm this must be a full-system DMB.
 */
#if defined(__arm__)
#define cp_mb()		__asm__ volatile("dmb" : : : "memory")
#else
#define cp_mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
#define cp_rmb()	cp_mb()
#define cp_wmb()	cp_mb()

#endif
