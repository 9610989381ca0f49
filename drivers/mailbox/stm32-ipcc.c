// SPDX-License-Identifier: GPL-2.0
/*
 * Mailbox driver for the inter-processor communication controller (IPCC)
 * of ST STM32MP1 SoCs.
 *
 * Two processors share the IPCC, each through a register block of its own.
 * Every channel has one status flag per direction. The sender marks its
 * flag "occupied" by writing a set bit of its own set/clear register; the
 * receiver, when done, writes a clear bit of its own set/clear register,
 * which frees the sender's flag. A per-processor mask register gates, per
 * channel, the "occupied" (receive) and "free" (transmit) interrupts, and
 * a control register switches each of the two interrupt lines as a whole.
 * Channels carry no data: a client names one by its index, in one cell.
 */

#include <linux/bitfield.h>
#include <linux/bitops.h>
#include <linux/build_bug.h>
#include <linux/clk.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/mailbox_controller.h>
#include <linux/minmax.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/pm_wakeirq.h>
#include <linux/property.h>
#include <linux/spinlock.h>

/* Registers of one processor's block. */
#define IPCC_CR			0x00	/* interrupt line enables */
#define IPCC_CR_RXOIE		BIT(0)	/* rx line: a channel became occupied */
#define IPCC_CR_TXFIE		BIT(16)	/* tx line: a channel became free */
#define IPCC_MR			0x04	/* per-channel masks, 1 = masked */
#define IPCC_SCR		0x08	/* write-only: 1 sets or clears a flag */
#define IPCC_TOSR		0x0c	/* this processor's flags, 1 = occupied */

/*
 * MR and SCR hold the receive side of channel n in bit n (in SCR: free
 * the peer's flag) and the transmit side in bit 16 + n (in SCR: occupy
 * our own flag), so the layout has room for 16 channels.
 */
#define IPCC_RX_BIT(ch)		BIT(ch)
#define IPCC_TX_BIT(ch)		BIT(16 + (ch))
#define IPCC_LAYOUT_CHANS	16

#define IPCC_HWCFGR_CHAN	GENMASK(7, 0)
#define IPCC_VERR_MAJOR		GENMASK(7, 4)
#define IPCC_VERR_MINOR		GENMASK(3, 0)

#define IPCC_NUM_PROCS		2

/**
 * struct stm32_ipcc_variant - what may differ between IPCC versions
 * @proc_stride: distance from processor 0's register block to processor 1's
 * @hwcfgr: offset of the hardware configuration register (channel count)
 * @verr: offset of the version register
 * @max_chans: channels the driver drives at most
 */
struct stm32_ipcc_variant {
	u16 proc_stride;
	u16 hwcfgr;
	u16 verr;
	unsigned int max_chans;
};

struct stm32_ipcc {
	struct device *dev;
	const struct stm32_ipcc_variant *var;
	void __iomem *base;
	void __iomem *regs;	/* our processor's block */
	void __iomem *peer;	/* the other processor's block */
	struct clk *clk;
	int rx_irq;
	int tx_irq;
	u32 proc_id;
	unsigned int nchans;
	/* serialises mr and cr, and their writes to MR and CR */
	spinlock_t lock;
	/*
	 * Copies of MR and CR. Only we write them, and the hardware loses
	 * them in deep low-power modes: resume writes the copies back.
	 */
	u32 mr;
	u32 cr;
	/* channels that hold a clock reference (atomic bitops, no lock) */
	unsigned long clk_held;
	struct mbox_controller mbox;
	struct mbox_chan chans[IPCC_LAYOUT_CHANS];
};

static inline struct stm32_ipcc *to_stm32_ipcc(struct mbox_controller *mbox)
{
	return container_of(mbox, struct stm32_ipcc, mbox);
}

static unsigned int stm32_ipcc_chan_id(struct stm32_ipcc *ipcc,
				       struct mbox_chan *chan)
{
	return chan - ipcc->chans;
}

