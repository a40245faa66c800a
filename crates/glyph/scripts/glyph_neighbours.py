#!/usr/bin/env python3
"""Visual neighbours from rendered glyph shapes (writes data/visual_pairs.tsv).

Each of the ~5000 most frequent Han characters of the jieba-rs dictionary is rendered in
Noto Sans CJK SC and Noto Serif CJK SC (Debian fonts-noto-cjk, SIL OFL 1.1), reduced to a
blurred 16x16 grey image per face, and compared by cosine similarity. For every character the
most similar glyphs above a floor are kept: "a<TAB>b<TAB>similarity*1000".
Needs: pillow, numpy. Run before scripts/build_tables.py.
"""
import glob, os, sys
import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N_CHARS = 5000
TOP = 8
FLOOR = 0.80
FACES = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
         "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"]


def chars():
    path = sorted(glob.glob(os.path.expanduser("~/.cargo/registry/src/*/jieba-rs-0.11.*/src/data/dict.txt")))[-1]
    f = {}
    for line in open(path, encoding="utf-8"):
        p = line.split()
        if len(p) >= 2 and len(p[0]) == 1 and "\u4e00" <= p[0] <= "\u9fff":
            f[p[0]] = f.get(p[0], 0) + int(p[1])
    return [c for c, _ in sorted(f.items(), key=lambda x: -x[1])[:N_CHARS]]


def feats(cs, face):
    font = ImageFont.truetype(face, 48, index=2)  # index 2 = SC in the Noto CJK collections
    out = np.zeros((len(cs), 256), np.float32)
    for i, c in enumerate(cs):
        img = Image.new("L", (64, 64), 0)
        ImageDraw.Draw(img).text((8, 0), c, font=font, fill=255)
        img = img.filter(ImageFilter.GaussianBlur(2.0)).resize((16, 16), Image.BILINEAR)
        v = np.asarray(img, np.float32).ravel()
        v -= v.mean()
        out[i] = v / (np.linalg.norm(v) + 1e-6)
    return out


def main():
    cs = chars()
    sims = None
    for face in FACES:
        f = feats(cs, face)
        s = f @ f.T
        sims = s if sims is None else np.minimum(sims, s)  # must look alike in both faces
    np.fill_diagonal(sims, -1)
    with open(os.path.join(ROOT, "data", "visual_pairs.tsv"), "w", encoding="utf-8") as out:
        n = 0
        for i, c in enumerate(cs):
            idx = np.argsort(-sims[i])[:TOP]
            for j in idx:
                if sims[i, j] >= FLOOR:
                    out.write(f"{c}\t{cs[j]}\t{int(sims[i, j] * 1000)}\n"); n += 1
    print("pairs:", n)


if __name__ == "__main__":
    main()
