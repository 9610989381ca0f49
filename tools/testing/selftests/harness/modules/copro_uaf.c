// SPDX-License-Identifier: GPL-2.0
/*
 * A use-after-free, planted on purpose when the module is loaded, for the
 * harness self-tests: the debug kernel must report it and the runner must
 * fail the run.
 *
 *   insmod copro_uaf.ko            a slab object read after kfree(): KASAN
 *   insmod copro_uaf.ko via=kfence the same on an object KFENCE guards
 *
 * The module loads either way (it only reads freed memory), so the script
 * that loaded it carries on and succeeds: only the kernel's report can fail
 * the run.
 */
#include <linux/delay.h>
#include <linux/kfence.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *via = "kasan";
module_param(via, charp, 0444);
MODULE_PARM_DESC(via, "kasan (default) or kfence: which detector should see the read");

static char *copro_uaf_alloc(bool want_kfence)
{
	unsigned int tries;
	char *p;

	if (!want_kfence)
		return kmalloc(64, GFP_KERNEL);
	/*
	 * KFENCE serves one allocation per sample interval (100 ms by
	 * default) from its pool: allocate until one comes from there.
	 */
	for (tries = 0; tries < 3000; tries++) {
		p = kmalloc(64, GFP_KERNEL);
		if (!p || is_kfence_address(p))
			return p;
		kfree(p);
		usleep_range(1000, 2000);
	}
	return NULL;
}

static int __init copro_uaf_init(void)
{
	bool want_kfence = !strcmp(via, "kfence");
	char *p, seen;

	if (!want_kfence && strcmp(via, "kasan"))
		return -EINVAL;
	if (want_kfence && !IS_ENABLED(CONFIG_KFENCE))
		return -ENODEV;
	p = copro_uaf_alloc(want_kfence);
	if (!p)
		return -ENOMEM;
	memset(p, 0x5a, 64);
	kfree(p);
	/* Hide from the compiler that p was freed, then read it: the bug. */
	OPTIMIZER_HIDE_VAR(p);
	seen = READ_ONCE(p[8]);
	pr_info("copro_uaf: read 0x%02x from freed memory (%s)\n", seen, via);
	return 0;
}

static void __exit copro_uaf_exit(void)
{
}

module_init(copro_uaf_init);
module_exit(copro_uaf_exit);
MODULE_DESCRIPTION("copro harness self-test: a planted use-after-free");
MODULE_LICENSE("GPL");
