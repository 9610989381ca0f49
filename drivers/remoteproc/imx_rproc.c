// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor driver for the Cortex-M core of NXP i.MX6SX, i.MX7D and
 * i.MX8M SoCs.
 *
 * Linux loads an ELF image into the memory the device tree gives the core
 * (its own TCM/OCRAM plus "memory-region" carveouts), starts and stops it
 * through the System Reset Controller or a SiP call, and talks to it over
 * the Messaging Unit: the word (vqid << 16) on a data channel is a kick
 * in either direction. A core the boot loader already started is attached
 * to, its resource table found in the "rsc-table" region.
 */

#include <linux/arm-smccc.h>
#include <linux/bitops.h>
#include <linux/clk.h>
#include <linux/device.h>
#include <linux/elf.h>
#include <linux/err.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/log2.h>
#include <linux/mailbox_client.h>
#include <linux/mfd/syscon.h>
#include <linux/minmax.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/overflow.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/regmap.h>
#include <linux/remoteproc.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/virtio_ring.h>
#include <linux/workqueue.h>

#include <copro/compat.h>

/* SRC M4RCR, i.MX7D and i.MX8MQ/8MM */
#define IMX7D_SRC_M4RCR			0x0c
#define IMX7D_ENABLE_M4			BIT(3)
#define IMX7D_SW_M4P_RST		BIT(2)
#define IMX7D_SW_M4C_RST		BIT(1)
#define IMX7D_SW_M4C_NON_SCLR_RST	BIT(0)

/* SRC SCR, i.MX6SX */
#define IMX6SX_SRC_SCR			0x00
#define IMX6SX_ENABLE_M4		BIT(22)
#define IMX6SX_SW_M4P_RST		BIT(12)
#define IMX6SX_SW_M4C_NON_SCLR_RST	BIT(4)
#define IMX6SX_SW_M4C_RST		BIT(3)

/* SiP service of the i.MX8MN/8MP trusted firmware */
#define IMX_SIP_RPROC			0xc2000005
#define IMX_SIP_RPROC_START		0x00
#define IMX_SIP_RPROC_STARTED		0x01
#define IMX_SIP_RPROC_STOP		0x02

#define IMX_RPROC_MEM_MAX		32
#define IMX_RPROC_NAME_LEN		32
#define IMX_RPROC_RSC_MAX		SZ_64K

/*
 * Mailbox words: the upper 16 bits are the notify id of a virtqueue that
 * has work (a hint: every vring is looked at). The firmware reports a
 * fatal error with the id 0xffff, the lower 16 bits then say which
 * (IMX_RPROC_CRASH_WATCHDOG or any other value for a generic fatal error).
 */
#define IMX_RPROC_MSG_ID(w)		((w) >> 16)
#define IMX_RPROC_MSG_CRASH		0xffff
#define IMX_RPROC_CRASH_WATCHDOG	0x0001

/* Notify ids a kick may carry; bits of imx_rproc.pending above them: */
#define IMX_RPROC_MAX_VQ		(BITS_PER_LONG - 3)
/* raw_da: the firmware is an ELF */
#define IMX_RPROC_NO_RAW		U64_MAX
/* A Cortex-M image starts with its initial stack pointer and reset PC. */
#define IMX_RPROC_RAW_VECTOR		(2 * sizeof(u32))
/* Kicks sent again until the core answers: after 10 ms, 20 ms, ... 1.28 s */
#define IMX_RPROC_REKICKS		8
#define IMX_RPROC_REKICK_FIRST_MS	10
#define IMX_RPROC_PENDING_ALL		(BITS_PER_LONG - 3)
#define IMX_RPROC_PENDING_CRASH		(BITS_PER_LONG - 2)
#define IMX_RPROC_PENDING_WDOG		(BITS_PER_LONG - 1)

/* Address translation table entry flags */
#define ATT_OWN		BIT(0)	/* memory of the core itself, mapped at probe */
#define ATT_IOMEM	BIT(1)	/* device memory: load it with the _io accessors */

/* One window of the core's address space onto the system bus. */
struct imx_rproc_att {
	u32 da;
	u32 sa;
	u32 size;
	u32 flags;
};

enum imx_rproc_method {
	IMX_RPROC_MMIO,		/* SRC register through the syscon regmap */
	IMX_RPROC_SMC,		/* SiP call to the trusted firmware */
};

/**
 * struct imx_rproc_src_ctl - the core's bits in the System Reset Controller
 * @reg: SRC register controlling the core
 * @mask: bits of @reg owned by this driver
 * @start: value of those bits that releases the core
 * @stop: value of those bits that holds the core in reset
 * @run_mask: bits telling whether the core runs
 * @run_val: value of @run_mask bits of a running core
 */
struct imx_rproc_src_ctl {
	u32 reg;
	u32 mask;
	u32 start;
	u32 stop;
	u32 run_mask;
	u32 run_val;
};

/**
 * struct imx_rproc_dcfg - what differs between SoCs
 * @method: how the core is started and stopped
 * @src: the SRC bits (IMX_RPROC_MMIO)
 * @att: address translation table
 * @att_size: entries in @att
 */
struct imx_rproc_dcfg {
	enum imx_rproc_method method;
	const struct imx_rproc_src_ctl *src;
	const struct imx_rproc_att *att;
	size_t att_size;
};

/* Memory the driver maps once, at probe, for loading and da_to_va. */
struct imx_rproc_mem {
	void __iomem *cpu_addr;
	phys_addr_t sys_addr;
	size_t size;
	bool iomem;
};

enum imx_rproc_region_kind {
	IMX_RPROC_REGION_CODE,		/* carveout for code and data */
	IMX_RPROC_REGION_RSC,		/* resource table of a running core */
	IMX_RPROC_REGION_VRING,		/* vdev<n>vring<m> */
	IMX_RPROC_REGION_BUFFER,	/* vdev<n>buffer, a DMA pool */
};

/* One entry of the memory-region property, validated at probe. */
struct imx_rproc_region {
	char name[IMX_RPROC_NAME_LEN];
	enum imx_rproc_region_kind kind;
	unsigned int index;
	phys_addr_t pa;
	size_t size;
	u32 da;
};

struct imx_rproc {
	struct device *dev;
	struct rproc *rproc;
	const struct imx_rproc_dcfg *dcfg;
	struct regmap *regmap;

	struct imx_rproc_mem mem[IMX_RPROC_MEM_MAX];
	unsigned int num_mem;
	struct imx_rproc_region regions[IMX_RPROC_MEM_MAX];
	unsigned int num_regions;
	/* rsc-table region, NULL without one */
	void __iomem *rsc_va;
	size_t rsc_size;

	struct mbox_client cl;
	struct mbox_client cl_db;
	struct mbox_chan *tx_ch;
	struct mbox_chan *rx_ch;
	struct mbox_chan *rxdb_ch;
	/* the mailbox queues pointers to these words until they are sent */
	u32 kick_msg[IMX_RPROC_MAX_VQ];
	/*
	 * At most one kick word waits in the MU at a time: kicks of a vring
	 * while one is unread are remembered in @kick_pending and sent, one
	 * word per vring, when the core has read it. Without this a busy
	 * sender overflows the mailbox queue and kicks are lost.
	 */
	spinlock_t kick_lock;	/* kick_pending, kick_busy */
	unsigned long kick_pending;
	bool kick_busy;
	/* private copy of an attached core's resource table, see attach */
	struct resource_table *rsc_copy;

	/*
	 * Notify ids (and crash flags) received from the core: set by the
	 * mailbox callback in interrupt context, consumed by rx_work.
	 */
	unsigned long pending;
	struct workqueue_struct *wq;
	struct work_struct rx_work;
	/*
	 * This run of the core has reported its crash: the reports that
	 * follow, until the core is stopped, are the same crash. Only
	 * rx_work sets it; imx_rproc_run_reset() clears it.
	 */
	bool crash_reported;

	/*
	 * rx_work runs only while the gate is open: from after the virtio
	 * devices started until before they stop.
	 */
	struct rproc_subdev rx_gate;
	bool rx_gate_added;
	bool rx_open;
	spinlock_t rx_lock;	/* rx_open vs. the callbacks queueing rx_work */

	/*
	 * A firmware may lose the kicks sent before its vring handlers exist
	 * (rpmsg-lite enables its MU interrupt first) and then wait for a
	 * kick forever: @rekick_work kicks every vring again, a few times,
	 * until the core sends its first word (@core_spoke, set by the
	 * mailbox callbacks).
	 */
	struct delayed_work rekick_work;
	unsigned int rekicks;
	bool core_spoke;

	/*
	 * Raw images (Documentation/vendor-firmware.rst): @raw_da is where
	 * the next boots load the firmware file as it is, IMX_RPROC_NO_RAW
	 * for an ELF; set through sysfs under rproc->lock. @boot_raw_da is
	 * what this boot latched in sanity_check, under the same lock.
	 */
	u64 raw_da;
	u64 boot_raw_da;
};

