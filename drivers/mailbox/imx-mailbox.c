// SPDX-License-Identifier: GPL-2.0
/*
 * Mailbox driver for the Messaging Unit (MU) of NXP i.MX SoCs, the
 * i.MX6SX/7D/7ULP/8M generation.
 *
 * A client names a channel with two cells, <type index>: type 0 (TX) and
 * 1 (RX) are the four 32-bit data registers, type 2 (TXDB) and 3 (RXDB)
 * the four general-purpose interrupt lines, used as doorbells. Register
 * offsets and bit positions come from a per-SoC layout so that later MU
 * generations can be added as data.
 */

#include <linux/bitops.h>
#include <linux/clk.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/mailbox_controller.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/property.h>
#include <linux/spinlock.h>
#include <linux/suspend.h>
#include <linux/workqueue.h>

#define IMX_MU_NUM_IDX		4
#define IMX_MU_NUM_TYPES	4
#define IMX_MU_NUM_CHANS	(IMX_MU_NUM_TYPES * IMX_MU_NUM_IDX)

/* Channel types: the first cell of a client's mboxes specifier. */
enum imx_mu_type {
	IMX_MU_TYPE_TX,		/* data word out, acknowledged by TEn */
	IMX_MU_TYPE_RX,		/* data word in, signalled by RFn */
	IMX_MU_TYPE_TXDB,	/* doorbell out through GIRn, no acknowledge */
	IMX_MU_TYPE_RXDB,	/* doorbell in, signalled by GIPn */
};

/*
 * One four-bit field of a status or control register, one bit per channel
 * index. @shift is the lowest bit of the field.
 */
struct imx_mu_field {
	u16 reg;
	u8 shift;
};

/**
 * struct imx_mu_cfg - register layout of one MU generation
 * @tr: offset of TR0, TRn follows at 4-byte steps
 * @rr: offset of RR0
 * @gip: general-purpose interrupt pending (write 1 to clear)
 * @rf: receive register full
 * @te: transmit register empty
 * @gie: general-purpose interrupt enable
 * @rie: receive interrupt enable
 * @tie: transmit interrupt enable
 * @gir: general-purpose interrupt request
 * @idx0_msb: index 0 is the highest bit of each field (i.MX6SX layout)
 */
struct imx_mu_cfg {
	u16 tr;
	u16 rr;
	struct imx_mu_field gip, rf, te;
	struct imx_mu_field gie, rie, tie, gir;
	bool idx0_msb;
};

struct imx_mu_chan {
	struct mbox_chan *chan;
	enum imx_mu_type type;
	unsigned int idx;
	/*
	 * TXDB has no hardware acknowledge: txdone is reported right after
	 * send_data, from a work item (not from send_data, which runs under
	 * the channel lock the report takes).
	 */
	struct work_struct txdb_done;
};

struct imx_mu {
	struct device *dev;
	void __iomem *base;
	const struct imx_mu_cfg *cfg;
	int irq;
	/* serialises read-modify-write of the control register(s) */
	spinlock_t cr_lock;
	/* interrupt enables saved over system suspend */
	u32 saved_gie, saved_rie, saved_tie;
	bool suspended;
	struct mbox_controller mbox;
	struct mbox_chan chans[IMX_MU_NUM_CHANS];
	struct imx_mu_chan cp[IMX_MU_NUM_CHANS];
};

static inline struct imx_mu *to_imx_mu(struct mbox_controller *mbox)
{
	return container_of(mbox, struct imx_mu, mbox);
}

static u32 imx_mu_bit(const struct imx_mu *mu, const struct imx_mu_field *f,
		      unsigned int idx)
{
	if (mu->cfg->idx0_msb)
		return BIT(f->shift + IMX_MU_NUM_IDX - 1 - idx);
	return BIT(f->shift + idx);
}

