"""PyTorch eager reference for the trainer's stylegan2 (trainers/.../model/StyleGan2*.java).

The same layer shapes (`StyleGan2Shape`: `width` channels per block up to 32x32, halved per
doubling above; two styles per resolution), the same initialisation (equalised learning rate:
weights stored N(0, 1 / lr_mul^2) and scaled at run time by lr_mul / sqrt(fan_in), biases stored
as their initial value and scaled by lr_mul; lr_mul 0.01 in the mapping network; affine biases 1;
noise strengths 0; the constant N(0, 1)), and every parameter in a `ParameterDict` under the DJL
block's own name (`map0_w`, `b8_conv0_affine_w`, `b4_fc_b`, ...), `w_avg` a buffer.

Like the DJL generator (and unlike NVlabs' stylegan2-ada-pytorch, which convolves transposed
first and filters after), a block's first layer upsamples with the [1, 3, 3, 1] filter and then
convolves. In inference the noise is a fixed map per layer drawn from java.util.Random(0x5EED0000
+ layer) as the DJL generator draws it (`JavaRandom` reproduces that generator), so both sides
draw the same image from the same z.

As a script: trains stylegan2 as the trainer does by default (non-saturating loss, lazy R1 gamma
0.01 every 16 steps at 16x weight, style mixing 0.9, per-layer noise, w_avg tracking, Adam
(0, 0.99) lr 0.0025, 2 mapping layers, EMA 0.999) on random images for `--seconds` after
`--warmup-steps`, and prints one JSON line (bench/gan_bench.py runs it beside the trainer).
"""

import argparse
import copy
import math
import random

import torch
import torch.nn as nn
import torch.nn.functional as F

from r3gan_torch import downsample, resolutions, upsample
from torch_common import RandomBatches, ema_update, print_report, set_threads, timed_run, trainable

MAPPING_LR_MUL = 0.01
W_AVG_BETA = 0.995
MBSTD_GROUP = 4
LRELU_GAIN = math.sqrt(2)
HALF = math.sqrt(0.5)


