"""PyTorch eager reference for the trainer's r3gan (trainers/.../model/R3gan*.java).

The same layer shapes (`R3ganShape`: `width` channels per stage up to 32x32, halved per doubling
above; `blocks_per_stage` residual blocks; a 2x inverted bottleneck whose 3x3 convolution has at
most `group_channels` channels per group), the same initialisation (MSR, fix-up: the inner layers
at gain sqrt(2 / 1.04) L^(-1/4), each block's last layer at zero, biases zero, the 4x4 bases
N(0, 1) and N(0, 1/16)), and every parameter stored in a `ParameterDict` under the DJL block's own
parameter name (`s8_b0_expand`, `basis_scale`, ...), so weights move between the two by name.

As a script: trains r3gan as the trainer does by default (rpgan, R1 and R2 at gamma 0.1 each,
Adam (0, 0.99) lr 2e-4, EMA 0.999) on random images for `--seconds` after `--warmup-steps`, and
prints one JSON line (bench/gan_bench.py runs it beside the trainer). bench/torch_parity.py uses
the modules to write the forward-pass fixtures that TorchParityTest checks the DJL blocks against.
"""

import argparse
import copy
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from torch_common import RandomBatches, ema_update, print_report, set_threads, timed_run, trainable

SLOPE = 0.2
ACTIVATION_GAIN = math.sqrt(2 / (1 + SLOPE * SLOPE))
EXPANSION = 2
TAPS = torch.tensor([1.0, 3.0, 3.0, 1.0])


def resolutions(size):
    return [4 << i for i in range(int(math.log2(size)) - 1)]


