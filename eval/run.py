#!/usr/bin/env python3
"""Run `jiaodui fix` on every generated and Tesseract page and score it (`jiaodui score`).

  python3 eval/run.py [--bin target/release/jiaodui] [--gen eval/out/gen] [--tess eval/out/tesseract]
                      [--out eval/out/run]
Writes OUT/results.jsonl (one line per page), OUT/summary.md (the tables) and, for the
Tesseract pages, OUT/confusions.tsv (truth→OCR substitutions over all pages).
"""
import argparse, collections, difflib, glob, json, os, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

ROOT = os.path.dirname(common.HERE)


def find_binary(path):
    for p in [path, os.path.join(ROOT, 'target/release/jiaodui'), '/tmp/jd-head-target/release/jiaodui']:
        if p and os.path.exists(p):
            return p
    sys.exit('no jiaodui binary: cargo build --release (or see eval/README.md for building git HEAD)')


def fix(binary, raw, out):
    r = subprocess.run([binary, 'fix', raw, '-o', out], capture_output=True)
    if r.returncode not in (0, 1):
        raise RuntimeError(f'{raw}: {r.stderr.decode(errors="replace")}')


def check_count(binary, raw):
    r = subprocess.run([binary, 'check', '--format', 'json', raw], capture_output=True)
    n, rules = 0, collections.Counter()
    for line in r.stdout.decode().splitlines():
        if line.strip():
            for f in json.loads(line).get('findings', []):
                n += 1
                rules[f['rule']] += 1
    return n, rules


def read(path):
    with open(path, encoding='utf-8-sig', newline='') as f:
        return f.read()


def squeeze(t):
    return ''.join(c for c in t if not c.isspace())


def _opcodes(a, b):
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def changes(a, b):
    """Changed regions between two texts (whitespace included): non-equal opcodes."""
    return sum(1 for o in _opcodes(a, b) if o[0] != 'equal')


def score_folders(binary, truth_dir, cand_dir):
    """`jiaodui score TRUTH_DIR CAND_DIR --format json` → {file name: scores}."""
    r = subprocess.run([binary, 'score', truth_dir, cand_dir, '--format', 'json'], capture_output=True)
    if r.returncode != 0:
        raise RuntimeError(f'score: {r.stderr.decode(errors="replace")}')
    rows = [json.loads(l) for l in r.stdout.decode().splitlines() if l.strip()]
    return {x.pop('file'): x for x in rows if x.get('file')}


STRUCTURED = True
STRUCTURED_FILES = [('tess-hocr', 'tess.hocr'), ('tess-alto', 'tess.xml'), ('tess-tsv', 'tess.tsv'),
                    ('page-xml', 'page.xml'), ('paddle2-interleaved', 'paddle2.json'),
                    ('paddle3-interleaved', 'paddle3.json')]


def pages(gen_dir, tess_dir):
    for fam in sorted(os.listdir(gen_dir)) if os.path.isdir(gen_dir) else []:
        idx = os.path.join(gen_dir, fam, 'index.tsv')
        if not os.path.exists(idx):
            continue
        for row in open(idx, encoding='utf-8').read().splitlines()[1:]:
            page, split = row.split('\t')[:2]
            yield fam, split, os.path.join(gen_dir, fam, page + '.raw.txt'), os.path.join(gen_dir, fam, page + '.truth.txt')
    for split in ('tune', 'heldout'):
        for d in sorted(glob.glob(os.path.join(tess_dir, split, '*'))):
            if os.path.exists(os.path.join(d, 'tess.txt')):
                yield 'tesseract', split, os.path.join(d, 'tess.txt'), os.path.join(d, 'truth.txt')
            if not STRUCTURED:
                continue
            # The same recognition in the structured formats (render_ocr.py, structured.py):
            # `fix FILE` reads the geometry and writes plain text.
            for fam, f in STRUCTURED_FILES:
                if os.path.exists(os.path.join(d, f)):
                    yield fam, split, os.path.join(d, f), os.path.join(d, 'truth.txt')


def confusions(tess_dir, out_path, top=30):
    pairs = collections.Counter()
    for t in glob.glob(os.path.join(tess_dir, '*', '*', 'truth.txt')):
        T = squeeze(read(t))
        O = squeeze(read(os.path.join(os.path.dirname(t), 'tess.txt')))
        for tag, i1, i2, j1, j2 in _opcodes(T, O):
            if tag == 'replace':
                for k in range(min(i2 - i1, j2 - j1)):
                    pairs[(T[i1 + k], O[j1 + k])] += 1
                for k in range(i1 + (j2 - j1), i2):
                    pairs[(T[k], '∅')] += 1
                for k in range(j1 + (i2 - i1), j2):
                    pairs[('∅', O[k])] += 1
            elif tag == 'delete':
                for k in range(i1, i2):
                    pairs[(T[k], '∅')] += 1
            elif tag == 'insert':
                for k in range(j1, j2):
                    pairs[('∅', O[k])] += 1
    with open(out_path, 'w', encoding='utf-8') as w:
        w.write('truth\tocr\tcount\n')
        for (a, b), c in pairs.most_common():
            w.write(f'{a}\t{b}\t{c}\n')
    return pairs.most_common(top)