/* All four bits of a field. */
static u32 imx_mu_mask(const struct imx_mu_field *f)
{
	return GENMASK(f->shift + IMX_MU_NUM_IDX - 1, f->shift);
}

static u32 imx_mu_read(struct imx_mu *mu, u32 off)
{
	return readl(mu->base + off);
}

static void imx_mu_write(struct imx_mu *mu, u32 val, u32 off)
{
	writel(val, mu->base + off);
}

/*
 * Set and clear bits in the control register holding field @f. GIRn bits
 * read back as 1 while a doorbell is pending and writing 0 to them has no
 * effect, so they are never written back: that would re-ring a doorbell
 * the other side has just taken.
 */
static void imx_mu_cr_update(struct imx_mu *mu, const struct imx_mu_field *f,
			     u32 set, u32 clr)
{
	const struct imx_mu_field *gir = &mu->cfg->gir;
	unsigned long flags;
	u32 val;

	spin_lock_irqsave(&mu->cr_lock, flags);
	val = imx_mu_read(mu, f->reg);
	if (gir->reg == f->reg)
		val &= ~imx_mu_mask(gir);
	val = (val & ~clr) | set;
	imx_mu_write(mu, val, f->reg);
	spin_unlock_irqrestore(&mu->cr_lock, flags);
}

/* Indexes (bit n = index n) whose status bit and enable bit are both set. */
static unsigned long imx_mu_pending(struct imx_mu *mu,
				    const struct imx_mu_field *status,
				    const struct imx_mu_field *enable)
{
	u32 sr = imx_mu_read(mu, status->reg);
	u32 cr = imx_mu_read(mu, enable->reg);
	unsigned long pending = 0;
	unsigned int i;

	for (i = 0; i < IMX_MU_NUM_IDX; i++)
		if ((sr & imx_mu_bit(mu, status, i)) &&
		    (cr & imx_mu_bit(mu, enable, i)))
			pending |= BIT(i);

	return pending;
}

static struct mbox_chan *imx_mu_chan(struct imx_mu *mu, enum imx_mu_type type,
				     unsigned int idx)
{
	return &mu->chans[type * IMX_MU_NUM_IDX + idx];
}

static irqreturn_t imx_mu_isr(int irq, void *data)
{
	const struct imx_mu_cfg *cfg;
	struct imx_mu *mu = data;
	unsigned long rx, rxdb, tx;
	unsigned int i;
	u32 word;

	cfg = mu->cfg;
	rx = imx_mu_pending(mu, &cfg->rf, &cfg->rie);
	rxdb = imx_mu_pending(mu, &cfg->gip, &cfg->gie);
	tx = imx_mu_pending(mu, &cfg->te, &cfg->tie);
	if (!rx && !rxdb && !tx)
		return IRQ_NONE;

	/* Reading RRn frees the register for the sender's next word. */
	for_each_set_bit(i, &rx, IMX_MU_NUM_IDX) {
		word = imx_mu_read(mu, cfg->rr + i * 4);
		mbox_chan_received_data(imx_mu_chan(mu, IMX_MU_TYPE_RX, i),
					&word);
	}

	for_each_set_bit(i, &rxdb, IMX_MU_NUM_IDX) {
		imx_mu_write(mu, imx_mu_bit(mu, &cfg->gip, i), cfg->gip.reg);
		mbox_chan_received_data(imx_mu_chan(mu, IMX_MU_TYPE_RXDB, i),
					NULL);
	}

	for_each_set_bit(i, &tx, IMX_MU_NUM_IDX) {
		imx_mu_cr_update(mu, &cfg->tie, 0, imx_mu_bit(mu, &cfg->tie, i));
		mbox_chan_txdone(imx_mu_chan(mu, IMX_MU_TYPE_TX, i), 0);
	}

	if (mu->suspended)
		pm_system_wakeup();

	return IRQ_HANDLED;
}

static void imx_mu_txdb_done(struct work_struct *work)
{
	struct imx_mu_chan *cp = container_of(work, struct imx_mu_chan, txdb_done);

	mbox_chan_txdone(cp->chan, 0);
}