def channels(width, r):
    return width if r <= 32 else max(1, width * 32 // r)


def groups(ch, group_channels):
    expanded = ch * EXPANSION
    c = min(group_channels, expanded)
    while expanded % c:
        c -= 1
    return expanded // c


def _filter(x, gain):
    """The [1, 3, 3, 1] x [1, 3, 3, 1] / 64 low-pass filter times `gain`, one per channel of x."""
    k = torch.outer(TAPS, TAPS) / 64 * gain
    return k.to(x.dtype).expand(x.shape[1], 1, 4, 4)


def upsample(x):
    """R3GAN's upsample2d: zeros between the pixels, then the filter with gain 4 (zero padding), as
    one transposed stride-2 convolution per channel."""
    return F.conv_transpose2d(x, _filter(x, 4), stride=2, padding=1, groups=x.shape[1])


def downsample(x):
    """R3GAN's downsample2d: the filter, then every second pixel (a stride-2 convolution per channel)."""
    return F.conv2d(x, _filter(x, 1), stride=2, padding=1, groups=x.shape[1])


def conv(x, w, groups=1):
    """A stride-1 'same' convolution without bias."""
    return F.conv2d(x, w, padding=(w.shape[2] - 1) // 2, groups=groups)


def biased_activation(x, b):
    return F.leaky_relu(x + b.view(1, -1, 1, 1), SLOPE)


def msr(shape, gain, fan_in):
    """N(0, (gain / sqrt(fan_in))^2), or zeros at gain 0 (R3GAN's MSRInitializer)."""
    if gain == 0:
        return nn.Parameter(torch.zeros(shape))
    return nn.Parameter(torch.randn(shape) * (gain / math.sqrt(fan_in)))


def conv_weight(cin, cout, k, groups, gain):
    return msr((cout, cin // groups, k, k), gain, cin // groups * k * k)


class Blocks(nn.Module):
    """Holds parameters under DJL's names; the residual blocks read theirs by prefix."""

    def __init__(self):
        super().__init__()
        self.p = nn.ParameterDict()

    def add_block(self, name, ch, group_count, total_blocks):
        inner = ch * EXPANSION
        gain = ACTIVATION_GAIN * total_blocks ** (-1 / (2 * 3 - 2))
        self.p[name + "_expand"] = conv_weight(ch, inner, 1, 1, gain)
        self.p[name + "_expand_bias"] = nn.Parameter(torch.zeros(inner))
        self.p[name + "_spatial"] = conv_weight(inner, inner, 3, group_count, gain)
        self.p[name + "_spatial_bias"] = nn.Parameter(torch.zeros(inner))
        self.p[name + "_contract"] = conv_weight(inner, ch, 1, 1, 0)
        return (name, group_count)

    def block(self, x, spec):
        name, group_count = spec
        p = self.p
        y = biased_activation(conv(x, p[name + "_expand"]), p[name + "_expand_bias"])
        y = biased_activation(conv(y, p[name + "_spatial"], group_count), p[name + "_spatial_bias"])
        return x + conv(y, p[name + "_contract"])

    def djl_state(self):
        """{DJL parameter name: tensor}."""
        return {k: v.detach() for k, v in self.p.items()}


class Generator(Blocks):
    def __init__(self, latent, width, size, blocks_per_stage=2, group_channels=16):
        super().__init__()
        res = resolutions(size)
        total = len(res) * blocks_per_stage
        c4 = channels(width, 4)
        self.p["basis"] = nn.Parameter(torch.randn(c4, 4, 4))
        self.p["basis_scale"] = msr((c4, latent), 1, latent)
        self.stages = []
        for r in res:
            c = channels(width, r)
            t = None
            if r > 4 and channels(width, r // 2) != c:
                t = f"up{r}"
                self.p[t] = conv_weight(channels(width, r // 2), c, 1, 1, 1)
            blocks = [self.add_block(f"s{r}_b{b}", c, groups(c, group_channels), total) for b in range(blocks_per_stage)]
            self.stages.append((t, blocks))
        self.p["to_rgb"] = conv_weight(channels(width, size), 3, 1, 1, 1)

    def forward(self, z):
        p = self.p
        c = p["basis"].shape[0]
        x = p["basis"].view(1, c, 4, 4) * F.linear(z, p["basis_scale"]).view(-1, c, 1, 1)
        for i, (t, blocks) in enumerate(self.stages):
            if i > 0:
                if t is not None:
                    x = conv(x, p[t])
                x = upsample(x)
            for b in blocks:
                x = self.block(x, b)
        return conv(x, p["to_rgb"])


class Discriminator(Blocks):
    def __init__(self, width, size, blocks_per_stage=2, group_channels=16):
        super().__init__()
        res = resolutions(size)
        total = len(res) * blocks_per_stage
        self.p["from_rgb"] = conv_weight(3, channels(width, size), 1, 1, 1)
        self.stages = []
        for r in reversed(res):
            c = channels(width, r)
            blocks = [self.add_block(f"s{r}_b{b}", c, groups(c, group_channels), total) for b in range(blocks_per_stage)]
            t = None
            if r > 4 and channels(width, r // 2) != c:
                t = f"down{r}"
                self.p[t] = conv_weight(c, channels(width, r // 2), 1, 1, 1)
            self.stages.append((blocks, t))
        c4 = channels(width, 4)
        self.p["basis"] = msr((c4, 4, 4), 1, 16)
        self.p["to_logit"] = msr((1, c4), 1, c4)

    def forward(self, img):
        p = self.p
        x = conv(img, p["from_rgb"])
        for i, (blocks, t) in enumerate(self.stages):
            for b in blocks:
                x = self.block(x, b)
            if i < len(self.stages) - 1:
                x = downsample(x)
                if t is not None:
                    x = conv(x, p[t])
        # The basis: a depthwise 4x4 convolution without padding on the 4x4 map.
        pooled = (x * p["basis"].unsqueeze(0)).sum(dim=(2, 3))
        return F.linear(pooled, p["to_logit"])


def zero_centred_penalty(samples, logits):
    """E|grad_x D(x)|^2, summed over pixels and channels, mean over the batch (R3GAN's
    ZeroCenteredGradientPenalty), differentiable through autograd's double backward."""
    (grad,) = torch.autograd.grad(logits.sum(), samples, create_graph=True)
    return grad.square().sum(dim=(1, 2, 3)).mean()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=64, choices=[32, 64, 128, 256])
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--latent", type=int, default=64)
    ap.add_argument("--width", type=int, default=64, help="g_width and d_width")
    ap.add_argument("--blocks-per-stage", type=int, default=2)
    ap.add_argument("--group-channels", type=int, default=16)
    ap.add_argument("--gamma", type=float, default=0.1, help="R1 and R2")
    ap.add_argument("--ema", type=float, default=0.999)
    ap.add_argument("--threads", type=int, default=torch.get_num_threads())
    ap.add_argument("--warmup-steps", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--images", type=int, default=3800, help="size of the random data set")
    ap.add_argument("--separate-penalty-passes", action="store_true",
                    help="R1 and R2 each on a D pass of their own, as the trainer (4 D passes in D's step, not 2)")
    args = ap.parse_args()

    set_threads(args.threads)
    torch.manual_seed(42)
    g = Generator(args.latent, args.width, args.size, args.blocks_per_stage, args.group_channels)
    d = Discriminator(args.width, args.size, args.blocks_per_stage, args.group_channels)
    ema = copy.deepcopy(g).requires_grad_(False) if args.ema > 0 else None
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.0, 0.99))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.0, 0.99))
    batches = RandomBatches(args.images, args.size, args.batch)

    def step(i):
        # As GanStep: D on the real and the detached fake batch with R1 and R2 (here, as R3GAN's
        # Trainer.py, the penalties differentiate the same forward passes), then G through D
        # frozen on the same fake batch, then the weight average.
        real = batches.next().requires_grad_(True)
        z = torch.randn(args.batch, args.latent)
        fake = g(z)
        fake_d = fake.detach().requires_grad_(True)
        out_real, out_fake = d(real), d(fake_d)
        loss_d = F.softplus(out_fake - out_real).mean()
        if args.separate_penalty_passes:
            # As the trainer does: each penalty runs D once more on its own copy of the batch.
            real2, fake2 = real.detach().requires_grad_(True), fake.detach().requires_grad_(True)
            r1, r2 = zero_centred_penalty(real2, d(real2)), zero_centred_penalty(fake2, d(fake2))
        else:
            r1 = zero_centred_penalty(real, out_real)
            r2 = zero_centred_penalty(fake_d, out_fake)
        opt_d.zero_grad(set_to_none=True)
        (loss_d + args.gamma / 2 * (r1 + r2)).backward()
        opt_d.step()
        d.requires_grad_(False)
        loss_g = F.softplus(d(real.detach()) - d(fake)).mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        d.requires_grad_(True)
        if ema is not None:
            ema_update(ema, g, i, args.ema)
        return loss_g.item(), loss_d.item()

    print_report(timed_run(step, args.batch, args.warmup_steps, args.seconds, trainable(g), trainable(d), model="r3gan"))


if __name__ == "__main__":
    main()
