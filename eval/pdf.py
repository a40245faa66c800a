#!/usr/bin/env python3
"""Newspaper PDFs with their truth, from corpus articles (issue 18: open PDFs directly).

What an editor receives: the paper's e-paper PDF exported from layout software, or a searchable
PDF an OCR engine wrote. This lays corpus articles out as newspaper pages with reportlab
(STSong-Light, a predefined CID font under UniGB-UCS2-H, as make_fixtures.py uses):

- pages of 2-4 columns (13-24 em at 2 columns, 12-18 at 3, 10-14 at 4; gutter 1-2.5 em), body
  9-10.5 pt, leading 1.4-1.6, lines justified (Tc or glyph by glyph), 避头尾 with squeezed
  punctuation, 2-em first-line indents;
- page plans: articles stacked over the full width (a wide headline over the columns), two
  regions side by side, or a lead article over the full width above two regions; each
  article's body balanced over its columns, a paragraph running on from one column into the
  next;
- headlines 1.6-2.4x body, wrapped when long, half of them fake bold; bylines on their own
  line (本报记者 王晨) or run in (本报讯（记者 王晨）…); a photo (an image) with a caption between
  paragraphs, most captions fake bold; some lead paragraphs and phrases fake bold;
- fake bold as layout programs write it: every glyph drawn twice, 0.2-0.5 pt apart (and up to
  0.2 pt down), either the whole run drawn again or each glyph twice in a row;
- correct doubles drawn once: sentences holding 整整齐齐, 人人, 88项, 100%, ……, 谢谢, 常常
  appended to some paragraphs (part of the truth);
- files of 1-3 pages, every article of a file from one split (tune or heldout, common.split_of).

Out (eval/out/pdf/):
  {tune,heldout}/NNN.pdf, NNN.truth.txt   the truth is what `jiaodui fix FILE.pdf` should print:
                                          one paragraph per line, headline, byline and caption
                                          their own lines, a blank line between articles
  tess/{tune,heldout}/NNN.pdf, NNN.truth.txt   Tesseract's searchable PDF (`tesseract … pdf`, the
                                          page image with an invisible text layer) of the first
                                          --tess files of each split, rendered at 300 dpi
  index.tsv     file, split, kind (layout / tesseract), pages, ghost glyphs drawn, correct doubles
  bench20.pdf   --bench N: one file of N pages (4 columns) for timing the opening

  python3 eval/pdf.py [--files 16] [--seed 5] [--tess 3] [--bench 20] [--reuse-tess] [--out eval/out/pdf]
Deterministic for a given seed. Needs reportlab; for --tess poppler-utils, tesseract-ocr-chi-sim.
Scored by `python3 eval/run.py` (families pdf, pdf-tesseract).
"""
import argparse, json, os, random, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

FONT = 'STSong-Light'
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

# Sentences with correct doubles (drawn once; never ghosts).
DOUBLES = ['现场的座椅摆放得整整齐齐。', '人人参与、人人尽责，共建共享。', '全年共整改问题88项，办结率100%。',
           '相关工作仍在推进……', '他连声说：“谢谢，谢谢大家！”', '这样的情况常常发生。',
           '截至2011年11月，累计受理1100余件。', '大家说说笑笑，气氛十分融洽。']
CAPTIONS = ['图为{m}月{d}日，{p}在{place}开展志愿服务活动。', '{m}月{d}日，{place}的工作人员向居民讲解相关知识。',
            '图为{place}一角。　{p}　摄', '{m}月{d}日，{p}在{place}检查设施运行情况。']
PLACES = ['社区服务中心', '文化广场', '街道办事处', '产业园区', '人民公园', '图书馆', '市民中心']


def _photo():
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    return ImageReader(Image.new('L', (8, 8), 191))


PHOTO = _photo()


def width(s, size):
    return pdfmetrics.stringWidth(s, FONT, size)