static int imx_mu_send_data(struct mbox_chan *chan, void *data)
{
	struct imx_mu *mu = to_imx_mu(chan->mbox);
	const struct imx_mu_cfg *cfg = mu->cfg;
	struct imx_mu_chan *cp = chan->con_priv;

	switch (cp->type) {
	case IMX_MU_TYPE_TX:
		if (!data)
			return -EINVAL;
		/*
		 * The framework sends only after txdone, so TEn is set unless
		 * the other side never read a word left by an earlier user:
		 * keep that word rather than overwrite it. The framework keeps
		 * ours queued; TIE resubmits it once the register is read.
		 */
		if (!(imx_mu_read(mu, cfg->te.reg) & imx_mu_bit(mu, &cfg->te, cp->idx))) {
			imx_mu_cr_update(mu, &cfg->tie, imx_mu_bit(mu, &cfg->tie, cp->idx), 0);
			return -EBUSY;
		}
		imx_mu_write(mu, *(u32 *)data, cfg->tr + cp->idx * 4);
		imx_mu_cr_update(mu, &cfg->tie, imx_mu_bit(mu, &cfg->tie, cp->idx), 0);
		return 0;
	case IMX_MU_TYPE_TXDB:
		imx_mu_cr_update(mu, &cfg->gir, imx_mu_bit(mu, &cfg->gir, cp->idx), 0);
		queue_work(system_highpri_wq, &cp->txdb_done);
		return 0;
	default:
		dev_warn_ratelimited(mu->dev, "cannot send on receive channel <%u %u>\n",
				     cp->type, cp->idx);
		return -EINVAL;
	}
}

static int imx_mu_startup(struct mbox_chan *chan)
{
	struct imx_mu *mu = to_imx_mu(chan->mbox);
	const struct imx_mu_cfg *cfg = mu->cfg;
	struct imx_mu_chan *cp = chan->con_priv;

	/* A word or doorbell that arrived before startup is delivered now. */
	switch (cp->type) {
	case IMX_MU_TYPE_RX:
		imx_mu_cr_update(mu, &cfg->rie, imx_mu_bit(mu, &cfg->rie, cp->idx), 0);
		break;
	case IMX_MU_TYPE_RXDB:
		imx_mu_cr_update(mu, &cfg->gie, imx_mu_bit(mu, &cfg->gie, cp->idx), 0);
		break;
	default:
		break;
	}

	return 0;
}

static void imx_mu_shutdown(struct mbox_chan *chan)
{
	struct imx_mu *mu = to_imx_mu(chan->mbox);
	const struct imx_mu_cfg *cfg = mu->cfg;
	struct imx_mu_chan *cp = chan->con_priv;

	switch (cp->type) {
	case IMX_MU_TYPE_TX:
		imx_mu_cr_update(mu, &cfg->tie, 0, imx_mu_bit(mu, &cfg->tie, cp->idx));
		break;
	case IMX_MU_TYPE_RX:
		imx_mu_cr_update(mu, &cfg->rie, 0, imx_mu_bit(mu, &cfg->rie, cp->idx));
		break;
	case IMX_MU_TYPE_RXDB:
		imx_mu_cr_update(mu, &cfg->gie, 0, imx_mu_bit(mu, &cfg->gie, cp->idx));
		break;
	case IMX_MU_TYPE_TXDB:
		cancel_work_sync(&cp->txdb_done);
		return;
	}

	/* The client goes away next: no handler may still be delivering to it. */
	synchronize_irq(mu->irq);
}

static const struct mbox_chan_ops imx_mu_ops = {
	.send_data = imx_mu_send_data,
	.startup = imx_mu_startup,
	.shutdown = imx_mu_shutdown,
};

