#!/usr/bin/env python3
"""Lay corpus articles out as newspaper-like page images, OCR them with Tesseract, keep the truth.

Per page (eval/out/tesseract/{tune,heldout}/NNN/):
  page.png    the rendered page (grayscale, 300 dpi)
  truth.txt   what a perfect repair of the OCR should output: headline, byline on their own
              lines, one paragraph per line (run-in 本报讯（记者 …） and trailing credits included)
  tess.txt / tess.hocr / tess.tsv / tess.xml   tesseract -l chi_sim txt hocr tsv alto
  meta.json   the layout parameters
Deterministic for a given --seed. Needs tesseract-ocr, tesseract-ocr-chi-sim, fonts-noto-cjk, pillow.

  python3 eval/render_ocr.py [--pages 40] [--seed 1] [--out eval/out/tesseract] [--jobs 2]
  python3 eval/render_ocr.py --news --pages 60 --out eval/out/tesseract-news   # newspaper prose
"""
import argparse, json, os, random, shutil, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

FONTS = '/usr/share/fonts/opentype/noto/'
SC = 2  # index of the SC face in the Noto CJK collections
FACES = {
    'serif': 'NotoSerifCJK-Regular.ttc', 'sans': 'NotoSansCJK-Regular.ttc',
    'sans-bold': 'NotoSansCJK-Bold.ttc', 'serif-bold': 'NotoSerifCJK-Bold.ttc',
}
_font_cache = {}


def font(face, size):
    k = (face, size)
    if k not in _font_cache:
        _font_cache[k] = ImageFont.truetype(FONTS + FACES[face], size, index=SC)
    return _font_cache[k]


def page_params(rng, idx):
    two = idx % 3 == 2  # every third page has two columns
    return {
        'columns': 2 if two else 1,
        'col_em': rng.randint(9, 13) if two else rng.randint(9, 18),
        'body_px': rng.choice([38, 40, 42, 44]),
        'body_face': rng.choice(['serif', 'serif', 'sans']),
        'leading': rng.choice([1.35, 1.45, 1.55]),
        'para_gap': rng.choice([0.0, 0.0, 0.0, 0.4]),  # extra space between paragraphs, in lines
        'head_scale': rng.choice([1.6, 1.9, 2.2]),
        'head_face': rng.choice(['sans-bold', 'serif-bold']),
        'byline': rng.choice(['none', 'line', 'line', 'runin', 'runin']),
        'credit': rng.random() < 0.35,
        'quality': rng.choice(['clean', 'clean', 'blur', 'noisy']),
        'max_lines': rng.randint(38, 60),  # body lines per column
    }


