#!/usr/bin/env python3
"""Trains the line-break model (crates/core/src/engine/break_model.rs) and writes its
weights table, crates/core/src/engine/break_weights.rs.

Every line break the layout hands to the model becomes one example: its binary
features (dumped by `examples/breaks`) and its label, read from the truth (is
there a paragraph end at that point of the text?). Raw pages and truth differ
by OCR damage, so the label is carried through one alignment of the two texts
with all whitespace removed.

Trained on the *tune* split only (generated families, `eval/gen.py`, and real
Tesseract text pages, `eval/render_ocr.py`); the held-out split is scored, never
learnt from. L2-regularized logistic regression by Newton's method (numpy).

    cargo build --release -p jiaodui-core --example breaks
    python3 eval/break_model.py            # prints accuracies, rewrites the table
    python3 eval/break_model.py --dry-run  # accuracies only

The dump's features depend a little on the decisions before each break (whether
line a is a paragraph's first line; whether blank lines are trusted), which come
from the model in force when the dump is made. Run it twice after changing the
features: the second fit sees the model's own context.
"""
import argparse
import collections
import difflib
import glob
import json
import os
import re
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEIGHTS_RS = os.path.join(ROOT, 'crates/core/src/engine/break_weights.rs')


def nonspace(s):
    return re.sub(r'\s', '', s)


def truth_ends(text):
    """Offsets (in the whitespace-free text) of the truth's paragraph ends."""
    ends, n = set(), 0
    for line in text.split('\n'):
        s = nonspace(line)
        if s:
            n += len(s)
            ends.add(n)
    return ends


def pages(gen_dir, tess_dir):
    """(family, split, raw, truth) of every generated and Tesseract text page."""
    for idx in sorted(glob.glob(os.path.join(gen_dir, '*', 'index.tsv'))):
        fam = os.path.basename(os.path.dirname(idx))
        for row in open(idx, encoding='utf-8').read().splitlines()[1:]:
            page, split = row.split('\t')[:2]
            d = os.path.dirname(idx)
            yield fam, split, os.path.join(d, page + '.raw.txt'), os.path.join(d, page + '.truth.txt')
    for split in ('tune', 'heldout'):
        for d in sorted(glob.glob(os.path.join(tess_dir, split, '*'))):
            if os.path.exists(os.path.join(d, 'tess.txt')):
                yield 'tesseract', split, os.path.join(d, 'tess.txt'), os.path.join(d, 'truth.txt')


def offset_map(raw, truth):
    """Whitespace-free raw offset → truth offset, or None where the texts are equal."""
    rs, ts = nonspace(raw), nonspace(truth)
    if rs == ts:
        return None
    m = {}
    for a, b, size in difflib.SequenceMatcher(None, rs, ts, autojunk=False).get_matching_blocks():
        for k in range(size + 1):
            m[a + k] = b + k
    return m


def examples(binary, page_list):
    """(family, split, features, label) for every break the model decides."""
    by_path = {raw: (fam, split, truth) for fam, split, raw, truth in page_list}
    raws = list(by_path)
    out = []
    for k in range(0, len(raws), 200):
        r = subprocess.run([binary] + raws[k:k + 200], capture_output=True, text=True, check=True)
        cache = {}
        for line in r.stdout.splitlines():
            t = json.loads(line)
            if t['cues'] is None:
                continue
            path = t['file']
            fam, split, truth_path = by_path[path]
            if path not in cache:
                raw = open(path, encoding='utf-8').read()
                truth = open(truth_path, encoding='utf-8').read()
                cache[path] = (raw.encode(), truth_ends(truth), offset_map(raw, truth))
            raw_bytes, ends, m = cache[path]
            off = len(nonspace(raw_bytes[:t['a_end']].decode('utf-8', 'replace')))
            if m is not None:
                if off not in m:
                    continue  # inside damage the alignment could not place
                off = m[off]
            out.append((fam, split, t['cues'], 0 if off in ends else 1, t['join']))
    return out


def design(rows, n):
    x = np.zeros((len(rows), n))
    for i, r in enumerate(rows):
        x[i, r[2]] = 1.0
    y = np.array([r[3] for r in rows], dtype=float)
    return x, y


def fit(x, y, l2=1.0, iters=30):
    w = np.zeros(x.shape[1])
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(x @ w)))
        g = x.T @ (p - y) + l2 * w
        h = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(x.shape[1])
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def report(name, rows, w, n):
    x, y = design(rows, n)
    pred = (x @ w) > 0
    old = np.array([r[4] for r in rows])
    by = collections.defaultdict(lambda: [0, 0, 0])
    for r, p, o in zip(rows, pred, old):
        by[r[0]][0] += 1
        by[r[0]][1] += int(p != bool(r[3]))
        by[r[0]][2] += int(o != bool(r[3]))
    print(f'{name}: {len(rows)} breaks, errors model {int((pred != y.astype(bool)).sum())}, '
          f'in force when dumped {int((old != y.astype(bool)).sum())}')
    for fam in sorted(by):
        t, e, o = by[fam]
        print(f'  {fam:20s} {t:6d}  model {e:4d}  dumped {o:4d}')


def write_table(w, names):
    lines = ['//! Weights of the line-break model (see `break_model.rs`), learnt by',
             '//! `eval/break_model.py` from the tune split of the evaluation. Generated: do',
             '//! not edit; run the script again.', '',
             '#[rustfmt::skip]',
             f'pub(super) const WEIGHTS: [f32; {len(w)}] = [']
    for v, name in zip(w, names):
        lines.append(f'    {v:.4f}, // {name}')
    lines.append('];')
    open(WEIGHTS_RS, 'w', encoding='utf-8').write('\n'.join(lines) + '\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default=os.path.join(ROOT, 'target/release/examples/breaks'))
    ap.add_argument('--gen', default=os.path.join(ROOT, 'eval/out/gen'))
    ap.add_argument('--tess', default=os.path.join(ROOT, 'eval/out/tesseract'))
    ap.add_argument('--l2', type=float, default=1.0)
    ap.add_argument('--dry-run', action='store_true')
    a = ap.parse_args()
    names = json.loads(subprocess.run([a.bin, '--names'], capture_output=True, text=True, check=True).stdout)
    page_list = list(pages(a.gen, a.tess))
    if not page_list:
        sys.exit('no pages: run eval/gen.py and eval/render_ocr.py first')
    rows = examples(a.bin, page_list)
    tune = [r for r in rows if r[1] == 'tune']
    held = [r for r in rows if r[1] == 'heldout']
    x, y = design(tune, len(names))
    w = fit(x, y, a.l2)
    report('tune', tune, w, len(names))
    report('heldout', held, w, len(names))
    if not a.dry_run:
        write_table(w, names)
        print('wrote', os.path.relpath(WEIGHTS_RS, ROOT))


if __name__ == '__main__':
    main()