static const struct imx_rproc_att imx_rproc_att_imx6sx[] = {
	/* da,        sa,         size,       flags */
	{ 0x00000000, 0x007f8000, 0x00008000, ATT_IOMEM },		/* TCML boot alias */
	{ 0x00180000, 0x008f8000, 0x00004000, 0 },			/* OCRAM_S */
	{ 0x1fff8000, 0x007f8000, 0x00008000, ATT_OWN | ATT_IOMEM },	/* TCML */
	{ 0x10000000, 0x80000000, 0x0fff8000, 0 },			/* DDR code alias */
	{ 0x20000000, 0x00800000, 0x00008000, ATT_OWN | ATT_IOMEM },	/* TCMU */
	{ 0x208f8000, 0x008f8000, 0x00004000, 0 },			/* OCRAM_S data */
	{ 0x80000000, 0x80000000, 0x60000000, 0 },			/* DDR */
};

static const struct imx_rproc_att imx_rproc_att_imx7d[] = {
	{ 0x00000000, 0x00180000, 0x00008000, 0 },			/* OCRAM_S boot alias */
	{ 0x00180000, 0x00180000, 0x00008000, ATT_OWN },		/* OCRAM_S */
	{ 0x00900000, 0x00900000, 0x00020000, 0 },			/* OCRAM */
	{ 0x00920000, 0x00920000, 0x00020000, 0 },			/* OCRAM_EPDC */
	{ 0x00940000, 0x00940000, 0x00008000, 0 },			/* OCRAM_PXP */
	{ 0x1fff8000, 0x007f8000, 0x00008000, ATT_OWN | ATT_IOMEM },	/* TCML */
	{ 0x10000000, 0x80000000, 0x0fff0000, 0 },			/* DDR code alias */
	{ 0x20000000, 0x00800000, 0x00008000, ATT_OWN | ATT_IOMEM },	/* TCMU */
	{ 0x20200000, 0x00900000, 0x00020000, 0 },			/* OCRAM data */
	{ 0x20220000, 0x00920000, 0x00020000, 0 },			/* OCRAM_EPDC data */
	{ 0x20240000, 0x00940000, 0x00008000, 0 },			/* OCRAM_PXP data */
	{ 0x80000000, 0x80000000, 0x60000000, 0 },			/* DDR */
};

static const struct imx_rproc_att imx_rproc_att_imx8mq[] = {
	{ 0x00000000, 0x007e0000, 0x00020000, ATT_IOMEM },		/* TCML boot alias */
	{ 0x00180000, 0x00180000, 0x00008000, 0 },			/* OCRAM_S */
	{ 0x00900000, 0x00900000, 0x00020000, 0 },			/* OCRAM */
	{ 0x00920000, 0x00920000, 0x00020000, 0 },			/* OCRAM */
	{ 0x08000000, 0x08000000, 0x08000000, 0 },			/* QSPI */
	{ 0x10000000, 0x40000000, 0x0ffe0000, 0 },			/* DDR code alias */
	{ 0x1ffe0000, 0x007e0000, 0x00020000, ATT_OWN | ATT_IOMEM },	/* TCML */
	{ 0x20000000, 0x00800000, 0x00020000, ATT_OWN | ATT_IOMEM },	/* TCMU */
	{ 0x20180000, 0x00180000, 0x00008000, ATT_OWN },		/* OCRAM_S data */
	{ 0x20200000, 0x00900000, 0x00020000, ATT_OWN },		/* OCRAM data */
	{ 0x20220000, 0x00920000, 0x00020000, ATT_OWN },		/* OCRAM data */
	{ 0x40000000, 0x40000000, 0x80000000, 0 },			/* DDR */
};

static const struct imx_rproc_att imx_rproc_att_imx8mn[] = {
	{ 0x00000000, 0x007e0000, 0x00020000, ATT_OWN | ATT_IOMEM },	/* ITCM */
	{ 0x00180000, 0x00180000, 0x00009000, 0 },			/* OCRAM_S */
	{ 0x00900000, 0x00900000, 0x00020000, 0 },			/* OCRAM */
	{ 0x00920000, 0x00920000, 0x00020000, 0 },			/* OCRAM */
	{ 0x00940000, 0x00940000, 0x00050000, 0 },			/* OCRAM */
	{ 0x08000000, 0x08000000, 0x08000000, 0 },			/* QSPI */
	{ 0x10000000, 0x40000000, 0x0ffe0000, 0 },			/* DDR code alias */
	{ 0x20000000, 0x00800000, 0x00020000, ATT_OWN | ATT_IOMEM },	/* DTCM */
	{ 0x20180000, 0x00180000, 0x00008000, ATT_OWN },		/* OCRAM_S data */
	{ 0x20200000, 0x00900000, 0x00020000, ATT_OWN },		/* OCRAM data */
	{ 0x20220000, 0x00920000, 0x00020000, ATT_OWN },		/* OCRAM data */
	{ 0x20240000, 0x00940000, 0x00040000, ATT_OWN },		/* OCRAM data */
	{ 0x40000000, 0x40000000, 0x80000000, 0 },			/* DDR */
};

static const struct imx_rproc_src_ctl imx_rproc_src_imx6sx = {
	.reg = IMX6SX_SRC_SCR,
	.mask = IMX6SX_ENABLE_M4 | IMX6SX_SW_M4P_RST | IMX6SX_SW_M4C_RST |
		IMX6SX_SW_M4C_NON_SCLR_RST,
	.start = IMX6SX_ENABLE_M4 | IMX6SX_SW_M4P_RST | IMX6SX_SW_M4C_RST,
	.stop = IMX6SX_ENABLE_M4 | IMX6SX_SW_M4C_RST | IMX6SX_SW_M4C_NON_SCLR_RST,
	.run_mask = IMX6SX_ENABLE_M4 | IMX6SX_SW_M4C_NON_SCLR_RST,
	.run_val = IMX6SX_ENABLE_M4,
};

/* i.MX7D, 8MQ and 8MM share the M4RCR layout */
static const struct imx_rproc_src_ctl imx_rproc_src_imx7d = {
	.reg = IMX7D_SRC_M4RCR,
	.mask = IMX7D_ENABLE_M4 | IMX7D_SW_M4P_RST | IMX7D_SW_M4C_RST |
		IMX7D_SW_M4C_NON_SCLR_RST,
	.start = IMX7D_ENABLE_M4 | IMX7D_SW_M4P_RST | IMX7D_SW_M4C_RST,
	.stop = IMX7D_ENABLE_M4 | IMX7D_SW_M4C_RST | IMX7D_SW_M4C_NON_SCLR_RST,
	.run_mask = IMX7D_ENABLE_M4 | IMX7D_SW_M4C_NON_SCLR_RST,
	.run_val = IMX7D_ENABLE_M4,
};

static const struct imx_rproc_dcfg imx_rproc_cfg_imx6sx = {
	.method = IMX_RPROC_MMIO,
	.src = &imx_rproc_src_imx6sx,
	.att = imx_rproc_att_imx6sx,
	.att_size = ARRAY_SIZE(imx_rproc_att_imx6sx),
};

static const struct imx_rproc_dcfg imx_rproc_cfg_imx7d = {
	.method = IMX_RPROC_MMIO,
	.src = &imx_rproc_src_imx7d,
	.att = imx_rproc_att_imx7d,
	.att_size = ARRAY_SIZE(imx_rproc_att_imx7d),
};

/* i.MX8MQ and 8MM: the i.MX7D SRC bits, a different memory map */
static const struct imx_rproc_dcfg imx_rproc_cfg_imx8mq = {
	.method = IMX_RPROC_MMIO,
	.src = &imx_rproc_src_imx7d,
	.att = imx_rproc_att_imx8mq,
	.att_size = ARRAY_SIZE(imx_rproc_att_imx8mq),
};

/* i.MX8MN and 8MP: the reset controller belongs to the trusted firmware */
static const struct imx_rproc_dcfg imx_rproc_cfg_imx8mn = {
	.method = IMX_RPROC_SMC,
	.att = imx_rproc_att_imx8mn,
	.att_size = ARRAY_SIZE(imx_rproc_att_imx8mn),
};

/* Does [da, da + len) lie inside [base, base + size)? Overflow-safe. */
static bool imx_rproc_within(u64 da, u64 len, u64 base, u64 size)
{
	return da >= base && len <= size && da - base <= size - len;
}