def channels(width, r):
    return width if r <= 32 else max(1, width * 32 // r)


def lrelu(x, gain=1.0):
    """LeakyReLU(0.2) times sqrt(2) (bias_act's 'lrelu') times `gain`."""
    return F.leaky_relu(x, 0.2) * (LRELU_GAIN * gain)


def scaled(w, lr_mul=1.0):
    """The run-time weight of an equalised layer: stored * lr_mul / sqrt(fan_in)."""
    return w * (lr_mul / math.sqrt(w[0].numel()))


def weight(shape, lr_mul=1.0):
    return nn.Parameter(torch.randn(shape) / lr_mul)


def bias(n, init=0.0):
    return nn.Parameter(torch.full((n,), float(init)))


class JavaRandom:
    """java.util.Random: its 48-bit LCG, nextDouble and the polar nextGaussian, bit for bit."""

    MASK = (1 << 48) - 1

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & self.MASK
        self.spare = None

    def _next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & self.MASK
        return self.seed >> (48 - bits)

    def next_double(self):
        return ((self._next(26) << 27) + self._next(27)) * 2.0**-53

    def next_gaussian(self):
        if self.spare is not None:
            v, self.spare = self.spare, None
            return v
        while True:
            v1, v2 = 2 * self.next_double() - 1, 2 * self.next_double() - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        m = math.sqrt(-2 * math.log(s) / s)
        self.spare = v2 * m
        return v1 * m


def const_noise(layer, r):
    """The DJL generator's fixed noise map of synthesis layer `layer` at resolution r: (1, 1, r, r)."""
    rnd = JavaRandom(0x5EED0000 + layer)
    return torch.tensor([rnd.next_gaussian() for _ in range(r * r)], dtype=torch.float32).view(1, 1, r, r)


def modulated_conv(x, w, styles, demodulate):
    """modulated_conv2d, fused: each image's kernel is w scaled per input channel by its style,
    demodulated per output channel by 1 / sqrt(sum of squares + 1e-8); one grouped convolution."""
    n, cin, h, wd = x.shape
    cout, _, k, _ = w.shape
    wk = w.unsqueeze(0) * styles.view(n, 1, cin, 1, 1)
    if demodulate:
        wk = wk * torch.rsqrt(wk.square().sum(dim=(2, 3, 4), keepdim=True) + 1e-8)
    y = F.conv2d(x.reshape(1, n * cin, h, wd), wk.reshape(n * cout, cin, k, k), padding=k // 2, groups=n)
    return y.view(n, cout, h, wd)


class Generator(nn.Module):
    def __init__(self, latent, w_dim, mapping_layers, width, size):
        super().__init__()
        self.latent, self.w_dim, self.size = latent, w_dim, size
        p = self.p = nn.ParameterDict()
        self.mapping_layers = mapping_layers
        for i in range(mapping_layers):
            p[f"map{i}_w"] = weight((w_dim, latent if i == 0 else w_dim), MAPPING_LR_MUL)
            p[f"map{i}_b"] = bias(w_dim)
        self.register_buffer("w_avg", torch.zeros(w_dim))
        p["const"] = nn.Parameter(torch.randn(channels(width, 4), 4, 4))
        self.layers, self.to_rgbs = [], []  # (name, resolution, up, index)
        index = 0
        for r in resolutions(size):
            c = channels(width, r)
            if r > 4:
                self._layer(f"b{r}_conv0", channels(width, r // 2), c, 3)
                self.layers.append((f"b{r}_conv0", r, True, index))
                index += 1
            self._layer(f"b{r}_conv1", c, c, 3)
            self.layers.append((f"b{r}_conv1", r, False, index))
            index += 1
            self._layer(f"b{r}_torgb", c, 3, 1, noise=False)
            self.to_rgbs.append(f"b{r}_torgb")
        self.num_ws = 2 * len(resolutions(size))
        self.noise = {i: const_noise(i, r) for (_, r, _, i) in self.layers}

    def _layer(self, name, cin, cout, k, noise=True):
        p = self.p
        p[name + "_affine_w"] = weight((cin, self.w_dim))
        p[name + "_affine_b"] = bias(cin, 1)
        p[name + "_w"] = weight((cout, cin, k, k))
        p[name + "_b"] = bias(cout)
        if noise:
            p[name + "_noise_strength"] = nn.Parameter(torch.zeros(1))

    def mapping(self, z, psi=1.0, update_average=False):
        p = self.p
        x = z * torch.rsqrt(z.square().mean(dim=1, keepdim=True) + 1e-8)
        for i in range(self.mapping_layers):
            x = lrelu(F.linear(x, scaled(p[f"map{i}_w"], MAPPING_LR_MUL), p[f"map{i}_b"] * MAPPING_LR_MUL))
        if update_average:
            with torch.no_grad():
                self.w_avg.lerp_(x.detach().mean(dim=0), 1 - W_AVG_BETA)
        if psi != 1:
            x = self.w_avg + psi * (x - self.w_avg)
        return x

    def _styles(self, name, w):
        return F.linear(w, scaled(self.p[name + "_affine_w"]), self.p[name + "_affine_b"])

    def synthesis(self, ws, noise=None):
        """ws (N, num_ws, w_dim) to images; noise: 'random' (training) or None (the fixed maps)."""
        p = self.p
        n = ws.shape[0]
        x = p["const"].unsqueeze(0).expand(n, -1, -1, -1)
        img, w_idx, li = None, 0, 0
        for b, rgb in enumerate(self.to_rgbs):
            convs = 1 if b == 0 else 2
            for k in range(convs):
                name, r, up, index = self.layers[li]
                li += 1
                if up:
                    x = upsample(x)
                x = modulated_conv(x, p[name + "_w"], self._styles(name, ws[:, w_idx + k]), True)
                nz = torch.randn(n, 1, r, r) if noise == "random" else self.noise[index]
                x = x + nz * p[name + "_noise_strength"]
                x = lrelu(x + p[name + "_b"].view(1, -1, 1, 1))
            cin = x.shape[1]
            styles = self._styles(rgb, ws[:, w_idx + convs]) * (1 / math.sqrt(cin))
            y = modulated_conv(x, p[rgb + "_w"], styles, False) + p[rgb + "_b"].view(1, -1, 1, 1)
            img = y if img is None else upsample(img) + y
            w_idx += convs
        return img

    def forward(self, z, psi=1.0):
        """Inference: no mixing, the fixed noise maps, w_avg left as it is."""
        w = self.mapping(z, psi)
        return self.synthesis(w.unsqueeze(1).expand(-1, self.num_ws, -1))

    def train_forward(self, z, mixing, rnd):
        """Training: w_avg moves, style mixing with probability `mixing`, fresh noise."""
        w = self.mapping(z, update_average=True)
        ws = w.unsqueeze(1).expand(-1, self.num_ws, -1)
        if rnd.random() < mixing:
            cutoff = rnd.randrange(1, self.num_ws)
            w2 = self.mapping(torch.randn_like(z))
            ws = torch.cat([ws[:, :cutoff], w2.unsqueeze(1).expand(-1, self.num_ws - cutoff, -1)], dim=1)
        return self.synthesis(ws, "random")

    def djl_state(self):
        state = {k: v.detach() for k, v in self.p.items()}
        state["w_avg"] = self.w_avg
        return state


class Discriminator(nn.Module):
    def __init__(self, width, size):
        super().__init__()
        p = self.p = nn.ParameterDict()
        top = channels(width, size)
        p["from_rgb_w"] = weight((top, 3, 1, 1))
        p["from_rgb_b"] = bias(top)
        self.blocks = []
        for r in reversed(resolutions(size)[1:]):
            c, out = channels(width, r), channels(width, r // 2)
            p[f"b{r}_conv0_w"] = weight((c, c, 3, 3))
            p[f"b{r}_conv0_b"] = bias(c)
            p[f"b{r}_conv1_w"] = weight((out, c, 3, 3))
            p[f"b{r}_conv1_b"] = bias(out)
            p[f"b{r}_skip_w"] = weight((out, c, 1, 1))
            self.blocks.append(f"b{r}")
        c4 = channels(width, 4)
        p["b4_conv_w"] = weight((c4, c4 + 1, 3, 3))
        p["b4_conv_b"] = bias(c4)
        p["b4_fc_w"] = weight((c4, c4 * 16))
        p["b4_fc_b"] = bias(c4)
        p["b4_out_w"] = weight((1, c4))
        p["b4_out_b"] = bias(1)

    def _conv(self, x, name):
        w = self.p[name]
        return F.conv2d(x, scaled(w), padding=w.shape[2] // 2)

    def _bias_act(self, x, name, gain=1.0):
        return lrelu(x + self.p[name].view(1, -1, 1, 1), gain)

    def forward(self, img):
        p = self.p
        x = self._bias_act(self._conv(img, "from_rgb_w"), "from_rgb_b")
        for b in self.blocks:
            y = self._conv(downsample(x), b + "_skip_w") * HALF
            m = self._bias_act(self._conv(x, b + "_conv0_w"), b + "_conv0_b")
            m = self._bias_act(downsample(self._conv(m, b + "_conv1_w")), b + "_conv1_b", HALF)
            x = y + m
        x = minibatch_std(x)
        x = self._bias_act(self._conv(x, "b4_conv_w"), "b4_conv_b")
        x = lrelu(F.linear(x.flatten(1), scaled(p["b4_fc_w"]), p["b4_fc_b"]))
        return F.linear(x, scaled(p["b4_out_w"]), p["b4_out_b"])

    def djl_state(self):
        return {k: v.detach() for k, v in self.p.items()}


def minibatch_std(x, group=MBSTD_GROUP):
    """MinibatchStdLayer, one feature: images n, n + M, n + 2M, ... form a group of G = min(4, N)."""
    n, c, h, w = x.shape
    g = min(group, n)
    y = x.view(g, -1, c, h, w)
    y = (y - y.mean(dim=0)).square().mean(dim=0).add(1e-8).sqrt()  # (M, C, H, W)
    y = y.flatten(1).mean(dim=1)  # (M)
    y = y.view(1, -1, 1, 1, 1).expand(g, -1, 1, h, w).reshape(n, 1, h, w)
    return torch.cat([x, y], dim=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=64, choices=[32, 64, 128, 256])
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--latent", type=int, default=64, help="latent_dim, also w_dim")
    ap.add_argument("--width", type=int, default=64, help="g_width and d_width")
    ap.add_argument("--mapping-layers", type=int, default=2)
    ap.add_argument("--r1-gamma", type=float, default=0.01)
    ap.add_argument("--r1-interval", type=int, default=16)
    ap.add_argument("--style-mixing", type=float, default=0.9)
    ap.add_argument("--lr", type=float, default=0.0025)
    ap.add_argument("--ema", type=float, default=0.999)
    ap.add_argument("--threads", type=int, default=torch.get_num_threads())
    ap.add_argument("--warmup-steps", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--images", type=int, default=3800, help="size of the random data set")
    args = ap.parse_args()

    set_threads(args.threads)
    torch.manual_seed(42)
    rnd = random.Random(42)
    g = Generator(args.latent, args.latent, args.mapping_layers, args.width, args.size)
    d = Discriminator(args.width, args.size)
    ema = copy.deepcopy(g).requires_grad_(False) if args.ema > 0 else None
    opt_g = torch.optim.Adam(g.parameters(), lr=args.lr, betas=(0.0, 0.99))
    opt_d = torch.optim.Adam(d.parameters(), lr=args.lr, betas=(0.0, 0.99))
    batches = RandomBatches(args.images, args.size, args.batch)

    def step(i):
        # As GanStep: D on the real and the detached fake batch (plus lazy R1 every r1_interval
        # steps at that many times its weight, on its own pass over the real batch, as the
        # trainer and StyleGAN2-ADA's Dr1 phase do), then G through D frozen on the same fakes.
        real = batches.next()
        z = torch.randn(args.batch, args.latent)
        fake = g.train_forward(z, args.style_mixing, rnd)
        loss_d = F.softplus(-d(real)).mean() + F.softplus(d(fake.detach())).mean()
        total = loss_d
        if i % args.r1_interval == 0:
            x = real.detach().requires_grad_(True)
            (grad,) = torch.autograd.grad(d(x).sum(), x, create_graph=True)
            total = total + grad.square().sum(dim=(1, 2, 3)).mean() * (args.r1_gamma * args.r1_interval / 2)
        opt_d.zero_grad(set_to_none=True)
        total.backward()
        opt_d.step()
        d.requires_grad_(False)
        loss_g = F.softplus(-d(fake)).mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        d.requires_grad_(True)
        if ema is not None:
            ema_update(ema, g, i, args.ema)
        return loss_g.item(), loss_d.item()

    print_report(timed_run(step, args.batch, args.warmup_steps, args.seconds, trainable(g), trainable(d), model="stylegan2"))


if __name__ == "__main__":
    main()