class Page:
    """One page being drawn: the canvas, the ghost count, the draw mode."""

    def __init__(self, c, rng):
        self.c, self.rng = c, rng
        self.ghosts = 0

    def line(self, x, y, text, size, avail=None, justify=False, bold=None, mode='run'):
        """Draws `text` at (x, y) baseline. avail: the width the line fills (justified when
        `justify`, punctuation squeezed when it overflows). bold: None, 'all' or (i, j) glyphs
        drawn twice (fake bold)."""
        nat = [width(ch, size) for ch in text]
        cs = 0.0
        if avail is not None and len(text) > 1:
            spare = avail - sum(nat)
            if spare < 0 or (justify and spare / (len(text) - 1) < 0.6 * size):
                cs = spare / (len(text) - 1)
        xs, at = [], x
        for w in nat:
            xs.append(at)
            at += w + cs
        span = None
        if bold == 'all':
            span = (0, len(text))
        elif bold:
            span = bold
        dx = self.rng.uniform(0.2, 0.5)
        dy = self.rng.choice([0.0, 0.0, -0.1, -0.2, 0.1])
        c = self.c
        c.setFont(FONT, size)
        if mode == 'glyphs':
            for k, ch in enumerate(text):
                c.drawString(xs[k], y, ch)
                if span and span[0] <= k < span[1] and not ch.isspace():
                    c.drawString(xs[k] + dx, y + dy, ch)
                    self.ghosts += 1
            return
        t = c.beginText(x, y)
        t.setFont(FONT, size)
        t.setCharSpace(cs)
        t.textOut(text)
        c.drawText(t)
        if span:
            # The run (or the bold part of it) again, a hair to the right.
            i, j = span
            t = c.beginText(xs[i] + dx, y + dy)
            t.setFont(FONT, size)
            t.setCharSpace(cs)
            t.textOut(text[i:j])
            c.drawText(t)
            self.ghosts += sum(1 for ch in text[i:j] if not ch.isspace())


def break_lines(text, size, col_w, indent):
    return common.break_paragraph(text, col_w, indent=indent, widthfn=lambda ch: width(ch, size))


def article_items(rng, art, prm, col_w):
    """The article as truth lines and as flow items for the columns.
    Returns (head, body): head = dict(title, byline or None, runin); body = list of
    paragraphs: dict(kind='para'|'caption', text, lines, bold)."""
    source, title, paras = art
    s = prm['size']
    paras = [p for p in paras if p.strip()][:rng.randint(3, 7)]
    name = common.person_name(rng)
    by = rng.choice(['none', 'line', 'line', 'runin', 'runin'])
    byline = None
    if by == 'line':
        role = rng.choice(['本报记者 ', '记者 ', '本报通讯员 '])
        byline = role + name
        if role != '本报通讯员 ' and rng.random() < 0.3:
            byline += ' 通讯员 ' + common.person_name(rng)
    elif by == 'runin':
        paras[0] = (f'本报讯（记者 {name}）' if rng.random() < 0.6 else f'本报讯（记者{name}）') + paras[0]
    # correct doubles in one or two paragraphs
    for _ in range(rng.choice([1, 1, 2])):
        k = rng.randrange(len(paras))
        if paras[k][-1:] in '。！？”…':
            paras[k] += rng.choice(DOUBLES)
    body = []
    lead_bold = rng.random() < 0.25
    for k, p in enumerate(paras):
        lines = break_lines(p, s, col_w, 2 * s)
        bold = {}
        if k == 0 and lead_bold:
            bold = {i: 'all' for i in range(len(lines))}
        elif rng.random() < 0.12:
            # a phrase in fake bold: 3-8 glyphs of one line
            i = rng.randrange(len(lines))
            n = len(lines[i])
            if n >= 4:
                a = rng.randrange(0, n - 3)
                bold = {i: (a, min(n, a + rng.randint(3, 8)))}
        body.append(dict(kind='para', text=p, lines=lines, bold=bold))
    if rng.random() < 0.45 and len(body) >= 2:
        cap = rng.choice(CAPTIONS).format(m=rng.randint(1, 12), d=rng.randint(1, 28), p=common.person_name(rng),
                                          place=rng.choice(PLACES))
        cs = round(s * 0.85 * 2) / 2
        lines = break_lines(cap, cs, col_w, 0)
        body.insert(rng.randint(1, len(body) - 1),
                    dict(kind='caption', text=cap, lines=lines, size=cs, photo=rng.randint(5, 9),
                         bold='all' if rng.random() < 0.7 else None))
    head = dict(title=title, byline=byline, bold=rng.random() < 0.5,
                hsize=round(s * rng.choice([1.6, 1.8, 2.0, 2.4]) * 2) / 2,
                centre=rng.random() < 0.5)
    return head, body


