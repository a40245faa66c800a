#!/usr/bin/env python3
"""Synthetic raw OCR pages with their truth, from corpus articles.

Each family is a named set of damage parameters (FAMILIES below). A page holds 2-4 articles
of one split (tune or heldout, fixed per article by common.split_of). Output:
  eval/out/gen/FAMILY/NNN.raw.txt    what OCR of the printed column would give
  eval/out/gen/FAMILY/NNN.truth.txt  what a perfect repair outputs: one paragraph per line,
                                     headline / byline / caption on their own lines
  eval/out/gen/FAMILY/index.tsv      page, split, sources, titles
Deterministic for a given --seed.

  python3 eval/gen.py [--pages 24] [--seed 7] [--out eval/out/gen] [--families a,b]
"""
import argparse, os, random, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

BASE = dict(width=(9, 18), squeeze=0.0, indent='dropped', blank='none', headline='single', byline='none',
            credit=0.0, caption=0.0, stray_space=0.0, halfwidth=0.0, list_markers=0.0, split_numbers=0.0,
            article_gap=0.5, form_feed=0)

FAMILIES = {
    'clean': dict(clean=True),
    'basic': dict(),
    'indent-kept': dict(indent='spaces'),
    'squeeze': dict(squeeze=1.0),
    'blank-paragraph': dict(blank='paragraph'),
    'blank-blocks': dict(blank='blocks'),
    'headline-two-line': dict(headline='two-line'),
    'headline-fakebold': dict(headline='fakebold'),
    'byline': dict(byline='line'),
    'byline-runin': dict(byline='runin'),
    'byline-damaged': dict(byline='damaged'),
    'credit': dict(credit=1.0),
    'ghost-caption': dict(caption=1.0),
    'stray-space': dict(stray_space=0.25),
    'halfwidth': dict(halfwidth=0.35),
    'list-markers': dict(list_markers=0.6),
    'number-split': dict(split_numbers=1.0),
    # line-by-line OCR of a book or report page: one wide column, no blank lines, the page breaks
    # of the print as form feeds (after the last line of a page, or before the first of the next)
    'book': dict(width=(26, 40), article_gap=0.0, form_feed=1),
    'mixed': dict(squeeze=0.5, indent='mixed', blank='mixed', headline='mixed', byline='mixed', credit=0.3,
                  caption=0.3, stray_space=0.05, halfwidth=0.05, list_markers=0.15, split_numbers=0.5),
}

HW = {'，': ',', '：': ':', '；': ';', '？': '?', '！': '!', '（': '(', '）': ')', '。': '.'}
CN_NUM = '一二三四五六七八九十'
CAPTIONS = ['图为{m}月{d}日，{p}在{place}开展志愿服务活动。', '{m}月{d}日，{place}的工作人员向居民讲解相关知识。',
            '图为{place}一角。', '{m}月{d}日，{p}在{place}检查设施运行情况。']
PLACES = ['社区服务中心', '文化广场', '街道办事处', '产业园区', '人民公园', '图书馆', '市民中心']


def pick(rng, v, choices):
    return rng.choice(choices) if v == 'mixed' else v


def double(s, digits=True):
    return ''.join(c * 2 if not c.isspace() else c for c in s)


