#!/usr/bin/env python3
"""Regenerate data/tess_pairs.tsv: Han→Han substitutions Tesseract made on the *tuning* pages.

Pages: ../../eval/out/tesseract/tune/*/ (truth.txt, tess.txt; read only) and this crate's
eval/pages/a01..a06_*/ (truth.txt, ocr.txt). Held-out pages are never read, so they stay a fair test.
Each page is aligned (Levenshtein on non-space chars); a pair "OCR glyph, truth glyph" seen at least
MIN_COUNT times is written as "ocr<TAB>truth<TAB>count", and so is a pair seen once whose rendered
shapes look alike (cosine >= MIN_SIMILARITY in both Noto faces, as scripts/glyph_neighbours.py
measures them): a real look-alike confusion, not a random garble of a damaged line.
"""
import collections, glob, os, re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TUNED = ("a01", "a02", "a03", "a04", "a05", "a06")
MIN_COUNT = 2
MIN_SIMILARITY = 0.85
HAN = re.compile(r"^[\u3400-\u9fff]$")


def strip(s):
    return [c for c in s if not c.isspace()]


def align(t, o):
    n, m = len(t), len(o)
    w = m + 1
    d = [0] * ((n + 1) * w)
    for j in range(m + 1):
        d[j] = j
    for i in range(1, n + 1):
        d[i * w] = i
        for j in range(1, m + 1):
            d[i * w + j] = min(d[(i - 1) * w + j - 1] + (t[i - 1] != o[j - 1]), d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1)
    out, i, j = [], n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and d[i * w + j] == d[(i - 1) * w + j - 1] + (t[i - 1] != o[j - 1]):
            if t[i - 1] != o[j - 1]:
                out.append((o[j - 1], t[i - 1]))
            i, j = i - 1, j - 1
        elif j > 0 and d[i * w + j] == d[i * w + j - 1] + 1:
            j -= 1
        else:
            i -= 1
    return out


def similarity(pairs):
    """Rendered-shape cosine of each (a, b), the minimum over the two faces."""
    import sys
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from glyph_neighbours import FACES, feats
    import numpy as np
    cs = sorted({c for p in pairs for c in p})
    if not cs:
        return {}
    idx = {c: i for i, c in enumerate(cs)}
    sims = None
    for face in FACES:
        f = feats(cs, face)
        s = f @ f.T
        sims = s if sims is None else np.minimum(sims, s)
    return {(a, b): float(sims[idx[a], idx[b]]) for a, b in pairs}


def main():
    pages = [(d + "truth.txt", d + "tess.txt") for d in sorted(glob.glob("../../eval/out/tesseract/tune/*/"))]
    for d in sorted(glob.glob(os.path.join(ROOT, "eval/pages/*/"))):
        if os.path.basename(d.rstrip("/")).startswith(TUNED):
            pages.append((d + "truth.txt", d + "ocr.txt"))
    cnt = collections.Counter()
    for t, o in pages:
        if os.path.exists(t) and os.path.exists(o):
            for oc, tc in align(strip(open(t, encoding="utf-8").read()), strip(open(o, encoding="utf-8").read())):
                if HAN.match(oc) and HAN.match(tc):
                    cnt[(oc, tc)] += 1
    once = [k for k, v in cnt.items() if v < MIN_COUNT]
    sim = similarity(once)
    keep = sorted((k, v) for k, v in cnt.items() if v >= MIN_COUNT or sim.get(k, 0) >= MIN_SIMILARITY)
    with open(os.path.join(ROOT, "data/tess_pairs.tsv"), "w", encoding="utf-8") as f:
        for (oc, tc), v in keep:
            f.write(f"{oc}\t{tc}\t{v}\n")
    print(f"{len(pages)} tuning pages, {sum(cnt.values())} Han substitutions, {len(keep)} pairs kept "
          f"(seen >= {MIN_COUNT}, or once and shape similarity >= {MIN_SIMILARITY})")


if __name__ == "__main__":
    main()