def flow_height(item, prm):
    lead = prm['leading'] * prm['size']
    if item['kind'] == 'caption':
        return item['photo'] * lead + len(item['lines']) * item['size'] * 1.4 + 0.5 * lead
    return len(item['lines']) * lead


def place_article(pg, rng, art, prm, x0, ncols, y_top, y_min):
    """Sets one article in a module of `ncols` columns from x0, below y_top (baseline space
    down to y_min). Returns (truth lines, y below the module) or None when it does not fit."""
    s, col_w, gutter = prm['size'], prm['col_w'], prm['gutter']
    lead = prm['leading'] * s
    mod_w = ncols * col_w + (ncols - 1) * gutter
    head, body = article_items(rng, art, prm, col_w)
    hs = head['hsize']
    hlines = common.break_paragraph(head['title'], mod_w * 0.92, indent=0, widthfn=lambda ch: width(ch, hs))
    head_h = len(hlines) * hs * 1.3 + 0.4 * s + (lead * 1.3 if head['byline'] else 0) + 0.6 * lead
    room = y_top - y_min - head_h
    # drop paragraphs from the end until the body fits its columns
    while body:
        total = sum(flow_height(it, prm) for it in body)
        tallest = max(flow_height(it, prm) for it in body)
        if total / ncols + tallest <= room:
            break
        body.pop()
    if not body or not any(it['kind'] == 'para' for it in body):
        return None
    if body[-1]['kind'] == 'caption':
        body.pop()
    truth = [head['title']] + ([head['byline']] if head['byline'] else [])
    y = y_top - hs
    mode = rng.choice(['run', 'glyphs'])
    for hl in hlines:
        w = width(hl, hs)
        hx = x0 + (mod_w - w) / 2 if head['centre'] else x0
        pg.line(hx, y, hl, hs, bold='all' if head['bold'] else None, mode=mode)
        y -= hs * 1.3
    y -= 0.4 * s
    if head['byline']:
        bs = round(s * 0.9 * 2) / 2
        y -= 0.3 * lead
        if rng.random() < 0.5:
            pg.line(x0, y, head['byline'], bs)
        else:
            # the role and the name set a space apart, no space glyph drawn
            parts = head['byline'].split(' ')
            bx = x0
            for part in parts:
                pg.line(bx, y, part, bs)
                bx += width(part, bs) + bs
        y -= lead
    y -= 0.3 * lead
    # balance the flow over the columns
    total = sum(flow_height(it, prm) for it in body)
    target = total / ncols
    col, cy, col_top = 0, y, y
    bottom = y
    for it in body:
        truth.append(it['text'])
        if it['kind'] == 'caption':
            h = flow_height(it, prm)
            if cy - h < col_top - target - lead and col + 1 < ncols and cy < col_top:
                col, cy = col + 1, col_top
            cx = x0 + col * (col_w + gutter)
            # the photo: an image, as e-papers place them
            pg.c.drawImage(PHOTO, cx, cy - it['photo'] * lead + 0.3 * lead, col_w, it['photo'] * lead - 0.6 * lead)
            cy -= it['photo'] * lead
            for line in it['lines']:
                pg.line(cx, cy - it['size'], line, it['size'], bold=it['bold'], mode=rng.choice(['run', 'glyphs']))
                cy -= it['size'] * 1.4
            cy -= 0.5 * lead
            bottom = min(bottom, cy)
            continue
        mode = rng.choice(['run', 'run', 'glyphs'])
        n = len(it['lines'])
        for i, line in enumerate(it['lines']):
            if col_top - cy >= target - 0.01 and col + 1 < ncols:
                col, cy = col + 1, col_top
            cx = x0 + col * (col_w + gutter)
            ind = 2 * s if i == 0 else 0
            pg.line(cx + ind, cy - s, line, s, avail=col_w - ind, justify=i < n - 1, bold=it['bold'].get(i), mode=mode)
            cy -= lead
            bottom = min(bottom, cy)
    return truth, bottom - lead