static int imx_rproc_da_to_sys(struct imx_rproc *priv, u64 da, size_t len,
			       u64 *sys)
{
	const struct imx_rproc_dcfg *dcfg = priv->dcfg;
	size_t i;

	for (i = 0; i < dcfg->att_size; i++) {
		const struct imx_rproc_att *att = &dcfg->att[i];

		if (imx_rproc_within(da, len, att->da, att->size)) {
			*sys = att->sa + (da - att->da);
			return 0;
		}
	}

	return -ENOENT;
}

/*
 * The device address the core uses for system address @pa: the identity
 * window when there is one (DDR), else the first window that covers it.
 */
static int imx_rproc_sys_to_da(struct imx_rproc *priv, phys_addr_t pa,
			       size_t size, u32 *da)
{
	const struct imx_rproc_dcfg *dcfg = priv->dcfg;
	bool found = false;
	size_t i;

	for (i = 0; i < dcfg->att_size; i++) {
		const struct imx_rproc_att *att = &dcfg->att[i];

		if (!imx_rproc_within(pa, size, att->sa, att->size))
			continue;
		if (att->da == att->sa) {
			*da = pa;
			return 0;
		}
		if (!found) {
			*da = att->da + (pa - att->sa);
			found = true;
		}
	}

	return found ? 0 : -ENOENT;
}

static void *imx_rproc_da_to_va(struct rproc *rproc, u64 da, size_t len,
				bool *is_iomem)
{
	struct imx_rproc *priv = rproc->priv;
	unsigned int i;
	u64 sys;

	if (!len || imx_rproc_da_to_sys(priv, da, len, &sys))
		return NULL;

	for (i = 0; i < priv->num_mem; i++) {
		struct imx_rproc_mem *mem = &priv->mem[i];

		if (!imx_rproc_within(sys, len, mem->sys_addr, mem->size))
			continue;
		if (is_iomem)
			*is_iomem = mem->iomem;
		/* __force: callers pick the accessors from *is_iomem */
		return (__force void *)(mem->cpu_addr + (sys - mem->sys_addr));
	}

	return NULL;
}

/*
 * Kicks reach the virtqueues through rx_work, which must never run while
 * the virtio devices tear their vrings down: that happens in their
 * subdevice stop, before the core calls our stop. The gate is a subdevice
 * of its own, kept last in the list (re-added on every boot and attach),
 * so the core starts it after the virtio devices and stops it before them.
 */
static int imx_rproc_rx_gate_start(struct rproc_subdev *subdev)
{
	struct imx_rproc *priv = container_of(subdev, struct imx_rproc, rx_gate);
	unsigned long flags;

	spin_lock_irqsave(&priv->rx_lock, flags);
	priv->rx_open = true;
	/* kicks that came while the virtio devices started */
	if (priv->pending)
		queue_work(priv->wq, &priv->rx_work);
	spin_unlock_irqrestore(&priv->rx_lock, flags);

	/* the virtio devices have kicked by now: repeat it until answered */
	priv->rekicks = 0;
	if (priv->rproc->max_notifyid >= 0)
		queue_delayed_work(priv->wq, &priv->rekick_work,
				   msecs_to_jiffies(IMX_RPROC_REKICK_FIRST_MS));
	return 0;
}

static void imx_rproc_rx_gate_stop(struct rproc_subdev *subdev, bool crashed)
{
	struct imx_rproc *priv = container_of(subdev, struct imx_rproc, rx_gate);
	unsigned long flags;

	spin_lock_irqsave(&priv->rx_lock, flags);
	priv->rx_open = false;
	spin_unlock_irqrestore(&priv->rx_lock, flags);
	cancel_delayed_work_sync(&priv->rekick_work);
	cancel_work_sync(&priv->rx_work);
}

static void imx_rproc_rx_gate_add(struct imx_rproc *priv)
{
	if (priv->rx_gate_added)
		rproc_remove_subdev(priv->rproc, &priv->rx_gate);
	rproc_add_subdev(priv->rproc, &priv->rx_gate);
	priv->rx_gate_added = true;
}

static void imx_rproc_rx_gate_remove(struct imx_rproc *priv)
{
	if (priv->rx_gate_added)
		rproc_remove_subdev(priv->rproc, &priv->rx_gate);
	priv->rx_gate_added = false;
	cancel_delayed_work_sync(&priv->rekick_work);
	cancel_work_sync(&priv->rx_work);
	priv->pending = 0;
}

/* Mailbox callbacks (interrupt context): note the request, defer the work. */
static void imx_rproc_notify(struct imx_rproc *priv, unsigned int bit)
{
	unsigned long flags;

	set_bit(bit, &priv->pending);
	spin_lock_irqsave(&priv->rx_lock, flags);
	if (priv->rx_open)
		queue_work(priv->wq, &priv->rx_work);
	spin_unlock_irqrestore(&priv->rx_lock, flags);
}

/* Release the core (@run) or hold it in reset, the SoC's way. */
static int imx_rproc_set_running(struct imx_rproc *priv, bool run)
{
	const struct imx_rproc_dcfg *dcfg = priv->dcfg;
	struct arm_smccc_res res;

	switch (dcfg->method) {
	case IMX_RPROC_MMIO:
		return regmap_update_bits(priv->regmap, dcfg->src->reg,
					  dcfg->src->mask,
					  run ? dcfg->src->start : dcfg->src->stop);
	case IMX_RPROC_SMC:
		arm_smccc_smc(IMX_SIP_RPROC,
			      run ? IMX_SIP_RPROC_START : IMX_SIP_RPROC_STOP,
			      0, 0, 0, 0, 0, 0, &res);
		return res.a0 ? -EIO : 0;
	}
	return -EOPNOTSUPP;
}

/*
 * Tell user space (udev) what became of the core: a change event on the
 * remoteproc device, RPROC_STATE=<state>, with RPROC_CRASH=<type> for a
 * crash. The devices of its channels send their own remove events.
 */
static void imx_rproc_uevent(struct imx_rproc *priv, const char *state,
			     const char *crash)
{
	char state_env[32], crash_env[32];
	char *envp[3];

	snprintf(state_env, sizeof(state_env), "RPROC_STATE=%s", state);
	snprintf(crash_env, sizeof(crash_env), "RPROC_CRASH=%s", crash ? crash : "");
	envp[0] = state_env;
	envp[1] = crash ? crash_env : NULL;
	envp[2] = NULL;
	kobject_uevent_env(&priv->rproc->dev.kobj, KOBJ_CHANGE, envp);
}

/*
 * A new run of the core starts with a clean slate: it has read no kick word
 * yet and reported no crash. A word the old core wrote just before it was
 * stopped may reach us after imx_rproc_stop() dropped what was pending (the
 * mailbox interrupt can lag the halt); drop it now, before the new core runs
 * and while rx_work cannot (the gate is closed).
 */
static void imx_rproc_run_reset(struct imx_rproc *priv)
{
	unsigned long flags;

	spin_lock_irqsave(&priv->kick_lock, flags);
	priv->kick_pending = 0;
	priv->kick_busy = false;
	spin_unlock_irqrestore(&priv->kick_lock, flags);

	WRITE_ONCE(priv->pending, 0);
	WRITE_ONCE(priv->core_spoke, false);
	priv->crash_reported = false;
}

static int imx_rproc_start(struct rproc *rproc)
{
	struct imx_rproc *priv = rproc->priv;
	int ret;

	/*
	 * With an rsc-table region the core has just put this boot's table
	 * there (imx_rproc_find_loaded_rsc_table()): nothing stale is left.
	 */
	imx_rproc_run_reset(priv);
	ret = imx_rproc_set_running(priv, true);
	if (ret) {
		dev_err(priv->dev, "cannot start the remote core: %d\n", ret);
		return ret;
	}

	imx_rproc_uevent(priv, "running", NULL);
	return 0;
}

static int imx_rproc_stop(struct rproc *rproc)
{
	struct imx_rproc *priv = rproc->priv;
	int ret;

	ret = imx_rproc_set_running(priv, false);
	if (ret) {
		dev_err(priv->dev, "cannot stop the remote core: %d\n", ret);
		return ret;
	}

	/* Nothing the stopped core sent may reach its successor. */
	imx_rproc_rx_gate_remove(priv);
	imx_rproc_uevent(priv, "offline", NULL);

	return 0;
}

/*
 * The core parsed the private copy imx_rproc_get_loaded_rsc_table() made
 * and wrote the vring addresses into it. Only now does the running core
 * see it: the validated table with the host's entries goes back into the
 * rsc-table region, which stays the live table from here on, as after a
 * boot (status and features are read there).
 */
static int imx_rproc_attach(struct rproc *rproc)
{
	struct imx_rproc *priv = rproc->priv;

	if (priv->rsc_va && rproc->table_ptr == priv->rsc_copy) {
		memcpy_toio(priv->rsc_va, priv->rsc_copy, rproc->table_sz);
		/* __force: the rsc-table region is write-combined normal memory */
		rproc->table_ptr = (__force struct resource_table *)priv->rsc_va;
	}

	imx_rproc_run_reset(priv);
	imx_rproc_rx_gate_add(priv);
	imx_rproc_uevent(priv, "attached", NULL);
	return 0;
}