/* Write the copies of MR and CR to the hardware; the caller holds lock. */
static void stm32_ipcc_write_ctrl(struct stm32_ipcc *ipcc)
{
	writel(ipcc->mr, ipcc->regs + IPCC_MR);
	writel(ipcc->cr, ipcc->regs + IPCC_CR);
}

/* Mask the interrupts in @set, unmask those in @clr. */
static void stm32_ipcc_mask(struct stm32_ipcc *ipcc, u32 set, u32 clr)
{
	unsigned long flags;

	spin_lock_irqsave(&ipcc->lock, flags);
	ipcc->mr = (ipcc->mr & ~clr) | set;
	writel(ipcc->mr, ipcc->regs + IPCC_MR);
	spin_unlock_irqrestore(&ipcc->lock, flags);
}

/* Unmasked channels (bit n = channel n) that the peer has occupied. */
static unsigned long stm32_ipcc_rx_pending(struct stm32_ipcc *ipcc)
{
	unsigned long flags;
	u32 occupied, open;

	occupied = readl(ipcc->peer + IPCC_TOSR);
	spin_lock_irqsave(&ipcc->lock, flags);
	open = ~ipcc->mr;
	spin_unlock_irqrestore(&ipcc->lock, flags);

	return occupied & open & GENMASK(ipcc->nchans - 1, 0);
}

/* Unmasked channels (bit n = channel n) that the peer has freed. */
static unsigned long stm32_ipcc_tx_pending(struct stm32_ipcc *ipcc)
{
	unsigned long flags;
	u32 occupied, open;

	occupied = readl(ipcc->regs + IPCC_TOSR);
	spin_lock_irqsave(&ipcc->lock, flags);
	open = ~ipcc->mr >> 16;
	spin_unlock_irqrestore(&ipcc->lock, flags);

	return ~occupied & open & GENMASK(ipcc->nchans - 1, 0);
}

static irqreturn_t stm32_ipcc_rx_isr(int irq, void *data)
{
	struct stm32_ipcc *ipcc = data;
	irqreturn_t ret = IRQ_NONE;
	unsigned long pending;
	unsigned int ch;

	/*
	 * On STM32MP1 the rx line reaches the GIC through an edge-triggered
	 * EXTI input: a flag raised while we work makes no new edge, so look
	 * again until none is left.
	 */
	while ((pending = stm32_ipcc_rx_pending(ipcc))) {
		for_each_set_bit(ch, &pending, ipcc->nchans) {
			mbox_chan_received_data(&ipcc->chans[ch], NULL);
			/* Only now: freeing tells the peer we are done. */
			writel(IPCC_RX_BIT(ch), ipcc->regs + IPCC_SCR);
		}
		ret = IRQ_HANDLED;
	}

	return ret;
}

static irqreturn_t stm32_ipcc_tx_isr(int irq, void *data)
{
	struct stm32_ipcc *ipcc = data;
	unsigned long pending;
	unsigned int ch;

	pending = stm32_ipcc_tx_pending(ipcc);
	if (!pending)
		return IRQ_NONE;

	for_each_set_bit(ch, &pending, ipcc->nchans) {
		/* A free channel stays free: mask it before the next send. */
		stm32_ipcc_mask(ipcc, IPCC_TX_BIT(ch), 0);
		mbox_chan_txdone(&ipcc->chans[ch], 0);
	}

	return IRQ_HANDLED;
}

static int stm32_ipcc_send_data(struct mbox_chan *chan, void *data)
{
	struct stm32_ipcc *ipcc = to_stm32_ipcc(chan->mbox);
	unsigned int ch = stm32_ipcc_chan_id(ipcc, chan);

	/* writel, not relaxed: the client's shared memory goes out first. */
	writel(IPCC_TX_BIT(ch), ipcc->regs + IPCC_SCR);
	/* txdone comes from the interrupt the peer raises by freeing it. */
	stm32_ipcc_mask(ipcc, 0, IPCC_TX_BIT(ch));

	return 0;
}

