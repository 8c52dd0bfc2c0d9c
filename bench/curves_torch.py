"""One PyTorch reference training run for bench/curves_bench.py: stylegan2 or r3gan (the modules of
bench/stylegan2_torch.py and bench/r3gan_torch.py) trained as the trainer trains them, on the
trainer's own decoded data set (bench/CurvesData.java dump: the same pixels), for a fixed number of
steps; then the weight average draws `--samples` images, written as raw float32 (clipped to [-1, 1],
as the trainer measures its own generator) and as 8-bit PNGs, for the trainer's metric code
(bench/CurvesData.java measure).

What matches the trainer (trainers/.../train/GanStep.java, TrainingLoop.java, loss/, Ema.java):
- data: the dumped images in [-1, 1], an endless sequence of shuffled epochs, batch i taking
  images i*B .. i*B+B-1 of it; no mirroring, no augmentation (the spec leaves both off);
- latents N(0, 1); D's update on the real and the detached fake batch plus its penalties, then G's
  through D (frozen) on the same fakes; steps counted from 0;
- stylegan2: non-saturating loss, lazy R1 (gamma 0.01) at steps divisible by 16 at 16x its weight,
  style mixing 0.9 (cut-off uniform in 1 .. numWs - 1, the second w not moving w_avg), fresh
  per-layer noise, w_avg moved once per step, Adam (0, 0.99) lr 0.0025;
- r3gan: rpgan, R1 and R2 at gamma 0.1 each every step, Adam (0, 0.99) lr 2e-4;
- EMA 0.999 ramped as min(0.999, (1 + t) / (10 + t)), starting from the initial G (w_avg too);
- logged loss_d is the adversarial term alone (the trainer's StepStats: penalties excluded),
  loss_g G's adversarial loss; means per `--window` steps, as the trainer's loss_*_avg.
Adam differs only in where epsilon sits (PyTorch: lr * m_hat / (sqrt(v_hat) + eps); the trainer's
engine adamUpdate: bias-corrected lr * m / (sqrt(v) + eps)), negligible at eps 1e-8.
"""

import argparse
import copy
import json
import random
import struct
import time
import zlib
from pathlib import Path

import torch
import torch.nn.functional as F

import r3gan_torch
import stylegan2_torch
from torch_common import set_threads