def layout(article, prm, rng):
    """Returns (truth_lines, draw_ops, size). draw_ops: (x, y, text, font, advance list)."""
    source, title, paras = article
    em = prm['body_px']
    bf = font(prm['body_face'], em)
    col_w = prm['col_em'] * em
    gutter = 2 * em
    margin = 3 * em
    ncol = prm['columns']
    page_w = margin * 2 + ncol * col_w + (ncol - 1) * gutter
    line_h = int(em * prm['leading'])
    ops, truth = [], []

    # headline (may wrap; centred across all columns)
    hsize = int(em * prm['head_scale'])
    hf = font(prm['head_face'], hsize)
    head_w = page_w - 2 * margin
    hlines = common.break_paragraph(title, head_w, indent=0, widthfn=lambda c: hf.getlength(c))
    y = margin
    for hl in hlines:
        w = hf.getlength(hl)
        ops.append((margin + (head_w - w) / 2, y, hl, hf, None))
        y += int(hsize * 1.3)
    truth.append(title)
    y += int(em * 0.6)

    name = common.person_name(rng)
    runin = ''
    if prm['byline'] == 'line':
        role = rng.choice(['本报记者 ', '记者 ', '本报通讯员 '])
        by = role + name
        if role != '本报通讯员 ' and rng.random() < 0.3:
            by += ' 通讯员 ' + common.person_name(rng)
        sf = font('sans', int(em * 0.9))
        ops.append((margin + (head_w - sf.getlength(by)) / 2, y, by, sf, None))
        truth.append(by)
        y += int(line_h * 1.4)
    elif prm['byline'] == 'runin':
        runin = f'本报讯（记者 {name}）' if rng.random() < 0.7 else f'本报讯（记者{name}）'
    body_top = y

    # body: flow paragraphs into columns, whole paragraphs only
    paras = list(paras)
    if runin:
        paras[0] = runin + paras[0]
    if prm['credit']:
        credit = f'（{common.person_name(rng)}）'
    wfn = lambda c: bf.getlength(c)
    col, line_no, kept = 0, 0, []
    placed = []  # (col, line_no, text, is_last_line_of_para, indent)
    for pi, p in enumerate(paras):
        text = p
        lines = common.break_paragraph(text, col_w, indent=2 * em, widthfn=wfn)
        need = len(lines)
        # does it fit in the remaining space?
        remaining = (prm['max_lines'] - line_no) + (ncol - 1 - col) * prm['max_lines']
        if need > remaining:
            break
        kept.append(text)
        for li, l in enumerate(lines):
            if line_no >= prm['max_lines']:
                col += 1
                line_no = 0
            placed.append((col, line_no, l, li == len(lines) - 1, li == 0))
            line_no += 1
        line_no += prm['para_gap']  # fractional gap: kept as an offset
        if line_no >= prm['max_lines']:
            col, line_no = col + 1, 0
    if not kept:
        return None
    if prm['credit']:
        # the credit follows the last paragraph's final punctuation, on its line if it fits
        kept[-1] += credit
        lines = common.break_paragraph(kept[-1], col_w, indent=2 * em, widthfn=wfn)
        # re-place the last paragraph
        last_n = sum(1 for _ in common.break_paragraph(kept[-1][:-len(credit)], col_w, indent=2 * em, widthfn=wfn))
        c0, l0 = placed[-last_n][0], placed[-last_n][1]
        placed = placed[:-last_n]
        col, line_no = c0, l0
        for li, l in enumerate(lines):
            if line_no >= prm['max_lines']:
                col, line_no = col + 1, 0
            placed.append((col, line_no, l, li == len(lines) - 1, li == 0))
            line_no += 1
    truth.extend(kept)

    max_line = 0
    for c, ln, l, last, firstl in placed:
        x0 = margin + c * (col_w + gutter) + (2 * em if firstl else 0)
        yy = body_top + int(ln * line_h)
        avail = col_w - (2 * em if firstl else 0)
        adv = [bf.getlength(ch) for ch in l]
        nat = sum(adv)
        if nat > avail + 0.5:  # squeezed punctuation (pulled up by 避头尾)
            over = nat - avail
            pidx = [k for k, ch in enumerate(l) if ch in common.PUNCT]
            for k in pidx:
                adv[k] -= over / len(pidx)
        elif not last and len(l) > 1:
            gap = (avail - nat) / (len(l) - 1)
            if gap < em * 0.6:
                adv = [a + gap for a in adv[:-1]] + [adv[-1]]
        ops.append((x0, yy, l, bf, adv))
        max_line = max(max_line, yy)
    page_h = max_line + line_h + margin
    return truth, ops, (int(page_w), int(page_h))