static int stm32_ipcc_startup(struct mbox_chan *chan)
{
	struct stm32_ipcc *ipcc = to_stm32_ipcc(chan->mbox);
	unsigned int ch = stm32_ipcc_chan_id(ipcc, chan);
	int ret;

	ret = clk_prepare_enable(ipcc->clk);
	if (ret) {
		dev_err(ipcc->dev, "channel %u: cannot enable clock: %d\n",
			ch, ret);
		return ret;
	}
	set_bit(ch, &ipcc->clk_held);

	/* A message the peer posted before startup is delivered now. */
	stm32_ipcc_mask(ipcc, 0, IPCC_RX_BIT(ch));

	return 0;
}

static void stm32_ipcc_shutdown(struct mbox_chan *chan)
{
	struct stm32_ipcc *ipcc = to_stm32_ipcc(chan->mbox);
	unsigned int ch = stm32_ipcc_chan_id(ipcc, chan);

	/* The mailbox core also calls shutdown when startup failed. */
	if (!test_and_clear_bit(ch, &ipcc->clk_held))
		return;

	stm32_ipcc_mask(ipcc, IPCC_RX_BIT(ch) | IPCC_TX_BIT(ch), 0);

	/*
	 * The client goes away next and the clock may stop: no handler may
	 * still be delivering to it or reading registers.
	 */
	synchronize_irq(ipcc->rx_irq);
	synchronize_irq(ipcc->tx_irq);

	clk_disable_unprepare(ipcc->clk);
}

static const struct mbox_chan_ops stm32_ipcc_ops = {
	.send_data = stm32_ipcc_send_data,
	.startup = stm32_ipcc_startup,
	.shutdown = stm32_ipcc_shutdown,
};

static struct mbox_chan *stm32_ipcc_xlate(struct mbox_controller *mbox,
					  const struct of_phandle_args *sp)
{
	struct stm32_ipcc *ipcc = to_stm32_ipcc(mbox);
	u32 ch;

	if (sp->args_count != 1) {
		dev_err(ipcc->dev, "%pOF: mboxes specifier needs 1 cell, has %d\n",
			sp->np, sp->args_count);
		return ERR_PTR(-EINVAL);
	}

	ch = sp->args[0];
	if (ch >= ipcc->nchans) {
		dev_err(ipcc->dev, "%pOF: invalid channel %u: 0..%u\n",
			sp->np, ch, ipcc->nchans - 1);
		return ERR_PTR(-EINVAL);
	}

	return &ipcc->chans[ch];
}

/*
 * Learn the channel count and version, then start with every channel
 * masked and both lines on: a channel's startup unmasks its receive side.
 */
static int stm32_ipcc_hw_setup(struct stm32_ipcc *ipcc, u32 *version)
{
	const struct stm32_ipcc_variant *var = ipcc->var;
	unsigned long flags;
	unsigned int hw_chans;
	u32 hwcfg;
	int ret;

	ret = clk_prepare_enable(ipcc->clk);
	if (ret)
		return dev_err_probe(ipcc->dev, ret, "cannot enable clock\n");

	hwcfg = readl(ipcc->base + var->hwcfgr);
	*version = readl(ipcc->base + var->verr);

	hw_chans = FIELD_GET(IPCC_HWCFGR_CHAN, hwcfg);
	ipcc->nchans = min(hw_chans, var->max_chans);
	if (ipcc->nchans) {
		spin_lock_irqsave(&ipcc->lock, flags);
		/* All ones also masks channels beyond the ones we drive. */
		ipcc->mr = ~0U;
		ipcc->cr = IPCC_CR_RXOIE | IPCC_CR_TXFIE;
		stm32_ipcc_write_ctrl(ipcc);
		spin_unlock_irqrestore(&ipcc->lock, flags);
	}

	clk_disable_unprepare(ipcc->clk);

	if (!ipcc->nchans)
		return dev_err_probe(ipcc->dev, -ENODEV,
				     "hardware reports no channel (HWCFGR %#x)\n",
				     hwcfg);
	if (hw_chans > var->max_chans)
		dev_warn(ipcc->dev, "hardware has %u channels, driver supports %u: using the first %u\n",
			 hw_chans, var->max_chans, ipcc->nchans);

	return 0;
}

