// SPDX-License-Identifier: GPL-2.0
/*
 * A memory leak, planted on purpose when the module is loaded, for the
 * harness self-test ../kmemleak.sh: a few slab objects whose only pointers
 * are dropped. The guest's final kmemleak scan must report them and the
 * runner must fail the run.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#define COPRO_LEAKS 4

/* Allocated out of line, so no copy of the pointer stays in init's frame. */
static noinline int copro_leak_one(unsigned int i)
{
	char *p = kmalloc(96, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	snprintf(p, 96, "copro_leak object %u", i);
	/* p goes out of scope here: nothing refers to the object any more. */
	return 0;
}

static int __init copro_leak_init(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < COPRO_LEAKS; i++) {
		ret = copro_leak_one(i);
		if (ret)
			return ret;
	}
	pr_info("copro_leak: leaked %d objects\n", COPRO_LEAKS);
	return 0;
}

static void __exit copro_leak_exit(void)
{
}

module_init(copro_leak_init);
module_exit(copro_leak_exit);
MODULE_DESCRIPTION("copro harness self-test: a planted memory leak");
MODULE_LICENSE("GPL");