/* Leave the core running; just forget what it had queued for us. */
static int imx_rproc_detach(struct rproc *rproc)
{
	struct imx_rproc *priv = rproc->priv;

	imx_rproc_rx_gate_remove(priv);
	imx_rproc_uevent(priv, "detached", NULL);
	return 0;
}

static int imx_rproc_mem_alloc(struct rproc *rproc, struct rproc_mem_entry *mem)
{
	void __iomem *va;

	va = ioremap_wc(mem->dma, mem->len);
	if (!va) {
		dev_err(&rproc->dev, "cannot map carveout %s at %pad\n",
			mem->name, &mem->dma);
		return -ENOMEM;
	}

	/* __force: vrings are normal (write-combined) memory to virtio */
	mem->va = (__force void *)va;

	return 0;
}

static int imx_rproc_mem_release(struct rproc *rproc,
				 struct rproc_mem_entry *mem)
{
	iounmap((__force void __iomem *)mem->va);

	return 0;
}

/*
 * A boot that fails after prepare but before the core owns the resources
 * (a firmware whose resource table is refused, an attach to a bad table)
 * leaves what prepare registered on the lists: the core cleans them only on
 * the later failure paths and at stop, just before calling us. Whatever is
 * still registered here is ours to release, so a retry starts afresh.
 */
static int imx_rproc_unprepare(struct rproc *rproc)
{
	struct rproc_dump_segment *seg, *seg_tmp;
	struct rproc_mem_entry *mem, *mem_tmp;

	list_for_each_entry_safe(mem, mem_tmp, &rproc->carveouts, node) {
		if (mem->va && mem->release)
			mem->release(rproc, mem);
		list_del(&mem->node);
		kfree(mem);
	}

	list_for_each_entry_safe(seg, seg_tmp, &rproc->dump_segments, node) {
		list_del(&seg->node);
		kfree(seg);
	}

	return 0;
}

/*
 * The table of a core that is already running, checked as a private copy:
 * the running core may rewrite its table at any time, and what the core
 * parses (entry count, offsets, vring sizes) must be exactly what was
 * checked. Done by imx_rproc_prepare(), see there.
 */
static int imx_rproc_check_rsc(struct imx_rproc *priv,
			       struct resource_table *table, size_t size);

static int imx_rproc_copy_running_rsc(struct imx_rproc *priv)
{
	/* the region may be padded (to a section on 32-bit ARM): bound it */
	size_t size = min_t(size_t, priv->rsc_size, IMX_RPROC_RSC_MAX);

	memcpy_fromio(priv->rsc_copy, priv->rsc_va, size);
	if (imx_rproc_check_rsc(priv, priv->rsc_copy, size)) {
		dev_err(priv->dev, "cannot attach: bad resource table in memory-region rsc-table\n");
		return -EINVAL;
	}
	return 0;
}

/*
 * Register the memory-region carveouts and their coredump segments. The core
 * frees them at stop, or, when a boot fails later on, in unprepare.
 */
static int imx_rproc_prepare(struct rproc *rproc)
{
	struct imx_rproc *priv = rproc->priv;
	const struct imx_rproc_dcfg *dcfg = priv->dcfg;
	struct rproc_mem_entry *mem;
	unsigned int i;
	int ret;

	/*
	 * Attaching: the running core's table is checked here rather than
	 * in get_loaded_rsc_table(). When that one fails, rproc_attach()
	 * frees rproc->clean_table, which the last detach freed already
	 * without clearing it (6.1 to 6.12): a double free. A failed
	 * prepare returns before that.
	 */
	if (rproc->state == RPROC_DETACHED && priv->rsc_va) {
		ret = imx_rproc_copy_running_rsc(priv);
		if (ret)
			return ret;
	}

	/* the core's own memories (TCM, OCRAM_S) hold its code and stacks */
	for (i = 0; i < dcfg->att_size; i++) {
		if (!(dcfg->att[i].flags & ATT_OWN))
			continue;
		ret = rproc_coredump_add_segment(rproc, dcfg->att[i].da,
						 dcfg->att[i].size);
		if (ret)
			goto undo;
	}

	for (i = 0; i < priv->num_regions; i++) {
		struct imx_rproc_region *r = &priv->regions[i];

		switch (r->kind) {
		case IMX_RPROC_REGION_RSC:
			continue;
		case IMX_RPROC_REGION_BUFFER:
			/* remoteproc_virtio turns it into the vdev's DMA pool */
			mem = rproc_of_resm_mem_entry_init(priv->dev, r->index,
							   r->size, r->da,
							   "%s", r->name);
			break;
		default:
			mem = rproc_mem_entry_init(priv->dev, NULL,
						   (dma_addr_t)r->pa, r->size,
						   r->da, imx_rproc_mem_alloc,
						   imx_rproc_mem_release,
						   "%s", r->name);
			break;
		}
		if (!mem) {
			ret = -ENOMEM;
			goto undo;
		}

		rproc_add_carveout(rproc, mem);
		if (r->kind == IMX_RPROC_REGION_CODE) {
			ret = rproc_coredump_add_segment(rproc, r->da, r->size);
			if (ret)
				goto undo;
		}
	}

	return 0;

undo:
	/* the core does not unprepare after a failed prepare */
	imx_rproc_unprepare(rproc);
	return ret;
}

static const struct imx_rproc_region *
imx_rproc_find_region(struct imx_rproc *priv, const char *name)
{
	unsigned int i;

	for (i = 0; i < priv->num_regions; i++)
		if (!strcmp(priv->regions[i].name, name))
			return &priv->regions[i];

	return NULL;
}

/*
 * Firmware names end up as format strings in the remoteproc core: accept
 * only terminated, printable names without a '%'.
 */
static bool imx_rproc_name_ok(const u8 *name, size_t len)
{
	size_t i;

	for (i = 0; i < len && name[i]; i++)
		if (name[i] == '%' || name[i] < 0x20 || name[i] > 0x7e)
			return false;

	return i < len;
}

static int imx_rproc_check_vdev(struct imx_rproc *priv, struct fw_rsc_vdev *v,
				size_t avail, unsigned int vdev_idx)
{
	struct device *dev = priv->dev;
	char name[IMX_RPROC_NAME_LEN];
	unsigned int i;

	if (avail < sizeof(*v) ||
	    size_add(struct_size(v, vring, v->num_of_vrings), v->config_len) > avail) {
		dev_err(dev, "resource table: vdev %u is truncated\n", vdev_idx);
		return -EINVAL;
	}
	if (v->num_of_vrings > 2) {
		dev_err(dev, "resource table: vdev %u has %u vrings, at most 2\n",
			vdev_idx, v->num_of_vrings);
		return -EINVAL;
	}

	for (i = 0; i < v->num_of_vrings; i++) {
		struct fw_rsc_vdev_vring *vr = &v->vring[i];
		const struct imx_rproc_region *r;
		size_t need;

		if (vr->num < 2 || vr->num > 32768 || !is_power_of_2(vr->num)) {
			dev_err(dev, "resource table: vdev %u vring %u: %u buffers is not a power of two in 2..32768\n",
				vdev_idx, i, vr->num);
			return -EINVAL;
		}
		if (vr->align < 4 || vr->align > SZ_64K || !is_power_of_2(vr->align)) {
			dev_err(dev, "resource table: vdev %u vring %u: alignment %u is not a power of two in 4..65536\n",
				vdev_idx, i, vr->align);
			return -EINVAL;
		}

		snprintf(name, sizeof(name), "vdev%uvring%u", vdev_idx, i);
		r = imx_rproc_find_region(priv, name);
		if (!r)
			continue;	/* the core allocates it */
		need = PAGE_ALIGN(vring_size(vr->num, vr->align));
		if (need > r->size) {
			dev_err(dev, "resource table: vdev %u vring %u needs %zu bytes, memory-region %s has %zu\n",
				vdev_idx, i, need, name, r->size);
			return -EINVAL;
		}
		if (vr->da != FW_RSC_ADDR_ANY && vr->da != r->da) {
			dev_err(dev, "resource table: vdev %u vring %u at da 0x%x, memory-region %s is at 0x%x\n",
				vdev_idx, i, vr->da, name, r->da);
			return -EINVAL;
		}
	}

	return 0;
}

/*
 * Check a resource table from the firmware before the remoteproc core
 * acts on it. The core trusts offsets, names and vring sizes; we do not.
 */
static int imx_rproc_check_rsc(struct imx_rproc *priv,
			       struct resource_table *table, size_t size)
{
	struct device *dev = priv->dev;
	unsigned int vdevs = 0;
	size_t hdr_end;
	u32 i;