class DumpedImages:
    """The trainer's decoded data set (raw float32 N x 3 x S x S), batches from shuffled epochs."""

    def __init__(self, path, size, batch, generator):
        raw = torch.from_file(str(path), dtype=torch.float32, size=Path(path).stat().st_size // 4)
        self.data = raw.view(-1, 3, size, size).clone()
        self.batch, self.generator = batch, generator
        self.order = torch.empty(0, dtype=torch.long)

    def at(self, step):
        need = (step + 1) * self.batch
        while self.order.numel() < need:
            self.order = torch.cat([self.order, torch.randperm(self.data.shape[0], generator=self.generator)])
        return self.data.index_select(0, self.order[step * self.batch : need])


def ema_update(average, source, updates, decay):
    """train/Ema.java: every parameter and buffer (stylegan2's w_avg) at min(decay, (1+t)/(10+t))."""
    d = min(decay, (1.0 + updates) / (10.0 + updates))
    with torch.no_grad():
        for a, s in zip(list(average.parameters()) + list(average.buffers()), list(source.parameters()) + list(source.buffers())):
            a.lerp_(s, 1 - d)


def r1(d, x, weight):
    """weight * E|grad_x D(x)|^2 on its own D pass over x (detached), as the trainer's CriticGradient."""
    x = x.detach().requires_grad_(True)
    (grad,) = torch.autograd.grad(d(x).sum(), x, create_graph=True)
    return grad.square().sum(dim=(1, 2, 3)).mean() * weight


def write_png(path, chw):
    """An 8-bit RGB PNG of one (3, S, S) image in [-1, 1] (clipped, as the trainer draws images)."""
    px = ((chw.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(1, 2, 0).contiguous()
    h, w, _ = px.shape
    raw = b"".join(b"\x00" + bytes(px[y].flatten().tolist()) for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    Path(path).write_bytes(png)


def build(args):
    if args.family == "stylegan2":
        g = stylegan2_torch.Generator(args.latent, args.latent, 2, args.width, args.size)
        d = stylegan2_torch.Discriminator(args.width, args.size)
        lr = 0.0025
    else:
        g = r3gan_torch.Generator(args.latent, args.width, args.size)
        d = r3gan_torch.Discriminator(args.width, args.size)
        lr = 2e-4
    return g, d, lr


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--family", required=True, choices=["stylegan2", "r3gan"])
    ap.add_argument("--data", required=True, type=Path, help="bench/CurvesData.java dump output")
    ap.add_argument("--size", type=int, default=32)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--steps", type=int, required=True)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--latent", type=int, default=32, help="latent_dim (and stylegan2's w_dim)")
    ap.add_argument("--width", type=int, default=32, help="g_width and d_width")
    ap.add_argument("--window", type=int, default=25, help="steps per logged loss mean")
    ap.add_argument("--samples", type=int, default=256)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()

    set_threads(args.threads)
    torch.manual_seed(args.seed)
    rnd = random.Random(args.seed)
    g, d, lr = build(args)
    ema = copy.deepcopy(g).requires_grad_(False)
    opt_g = torch.optim.Adam(g.parameters(), lr=lr, betas=(0.0, 0.99), eps=1e-8)
    opt_d = torch.optim.Adam(d.parameters(), lr=lr, betas=(0.0, 0.99), eps=1e-8)
    data = DumpedImages(args.data, args.size, args.batch, torch.Generator().manual_seed(args.seed))
    stylegan = args.family == "stylegan2"

    def step(i):
        real = data.at(i)
        z = torch.randn(args.batch, args.latent)
        fake = g.train_forward(z, 0.9, rnd) if stylegan else g(z)
        out_real, out_fake = d(real), d(fake.detach())
        if stylegan:
            loss_d = F.softplus(-out_real).mean() + F.softplus(out_fake).mean()
            total = loss_d + (r1(d, real, 0.01 * 16 / 2) if i % 16 == 0 else 0)
        else:
            loss_d = F.softplus(out_fake - out_real).mean()
            total = loss_d + r1(d, real, 0.1 / 2) + r1(d, fake, 0.1 / 2)
        opt_d.zero_grad(set_to_none=True)
        total.backward()
        opt_d.step()
        d.requires_grad_(False)
        out_fake_g = d(fake)
        loss_g = F.softplus(-out_fake_g).mean() if stylegan else F.softplus(d(real) - out_fake_g).mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        d.requires_grad_(True)
        ema_update(ema, g, i, 0.999)
        return loss_g.item(), loss_d.item()

    args.out.mkdir(parents=True, exist_ok=True)
    windows, sum_g, sum_d, n = [], 0.0, 0.0, 0
    t0 = time.perf_counter()
    for i in range(args.steps):
        lg, ld = step(i)
        sum_g, sum_d, n = sum_g + lg, sum_d + ld, n + 1
        done = i + 1
        if done % args.window == 0 or done == args.steps:
            windows.append({"step": done, "loss_g_avg": sum_g / n, "loss_d_avg": sum_d / n})
            sum_g, sum_d, n = 0.0, 0.0, 0
            print(f"step {done}/{args.steps} loss_g={windows[-1]['loss_g_avg']:.3f} loss_d={windows[-1]['loss_d_avg']:.3f}", flush=True)
    train_seconds = time.perf_counter() - t0

    samples = args.out / "samples"
    samples.mkdir(exist_ok=True)
    with torch.no_grad():
        z = torch.randn(args.samples, args.latent, generator=torch.Generator().manual_seed(args.seed + 1))
        images = torch.cat([ema(z[k : k + 64]) for k in range(0, args.samples, 64)])
    for k in range(args.samples):
        write_png(samples / f"{k:05d}.png", images[k])
    # And as floats clipped to [-1, 1]: what the trainer measures its own generator on.
    flat = images.clamp(-1, 1).flatten().tolist()
    (args.out / "samples.f32").write_bytes(struct.pack(f"<{len(flat)}f", *flat))
    result = {"torch": torch.__version__, "threads": torch.get_num_threads(), "seconds": round(train_seconds, 1), "windows": windows}
    (args.out / "result.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