def render_article(rng, prm, art, truth, raw):
    source, title, paras = art
    width = rng.randint(*prm['width'])
    paras = list(paras)
    # keep pages moderate: at most 8 paragraphs / ~1800 characters per article
    out, total = [], 0
    for p in paras:
        if out and (len(out) >= 8 or total + len(p) > 1800):
            break
        out.append(p)
        total += len(p)
    paras = out

    # list markers at paragraph starts (part of the printed text, so of the truth too)
    if prm['list_markers'] and rng.random() < prm['list_markers'] and len(paras) >= 3:
        style = rng.choice(['cn', 'arabic', 'paren'])
        for k in range(1, len(paras)):
            if re.match(r'^(第.{1,4}条|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+\.)', paras[k]):
                continue
            mk = {'cn': CN_NUM[(k - 1) % 10] + '、', 'arabic': f'{k}.', 'paren': f'（{k}）'}[style]
            paras[k] = mk + paras[k]

    # headline
    hl = pick(rng, prm['headline'], ['single', 'single', 'two-line', 'fakebold'])
    truth.append(title)
    if hl == 'single' or len(title) < 6:
        raw.append(title)
    elif hl == 'two-line':
        cut = len(title) // 2 + rng.randint(-1, 1)
        raw += [title[:cut], title[cut:]]
    else:  # fakebold: every glyph read twice, sometimes broken across two lines inside a pair
        d = double(title)
        if rng.random() < 0.5:
            cut = len(d) // 2 + (1 if rng.random() < 0.6 else 0)
            raw += [d[:cut], d[cut:]]
        else:
            raw.append(d)

    name = common.person_name(rng)
    by = pick(rng, prm['byline'], ['none', 'none', 'line', 'runin', 'damaged'])
    if by == 'line':
        t = rng.choice(['本报记者 ', '记者 ']) + name
        truth.append(t)
        raw.append(t if rng.random() < 0.5 else t.replace(' ', ''))
    runin_raw = None
    if by in ('runin', 'damaged'):
        t = f'本报讯（记者 {name}）'
        if by == 'runin':
            runin_raw = t if rng.random() < 0.5 else t.replace(' ', '')
        else:
            runin_raw = rng.choice([f'本报讯《记者{name})', f'本报讯(记者 {name}）', f'本报讯（记者{name})',
                                    f'本报讯〈记者 {name}）'])
        paras[0] = t + paras[0]

    credit = None
    if prm['credit'] and rng.random() < prm['credit'] and paras[-1][-1] in '。！？”':
        credit = f'（{common.person_name(rng)}）'
        paras[-1] += credit

    caption_at = rng.randrange(1, len(paras) + 1) if prm['caption'] and rng.random() < prm['caption'] else None
    indent = pick(rng, prm['indent'], ['dropped', 'dropped', 'spaces'])
    sq = prm['squeeze'] > 0 and rng.random() < prm['squeeze']

    for k, p in enumerate(paras):
        if caption_at == k:
            cap = rng.choice(CAPTIONS).format(m=rng.randint(1, 12), d=rng.randint(1, 28), p=common.person_name(rng),
                                              place=rng.choice(PLACES))
            truth.append(cap)
            raw.append(double(cap))
        truth.append(p)
        lines = common.break_paragraph(p, width, indent=2, squeeze=sq, rng=rng, split_numbers=prm['split_numbers'])
        if k == 0 and runin_raw:
            lines[0] = runin_raw + lines[0][len(paras[0]) - len(paras[0]) + len(f'本报讯（记者 {name}）'):] \
                if lines[0].startswith(f'本报讯（记者 {name}）') else lines[0]
        if credit and k == len(paras) - 1:
            whole = ''.join(lines)
            mode = rng.choice(['natural', 'own-line', 'dangling'])
            body = whole[:-len(credit)]
            if mode == 'own-line':
                lines = common.break_paragraph(body, width, indent=2, squeeze=sq) + [credit]
            elif mode == 'dangling':
                lines = common.break_paragraph(body, width, indent=2, squeeze=sq)
                lines[-1] += '（'
                lines.append(credit[1:])
        if indent == 'spaces':
            lines[0] = rng.choice(['  ', '　　', ' ']) + lines[0]
        raw += lines
    if caption_at == len(paras):
        cap = rng.choice(CAPTIONS).format(m=rng.randint(1, 12), d=rng.randint(1, 28), p=common.person_name(rng),
                                          place=rng.choice(PLACES))
        truth.append(cap)
        raw.append(double(cap))


def damage_line(rng, prm, line):
    if prm['stray_space']:
        out = []
        for c in line:
            if c in common.PUNCT and rng.random() < prm['stray_space']:
                out.append(rng.choice([' ' + c, c + ' ', ' ' + c + ' ']))
            else:
                out.append(c)
        line = ''.join(out)
    if prm['halfwidth']:
        line = ''.join(HW[c] if c in HW and rng.random() < prm['halfwidth'] else c for c in line)
    return line


