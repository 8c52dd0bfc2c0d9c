"""Writes the quality package's test fixtures (trainers/src/test/resources/quality/).

    /work/torchvenv/bin/python trainers/src/test/python/make_quality_fixtures.py

Outputs, all small and made here from fixed seeds (no data set, no downloaded weights):
- tiny_features.pt: a TorchScript feature extractor, two 3x3 convolutions + global average
  pooling -> 16 features, taking images in [0, 1] (the "zero_one" convention), with an
  `atelier.json` extra file declaring its name, input size (24) and input range.
- tiny_features_plain.pt: the same network without the extra file.
- tiny_features_expected.json: the features PyTorch computes for a formula-made batch under each
  input convention and with/without resizing, plus reference values for the Frechet distance
  and KID computed with numpy by routes independent of the Java code's.

Run with the torch that matches DJL's natives (2.7.1) so TorchScript loads the same.
"""

import json
import pathlib

import numpy as np
import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "quality"
IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


class TinyFeatures(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.c2 = torch.nn.Conv2d(8, 16, 3, stride=2, padding=1)

    def forward(self, x):
        x = F.relu(self.c1(x))
        x = F.relu(self.c2(x))
        # (N, 16, 1, 1), like Inception's pool3 output: the Java side must flatten it.
        return F.adaptive_avg_pool2d(x, 1)


def formula_images(count, size):
    """The same formula as QualityFixtures.formulaImages in the Java tests: exact float32 values."""
    img = np.zeros((count, 3, size, size), dtype=np.float32)
    for n in range(count):
        for c in range(3):
            for y in range(size):
                for x in range(size):
                    k = (n * 7919 + c * 104729 + y * y * 31 + x * 17 + x * y * 5) % 255
                    img[n, c, y, x] = np.float32(k / 127.5 - 1.0)
    return img


def convert(images, input_range):
    x = torch.from_numpy(images)
    if input_range == "minus_one_one":
        return x
    x = (x + 1) / 2
    if input_range == "zero_one":
        return x
    mean = torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)
    return (x - mean) / std


def frechet_reference(rng):
    """Two 5-D Gaussians with full covariances; Tr((S1 S2)^1/2) from the eigenvalues of the
    non-symmetric product, a different route from the Java code's symmetric decompositions."""
    d = 5
    a = rng.normal(size=(d, d))
    b = rng.normal(size=(d, d))
    s1 = a @ a.T + 0.1 * np.eye(d)
    s2 = b @ b.T + 0.1 * np.eye(d)
    mu1 = rng.normal(size=d)
    mu2 = rng.normal(size=d)
    ev = np.linalg.eigvals(s1 @ s2)
    tr_sqrt = np.sum(np.sqrt(ev.real.clip(min=0)))
    fd = float(np.sum((mu1 - mu2) ** 2) + np.trace(s1) + np.trace(s2) - 2 * tr_sqrt)
    return {
        "mu1": mu1.tolist(),
        "sigma1": s1.tolist(),
        "mu2": mu2.tolist(),
        "sigma2": s2.tolist(),
        "fd": fd,
    }


def kid_reference(rng):
    """Unbiased MMD^2 with k(x, y) = (x.y/d + 1)^3 on 12 vs 12 points: with a subset size equal
    to both counts every subset is a permutation of all points, so the value is exact."""
    n, d = 12, 4
    x = rng.normal(size=(n, d)).astype(np.float32)
    y = (rng.normal(size=(n, d)) * 1.5 + 0.5).astype(np.float32)
    xd, yd = x.astype(np.float64), y.astype(np.float64)
    kxx = (xd @ xd.T / d + 1) ** 3
    kyy = (yd @ yd.T / d + 1) ** 3
    kxy = (xd @ yd.T / d + 1) ** 3
    mmd = (
        (kxx.sum() - np.trace(kxx)) / (n * (n - 1))
        + (kyy.sum() - np.trace(kyy)) / (n * (n - 1))
        - 2 * kxy.sum() / (n * n)
    )
    return {"fake": x.tolist(), "real": y.tolist(), "kid": float(mmd)}


def main():
    torch.manual_seed(20260101)
    model = TinyFeatures().eval()
    scripted = torch.jit.script(model)
    OUT.mkdir(parents=True, exist_ok=True)
    # The metadata the Java loader reads when the spec leaves these options out.
    meta = {"name": "tinyconv", "input_size": 24, "input_range": "zero_one"}
    scripted.save(str(OUT / "tiny_features.pt"), _extra_files={"atelier.json": json.dumps(meta)})
    # The same network without metadata, as a user's own export usually is.
    scripted.save(str(OUT / "tiny_features_plain.pt"))

    count, size = 4, 16
    images = formula_images(count, size)
    cases = []
    for input_range, input_size in [
        ("zero_one", None),
        ("zero_one", 24),
        ("imagenet", None),
        ("minus_one_one", 12),
    ]:
        x = convert(images, input_range)
        if input_size is not None:
            # DJL's PyTorch engine resizes with antialiasing (visible when shrinking; the same
            # as without it when enlarging), like torchvision's Resize on tensors.
            x = F.interpolate(
                x,
                size=(input_size, input_size),
                mode="bilinear",
                align_corners=False,
                antialias=True,
            )
        with torch.no_grad():
            feats = scripted(x).flatten(1)
        cases.append(
            {"input_range": input_range, "input_size": input_size, "features": feats.tolist()}
        )

    rng = np.random.default_rng(7)
    expected = {
        "torch": torch.__version__,
        "count": count,
        "size": size,
        "dim": 16,
        "cases": cases,
        "frechet": frechet_reference(rng),
        "kid": kid_reference(rng),
    }
    (OUT / "tiny_features_expected.json").write_text(json.dumps(expected, indent=1) + "\n")
    print("wrote", OUT / "tiny_features.pt", (OUT / "tiny_features.pt").stat().st_size, "bytes")


if __name__ == "__main__":
    main()