def make_page(c, rng, prm, pool):
    """Fills one page with articles from pool (consumed); returns truth articles (lists of lines)."""
    pg = Page(c, rng)
    W, H, m = prm['page_w'], prm['page_h'], prm['margin']
    ncol, col_w, gutter = prm['ncol'], prm['col_w'], prm['gutter']
    regions = []  # (first column, columns, y_top)
    top = H - m
    plan = prm['plan']
    arts = []

    def fill(first, n, y_top, y_min, limit=9):
        y = y_top
        k = 0
        while pool and k < limit:
            art = pool[-1]
            res = place_article(pg, rng, art, prm, m + first * (col_w + gutter), n, y, y_min)
            if res is None:
                break
            pool.pop()
            truth, y = res
            arts.append(truth)
            k += 1
            y -= prm['size'] * prm['leading']
        return y

    if plan == 'stacked':
        fill(0, ncol, top, m)
    elif plan == 'side':
        k = ncol // 2 if ncol > 2 else 1
        fill(0, k, top, m)
        fill(k, ncol - k, top, m)
    else:  # lead: one article over the full width, then two regions
        y = fill(0, ncol, top, H * 0.55, limit=1)
        k = ncol // 2 if ncol > 2 else 1
        fill(0, k, y, m)
        fill(k, ncol - k, y, m)
    c.showPage()
    return arts, pg.ghosts


def page_params(rng):
    ncol = rng.choice([2, 3, 3, 4])
    size = rng.choice([9.0, 9.5, 10.0, 10.5])
    col_em = {2: (16, 24), 3: (12, 18), 4: (10, 14)}[ncol]
    col_w = rng.randint(*col_em) * size
    gutter = rng.choice([1.0, 1.5, 2.0, 2.5]) * size
    margin = 36.0
    page_w = 2 * margin + ncol * col_w + (ncol - 1) * gutter
    return dict(ncol=ncol, size=size, col_w=col_w, gutter=gutter, margin=margin, page_w=page_w,
                page_h=max(842.0, round(page_w * 1.4)), leading=rng.choice([1.4, 1.5, 1.6]),
                plan=rng.choice(['stacked', 'side', 'lead']))


def count_doubles(text):
    return sum(1 for a, b in zip(text, text[1:]) if a == b and not a.isspace())


def make_file(path, rng, pool, pages, force=None):
    c = canvas.Canvas(path, invariant=1)
    truth, ghosts, metas = [], 0, []
    for _ in range(pages):
        prm = page_params(rng)
        if force:
            prm.update(force(prm))
        metas.append(dict(prm, gutter_em=prm['gutter'] / prm['size'], col_em=prm['col_w'] / prm['size']))
        c.setPageSize((prm['page_w'], prm['page_h']))
        arts, g = make_page(c, rng, prm, pool)
        truth += arts
        ghosts += g
    c.save()
    text = '\n\n'.join('\n'.join(a) for a in truth) + '\n'
    with open(os.path.splitext(path)[0] + '.truth.txt', 'w', encoding='utf-8') as w:
        w.write(text)
    with open(os.path.splitext(path)[0] + '.meta.json', 'w', encoding='utf-8') as w:
        json.dump(metas, w, indent=1)
    return ghosts, count_doubles(text)