/* Unbind or failed probe, after the interrupts are freed: quiet the block. */
static void stm32_ipcc_hw_off(void *data)
{
	struct stm32_ipcc *ipcc = data;
	unsigned long flags;

	if (clk_prepare_enable(ipcc->clk))
		return;

	spin_lock_irqsave(&ipcc->lock, flags);
	ipcc->mr = ~0U;
	ipcc->cr = 0;
	stm32_ipcc_write_ctrl(ipcc);
	spin_unlock_irqrestore(&ipcc->lock, flags);

	clk_disable_unprepare(ipcc->clk);
}

static void stm32_ipcc_wake_off(void *data)
{
	struct device *dev = data;

	dev_pm_clear_wake_irq(dev);
	device_set_wakeup_capable(dev, false);
}

static int stm32_ipcc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct stm32_ipcc *ipcc;
	struct resource *res;
	u32 version;
	int ret;

	ipcc = devm_kzalloc(dev, sizeof(*ipcc), GFP_KERNEL);
	if (!ipcc)
		return -ENOMEM;

	ipcc->dev = dev;
	ipcc->var = device_get_match_data(dev);
	if (!ipcc->var)
		return -ENODEV;
	spin_lock_init(&ipcc->lock);

	if (of_property_read_u32(dev->of_node, "st,proc-id", &ipcc->proc_id))
		return dev_err_probe(dev, -EINVAL, "missing st,proc-id\n");
	if (ipcc->proc_id >= IPCC_NUM_PROCS)
		return dev_err_probe(dev, -EINVAL, "invalid st,proc-id %u: 0..%d\n",
				     ipcc->proc_id, IPCC_NUM_PROCS - 1);

	ipcc->base = devm_platform_get_and_ioremap_resource(pdev, 0, &res);
	if (IS_ERR(ipcc->base))
		return PTR_ERR(ipcc->base);
	if (resource_size(res) < ipcc->var->verr + 4)
		return dev_err_probe(dev, -EINVAL, "register window %pR too small\n",
				     res);
	ipcc->regs = ipcc->base + ipcc->proc_id * ipcc->var->proc_stride;
	ipcc->peer = ipcc->base + (1 - ipcc->proc_id) * ipcc->var->proc_stride;

	ipcc->clk = devm_clk_get(dev, NULL);
	if (IS_ERR(ipcc->clk))
		return dev_err_probe(dev, PTR_ERR(ipcc->clk), "cannot get clock\n");

	ipcc->rx_irq = platform_get_irq_byname(pdev, "rx");
	if (ipcc->rx_irq < 0)
		return ipcc->rx_irq;
	ipcc->tx_irq = platform_get_irq_byname(pdev, "tx");
	if (ipcc->tx_irq < 0)
		return ipcc->tx_irq;

	ret = stm32_ipcc_hw_setup(ipcc, &version);
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(dev, stm32_ipcc_hw_off, ipcc);
	if (ret)
		return ret;

	/* Threaded: clients' rx callbacks (rpmsg) may do real work. */
	ret = devm_request_threaded_irq(dev, ipcc->rx_irq, NULL,
					stm32_ipcc_rx_isr, IRQF_ONESHOT,
					dev_name(dev), ipcc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot request rx irq %d\n",
				     ipcc->rx_irq);
	ret = devm_request_threaded_irq(dev, ipcc->tx_irq, NULL,
					stm32_ipcc_tx_isr, IRQF_ONESHOT,
					dev_name(dev), ipcc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot request tx irq %d\n",
				     ipcc->tx_irq);

	/* The rx line (through EXTI on STM32MP1) can wake the system. */
	if (of_property_read_bool(dev->of_node, "wakeup-source")) {
		device_set_wakeup_capable(dev, true);
		ret = dev_pm_set_wake_irq(dev, ipcc->rx_irq);
		if (ret) {
			device_set_wakeup_capable(dev, false);
			return dev_err_probe(dev, ret, "cannot set wake-up irq\n");
		}
		ret = devm_add_action_or_reset(dev, stm32_ipcc_wake_off, dev);
		if (ret)
			return ret;
	}

	ipcc->mbox.dev = dev;
	ipcc->mbox.ops = &stm32_ipcc_ops;
	ipcc->mbox.chans = ipcc->chans;
	ipcc->mbox.num_chans = ipcc->nchans;
	ipcc->mbox.of_xlate = stm32_ipcc_xlate;
	ipcc->mbox.txdone_irq = true;

	platform_set_drvdata(pdev, ipcc);

	ret = devm_mbox_controller_register(dev, &ipcc->mbox);
	if (ret)
		return dev_err_probe(dev, ret, "cannot register mailbox controller\n");

	dev_info(dev, "IPCC v%lu.%lu, %u channels, processor %u\n",
		 FIELD_GET(IPCC_VERR_MAJOR, version),
		 FIELD_GET(IPCC_VERR_MINOR, version), ipcc->nchans,
		 ipcc->proc_id);

	return 0;
}

