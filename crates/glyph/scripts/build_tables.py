#!/usr/bin/env python3
"""Regenerate the compact tables embedded by the `suspect` crate (data/*.bin, data/neighbours.tsv).

Inputs (none is fetched at run time; this script is run by hand when the tables change):
  --jieba-dict  dict.txt of the jieba-rs crate (MIT). Default: found under ~/.cargo/registry
                after `cargo fetch` of any crate that depends on jieba-rs 0.11 (see README).
  --same-stroke same_stroke.txt of the pycorrector wheel (Apache-2.0). Default: obtained with
                `pip download pycorrector==1.1.4 --no-deps` into a temp dir.
  data/curated_groups.txt   hand-made look-alike groups (this crate's own).
  data/visual_pairs.tsv     rendered-glyph similarities (scripts/glyph_neighbours.py, from Noto CJK shapes).

Outputs:
  data/words.bin       records [len:u8][word utf-8][cost:u8], cost = round(8 * -ln(p)), p = freq/total,
                       sorted by word bytes. Han-only words, freq >= MIN_FREQ, <= MAX_CHARS chars,
                       every single Han character of the dictionary kept whatever its frequency.
  data/neighbours.tsv  "a<TAB>b<TAB>cost" (directed: OCR read a, truth may be b), cost in tenths of a nat.
"""
import argparse, glob, math, os, re, subprocess, sys, tempfile, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")
MIN_FREQ = 4
MAX_CHARS = 6
CURATED_COST = 1.5     # nats: prior cost of a curated OCR look-alike pair
STROKE_COST = 3.5      # nats: prior cost of a pycorrector same_stroke pair
TYPO_RATIO = 100.0     # a dictionary word that is one curated look-alike swap away from a word
                       # this many times more frequent is taken as a corpus typo and dropped
HAN = re.compile(r"^[\u3400-\u9fff]+$")


def find_jieba():
    pats = glob.glob(os.path.expanduser("~/.cargo/registry/src/*/jieba-rs-0.11.*/src/data/dict.txt"))
    if not pats:
        sys.exit("jieba-rs dict.txt not found: run `cargo fetch` in a crate depending on jieba-rs = \"0.11\"")
    return sorted(pats)[-1]


def find_same_stroke():
    tmp = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "pip", "download", "pycorrector==1.1.4", "--no-deps", "-q", "-d", tmp],
                   check=True)
    whl = glob.glob(os.path.join(tmp, "*.whl"))[0]
    with zipfile.ZipFile(whl) as z:
        return z.read("pycorrector/data/same_stroke.txt").decode("utf-8")


def read_groups(text):
    groups = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        cost = None
        if "@" in line:
            line, c = line.rsplit("@", 1)
            cost = float(c)
        glyphs = [g for g in re.split(r"\s+", line.strip()) if g]
        groups.append((glyphs, cost))
    return groups


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jieba-dict")
    ap.add_argument("--same-stroke")
    a = ap.parse_args()

    # --- neighbours -----------------------------------------------------------------------
    pairs = {}

    def add(x, y, cost):
        if x == y or len(x) != 1 or len(y) != 1 or not HAN.match(x + y):
            return
        for k in ((x, y), (y, x)):
            pairs[k] = min(pairs.get(k, 99.0), cost)

    curated = read_groups(open(os.path.join(DATA, "curated_groups.txt"), encoding="utf-8").read())
    curated_pairs = set()
    for glyphs, cost in curated:
        for x in glyphs:
            for y in glyphs:
                add(x, y, cost if cost is not None else CURATED_COST)
                if x != y:
                    curated_pairs.add((x, y))
    # rendered-shape neighbours (scripts/glyph_neighbours.py): cost falls with similarity
    vis = os.path.join(DATA, "visual_pairs.tsv")
    for line in open(vis, encoding="utf-8"):
        x, y, sim = line.rstrip("\n").split("\t")
        sim = int(sim) / 1000.0
        add(x, y, max(CURATED_COST, min(6.0, CURATED_COST + (0.97 - sim) * 25.0)))
    stroke = open(a.same_stroke, encoding="utf-8").read() if a.same_stroke else find_same_stroke()
    for line in stroke.splitlines():
        g = line.split()
        # pycorrector lines are "glyph<TAB>look-alike<TAB>...": pair the head with each other glyph
        for y in g[1:]:
            add(g[0], y, STROKE_COST)
    with open(os.path.join(DATA, "neighbours.tsv"), "w", encoding="utf-8") as f:
        for (x, y), c in sorted(pairs.items()):
            f.write(f"{x}\t{y}\t{int(round(c * 10))}\n")

    # --- words ----------------------------------------------------------------------------
    path = a.jieba_dict or find_jieba()
    freq = {}
    total = 0
    for line in open(path, encoding="utf-8"):
        p = line.split()
        if len(p) < 2:
            continue
        w, fr = p[0], int(p[1])
        total += fr
        if HAN.match(w):
            freq[w] = freq.get(w, 0) + fr
    keep = {w: fr for w, fr in freq.items()
            if len(w) == 1 or (fr >= MIN_FREQ and len(w) <= MAX_CHARS)}
    # drop corpus typos such as 自已 (263) beside 自己 (90933)
    by_char = {}
    for x, y in curated_pairs:
        by_char.setdefault(x, []).append(y)
    dropped = []
    for w, fr in list(keep.items()):
        if len(w) < 2:
            continue
        for i, ch in enumerate(w):
            for y in by_char.get(ch, ()):
                alt = w[:i] + y + w[i + 1:]
                if keep.get(alt, 0) >= TYPO_RATIO * fr:
                    dropped.append((w, alt))
                    keep.pop(w, None)
                    break
            if w not in keep:
                break
    out = bytearray()
    for w in sorted(keep, key=lambda s: s.encode("utf-8")):
        b = w.encode("utf-8")
        cost = min(255, int(round(-8 * math.log(keep[w] / total))))
        out.append(len(b)); out += b; out.append(cost)
    open(os.path.join(DATA, "words.bin"), "wb").write(bytes(out))
    print(f"words: {len(keep)} ({len(out)} bytes), dropped typos: {len(dropped)} e.g. {dropped[:12]}")
    print(f"neighbour pairs: {len(pairs)}")


if __name__ == "__main__":
    main()
