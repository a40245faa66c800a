"""Shared by render_ocr.py and gen.py: corpus loading, the tune/heldout split, line breaking."""
import hashlib, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, 'corpus')
SOURCES = ['cases', 'handbook', 'faq', 'laws']

# 避头尾: never at line start / never at line end
NO_START = set('，。、；：？！”’）》」』】〕…—·％%,.;:?!)')
NO_END = set('“‘（《「『【〔(')
PUNCT = set('，。、；：？！“”‘’（）《》「」『』【】…—·')

SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'
GIVEN = '晨伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力海波宁鹏飞云峰斌婷雪琳欣怡浩宇博然子轩梓涵一诺思远嘉欣佳琪俊杰'


def load_articles(source):
    """[(title, [paragraphs])] of one corpus file."""
    text = open(os.path.join(CORPUS, source + '.txt'), encoding='utf-8').read()
    arts = []
    for block in text.strip().split('\n\n'):
        lines = [l for l in block.split('\n') if l.strip()]
        if len(lines) >= 2:
            arts.append((lines[0], lines[1:]))
    return arts


def split_of(source, title):
    """'tune' or 'heldout', fixed by the article (hash of source and title)."""
    h = hashlib.sha1(f'{source}\0{title}'.encode('utf-8')).digest()[0]
    return 'tune' if h % 2 == 0 else 'heldout'


def articles_by_split():
    out = {'tune': [], 'heldout': []}
    for s in SOURCES:
        for t, p in load_articles(s):
            out[split_of(s, t)].append((s, t, p))
    return out


def person_name(rng):
    n = rng.choice(SURNAMES)
    n += rng.choice(GIVEN) if rng.random() < 0.35 else rng.choice(GIVEN) + rng.choice(GIVEN)
    return n


def is_wide(c):
    o = ord(c)
    return o >= 0x2E80 or c in PUNCT


def unit_width(c):
    """Width in em for the text model: wide characters 1, others 1/2."""
    return 1.0 if is_wide(c) else 0.5


LATIN_RUN = re.compile(r'[A-Za-z0-9][A-Za-z0-9.%:+\-]*')


def break_paragraph(text, width, indent=2.0, widthfn=unit_width, squeeze=False, keep_runs=True, rng=None,
                    split_numbers=0.0):
    """Break one paragraph into printed lines the way a column sets it.

    width: column width (same unit as widthfn); indent: first-line indent.
    避头尾: a closing punctuation mark that would start a line is pulled onto the line before
    (squeezed, up to two); an opening mark that would end a line is pushed to the next.
    squeeze: a line holding 2+ punctuation marks takes one more character (compressed punctuation).
    keep_runs: Latin words and numbers are not split (unless rng and split_numbers say so).
    Returns the lines without indent.
    """
    lines, i, n, first = [], 0, len(text), True
    runs = {}
    for m in LATIN_RUN.finditer(text):
        for k in range(m.start() + 1, m.end()):
            runs[k] = m.start()
    while i < n:
        cap = width - (indent if first else 0)
        j, w, npunct = i, 0.0, 0
        while j < n:
            cw = widthfn(text[j])
            extra = 1.0 if squeeze and npunct >= 2 else 0.0
            if w + cw > cap + extra + 1e-6:
                break
            w += cw
            if text[j] in PUNCT:
                npunct += 1
            j += 1
        if j >= n:
            lines.append(text[i:]);
            break
        if j == i:
            j = i + 1
        # 避头尾: closing marks may not start the next line: pull up to two onto this one
        pulled = 0
        while j < n and text[j] in NO_START and pulled < 2:
            j += 1
            pulled += 1
        if j < n and text[j] in NO_START:
            # still a closing mark: push the last character of this line down instead
            j -= pulled + 1
            while j > i + 1 and text[j] in NO_START:
                j -= 1
        # opening marks may not end a line
        while j - 1 > i and text[j - 1] in NO_END:
            j -= 1
        # keep Latin words and numbers whole
        if keep_runs and j < n and j in runs and runs[j] > i:
            run = LATIN_RUN.match(text, runs[j]).group(0)
            numeric = run[:len(run)].replace('.', '').replace('%', '').isdigit()
            if not (rng and numeric and rng.random() < split_numbers):
                j = runs[j]
        lines.append(text[i:j])
        i = j
        first = False
    return lines


# Text helpers shared by the generators (the metrics themselves are `jiaodui score`).
_LINE_SPLIT = re.compile(r'\r\n|[\n\r\u2028\u2029\u0085]')


def read(path):
    with open(path, encoding='utf-8-sig', newline='') as f:
        return f.read()


def squeeze(t):
    return ''.join(c for c in t if not c.isspace())


def paragraph_ends(text):
    """Whitespace-free glyph count after each non-blank line (as `jiaodui score` counts)."""
    ends, n = [], 0
    for line in _LINE_SPLIT.split(text):
        k = len(squeeze(line))
        if k:
            n += k
            ends.append(n)
    return ends


def is_fullwidth_punct(c):
    o = ord(c)
    if 0x3001 <= o <= 0x303F:
        return True
    if 0xFF01 <= o <= 0xFF65:
        return not c.isalnum()
    return c in '“”‘’…—·'


def spaces_left(text):
    """Whitespace other than line breaks next to full-width punctuation."""
    return sum(1 for k, c in enumerate(text) if c.isspace() and c not in '\n\r\u2028\u2029\u0085' and (
        (k > 0 and is_fullwidth_punct(text[k - 1])) or (k + 1 < len(text) and is_fullwidth_punct(text[k + 1]))))