	if (size < sizeof(*table)) {
		dev_err(dev, "resource table: %zu bytes, smaller than its header\n", size);
		return -EINVAL;
	}
	if (table->ver != 1 || table->reserved[0] || table->reserved[1]) {
		dev_err(dev, "resource table: version %u is not 1 or reserved bytes set\n",
			table->ver);
		return -EINVAL;
	}
	hdr_end = struct_size(table, offset, table->num);
	if (hdr_end > size) {
		dev_err(dev, "resource table: %u entries do not fit in %zu bytes\n",
			table->num, size);
		return -EINVAL;
	}

	for (i = 0; i < table->num; i++) {
		u32 off = table->offset[i];
		struct fw_rsc_hdr *hdr;
		void *rsc;
		size_t avail;

		if (off < hdr_end || off > size - sizeof(*hdr)) {
			dev_err(dev, "resource table: entry %u at offset %u is outside the table (%zu bytes)\n",
				i, off, size);
			return -EINVAL;
		}
		hdr = (void *)table + off;
		rsc = (void *)hdr + sizeof(*hdr);
		avail = size - off - sizeof(*hdr);

		switch (hdr->type) {
		case RSC_CARVEOUT: {
			struct fw_rsc_carveout *c = rsc;

			if (avail < sizeof(*c) || !imx_rproc_name_ok(c->name, sizeof(c->name))) {
				dev_err(dev, "resource table: carveout %u is truncated or badly named\n",
					i);
				return -EINVAL;
			}
			if (!imx_rproc_find_region(priv, (const char *)c->name)) {
				dev_err(dev, "resource table: carveout %s is not a memory-region of this core\n",
					c->name);
				return -EINVAL;
			}
			break;
		}
		case RSC_DEVMEM: {
			struct fw_rsc_devmem *d = rsc;

			if (avail < sizeof(*d) || !imx_rproc_name_ok(d->name, sizeof(d->name))) {
				dev_err(dev, "resource table: devmem %u is truncated or badly named\n",
					i);
				return -EINVAL;
			}
			break;
		}
		case RSC_TRACE: {
			struct fw_rsc_trace *t = rsc;

			if (avail < sizeof(*t) || !imx_rproc_name_ok(t->name, sizeof(t->name))) {
				dev_err(dev, "resource table: trace %u is truncated or badly named\n",
					i);
				return -EINVAL;
			}
			if (!imx_rproc_da_to_va(priv->rproc, t->da, t->len, NULL)) {
				dev_err(dev, "resource table: trace buffer at da 0x%x, %u bytes, is outside the core's memory\n",
					t->da, t->len);
				return -EINVAL;
			}
			break;
		}
		case RSC_VDEV:
			if (imx_rproc_check_vdev(priv, rsc, avail, vdevs++))
				return -EINVAL;
			break;
		default:
			/*
			 * Unknown and vendor types: the core skips them, as
			 * mainline does. Say which the check let through, so
			 * that remoteproc's own warning about it is explained.
			 */
			dev_warn(dev, "resource table: entry %u has type %u, which remoteproc skips\n",
				 i, hdr->type);
			break;
		}
	}

	return 0;
}

/* ELF32 checks the remoteproc ELF helpers leave out. */
static int imx_rproc_check_elf(struct imx_rproc *priv, const struct firmware *fw)
{
	const struct elf32_hdr *eh = (const void *)fw->data;
	struct device *dev = priv->dev;
	const struct elf32_shdr *sh;
	const struct elf32_phdr *ph;
	size_t size = fw->size;
	u32 i;

	/* rproc_elf_sanity_check() ran first: magic and size are known good */
	if (eh->e_ident[EI_CLASS] != ELFCLASS32 || eh->e_machine != EM_ARM) {
		dev_err(dev, "firmware is not a 32-bit ARM ELF image\n");
		return -EINVAL;
	}
	if (eh->e_phentsize != sizeof(*ph) || eh->e_phoff > size ||
	    size_mul(eh->e_phnum, sizeof(*ph)) > size - eh->e_phoff) {
		dev_err(dev, "firmware program header table is truncated\n");
		return -EINVAL;
	}
	ph = (const void *)fw->data + eh->e_phoff;
	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ph[i].p_filesz > ph[i].p_memsz || ph[i].p_offset > size ||
		    ph[i].p_filesz > size - ph[i].p_offset) {
			dev_err(dev, "firmware segment %u is truncated\n", i);
			return -EINVAL;
		}
	}

	if (!eh->e_shnum)
		return 0;
	if (eh->e_shentsize != sizeof(*sh) || eh->e_shoff > size ||
	    size_mul(eh->e_shnum, sizeof(*sh)) > size - eh->e_shoff ||
	    eh->e_shstrndx >= eh->e_shnum) {
		dev_err(dev, "firmware section header table is truncated\n");
		return -EINVAL;
	}
	sh = (const void *)fw->data + eh->e_shoff;
	i = eh->e_shstrndx;
	if (sh[i].sh_offset > size || sh[i].sh_size > size - sh[i].sh_offset ||
	    !sh[i].sh_size || fw->data[sh[i].sh_offset + sh[i].sh_size - 1]) {
		dev_err(dev, "firmware section name table is malformed\n");
		return -EINVAL;
	}
	for (i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_name >= sh[eh->e_shstrndx].sh_size) {
			dev_err(dev, "firmware section %u name is outside the name table\n", i);
			return -EINVAL;
		}
	}

	return 0;
}

/*
 * A raw image must fit the core's memory at its address, and start with a
 * vector table: a stack pointer, then a Thumb reset address (bit 0 set).
 */
static int imx_rproc_check_raw(struct imx_rproc *priv, const struct firmware *fw)
{
	struct rproc *rproc = priv->rproc;
	u64 da = priv->boot_raw_da;
	__le32 word;
	u32 pc;

	if (fw->size < IMX_RPROC_RAW_VECTOR) {
		dev_err(priv->dev, "raw image of %zu bytes holds no vector table\n",
			fw->size);
		return -EINVAL;
	}
	if (!rproc_da_to_va(rproc, da, fw->size, NULL)) {
		dev_err(priv->dev, "raw image of %zu bytes at da 0x%llx is outside the core's memory\n",
			fw->size, da);
		return -EINVAL;
	}
	if (da && !rproc_da_to_va(rproc, 0, IMX_RPROC_RAW_VECTOR, NULL)) {
		dev_err(priv->dev, "the core's reset vector at da 0 is not memory we can write\n");
		return -EINVAL;
	}
	memcpy(&word, fw->data + sizeof(u32), sizeof(word));
	pc = le32_to_cpu(word);
	if (!(pc & 1)) {
		dev_err(priv->dev, "raw image: reset address 0x%08x is not Thumb code; not a Cortex-M image\n",
			pc);
		return -EINVAL;
	}
	return 0;
}

static int imx_rproc_sanity_check(struct rproc *rproc, const struct firmware *fw)
{
	struct imx_rproc *priv = rproc->priv;
	int ret;

	/* the boot's ops all go by this, whatever sysfs says meanwhile */
	priv->boot_raw_da = priv->raw_da;
	if (priv->boot_raw_da != IMX_RPROC_NO_RAW)
		return imx_rproc_check_raw(priv, fw);

	ret = rproc_elf_sanity_check(rproc, fw);
	if (ret)
		return ret;

	return imx_rproc_check_elf(rproc->priv, fw);
}

static const struct elf32_shdr *imx_rproc_rsc_section(const struct firmware *fw)
{
	const struct elf32_hdr *eh = (const void *)fw->data;
	const struct elf32_shdr *sh = (const void *)fw->data + eh->e_shoff;
	const char *names;
	u32 i;

	/* imx_rproc_check_elf() bounded every offset used here */
	if (!eh->e_shnum)
		return NULL;
	names = (const char *)fw->data + sh[eh->e_shstrndx].sh_offset;
	for (i = 0; i < eh->e_shnum; i++)
		if (!strcmp(names + sh[i].sh_name, ".resource_table"))
			return &sh[i];

	return NULL;
}