static struct mbox_chan *imx_mu_xlate(struct mbox_controller *mbox,
				      const struct of_phandle_args *sp)
{
	u32 type, idx;

	if (sp->args_count != 2) {
		dev_err(mbox->dev, "%pOF: mboxes specifier needs 2 cells, has %d\n",
			sp->np, sp->args_count);
		return ERR_PTR(-EINVAL);
	}

	type = sp->args[0];
	idx = sp->args[1];
	if (type >= IMX_MU_NUM_TYPES || idx >= IMX_MU_NUM_IDX) {
		dev_err(mbox->dev, "invalid channel <%u %u>: type 0..%d, index 0..%d\n",
			type, idx, IMX_MU_NUM_TYPES - 1, IMX_MU_NUM_IDX - 1);
		return ERR_PTR(-EINVAL);
	}

	return imx_mu_chan(to_imx_mu(mbox), type, idx);
}

/*
 * Side A owns the unit: start with every interrupt source disabled and no
 * stale doorbell. Received words are left in place, they are handed to
 * the RX client when it starts.
 */
static void imx_mu_init_hw(struct imx_mu *mu)
{
	const struct imx_mu_cfg *cfg = mu->cfg;

	imx_mu_cr_update(mu, &cfg->gie, 0, imx_mu_mask(&cfg->gie));
	imx_mu_cr_update(mu, &cfg->rie, 0, imx_mu_mask(&cfg->rie));
	imx_mu_cr_update(mu, &cfg->tie, 0, imx_mu_mask(&cfg->tie));
	imx_mu_write(mu, imx_mu_mask(&cfg->gip), cfg->gip.reg);
}

static int imx_mu_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct clk *clk;
	struct imx_mu *mu;
	unsigned int i;
	int ret;

	mu = devm_kzalloc(dev, sizeof(*mu), GFP_KERNEL);
	if (!mu)
		return -ENOMEM;

	mu->dev = dev;
	mu->cfg = device_get_match_data(dev);
	if (!mu->cfg)
		return -ENODEV;
	spin_lock_init(&mu->cr_lock);

	mu->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(mu->base))
		return PTR_ERR(mu->base);

	mu->irq = platform_get_irq(pdev, 0);
	if (mu->irq < 0)
		return mu->irq;

	/* The clock stays on while the driver is bound: it is cheap. */
	clk = devm_clk_get_optional_enabled(dev, NULL);
	if (IS_ERR(clk))
		return dev_err_probe(dev, PTR_ERR(clk), "cannot enable clock\n");

	for (i = 0; i < IMX_MU_NUM_CHANS; i++) {
		struct imx_mu_chan *cp = &mu->cp[i];

		cp->chan = &mu->chans[i];
		cp->type = i / IMX_MU_NUM_IDX;
		cp->idx = i % IMX_MU_NUM_IDX;
		INIT_WORK(&cp->txdb_done, imx_mu_txdb_done);
		mu->chans[i].con_priv = cp;
	}

	if (!of_property_read_bool(dev->of_node, "fsl,mu-side-b"))
		imx_mu_init_hw(mu);

	/* Wake-up capable: the remote core may talk to a suspended host. */
	ret = devm_request_irq(dev, mu->irq, imx_mu_isr, IRQF_NO_SUSPEND,
			       dev_name(dev), mu);
	if (ret)
		return dev_err_probe(dev, ret, "cannot request irq %d\n", mu->irq);

	mu->mbox.dev = dev;
	mu->mbox.ops = &imx_mu_ops;
	mu->mbox.chans = mu->chans;
	mu->mbox.num_chans = IMX_MU_NUM_CHANS;
	mu->mbox.of_xlate = imx_mu_xlate;
	mu->mbox.txdone_irq = true;

	platform_set_drvdata(pdev, mu);

	ret = devm_mbox_controller_register(dev, &mu->mbox);
	if (ret)
		return dev_err_probe(dev, ret, "cannot register mailbox controller\n");

	return 0;
}