def make_page(rng, prm, arts):
    truth, raw_blocks = [], []
    if prm['form_feed']:
        w = rng.randint(*prm['width'])  # a book page: one measure for every article on it
        prm = dict(prm, width=(w, w))
    for a in arts:
        raw = []
        render_article(rng, prm, a, truth, raw)
        raw_blocks.append(raw)
    if prm.get('clean'):
        return '\n'.join(truth) + '\n', '\n'.join(truth) + '\n'
    blank = pick(rng, prm['blank'], ['none', 'paragraph', 'blocks'])
    out = []
    for ai, raw in enumerate(raw_blocks):
        if ai and rng.random() < prm['article_gap']:
            out.append('')
        nblock = rng.randint(3, 6)
        for li, l in enumerate(raw):
            out.append(damage_line(rng, prm, l))
            if blank == 'blocks' and li + 1 < len(raw) and (li + 1) % nblock == 0:
                out.append('')
        if blank == 'paragraph':
            pass
    if blank == 'paragraph':
        # a blank line at every paragraph break: recompute from truth ends
        out = paragraph_blank(out, truth)
    if prm['form_feed']:
        out = form_feeds(rng, out)
    return '\n'.join(out) + '\n', '\n'.join(truth) + '\n'


def form_feeds(rng, lines):
    """A form feed every 28-40 lines, where a printed page ends: glued to the end of the page's
    last line (`…文化大革\f`) or opening the next page's first line, as text extractors write it."""
    out, left = [], rng.randint(28, 40)
    for k, l in enumerate(lines):
        left -= 1
        if left == 0 and k + 1 < len(lines):
            if rng.random() < 0.5:
                out.append(l + '\f')
            else:
                out.append(l)
                lines[k + 1] = '\f' + lines[k + 1]
            left = rng.randint(28, 40)
        else:
            out.append(l)
    return out


def paragraph_blank(raw_lines, truth):
    """Insert a blank line after every raw line that ends a truth paragraph."""
    import common as score
    tends = set(score.paragraph_ends('\n'.join(truth)))
    out, n = [], 0
    for l in raw_lines:
        out.append(l)
        n += len(score.squeeze(l))
        if l.strip() and n in tends and (not out[-2:-1] or True):
            out.append('')
    while out and out[-1] == '':
        out.pop()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--pages', type=int, default=24, help='pages per family (half tune, half heldout)')
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--out', default=os.path.join(common.HERE, 'out', 'gen'))
    ap.add_argument('--families', default=','.join(FAMILIES))
    a = ap.parse_args()
    splits = common.articles_by_split()
    for fam in a.families.split(','):
        prm = dict(BASE, **FAMILIES[fam])
        d = os.path.join(a.out, fam)
        os.makedirs(d, exist_ok=True)
        rng = random.Random(f'{a.seed}:{fam}')
        index = ['page\tsplit\tsources\ttitles']
        for n in range(a.pages):
            split = 'tune' if n < a.pages // 2 else 'heldout'
            pool = splits[split]
            arts = [pool[rng.randrange(len(pool))] for _ in range(rng.randint(2, 4))]
            raw, truth = make_page(rng, prm, arts)
            with open(os.path.join(d, f'{n:03d}.raw.txt'), 'w', encoding='utf-8') as w:
                w.write(raw)
            with open(os.path.join(d, f'{n:03d}.truth.txt'), 'w', encoding='utf-8') as w:
                w.write(truth)
            index.append(f'{n:03d}\t{split}\t{",".join(x[0] for x in arts)}\t{" | ".join(x[1] for x in arts)}')
        with open(os.path.join(d, 'index.tsv'), 'w', encoding='utf-8') as w:
            w.write('\n'.join(index) + '\n')
        print(f'{fam}: {a.pages} pages -> {d}')


if __name__ == '__main__':
    main()