static int imx_rproc_parse_fw(struct rproc *rproc, const struct firmware *fw)
{
	struct imx_rproc *priv = rproc->priv;
	const struct elf32_shdr *sh;
	int ret;

	if (priv->boot_raw_da != IMX_RPROC_NO_RAW) {
		dev_info(priv->dev, "raw image at da 0x%llx: no resource table, no rpmsg\n",
			 priv->boot_raw_da);
		return 0;
	}

	sh = imx_rproc_rsc_section(fw);
	if (!sh) {
		dev_info(priv->dev, "firmware has no resource table: no rpmsg\n");
		return 0;
	}
	if (sh->sh_size > IMX_RPROC_RSC_MAX) {
		dev_err(priv->dev, "firmware resource table is %u bytes, more than %u\n",
			sh->sh_size, IMX_RPROC_RSC_MAX);
		return -EINVAL;
	}
	/* The core copies the table there after loading: it must fit. */
	if (!imx_rproc_da_to_va(rproc, sh->sh_addr, sh->sh_size, NULL)) {
		dev_err(priv->dev, "firmware resource table at da 0x%x, %u bytes, is outside the core's memory\n",
			sh->sh_addr, sh->sh_size);
		return -EINVAL;
	}

	if (priv->rsc_va && sh->sh_size > priv->rsc_size) {
		dev_err(priv->dev, "firmware resource table is %u bytes, the rsc-table region %zu\n",
			sh->sh_size, priv->rsc_size);
		return -EINVAL;
	}

	ret = rproc_elf_load_rsc_table(rproc, fw);
	if (ret) {
		dev_err(priv->dev, "firmware resource table is malformed\n");
		return ret;
	}

	ret = imx_rproc_check_rsc(priv, rproc->cached_table, rproc->table_sz);
	if (ret) {
		/* the core frees the cached table only once resources exist */
		kfree(rproc->cached_table);
		rproc->cached_table = NULL;
		rproc->table_ptr = NULL;
		rproc->table_sz = 0;
	}

	return ret;
}

static void imx_rproc_copy_to(void *dst, bool iomem, const void *src,
			      size_t len)
{
	if (iomem)
		memcpy_toio((void __iomem *)dst, src, len);
	else
		memcpy(dst, src, len);
}

/*
 * The image goes to its address as it is. The core fetches its vector at
 * da 0, as U-Boot's bootaux and NXP's m4fwloader arrange it: the image's
 * first two words go there too (the same memory where da 0 aliases it).
 */
static int imx_rproc_load_raw(struct rproc *rproc, const struct firmware *fw)
{
	struct imx_rproc *priv = rproc->priv;
	u64 da = priv->boot_raw_da;
	bool iomem = false;
	void *va;

	va = rproc_da_to_va(rproc, da, fw->size, &iomem);
	if (!va)
		return -EINVAL;	/* imx_rproc_check_raw() saw it fit */
	imx_rproc_copy_to(va, iomem, fw->data, fw->size);
	if (da) {
		va = rproc_da_to_va(rproc, 0, IMX_RPROC_RAW_VECTOR, &iomem);
		if (!va)
			return -EINVAL;
		imx_rproc_copy_to(va, iomem, fw->data, IMX_RPROC_RAW_VECTOR);
	}
	imx_rproc_rx_gate_add(priv);
	return 0;
}

/* Refuse a segment no carveout or memory of the core can hold. */
static int imx_rproc_load(struct rproc *rproc, const struct firmware *fw)
{
	const struct elf32_hdr *eh = (const void *)fw->data;
	const struct elf32_phdr *ph = (const void *)fw->data + eh->e_phoff;
	struct imx_rproc *priv = rproc->priv;
	u32 i;

	if (priv->boot_raw_da != IMX_RPROC_NO_RAW)
		return imx_rproc_load_raw(rproc, fw);

	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || !ph[i].p_memsz)
			continue;
		if (!rproc_da_to_va(rproc, ph[i].p_paddr, ph[i].p_memsz, NULL)) {
			dev_err(&rproc->dev, "firmware segment %u (da 0x%x, %u bytes) is outside every carveout\n",
				i, ph[i].p_paddr, ph[i].p_memsz);
			return -EINVAL;
		}
	}

	/* the virtio devices of this boot exist by now: go after them */
	imx_rproc_rx_gate_add(priv);
	return rproc_elf_load_segments(rproc, fw);
}

/* The copy imx_rproc_prepare() checked; imx_rproc_attach() makes it live. */
static struct resource_table *
imx_rproc_get_loaded_rsc_table(struct rproc *rproc, size_t *table_sz)
{
	struct imx_rproc *priv = rproc->priv;

	if (!priv->rsc_va)
		return NULL;

	*table_sz = min_t(size_t, priv->rsc_size, IMX_RPROC_RSC_MAX);
	return priv->rsc_copy;
}

/* Called with kick_lock held: put the kick word of @vqid into the MU. */
static void imx_rproc_send_kick(struct imx_rproc *priv, unsigned int vqid)
{
	int ret;

	priv->kick_busy = true;
	ret = mbox_send_message(priv->tx_ch, &priv->kick_msg[vqid]);
	if (ret < 0) {
		priv->kick_busy = false;
		dev_err_ratelimited(priv->dev, "kick of vq %u failed: %d\n",
				    vqid, ret);
	}
}

static void imx_rproc_kick(struct rproc *rproc, int vqid)
{
	struct imx_rproc *priv = rproc->priv;
	unsigned long flags;

	if (vqid < 0 || vqid >= IMX_RPROC_MAX_VQ) {
		dev_err_ratelimited(priv->dev, "cannot kick vq %d\n", vqid);
		return;
	}

	spin_lock_irqsave(&priv->kick_lock, flags);
	if (priv->kick_busy)
		__set_bit(vqid, &priv->kick_pending);
	else
		imx_rproc_send_kick(priv, vqid);
	spin_unlock_irqrestore(&priv->kick_lock, flags);
}

/* The core read the kick word: send the next vring's, if any was kicked. */
static void imx_rproc_kick_done(struct mbox_client *cl, void *msg, int r)
{
	struct imx_rproc *priv = container_of(cl, struct imx_rproc, cl);
	unsigned long flags;
	unsigned int vqid;

	spin_lock_irqsave(&priv->kick_lock, flags);
	if (priv->kick_pending) {
		vqid = __ffs(priv->kick_pending);
		__clear_bit(vqid, &priv->kick_pending);
		imx_rproc_send_kick(priv, vqid);
	} else {
		priv->kick_busy = false;
	}
	spin_unlock_irqrestore(&priv->kick_lock, flags);
}

/*
 * Kicks carry no state (the vrings do): one more is always harmless, and it
 * brings up a core that lost the first. The core's first word ends this.
 */
static void imx_rproc_rekick_work(struct work_struct *work)
{
	struct imx_rproc *priv = container_of(to_delayed_work(work),
					      struct imx_rproc, rekick_work);
	struct rproc *rproc = priv->rproc;
	int id;

	if (READ_ONCE(priv->core_spoke))
		return;
	for (id = 0; id <= rproc->max_notifyid && id < IMX_RPROC_MAX_VQ; id++)
		imx_rproc_kick(rproc, id);
	if (++priv->rekicks < IMX_RPROC_REKICKS)
		queue_delayed_work(priv->wq, &priv->rekick_work,
				   msecs_to_jiffies(IMX_RPROC_REKICK_FIRST_MS <<
						    priv->rekicks));
	else
		dev_dbg(priv->dev, "no word from the core after %u more kicks\n",
			priv->rekicks);
}

static u64 imx_rproc_get_boot_addr(struct rproc *rproc,
				   const struct firmware *fw)
{
	struct imx_rproc *priv = rproc->priv;

	if (priv->boot_raw_da != IMX_RPROC_NO_RAW)
		return priv->boot_raw_da;
	return rproc_elf_get_boot_addr(rproc, fw);
}

static struct resource_table *
imx_rproc_find_loaded_rsc_table(struct rproc *rproc, const struct firmware *fw)
{
	struct imx_rproc *priv = rproc->priv;

	if (priv->boot_raw_da != IMX_RPROC_NO_RAW)
		return NULL;
	/*
	 * As with mainline's driver, the rsc-table region holds the live
	 * table, where firmware written for mainline looks for the host's
	 * entries; imx_rproc_parse_fw() saw the table fit.
	 * __force: the region is write-combined normal memory.
	 */
	if (priv->rsc_va)
		return (__force struct resource_table *)priv->rsc_va;
	return rproc_elf_find_loaded_rsc_table(rproc, fw);
}

static const struct rproc_ops imx_rproc_ops = {
	.prepare = imx_rproc_prepare,
	.unprepare = imx_rproc_unprepare,
	.start = imx_rproc_start,
	.stop = imx_rproc_stop,
	.attach = imx_rproc_attach,
	.detach = imx_rproc_detach,
	.kick = imx_rproc_kick,
	.da_to_va = imx_rproc_da_to_va,
	.parse_fw = imx_rproc_parse_fw,
	.load = imx_rproc_load,
	.sanity_check = imx_rproc_sanity_check,
	.get_boot_addr = imx_rproc_get_boot_addr,
	.find_loaded_rsc_table = imx_rproc_find_loaded_rsc_table,
	.get_loaded_rsc_table = imx_rproc_get_loaded_rsc_table,
};

