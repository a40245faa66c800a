#!/usr/bin/env python3
"""Regenerate data/bigrams.bin: character bigrams attested inside jieba dictionary words.

Input: dict.txt of the jieba-rs crate 0.11 (MIT), found under ~/.cargo/registry after
`cargo fetch` (see README), or --jieba-dict PATH. data/curated_groups.txt for typo filtering.

Output: data/bigrams.bin, records of 5 bytes sorted by key: [a:u16 BE][b:u16 BE][q:u8], for every
pair of adjacent Han chars (both in the BMP) inside any Han word of the dictionary, q =
min(255, round(2 * ln(1 + summed frequency of the words holding the pair))). Words that are one
curated look-alike swap away from a word 100x more frequent (corpus typos such as 自已) are skipped.
"""
import argparse, glob, math, os, re, struct, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")
HAN = re.compile(r"^[\u3400-\u9fff]+$")
TYPO_RATIO = 100.0


def find_jieba():
    pats = glob.glob(os.path.expanduser("~/.cargo/registry/src/*/jieba-rs-0.11.*/src/data/dict.txt"))
    if not pats:
        sys.exit("jieba-rs dict.txt not found: run `cargo fetch` in a crate depending on jieba-rs = \"0.11\"")
    return sorted(pats)[-1]


def curated_pairs():
    pairs = {}
    for line in open(os.path.join(DATA, "curated_groups.txt"), encoding="utf-8"):
        line = line.split("#", 1)[0].split("@", 1)[0].strip()
        g = [x for x in line.split() if len(x) == 1]
        for x in g:
            for y in g:
                if x != y:
                    pairs.setdefault(x, set()).add(y)
    return pairs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jieba-dict")
    a = ap.parse_args()
    freq = {}
    for line in open(a.jieba_dict or find_jieba(), encoding="utf-8"):
        p = line.split()
        if len(p) >= 2 and HAN.match(p[0]):
            freq[p[0]] = freq.get(p[0], 0) + int(p[1])
    cur = curated_pairs()
    typos = set()
    for w, fr in freq.items():
        for i, ch in enumerate(w):
            if len(w) >= 2 and any(freq.get(w[:i] + y + w[i + 1:], 0) >= TYPO_RATIO * fr for y in cur.get(ch, ())):
                typos.add(w)
                break
    bg = {}
    for w, fr in freq.items():
        if w in typos:
            continue
        for i in range(len(w) - 1):
            x, y = ord(w[i]), ord(w[i + 1])
            if x <= 0xFFFF and y <= 0xFFFF:
                bg[(x, y)] = bg.get((x, y), 0) + fr
    out = bytearray()
    for (x, y) in sorted(bg):
        out += struct.pack(">HHB", x, y, min(255, int(round(2 * math.log1p(bg[(x, y)])))))
    open(os.path.join(DATA, "bigrams.bin"), "wb").write(bytes(out))
    print(f"bigrams: {len(bg)} ({len(out)} bytes), typo words skipped: {len(typos)}")


if __name__ == "__main__":
    main()
