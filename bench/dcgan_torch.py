"""PyTorch eager reference for the trainer's DCGAN (trainers/.../model/Dcgan.java, GanTraining.java).

Same layers, loss (non-saturating BCE on logits), Adam, N(0, 0.02) init, batch and thread count as
the DJL trainer; the inputs are random images in [-1, 1] (content does not change the arithmetic).
Trains `--warmup-steps` steps, then as many as fit in `--seconds`, and prints one JSON line.
"""

import argparse
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from torch_common import RandomBatches, print_report, set_threads, timed_run, trainable


class NearestUpsample(nn.Module):
    """(N, C, H, W) -> (N, C, 2H, 2W). `repeat` mirrors DJL's two repeat_interleave calls."""

    def __init__(self, how):
        super().__init__()
        self.how = how

    def forward(self, x):
        if self.how == "repeat":
            return x.repeat_interleave(2, dim=2).repeat_interleave(2, dim=3)
        return F.interpolate(x, scale_factor=2, mode="nearest")


def stages(size):
    return int(math.log2(size)) - 2


def generator(size, latent, width, upsample):
    top = width << (stages(size) - 1)
    layers = [nn.Linear(latent, top * 16, bias=False), nn.Unflatten(1, (top, 4, 4))]
    layers += [nn.BatchNorm2d(top), nn.ReLU()]
    ch = top
    for _ in range(1, stages(size)):
        layers += [NearestUpsample(upsample), nn.Conv2d(ch, ch // 2, 3, 1, 1, bias=False)]
        layers += [nn.BatchNorm2d(ch // 2), nn.ReLU()]
        ch //= 2
    layers += [NearestUpsample(upsample), nn.Conv2d(ch, 3, 3, 1, 1), nn.Tanh()]
    return nn.Sequential(*layers)


def discriminator(size, width):
    layers, cin, ch = [], 3, width
    for s in range(stages(size)):
        layers.append(nn.Conv2d(cin, ch, 4, 2, 1, bias=False))
        if s > 0:
            layers.append(nn.BatchNorm2d(ch))
        layers.append(nn.LeakyReLU(0.2))
        cin, ch = ch, ch * 2
    layers += [nn.Conv2d(cin, 1, 4, 1, 0), nn.Flatten()]
    return nn.Sequential(*layers)


def init_weights(model):
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.normal_(m.weight, 0.0, 0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", type=int, default=64, choices=[32, 64])
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--latent", type=int, default=64)
    ap.add_argument("--width", type=int, default=64)
    ap.add_argument("--threads", type=int, default=torch.get_num_threads())
    ap.add_argument("--warmup-steps", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=90)
    ap.add_argument("--images", type=int, default=3800, help="size of the random data set")
    ap.add_argument("--upsample", choices=["interpolate", "repeat"], default="interpolate")
    args = ap.parse_args()

    set_threads(args.threads)
    torch.manual_seed(42)
    g = generator(args.size, args.latent, args.width, args.upsample)
    d = discriminator(args.size, args.width)
    init_weights(g)
    init_weights(d)
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    batches = RandomBatches(args.images, args.size, args.batch)

    def step(_):
        real = batches.next()
        z = torch.randn(args.batch, args.latent)
        fake = g(z)
        loss_d = F.softplus(-d(real)).mean() + F.softplus(d(fake.detach())).mean()
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        # As the trainer does: D is frozen while G steps, so no gradients are computed for it.
        d.requires_grad_(False)
        loss_g = F.softplus(-d(fake)).mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        d.requires_grad_(True)
        return loss_g.item(), loss_d.item()

    print_report(timed_run(step, args.batch, args.warmup_steps, args.seconds, trainable(g), trainable(d)))


if __name__ == "__main__":
    main()