static void imx_rproc_rx_work(struct work_struct *work)
{
	struct imx_rproc *priv = container_of(work, struct imx_rproc, rx_work);
	struct rproc *rproc = priv->rproc;
	unsigned long pending = xchg(&priv->pending, 0);
	unsigned int id;

	/*
	 * Report a crash once per run. The remoteproc core drops a second
	 * report only while its crash handler is still queued; one that comes
	 * while the handler already runs (before it stops our gate) queues the
	 * handler again, and after the recovery that counts as a new crash.
	 */
	if (pending & (BIT(IMX_RPROC_PENDING_WDOG) | BIT(IMX_RPROC_PENDING_CRASH)) &&
	    !priv->crash_reported) {
		priv->crash_reported = true;
		if (pending & BIT(IMX_RPROC_PENDING_WDOG)) {
			imx_rproc_uevent(priv, "crashed", "watchdog");
			rproc_report_crash(rproc, RPROC_WATCHDOG);
		} else {
			imx_rproc_uevent(priv, "crashed", "fatal-error");
			rproc_report_crash(rproc, RPROC_FATAL_ERROR);
		}
	}

	if (pending & BIT(IMX_RPROC_PENDING_ALL)) {
		for (id = 0; (int)id <= rproc->max_notifyid; id++)
			rproc_vq_interrupt(rproc, id);
		return;
	}

	for_each_set_bit(id, &pending, IMX_RPROC_MAX_VQ)
		rproc_vq_interrupt(rproc, id);
}

static void imx_rproc_rx_callback(struct mbox_client *cl, void *msg)
{
	struct imx_rproc *priv = container_of(cl, struct imx_rproc, cl);
	u32 word = *(u32 *)msg;
	u32 id = IMX_RPROC_MSG_ID(word);

	WRITE_ONCE(priv->core_spoke, true);
	if (id < IMX_RPROC_MAX_VQ) {
		/*
		 * A remote that finds its previous word still unread skips the
		 * kick (NXP's firmware does): one word may stand for kicks of
		 * several vrings, so look at every one of them.
		 */
		imx_rproc_notify(priv, IMX_RPROC_PENDING_ALL);
	} else if (id == IMX_RPROC_MSG_CRASH) {
		dev_err_ratelimited(priv->dev, "remote core reports a fatal error 0x%04x\n",
				    word & 0xffff);
		imx_rproc_notify(priv, (word & 0xffff) == IMX_RPROC_CRASH_WATCHDOG ?
				 IMX_RPROC_PENDING_WDOG : IMX_RPROC_PENDING_CRASH);
	} else {
		dev_warn_ratelimited(priv->dev, "ignoring mailbox word 0x%08x\n", word);
	}
}

/* A doorbell carries no id: look at every virtqueue. */
static void imx_rproc_rxdb_callback(struct mbox_client *cl, void *msg)
{
	struct imx_rproc *priv = container_of(cl, struct imx_rproc, cl_db);

	WRITE_ONCE(priv->core_spoke, true);
	imx_rproc_notify(priv, IMX_RPROC_PENDING_ALL);
}

static void imx_rproc_free_mbox(void *data)
{
	struct imx_rproc *priv = data;

	/* it sends on tx_ch */
	cancel_delayed_work_sync(&priv->rekick_work);
	if (priv->rxdb_ch)
		mbox_free_channel(priv->rxdb_ch);
	mbox_free_channel(priv->rx_ch);
	mbox_free_channel(priv->tx_ch);
	/* No message can arrive any more: drop what is still queued. */
	cancel_work_sync(&priv->rx_work);
}

static int imx_rproc_mbox_init(struct imx_rproc *priv)
{
	struct device *dev = priv->dev;
	struct device_node *np = dev->of_node;
	int ret;

	if (!of_find_property(np, "mboxes", NULL))
		return dev_err_probe(dev, -EINVAL, "missing 'mboxes' property\n");
	if (!of_find_property(np, "mbox-names", NULL))
		return dev_err_probe(dev, -EINVAL, "missing 'mbox-names' property\n");

	/*
	 * Kicks never block (virtio kicks from any context); one word at a
	 * time is in the mailbox, the rest are coalesced (imx_rproc_kick()).
	 */
	priv->cl.dev = dev;
	priv->cl.tx_block = false;
	priv->cl.knows_txdone = false;
	priv->cl.tx_done = imx_rproc_kick_done;
	priv->cl.rx_callback = imx_rproc_rx_callback;
	priv->cl_db.dev = dev;
	priv->cl_db.rx_callback = imx_rproc_rxdb_callback;

	priv->tx_ch = mbox_request_channel_byname(&priv->cl, "tx");
	if (IS_ERR(priv->tx_ch))
		return dev_err_probe(dev, PTR_ERR(priv->tx_ch),
				     "cannot get mailbox channel 'tx' of mboxes\n");

	priv->rx_ch = mbox_request_channel_byname(&priv->cl, "rx");
	if (IS_ERR(priv->rx_ch)) {
		mbox_free_channel(priv->tx_ch);
		return dev_err_probe(dev, PTR_ERR(priv->rx_ch),
				     "cannot get mailbox channel 'rx' of mboxes\n");
	}

	/* rxdb is optional */
	if (of_property_match_string(np, "mbox-names", "rxdb") >= 0) {
		priv->rxdb_ch = mbox_request_channel_byname(&priv->cl_db, "rxdb");
		if (IS_ERR(priv->rxdb_ch)) {
			ret = PTR_ERR(priv->rxdb_ch);
			priv->rxdb_ch = NULL;
			mbox_free_channel(priv->rx_ch);
			mbox_free_channel(priv->tx_ch);
			return dev_err_probe(dev, ret,
					     "cannot get mailbox channel 'rxdb' of mboxes\n");
		}
	}

	return devm_add_action_or_reset(dev, imx_rproc_free_mbox, priv);
}

static int imx_rproc_map(struct imx_rproc *priv, phys_addr_t pa, size_t size,
			 bool iomem, void __iomem **va)
{
	struct imx_rproc_mem *mem;

	if (priv->num_mem >= IMX_RPROC_MEM_MAX)
		return -ENOSPC;

	mem = &priv->mem[priv->num_mem];
	/* Not devm_ioremap_resource(): Linux may map the same memory too. */
	if (iomem)
		mem->cpu_addr = devm_ioremap(priv->dev, pa, size);
	else
		mem->cpu_addr = devm_ioremap_wc(priv->dev, pa, size);
	if (!mem->cpu_addr)
		return -ENOMEM;

	mem->sys_addr = pa;
	mem->size = size;
	mem->iomem = iomem;
	priv->num_mem++;
	if (va)
		*va = mem->cpu_addr;

	return 0;
}

/* Region roles follow the names remoteproc_virtio looks carveouts up by. */
static enum imx_rproc_region_kind imx_rproc_region_kind(const char *name)
{
	unsigned int vdev, vring;
	int n = 0, m = 0;

	if (!strcmp(name, "rsc-table"))
		return IMX_RPROC_REGION_RSC;
	if (sscanf(name, "vdev%u%n", &vdev, &n) != 1 || !n)
		return IMX_RPROC_REGION_CODE;
	if (!strcmp(name + n, "buffer"))
		return IMX_RPROC_REGION_BUFFER;
	if (sscanf(name + n, "vring%u%n", &vring, &m) == 1 && m && !name[n + m])
		return IMX_RPROC_REGION_VRING;

	return IMX_RPROC_REGION_CODE;
}

