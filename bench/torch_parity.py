"""Writes the forward-pass parity fixtures that TorchParityTest checks the DJL blocks against
(trainers/src/test/resources/torch-parity/*.npz; run through bench/torch_parity.sh).

For each family (stylegan2, r3gan) and image size (32, 64) it builds the PyTorch reference
(bench/stylegan2_torch.py, bench/r3gan_torch.py) at a tiny configuration with the trainer's
initialisation, then moves every parameter that starts at zero or a constant (biases, noise
strengths, each residual block's last layer, w_avg) by random amounts, so that every term of the
forward pass shows in the outputs. It stores, under DJL's parameter names:

  config          the configuration (float32, see CONFIGS for the order)
  init.g.<name>   [mean, std] of each parameter as the reference initialised it (std 0: constant)
  init.d.<name>
  g.<name>        every generator parameter (w_avg included), float32
  d.<name>        every discriminator parameter, float32
  z               latents (N, latent_dim)
  g_out           G(z) in inference: psi 1, no mixing, stylegan2's fixed noise maps
  g_out_psi       (stylegan2) G(z) at truncation psi 0.7
  x_real          (32 px) images in [-1, 1] that D sees after g_out
  d_out           D(concat(g_out, x_real)) (N, 1)

The outputs are computed in float64 from the float32 weights and stored as float32, so the
tolerance in the test measures the DJL side's float32 error alone.
"""

import argparse
import io
import zipfile
from pathlib import Path

import numpy as np
import torch

import r3gan_torch
import stylegan2_torch

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "trainers" / "src" / "test" / "resources" / "torch-parity"
PSI = 0.7

# name: (family, size, G batch, extra real images for D, config)
CONFIGS = {
    # stylegan2 config: size, latent_dim, w_dim, mapping_layers, g_width, d_width
    "stylegan2-32": ("stylegan2", 32, 4, 4, [32, 16, 16, 2, 8, 8]),
    "stylegan2-64": ("stylegan2", 64, 2, 0, [64, 16, 16, 2, 8, 8]),
    # r3gan config: size, latent_dim, g_width, d_width, blocks_per_stage, group_channels
    "r3gan-32": ("r3gan", 32, 4, 4, [32, 16, 8, 8, 2, 4]),
    "r3gan-64": ("r3gan", 64, 2, 0, [64, 16, 8, 8, 2, 4]),
}


def build(family, config):
    if family == "stylegan2":
        size, latent, w_dim, mapping, gw, dw = config
        return stylegan2_torch.Generator(latent, w_dim, mapping, gw, size), stylegan2_torch.Discriminator(dw, size)
    size, latent, gw, dw, blocks, group_channels = config
    return (
        r3gan_torch.Generator(latent, gw, size, blocks, group_channels),
        r3gan_torch.Discriminator(dw, size, blocks, group_channels),
    )


def stir(state, generator):
    """Moves each parameter that starts flat (all equal: zeros, ones) by N(0, 0.2^2) per entry."""
    with torch.no_grad():
        for t in state.values():
            if t.numel() == 1 or torch.all(t == t.flatten()[0]):
                t.add_(torch.randn(t.shape, generator=generator) * 0.2)


def init_stats(t):
    """[mean, std] of a parameter as initialised: std 0 for a constant (every entry the mean)."""
    flat = t.detach().double().flatten()
    if torch.all(flat == flat[0]):
        return np.array([flat[0].item(), 0.0], dtype=np.float32)
    return np.array([flat.mean().item(), flat.std().item()], dtype=np.float32)


def fixture(name, seed):
    family, size, batch, extra, config = CONFIGS[name]
    torch.manual_seed(seed)
    g, d = build(family, config)
    arrays = {"config": np.array(config, dtype=np.float32)}
    for prefix, net in (("g", g), ("d", d)):
        for k, v in net.djl_state().items():
            arrays[f"init.{prefix}.{k}"] = init_stats(v)
    rng = torch.Generator().manual_seed(seed + 1)
    stir(g.djl_state(), rng)
    stir(d.djl_state(), rng)
    if family == "stylegan2":
        g.w_avg.copy_(torch.randn(g.w_avg.shape, generator=rng))
    for prefix, net in (("g", g), ("d", d)):
        for k, v in net.djl_state().items():
            arrays[f"{prefix}.{k}"] = v.detach().numpy().astype(np.float32)
    z = torch.randn(batch, config[1], generator=rng)
    x_real = torch.rand(extra, 3, size, size, generator=rng) * 2 - 1
    g64, d64 = g.double(), d.double()
    with torch.no_grad():
        out = g64(z.double())
        arrays["g_out"] = out.float().numpy()
        if family == "stylegan2":
            arrays["g_out_psi"] = g64(z.double(), PSI).float().numpy()
        # D sees the float32 images the fixture stores, as the test feeds them.
        seen = torch.cat([torch.from_numpy(arrays["g_out"]), x_real]).double()
        arrays["d_out"] = d64(seen).float().numpy()
    arrays["z"] = z.numpy()
    if extra:
        arrays["x_real"] = x_real.numpy()
    return arrays


def write_npz(path, arrays):
    """A plain (stored, uncompressed) npz with one .npy per array, as DJL's NDList.decode reads it;
    fixed entry times, so regenerating with the same seed gives the same bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for k, v in arrays.items():
            buf = io.BytesIO()
            np.save(buf, np.ascontiguousarray(v))
            zf.writestr(zipfile.ZipInfo(k + ".npy", date_time=(2026, 1, 1, 0, 0, 0)), buf.getvalue())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(CONFIGS):
        arrays = fixture(name, args.seed + 10 * i)
        path = args.out / f"{name}.npz"
        write_npz(path, arrays)
        scale = {k: float(np.abs(arrays[k]).max()) for k in ("g_out", "d_out")}
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KiB, {len(arrays)} arrays, max |G| {scale['g_out']:.3g}, max |D| {scale['d_out']:.3g}")


if __name__ == "__main__":
    main()