def mean(xs):
    return sum(xs) / len(xs) if xs else float('nan')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default=None)
    ap.add_argument('--gen', default=os.path.join(common.HERE, 'out', 'gen'))
    ap.add_argument('--tess', default=os.path.join(common.HERE, 'out', 'tesseract'))
    ap.add_argument('--out', default=os.path.join(common.HERE, 'out', 'run'))
    ap.add_argument('--no-structured', action='store_true',
                    help='skip the hOCR/ALTO/TSV/PAGE/PaddleOCR inputs of the Tesseract pages')
    ap.add_argument('--only', default=None, help='comma-separated families to run')
    a = ap.parse_args()
    global STRUCTURED
    STRUCTURED = not a.no_structured
    binary = find_binary(a.bin)
    os.makedirs(a.out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix='jd-eval-')
    dirs = {k: os.path.join(tmp, k) for k in ('truth', 'raw', 'fixed')}
    for d in dirs.values():
        os.makedirs(d)
    rows = []
    only = set(a.only.split(',')) if a.only else None
    for k, (fam, split, raw, truth) in enumerate(pages(a.gen, a.tess)):
        if only and fam not in only:
            continue
        name = f'{k:05d}.txt'
        ext = os.path.splitext(raw)[1]
        out = os.path.join(dirs['fixed'], name)
        fix(binary, raw, out)
        os.symlink(os.path.abspath(truth), os.path.join(dirs['truth'], name))
        if ext == '.txt':
            os.symlink(os.path.abspath(raw), os.path.join(dirs['raw'], name))
        else:
            # A structured input's "raw" text is Tesseract's text output of the same page.
            os.symlink(os.path.abspath(os.path.join(os.path.dirname(raw), 'tess.txt')), os.path.join(dirs['raw'], name))
        row = {'family': fam, 'split': split, 'raw': os.path.relpath(raw, ROOT), 'name': name}
        if fam == 'clean':
            R, F = read(raw), read(out)
            n, rules = check_count(binary, raw)
            row['findings'] = n
            row['finding_rules'] = dict(rules)
            row['changes'] = changes(R, F)
        rows.append(row)
    fixed = score_folders(binary, dirs['truth'], dirs['fixed'])
    inputs = score_folders(binary, dirs['truth'], dirs['raw'])  # the raw page as it is
    for row in rows:
        name = row.pop('name')
        row['fixed'], row['input'] = fixed[name], inputs[name]
    shutil.rmtree(tmp, ignore_errors=True)
    with open(os.path.join(a.out, 'results.jsonl'), 'w', encoding='utf-8') as w:
        for r in rows:
            w.write(json.dumps(r, ensure_ascii=False) + '\n')

    # summary
    groups = collections.defaultdict(list)
    for r in rows:
        groups[(r['family'], r['split'])].append(r)
        groups[(r['family'], 'all')].append(r)
    lines = ['| family | split | pages | glyphs | para F1 mean | para F1 min | P | R | CER mean | CER input | spaces left |',
             '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|']
    fams = sorted({r['family'] for r in rows}, key=lambda f: (f in dict(STRUCTURED_FILES), f == 'tesseract', f != 'clean', f))
    for fam in fams:
        for split in ('tune', 'heldout', 'all'):
            g = groups.get((fam, split))
            if not g:
                continue
            fx = [r['fixed'] for r in g]
            lines.append('| {} | {} | {} | {} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {:.4f} | {:.4f} | {} |'.format(
                fam, split, len(g), sum(x['glyphs'] for x in fx), mean([x['paragraph_f1'] for x in fx]),
                min(x['paragraph_f1'] for x in fx), mean([x['paragraph_precision'] for x in fx]),
                mean([x['paragraph_recall'] for x in fx]), mean([x['cer'] for x in fx]),
                mean([r['input']['cer'] for r in g]), sum(x['spaces_left'] for x in fx)))
    clean = groups.get(('clean', 'all'), [])
    if clean:
        glyphs = sum(r['fixed']['glyphs'] for r in clean)
        nf = sum(r['findings'] for r in clean)
        nc = sum(r['changes'] for r in clean)
        rules = collections.Counter()
        for r in clean:
            rules.update(r['finding_rules'])
        lines += ['', f'Clean family (truth as input): {len(clean)} pages, {glyphs} glyphs; '
                      f'`check` findings {nf} = {nf * 1e5 / glyphs:.1f} per 100 000 glyphs; '
                      f'`fix` changed regions {nc} = {nc * 1e5 / glyphs:.1f} per 100 000 glyphs; '
                      f'findings by rule: {dict(rules)}']
    if os.path.isdir(a.tess) and not only:
        top = confusions(a.tess, os.path.join(a.out, 'confusions.tsv'))
        lines += ['', 'Tesseract confusions truth→ocr (top 30; ∅ = nothing): ' +
                  ', '.join(f'{x}→{y} {c}' for (x, y), c in top)]
    text = '\n'.join(lines) + '\n'
    open(os.path.join(a.out, 'summary.md'), 'w', encoding='utf-8').write(text)
    print(text)


if __name__ == '__main__':
    main()
