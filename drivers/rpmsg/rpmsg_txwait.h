/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Waiting for room to send on an rpmsg endpoint, for rpmsg_char and
 * rpmsg_tty.
 *
 * A transport reports writability through its poll operation, which puts
 * the poll table on a wait queue of the transport's own (poll_wait()).
 * That queue goes away with the transport, so it must never hold the poll
 * entries of a file, which live as long as the file: an epoll set, or a
 * poll() in progress, outliving the transport would touch freed memory.
 * Instead the endpoint's owner joins that queue with one wait entry of its
 * own and passes each wakeup on (to a queue that lives as long as the
 * file, or to the tty). The entry leaves the queue when it fires and, at
 * the latest, when the endpoint is destroyed, which is always before its
 * transport goes.
 */
#ifndef _COPRO_RPMSG_TXWAIT_H
#define _COPRO_RPMSG_TXWAIT_H

#include <linux/poll.h>
#include <linux/rpmsg.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

/**
 * struct rpmsg_txwait - an endpoint owner's place on its transport's queue
 * @entry: the wait entry; on the queue only while armed
 * @head: the transport's queue once joined (one endpoint, one transport)
 */
struct rpmsg_txwait {
	struct wait_queue_entry entry;
	wait_queue_head_t *head;
};

struct rpmsg_txwait_table {
	poll_table pt;
	struct rpmsg_txwait *txwait;
};

/* @wake runs under the transport's queue lock: it must not sleep. */
static inline void rpmsg_txwait_init(struct rpmsg_txwait *txwait,
				     wait_queue_func_t wake)
{
	init_waitqueue_func_entry(&txwait->entry, wake);
	INIT_LIST_HEAD(&txwait->entry.entry);
	txwait->head = NULL;
}

/* Called by @wake, under the queue lock: one wakeup per arming. */
static inline void rpmsg_txwait_fired(struct wait_queue_entry *entry)
{
	list_del_init(&entry->entry);
}

static inline void rpmsg_txwait_join(struct file *filp,
				     wait_queue_head_t *head, poll_table *pt)
{
	struct rpmsg_txwait *txwait =
		container_of(pt, struct rpmsg_txwait_table, pt)->txwait;
	unsigned long flags;

	WRITE_ONCE(txwait->head, head);
	spin_lock_irqsave(&head->lock, flags);
	if (list_empty(&txwait->entry.entry))
		__add_wait_queue(head, &txwait->entry);
	spin_unlock_irqrestore(&head->lock, flags);
}

/*
 * Is there room to send on @ept now? If not, @txwait's wake function runs
 * once there may be. The caller keeps @ept from being destroyed meanwhile.
 */
static inline __poll_t rpmsg_txwait_poll(struct rpmsg_txwait *txwait,
					 struct rpmsg_endpoint *ept,
					 struct file *filp)
{
	struct rpmsg_txwait_table table = { .txwait = txwait };

	init_poll_funcptr(&table.pt, rpmsg_txwait_join);
	table.pt._key = EPOLLOUT | EPOLLWRNORM;
	return rpmsg_poll(ept, filp, &table.pt);
}

/* Leave the transport's queue: before the endpoint is destroyed. */
static inline void rpmsg_txwait_cancel(struct rpmsg_txwait *txwait)
{
	wait_queue_head_t *head = READ_ONCE(txwait->head);
	unsigned long flags;

	if (!head)
		return;
	spin_lock_irqsave(&head->lock, flags);
	list_del_init(&txwait->entry.entry);
	spin_unlock_irqrestore(&head->lock, flags);
	txwait->head = NULL;
}

#endif /* _COPRO_RPMSG_TXWAIT_H */
