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


def extract(binary, pdf, out):
    """A PDF's text layer as the desk shows it before any fix (`fix --rules bad-bytes` fixes
    nothing): printed lines, ghosts kept."""
    r = subprocess.run([binary, 'fix', '--rules', 'bad-bytes', pdf, '-o', out], capture_output=True)
    if r.returncode not in (0, 1):
        raise RuntimeError(f'{pdf}: {r.stderr.decode(errors="replace")}')


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


def pdf_pages(pdf_dir):
    """The PDFs of eval/pdf.py: (family, split, file, truth), family pdf or pdf-tesseract."""
    idx = os.path.join(pdf_dir, 'index.tsv')
    if not os.path.exists(idx):
        return
    for row in open(idx, encoding='utf-8').read().splitlines()[1:]:
        f, split, kind = row.split('\t')[:3]
        path = os.path.join(pdf_dir, f)
        yield ('pdf' if kind == 'layout' else 'pdf-tesseract'), split, path, os.path.splitext(path)[0] + '.truth.txt'


def ghosts_and_damage(truth, out):
    """(ghosts left, glyphs damaged) of `out` against `truth`, whitespace ignored: a glyph the
    alignment inserts next to the same glyph is a ghost left; every other edit (a glyph lost,
    changed or added) is a damaged glyph."""
    T, O = squeeze(truth), squeeze(out)
    ghosts = damaged = 0
    for tag, i1, i2, j1, j2 in _opcodes(T, O):
        if tag == 'equal':
            continue
        subs = min(i2 - i1, j2 - j1) if tag == 'replace' else 0
        damaged += subs + max(0, (i2 - i1) - (j2 - j1))
        for k in range(j1 + subs, j2):
            if (k > 0 and O[k - 1] == O[k]) or (k + 1 < len(O) and O[k + 1] == O[k]):
                ghosts += 1
            else:
                damaged += 1
    return ghosts, damaged


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
    ap.add_argument('--pdf', default=os.path.join(common.HERE, 'out', 'pdf'))
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
    import itertools
    for k, (fam, split, raw, truth) in enumerate(itertools.chain(pages(a.gen, a.tess), pdf_pages(a.pdf))):
        if only and fam not in only:
            continue
        name = f'{k:05d}.txt'
        ext = os.path.splitext(raw)[1]
        out = os.path.join(dirs['fixed'], name)
        fix(binary, raw, out)
        os.symlink(os.path.abspath(truth), os.path.join(dirs['truth'], name))
        if ext == '.txt':
            os.symlink(os.path.abspath(raw), os.path.join(dirs['raw'], name))
        elif ext == '.pdf':
            # A PDF's raw text is its text layer as read, before any fix (ghosts kept).
            extract(binary, raw, os.path.join(dirs['raw'], name))
        else:
            # A structured input's "raw" text is Tesseract's text output of the same page.
            os.symlink(os.path.abspath(os.path.join(os.path.dirname(raw), 'tess.txt')), os.path.join(dirs['raw'], name))
        row = {'family': fam, 'split': split, 'raw': os.path.relpath(raw, ROOT), 'name': name}
        if ext == '.pdf':
            row['ghosts_left'], row['damaged'] = ghosts_and_damage(read(truth), read(out))
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
    pdf_fams = [f for f in fams if f.startswith('pdf')]
    if pdf_fams:
        # Ghosts drawn come from eval/pdf.py's index (fake-bold glyphs drawn a second time).
        drawn = {}
        idx = os.path.join(a.pdf, 'index.tsv')
        for row in open(idx, encoding='utf-8').read().splitlines()[1:]:
            c = row.split('\t')
            drawn[os.path.relpath(os.path.join(a.pdf, c[0]), ROOT)] = int(c[4])
        lines += ['', '| PDF family | split | files | glyphs | ghosts drawn | ghosts left | glyphs damaged | files with damage |',
                  '|---|---|---:|---:|---:|---:|---:|---:|']
        for fam in pdf_fams:
            for split in ('tune', 'heldout', 'all'):
                g = groups.get((fam, split))
                if not g:
                    continue
                lines.append('| {} | {} | {} | {} | {} | {} | {} | {} |'.format(
                    fam, split, len(g), sum(r['fixed']['glyphs'] for r in g), sum(drawn.get(r['raw'], 0) for r in g),
                    sum(r['ghosts_left'] for r in g), sum(r['damaged'] for r in g), sum(1 for r in g if r['damaged'])))
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
