"""Lays the demo's emoji images out as class folders, one per Unicode emoji category.

usage: python3 emoji_classes.py PACKAGE_DIR OUT_DIR

The conditional DCGAN (cdcgan*) takes its classes from a dataset's sub-folders. The npm package
emoji-datasource-google names each image's category in its emoji.json; this writes
OUT_DIR/<category>/<image>.png as symbolic links to the package's 64 px images (no copies).
The five skin-tone swatches of the "Component" category are left out.
"""

import json
import os
import re
import sys


def slug(category: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", category.lower()).strip("_")


def main(package_dir: str, out_dir: str) -> int:
    images = os.path.join(package_dir, "img", "google", "64")
    with open(os.path.join(package_dir, "emoji.json"), encoding="utf-8") as f:
        emoji = json.load(f)
    count = 0
    for e in emoji:
        source = os.path.join(images, e["image"])
        if e.get("category") == "Component" or not os.path.isfile(source):
            continue
        folder = os.path.join(out_dir, slug(e["category"]))
        os.makedirs(folder, exist_ok=True)
        target = os.path.join(folder, e["image"])
        if not os.path.lexists(target):
            os.symlink(source, target)
        count += 1
    print(f"{count} images in {len(os.listdir(out_dir))} class folders under {out_dir}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