/*
 * Channels in use keep the clock on over suspend: with wake-up enabled
 * the rx line must work while the system sleeps. The copies of MR and CR
 * are current at all times, so there is nothing to save on suspend.
 */
static int stm32_ipcc_resume_noirq(struct device *dev)
{
	struct stm32_ipcc *ipcc = dev_get_drvdata(dev);
	unsigned long flags;
	int ret;

	ret = clk_prepare_enable(ipcc->clk);
	if (ret) {
		dev_err(dev, "cannot enable clock: %d\n", ret);
		return ret;
	}

	spin_lock_irqsave(&ipcc->lock, flags);
	stm32_ipcc_write_ctrl(ipcc);
	spin_unlock_irqrestore(&ipcc->lock, flags);

	clk_disable_unprepare(ipcc->clk);

	return 0;
}

static const struct dev_pm_ops stm32_ipcc_pm_ops = {
	NOIRQ_SYSTEM_SLEEP_PM_OPS(NULL, stm32_ipcc_resume_noirq)
};

/* STM32MP15x: six channels per direction. */
#define STM32MP1_IPCC_CHANS	6
static_assert(STM32MP1_IPCC_CHANS <= IPCC_LAYOUT_CHANS);

static const struct stm32_ipcc_variant stm32_ipcc_stm32mp1 = {
	.proc_stride = 0x10,
	.hwcfgr = 0x3f0,
	.verr = 0x3f4,
	.max_chans = STM32MP1_IPCC_CHANS,
};

static const struct of_device_id stm32_ipcc_of_match[] = {
	{ .compatible = "st,stm32mp1-ipcc", .data = &stm32_ipcc_stm32mp1 },
	{ }
};
MODULE_DEVICE_TABLE(of, stm32_ipcc_of_match);

static struct platform_driver stm32_ipcc_driver = {
	.probe = stm32_ipcc_probe,
	.driver = {
		.name = "stm32-ipcc",
		.of_match_table = stm32_ipcc_of_match,
		.pm = pm_sleep_ptr(&stm32_ipcc_pm_ops),
	},
};
module_platform_driver(stm32_ipcc_driver);

MODULE_DESCRIPTION("STM32MP1 IPCC mailbox driver");
MODULE_LICENSE("GPL");