/* Map the core's own memory and check and map every memory-region. */
static int imx_rproc_addr_init(struct imx_rproc *priv)
{
	const struct imx_rproc_dcfg *dcfg = priv->dcfg;
	struct device *dev = priv->dev;
	struct device_node *np = dev->of_node;
	int i, count, ret;

	for (i = 0; i < dcfg->att_size; i++) {
		const struct imx_rproc_att *att = &dcfg->att[i];

		if (!(att->flags & ATT_OWN))
			continue;
		ret = imx_rproc_map(priv, att->sa, att->size,
				    att->flags & ATT_IOMEM, NULL);
		if (ret)
			return dev_err_probe(dev, ret, "cannot map 0x%x bytes at 0x%08x\n",
					     att->size, att->sa);
	}

	count = of_count_phandle_with_args(np, "memory-region", NULL);
	if (count <= 0)
		return dev_err_probe(dev, -EINVAL, "missing 'memory-region' property\n");
	if (count > IMX_RPROC_MEM_MAX)
		return dev_err_probe(dev, -EINVAL, "memory-region: more than %d entries\n",
				     IMX_RPROC_MEM_MAX);

	for (i = 0; i < count; i++) {
		struct imx_rproc_region *r = &priv->regions[i];
		struct device_node *node;
		struct reserved_mem *rmem;
		bool nomap, pool;

		node = of_parse_phandle(np, "memory-region", i);
		if (!node)
			return dev_err_probe(dev, -EINVAL, "memory-region %d: bad phandle\n", i);
		snprintf(r->name, sizeof(r->name), "%pOFn", node);
		rmem = of_reserved_mem_lookup(node);
		nomap = of_property_read_bool(node, "no-map");
		pool = of_device_is_compatible(node, "shared-dma-pool");
		of_node_put(node);
		if (!rmem)
			return dev_err_probe(dev, -EINVAL,
					     "memory-region %s is not a reserved-memory node\n",
					     r->name);
		if (imx_rproc_find_region(priv, r->name))
			return dev_err_probe(dev, -EINVAL, "memory-region %s is listed twice\n",
					     r->name);

		r->kind = imx_rproc_region_kind(r->name);
		r->index = i;
		r->pa = rmem->base;
		r->size = rmem->size;
		if (imx_rproc_sys_to_da(priv, r->pa, r->size, &r->da))
			return dev_err_probe(dev, -EINVAL,
					     "memory-region %s at %pa is outside the core's address map\n",
					     r->name, &r->pa);
		priv->num_regions++;

		if (r->kind == IMX_RPROC_REGION_BUFFER) {
			if (!pool)
				return dev_err_probe(dev, -EINVAL,
						     "memory-region %s must be a shared-dma-pool\n",
						     r->name);
			continue;
		}
		if (r->kind == IMX_RPROC_REGION_VRING)
			continue;
		/* Mapped by us: Linux must not own it as RAM. */
		if (!nomap)
			return dev_err_probe(dev, -EINVAL,
					     "memory-region %s needs the no-map property\n",
					     r->name);
		ret = imx_rproc_map(priv, r->pa, r->size, false,
				    r->kind == IMX_RPROC_REGION_RSC ? &priv->rsc_va : NULL);
		if (ret)
			return dev_err_probe(dev, ret, "cannot map memory-region %s\n", r->name);
		if (r->kind != IMX_RPROC_REGION_RSC)
			continue;
		priv->rsc_size = r->size;
		priv->rsc_copy = devm_kmalloc(dev, min_t(size_t, r->size, IMX_RPROC_RSC_MAX),
					      GFP_KERNEL);
		if (!priv->rsc_copy)
			return -ENOMEM;
	}

	return 0;
}

/* Did the boot loader leave the core running? */
static int imx_rproc_detect_mode(struct imx_rproc *priv)
{
	const struct imx_rproc_dcfg *dcfg = priv->dcfg;
	struct device *dev = priv->dev;
	struct arm_smccc_res res;
	u32 val;
	int ret;

	if (dcfg->method == IMX_RPROC_SMC) {
		arm_smccc_smc(IMX_SIP_RPROC, IMX_SIP_RPROC_STARTED, 0, 0, 0, 0,
			      0, 0, &res);
		if (res.a0)
			priv->rproc->state = RPROC_DETACHED;
		return 0;
	}

	priv->regmap = syscon_regmap_lookup_by_phandle(dev->of_node, "syscon");
	if (IS_ERR(priv->regmap))
		return dev_err_probe(dev, PTR_ERR(priv->regmap),
				     "missing or bad 'syscon' property (the SRC)\n");

	ret = regmap_read(priv->regmap, dcfg->src->reg, &val);
	if (ret)
		return dev_err_probe(dev, ret, "cannot read the SRC\n");

	if ((val & dcfg->src->run_mask) == dcfg->src->run_val)
		priv->rproc->state = RPROC_DETACHED;

	return 0;
}

static void imx_rproc_destroy_wq(void *data)
{
	destroy_workqueue(data);
}

static int imx_rproc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	const char *fw_name = NULL;
	struct imx_rproc *priv;
	struct rproc *rproc;
	struct clk *clk;
	int i, ret;

	ret = rproc_of_parse_firmware(dev, 0, &fw_name);
	if (ret && ret != -EINVAL)
		return dev_err_probe(dev, ret, "bad 'firmware-name' property\n");

	rproc = devm_rproc_alloc(dev, "imx-rproc", &imx_rproc_ops, fw_name,
				 sizeof(*priv));
	if (!rproc)
		return -ENOMEM;

	priv = rproc->priv;
	priv->rproc = rproc;
	priv->dev = dev;
	priv->dcfg = device_get_match_data(dev);
	if (!priv->dcfg)
		return -ENODEV;
	for (i = 0; i < IMX_RPROC_MAX_VQ; i++)
		priv->kick_msg[i] = (u32)i << 16;
	platform_set_drvdata(pdev, rproc);

	priv->wq = alloc_workqueue("%s", WQ_UNBOUND | WQ_MEM_RECLAIM, 1,
				   dev_name(dev));
	if (!priv->wq)
		return -ENOMEM;
	ret = devm_add_action_or_reset(dev, imx_rproc_destroy_wq, priv->wq);
	if (ret)
		return ret;
	INIT_WORK(&priv->rx_work, imx_rproc_rx_work);
	INIT_DELAYED_WORK(&priv->rekick_work, imx_rproc_rekick_work);
	priv->raw_da = IMX_RPROC_NO_RAW;
	priv->boot_raw_da = IMX_RPROC_NO_RAW;
	spin_lock_init(&priv->rx_lock);
	spin_lock_init(&priv->kick_lock);
	priv->rx_gate.start = imx_rproc_rx_gate_start;
	priv->rx_gate.stop = imx_rproc_rx_gate_stop;

	ret = imx_rproc_mbox_init(priv);
	if (ret)
		return ret;

	ret = imx_rproc_addr_init(priv);
	if (ret)
		return ret;

	ret = imx_rproc_detect_mode(priv);
	if (ret)
		return ret;

	/* The core's clock, memories included, stays on while bound. */
	clk = devm_clk_get_optional_enabled(dev, NULL);
	if (IS_ERR(clk))
		return dev_err_probe(dev, PTR_ERR(clk), "cannot enable the core's clock\n");

	/* What a crash leaves behind is dumped as an ELF core (devcoredump). */
	rproc_coredump_set_elf_info(rproc, ELFCLASS32, EM_ARM);

	/* A running core is attached to right away, others on request. */
	if (rproc->state != RPROC_DETACHED)
		rproc->auto_boot = of_property_read_bool(np, "fsl,auto-boot");

	ret = devm_rproc_add(dev, rproc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot register the remote processor\n");

	return 0;
}

static const struct of_device_id imx_rproc_of_match[] = {
	{ .compatible = "fsl,imx6sx-cm4", .data = &imx_rproc_cfg_imx6sx },
	{ .compatible = "fsl,imx7d-cm4", .data = &imx_rproc_cfg_imx7d },
	{ .compatible = "fsl,imx8mq-cm4", .data = &imx_rproc_cfg_imx8mq },
	{ .compatible = "fsl,imx8mm-cm4", .data = &imx_rproc_cfg_imx8mq },
	{ .compatible = "fsl,imx8mn-cm7", .data = &imx_rproc_cfg_imx8mn },
	{ .compatible = "fsl,imx8mp-cm7", .data = &imx_rproc_cfg_imx8mn },
	{ }
};
MODULE_DEVICE_TABLE(of, imx_rproc_of_match);

/*
 * raw_da: "none" (the firmware is an ELF, the default) or the device
 * address where the next boots load the firmware file as a raw image.
 */
static ssize_t raw_da_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct rproc *rproc = dev_get_drvdata(dev);
	struct imx_rproc *priv = rproc->priv;
	u64 da;

	mutex_lock(&rproc->lock);
	da = priv->raw_da;
	mutex_unlock(&rproc->lock);
	if (da == IMX_RPROC_NO_RAW)
		return sysfs_emit(buf, "none\n");
	return sysfs_emit(buf, "0x%llx\n", da);
}

static ssize_t raw_da_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct rproc *rproc = dev_get_drvdata(dev);
	struct imx_rproc *priv = rproc->priv;
	u64 da = IMX_RPROC_NO_RAW;
	u32 val;
	int ret;

	if (!sysfs_streq(buf, "none")) {
		/* the Cortex-M's addresses are 32-bit */
		ret = kstrtou32(buf, 0, &val);
		if (ret)
			return ret;
		da = val;
	}
	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;
	priv->raw_da = da;
	mutex_unlock(&rproc->lock);
	return count;
}
static DEVICE_ATTR_RW(raw_da);

static struct attribute *imx_rproc_attrs[] = {
	&dev_attr_raw_da.attr,
	NULL
};
ATTRIBUTE_GROUPS(imx_rproc);

static struct platform_driver imx_rproc_driver = {
	.probe = imx_rproc_probe,
	.driver = {
		.name = "imx-rproc",
		.of_match_table = imx_rproc_of_match,
		.dev_groups = imx_rproc_groups,
	},
};
module_platform_driver(imx_rproc_driver);

MODULE_DESCRIPTION("i.MX remote processor driver");
MODULE_LICENSE("GPL");