def usable(arts):
    return [a for a in arts if sum(len(p) for p in a[2]) >= 200 and len(a[1]) <= 40]


def tesseract_pdf(src, dst, tmp):
    """Tesseract's searchable PDF of every page of src, rendered at 300 dpi."""
    prefix = os.path.join(tmp, 'p')
    subprocess.run(['pdftoppm', '-r', '300', '-gray', '-png', src, prefix], check=True)
    pngs = sorted(os.path.join(tmp, f) for f in os.listdir(tmp) if f.startswith('p') and f.endswith('.png'))
    lst = os.path.join(tmp, 'list.txt')
    with open(lst, 'w') as w:
        w.write('\n'.join(pngs) + '\n')
    env = dict(os.environ, OMP_THREAD_LIMIT='1')
    subprocess.run(['tesseract', lst, os.path.splitext(dst)[0], '-l', 'chi_sim', 'pdf'], check=True,
                   stderr=subprocess.DEVNULL, env=env)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--files', type=int, default=16, help='files per split')
    ap.add_argument('--seed', type=int, default=5)
    ap.add_argument('--tess', type=int, default=3, help='files per split also made into Tesseract PDFs (1 page)')
    ap.add_argument('--bench', type=int, default=20, help='pages of out/bench20.pdf (0: none)')
    ap.add_argument('--reuse-tess', action='store_true',
                    help='keep Tesseract PDFs already made (the slow part; the rest is regenerated)')
    ap.add_argument('--out', default=os.path.join(common.HERE, 'out', 'pdf'))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    splits = common.articles_by_split()
    rows = ['file\tsplit\tkind\tpages\tghosts\tdoubles']
    for split in ('tune', 'heldout'):
        d = os.path.join(a.out, split)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        arts = usable(splits[split])
        for n in range(a.files):
            pool = list(arts)
            rng.shuffle(pool)
            pages = rng.choice([1, 1, 1, 2, 2, 3])
            path = os.path.join(d, f'{n:03d}.pdf')
            ghosts, doubles = make_file(path, rng, pool, pages)
            rows.append(f'{split}/{n:03d}.pdf\t{split}\tlayout\t{pages}\t{ghosts}\t{doubles}')
        td = os.path.join(a.out, 'tess', split)
        if not a.reuse_tess:
            shutil.rmtree(td, ignore_errors=True)
        os.makedirs(td, exist_ok=True)
        for n in range(a.tess):
            pool = list(arts)
            rng.shuffle(pool)
            src = os.path.join(td, f'{n:03d}.src.pdf')
            make_file(src, rng, pool, 1)
            dst = os.path.join(td, f'{n:03d}.pdf')
            if not (a.reuse_tess and os.path.exists(dst)):
                with tempfile.TemporaryDirectory() as tmp:
                    tesseract_pdf(src, dst, tmp)
            os.replace(os.path.join(td, f'{n:03d}.src.truth.txt'), os.path.join(td, f'{n:03d}.truth.txt'))
            rows.append(f'tess/{split}/{n:03d}.pdf\t{split}\ttesseract\t1\t0\t0')
            print(td, n, flush=True)
    with open(os.path.join(a.out, 'index.tsv'), 'w', encoding='utf-8') as w:
        w.write('\n'.join(rows) + '\n')
    if a.bench:
        pool = usable(splits['tune'] + splits['heldout'])
        rng.shuffle(pool)
        pool = pool * 4
        make_file(os.path.join(a.out, f'bench{a.bench}.pdf'), rng, pool, a.bench,
                  force=lambda prm: dict(ncol=4, col_w=12 * prm['size'],
                                         page_w=2 * prm['margin'] + 48 * prm['size'] + 3 * prm['gutter'],
                                         page_h=1190.0, plan='stacked'))
    print(f'{len(rows) - 1} files in {a.out}')


if __name__ == '__main__':
    main()