static int imx_mu_suspend_noirq(struct device *dev)
{
	struct imx_mu *mu = dev_get_drvdata(dev);
	const struct imx_mu_cfg *cfg = mu->cfg;

	mu->saved_gie = imx_mu_read(mu, cfg->gie.reg) & imx_mu_mask(&cfg->gie);
	mu->saved_rie = imx_mu_read(mu, cfg->rie.reg) & imx_mu_mask(&cfg->rie);
	mu->saved_tie = imx_mu_read(mu, cfg->tie.reg) & imx_mu_mask(&cfg->tie);
	mu->suspended = true;

	return 0;
}

static int imx_mu_resume_noirq(struct device *dev)
{
	struct imx_mu *mu = dev_get_drvdata(dev);
	const struct imx_mu_cfg *cfg = mu->cfg;

	/*
	 * Only add back what was enabled: if the unit kept its state, TIE
	 * bits may already have changed through traffic since suspend.
	 */
	imx_mu_cr_update(mu, &cfg->gie, mu->saved_gie, 0);
	imx_mu_cr_update(mu, &cfg->rie, mu->saved_rie, 0);
	imx_mu_cr_update(mu, &cfg->tie, mu->saved_tie, 0);
	mu->suspended = false;

	return 0;
}

static const struct dev_pm_ops imx_mu_pm_ops = {
	NOIRQ_SYSTEM_SLEEP_PM_OPS(imx_mu_suspend_noirq, imx_mu_resume_noirq)
};

/* i.MX6SX, 7D and 8M: one status and one control register. */
static const struct imx_mu_cfg imx_mu_cfg_imx6sx = {
	.tr = 0x00,
	.rr = 0x10,
	.gip = { 0x20, 28 }, .rf = { 0x20, 24 }, .te = { 0x20, 20 },
	.gie = { 0x24, 28 }, .rie = { 0x24, 24 }, .tie = { 0x24, 20 },
	.gir = { 0x24, 16 },
	.idx0_msb = true,
};

/* i.MX7ULP: the same registers behind a parameter block. */
static const struct imx_mu_cfg imx_mu_cfg_imx7ulp = {
	.tr = 0x20,
	.rr = 0x40,
	.gip = { 0x60, 28 }, .rf = { 0x60, 24 }, .te = { 0x60, 20 },
	.gie = { 0x64, 28 }, .rie = { 0x64, 24 }, .tie = { 0x64, 20 },
	.gir = { 0x64, 16 },
	.idx0_msb = true,
};

/* i.MX8ULP: one status and one control register per function. */
static const struct imx_mu_cfg imx_mu_cfg_imx8ulp = {
	.tr = 0x200,
	.rr = 0x280,
	.gip = { 0x118, 0 }, .rf = { 0x12c, 0 }, .te = { 0x124, 0 },
	.gie = { 0x110, 0 }, .rie = { 0x128, 0 }, .tie = { 0x120, 0 },
	.gir = { 0x114, 0 },
	.idx0_msb = false,
};

static const struct of_device_id imx_mu_of_match[] = {
	{ .compatible = "fsl,imx6sx-mu", .data = &imx_mu_cfg_imx6sx },
	{ .compatible = "fsl,imx7ulp-mu", .data = &imx_mu_cfg_imx7ulp },
	{ .compatible = "fsl,imx8ulp-mu", .data = &imx_mu_cfg_imx8ulp },
	{ }
};
MODULE_DEVICE_TABLE(of, imx_mu_of_match);

static struct platform_driver imx_mu_driver = {
	.probe = imx_mu_probe,
	.driver = {
		.name = "imx_mu",
		.of_match_table = imx_mu_of_match,
		.pm = pm_sleep_ptr(&imx_mu_pm_ops),
	},
};
module_platform_driver(imx_mu_driver);

MODULE_DESCRIPTION("i.MX Messaging Unit mailbox driver");
MODULE_LICENSE("GPL");