def render(ops, size, quality, rng):
    img = Image.new('L', size, 255)
    d = ImageDraw.Draw(img)
    for x, y, text, f, adv in ops:
        if adv is None:
            d.text((x, y), text, font=f, fill=0)
            continue
        for ch, a in zip(text, adv):
            d.text((x, y), ch, font=f, fill=0)
            x += a
    if quality in ('blur', 'noisy'):
        img = img.filter(ImageFilter.GaussianBlur(0.8 if quality == 'blur' else 1.1))
    if quality == 'noisy':
        w, h = img.size
        # scan at a lower resolution, then back up (soft, slightly broken strokes)
        img = img.resize((w * 2 // 3, h * 2 // 3), Image.BILINEAR).resize((w, h), Image.BILINEAR)
        noise = Image.frombytes('L', (w, h), rng.randbytes(w * h))
        img = Image.blend(img, noise, 0.12)
        img = img.point(lambda v: 0 if v < 110 else (255 if v > 200 else v))
    return img


def tesseract(png, outbase, configs):
    env = dict(os.environ, OMP_THREAD_LIMIT='1')
    r = subprocess.run(['tesseract', png, outbase, '-l', 'chi_sim'] + configs, capture_output=True, env=env)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.decode())


def supports_alto():
    return os.path.exists('/usr/share/tesseract-ocr/5/tessdata/configs/alto')


def make_page(job):
    out, idx, split, article, seed, configs = job
    rng = random.Random(f'{seed}:{split}:{idx}')
    prm = page_params(rng, idx)
    res = None
    while res is None:
        res = layout(article, prm, rng)
        if res is None:
            prm['max_lines'] += 20
    truth, ops, size = res
    img = render(ops, size, prm['quality'], rng)
    d = os.path.join(out, split, f'{idx:03d}')
    os.makedirs(d, exist_ok=True)
    png = os.path.join(d, 'page.png')
    img.save(png, dpi=(300, 300), optimize=True)
    with open(os.path.join(d, 'truth.txt'), 'w', encoding='utf-8') as w:
        w.write('\n'.join(truth) + '\n')
    meta = dict(prm, source=article[0], title=article[1], split=split, size=size)
    with open(os.path.join(d, 'meta.json'), 'w', encoding='utf-8') as w:
        json.dump(meta, w, ensure_ascii=False, indent=1)
    tesseract(png, os.path.join(d, 'tess'), configs)
    return d


def pick_articles(pool, n, rng):
    """n articles spread over the sources (round robin), skipping very short ones."""
    by = {}
    for a in pool:
        if sum(len(p) for p in a[2]) >= 250:
            by.setdefault(a[0], []).append(a)
    for v in by.values():
        rng.shuffle(v)
    order = ['cases', 'handbook', 'cases', 'laws', 'handbook', 'faq']
    picked, k = [], 0
    while len(picked) < n:
        s = order[k % len(order)]
        k += 1
        if by.get(s):
            picked.append(by[s].pop())
        elif not any(by.values()):
            break
    return picked


def chunks(paras, most=1100):
    """The paragraphs of a long report cut into page-sized runs of whole paragraphs."""
    out, cur = [], []
    for p in paras:
        if cur and sum(map(len, cur)) + len(p) > most:
            out.append(cur)
            cur = []
        cur.append(p)
    if cur:
        out.append(cur)
    return out


def pick_news(pool, n, rng):
    """n articles of the news corpus (one source), skipping very short ones."""
    arts = [a for a in pool if sum(len(p) for p in a[2]) >= 250]
    rng.shuffle(arts)
    return arts[:n]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--pages', type=int, default=40)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--out', default=os.path.join(common.HERE, 'out', 'tesseract'))
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--news', action='store_true',
                    help='lay out the newspaper-register corpus (news_tune.txt / news_heldout.txt) instead')
    a = ap.parse_args()
    configs = ['txt', 'hocr', 'tsv'] + (['alto'] if supports_alto() else [])
    rng = random.Random(a.seed)
    half = a.pages // 2
    if a.news:
        splits = {s: [('news', t, c) for t, p in common.load_articles('news_' + s) for c in chunks(p)]
                  for s in ('tune', 'heldout')}
    else:
        splits = common.articles_by_split()
    jobs = []
    for split in ('tune', 'heldout'):
        arts = pick_news(splits[split], half, rng) if a.news else pick_articles(splits[split], half, rng)
        base = 0 if split == 'tune' else half
        jobs += [(a.out, base + i, split, art, a.seed, configs) for i, art in enumerate(arts)]
    ready = os.path.join(a.out, 'READY')
    if os.path.exists(ready):
        os.remove(ready)
    done = []
    with ThreadPoolExecutor(a.jobs) as ex:
        for d in ex.map(make_page, jobs):
            done.append(os.path.relpath(d, a.out))
            print(d, flush=True)
            if len(done) == min(20, len(jobs)) or len(done) == len(jobs):
                with open(ready + '.tmp', 'w') as w:
                    w.write('\n'.join(done) + '\n')
                os.replace(ready + '.tmp', ready)


if __name__ == '__main__':
    main()
