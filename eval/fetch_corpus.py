#!/usr/bin/env python3
"""Regenerate eval/corpus/*.txt from their sources (see eval/corpus/SOURCES.md).

Sources:
  handbook  Debian Administrator's Handbook, zh-CN  (apt-get install debian-handbook)   CC BY-SA 3.0
  faq       Debian FAQ, zh-cn                        (apt-get install debian-faq-zh-cn)  Debian FAQ licence (free)
  cases     LawRefBook/Laws 案例/ (typical cases published by PRC courts/ministries)  public domain (PRC Copyright Law art. 5)
  laws      LawRefBook/Laws 法律 texts (statutes)                                   public domain (PRC Copyright Law art. 5)

The Laws repository is read from a local git checkout (--laws-repo, default the
snapshot used to build the committed corpus, commit LAWS_COMMIT).

Output format: UTF-8, one paragraph per line, articles separated by one blank
line; the first line of every article is its title.
Usage: python3 eval/fetch_corpus.py [--laws-repo PATH] [--out eval/corpus]
"""
import argparse, glob, html.parser, os, re, subprocess, sys

LAWS_COMMIT = "2f4c5c2"  # LawRefBook/Laws, "feat: 地方法规"
HERE = os.path.dirname(os.path.abspath(__file__))

CJK = re.compile(r'[\u3400-\u9fff\uf900-\ufaff]')
FW_PUNCT = '，。、；：？！“”‘’（）《》【】「」…—·'
HW2FW = {',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）'}


def is_cjk(c):
    return bool(CJK.match(c)) or c in FW_PUNCT


def normalize(s, min_len=16, min_cjk=0.62):
    """Clean one paragraph; return None if it is not prose worth keeping."""
    s = s.replace('\u00a0', ' ').replace('\u200b', '')
    s = re.sub(r'\s+', ' ', s).strip()
    if not s:
        return None
    # half-width punctuation in Chinese context -> full-width
    out = list(s)
    for i, c in enumerate(out):
        if c in HW2FW:
            prev = next((x for x in reversed(out[:i]) if x != ' '), '')
            nxt = next((x for x in s[i + 1:] if x != ' '), '')
            if c in '()':
                # parentheses: full-width when their content or surroundings are Chinese
                if (prev and is_cjk(prev)) or (nxt and is_cjk(nxt)):
                    out[i] = HW2FW[c]
            elif (prev and is_cjk(prev)) or (nxt and is_cjk(nxt)) or nxt == '':
                out[i] = HW2FW[c]
    s = ''.join(out)
    # balance parentheses converted on one side only
    s = re.sub(r'（([^（）()]*)\)', r'（\1）', s)
    s = re.sub(r'\(([^（）()]*)）', r'（\1）', s)
    # Chinese period after CJK
    s = re.sub(r'(?<=[\u3400-\u9fff”）》])\.(?=\s|$)', '。', s)
    s = s.replace('...', '…').replace('……', '……')
    s = re.sub(r'(?<![…])…(?!…)', '……', s)
    # straight quotes around Chinese -> curly (alternate)
    if '"' in s:
        parts = s.split('"')
        if len(parts) % 2 == 1:
            s = ''.join(p + ('“' if i % 2 == 0 else '”') for i, p in enumerate(parts[:-1])) + parts[-1]
        else:
            return None
    # no spaces next to full-width punctuation, none between CJK and Latin/digits
    s = re.sub(r' *([%s]) *' % re.escape(FW_PUNCT), r'\1', s)
    s = re.sub(r'(?<=[\u3400-\u9fff]) (?=[0-9A-Za-z])', '', s)
    s = re.sub(r'(?<=[0-9A-Za-z%]) (?=[\u3400-\u9fff])', '', s)
    s = re.sub(r'(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])', '', s)
    s = re.sub(r'(?<=[0-9])：(?=[0-9]{2})', ':', s)  # clock times stay half-width (18:00)
    s = s.strip()
    body = s.replace(' ', '')
    if len(body) < min_len:
        return None
    cjk = len(CJK.findall(body))
    if cjk / len(body) < min_cjk:
        return None
    if re.search(r'(?<![A-Za-z])/|/(?![A-Za-z])|[<>{}=_$`\\@#*|~\[\]]|https?|www\.|\.[a-z]{2,4}\b', s):
        return None
    if s[-1] not in '。！？”』）…；：':
        return None
    if s.count('“') != s.count('”') or s.count('（') != s.count('）') or s.count('《') != s.count('》'):
        return None
    return s


class ParaCollector(html.parser.HTMLParser):
    """Collect (kind, text) from DocBook HTML: kind 'h' for headings, 'p' for paragraphs.
    Paragraphs inside lists, tables, notes with code and <pre> are skipped."""

    def __init__(self, para_tags):
        super().__init__(convert_charrefs=True)
        self.para_tags = para_tags  # predicate(tag, attrs) -> bool
        self.items = []
        self.stack = []  # (tag, role)
        self.buf = None
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get('class', '') or ''
        if tag in ('br', 'img', 'meta', 'link', 'hr', 'input'):
            return
        role = None
        if self.buf is None:
            if tag in ('h1', 'h2', 'h3', 'h4'):
                role = 'h'
            elif self.para_tags(tag, cls) and not self.in_skip():
                role = 'p'
            if role:
                self.buf = []
        if tag in ('li', 'pre', 'table', 'dl', 'style', 'script', 'title') or 'toc' in cls or 'docnav' in cls:
            role = role or 'skip'
        self.stack.append((tag, role))

    def in_skip(self):
        return any(r == 'skip' for _, r in self.stack)

    def handle_endtag(self, tag):
        while self.stack:
            t, role = self.stack.pop()
            if role in ('h', 'p') and self.buf is not None:
                self.items.append((role, ''.join(self.buf)))
                self.buf = None
            if t == tag:
                break

    def handle_data(self, data):
        if self.buf is not None and not any(r == 'skip' for _, r in self.stack[:-1] if r):
            self.buf.append(data)


def strip_heading(h):
    h = re.sub(r'\s+', ' ', h).strip()
    h = re.sub(r'^(第 ?[0-9]+ ?章|附录 ?[A-Z]\.?|[0-9A-Z]+(\.[0-9]+)*\.?)\s*', '', h)
    h = h.replace('?', '？').replace(':', '：').strip()
    h = re.sub(r' ?\(([^()]*)\)', r'（\1）', h)
    h = re.sub(r' *([%s]) *' % re.escape(FW_PUNCT), r'\1', h)
    return h


def good_title(t):
    return 4 <= len(t) <= 30 and len(CJK.findall(t)) >= 3 and not re.search(r'[/<>{}=_$`\\@*|~]', t)


def docbook_articles(files, para_tags, level):
    """Split DocBook HTML into articles at headings of `level` (and deeper when an article grows large)."""
    arts = []
    for f in files:
        p = ParaCollector(para_tags)
        p.feed(open(f, encoding='utf-8').read())
        title, paras = None, []
        for kind, text in p.items:
            if kind == 'h':
                if title and len(paras) >= 2:
                    arts.append((title, paras))
                title, paras = strip_heading(text), []
                if not good_title(title):
                    title = None
            elif title:
                n = normalize(text)
                if n:
                    paras.append(n)
        if title and len(paras) >= 2:
            arts.append((title, paras))
    return arts


def handbook():
    files = sorted(glob.glob('/usr/share/doc/debian-handbook/html/zh-CN/*.html'))
    if not files:
        sys.exit('debian-handbook not installed: apt-get install debian-handbook')
    return docbook_articles(files, lambda t, c: t == 'div' and c == 'para', 2)


def faq():
    files = sorted(glob.glob('/usr/share/doc/debian/FAQ/zh-cn/*.zh-cn.html'))
    files = [f for f in files if not f.endswith('index.zh-cn.html')]
    if not files:
        sys.exit('debian-faq-zh-cn not installed: apt-get install debian-faq-zh-cn')
    return docbook_articles(files, lambda t, c: t == 'p', 3)


def git_files(repo, prefix):
    out = subprocess.run(['git', '-C', repo, 'ls-tree', '-r', '-z', '--name-only', LAWS_COMMIT, '--', prefix],
                         capture_output=True, check=True).stdout.decode('utf-8')
    return sorted(x for x in out.split('\0') if x.endswith('.md') and not x.endswith('_index.md'))


def git_show(repo, path):
    return subprocess.run(['git', '-C', repo, 'show', f'{LAWS_COMMIT}:{path}'], capture_output=True,
                          check=True).stdout.decode('utf-8')


def md_article(text, keep_article_markers):
    title, paras = None, []
    body = text.split('<!-- INFO END -->', 1)[-1] if '<!-- INFO END -->' in text else text
    m = re.search(r'^# (.+)$', text, re.M)
    if m:
        title = re.sub(r'\(\d{4}-\d{2}-\d{2}\)$', '', m.group(1)).strip()
        title = title.replace('(', '（').replace(')', '）')
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith('#') or line.startswith('<!--'):
            continue
        line = re.sub(r'^\*\*(.+?)\*\*', r'\1', line)
        if keep_article_markers:
            line = re.sub(r'^(第[一二三四五六七八九十百零〇]+条)\s*', '\\1\u3000', line)
            art = re.match(r'^第[一二三四五六七八九十百零〇]+条\u3000', line)
            if art:
                n = normalize(line[len(art.group(0)):])
                if n:
                    paras.append(art.group(0) + n)
                continue
        n = normalize(line, min_len=4 if keep_article_markers else 16)
        if n:
            paras.append(n)
    return title, paras


def cases(repo):
    arts = []
    for f in git_files(repo, '案例'):
        t, p = md_article(git_show(repo, f), False)
        if t and len(p) >= 3:
            arts.append((t, p))
    return arts


LAW_DIRS = ['社会法', '行政法', '经济法', '民法商法']
LAW_BUDGET = 110_000  # characters


def laws(repo):
    arts, total = [], 0
    files = [f for d in LAW_DIRS for f in git_files(repo, d)]
    # deterministic spread over the categories: every 4th law, smaller ones first within the budget
    for f in files[::4]:
        t, p = md_article(git_show(repo, f), True)
        if not t or len(p) < 5:
            continue
        size = sum(len(x) for x in p)
        if size > 40_000:
            continue
        if total + size > LAW_BUDGET:
            break
        arts.append((t, p))
        total += size
    return arts


def write(path, arts):
    with open(path, 'w', encoding='utf-8') as w:
        w.write('\n\n'.join('\n'.join([t] + p) for t, p in arts) + '\n')
    n = sum(len(p) for _, p in arts)
    print(f'{path}: {len(arts)} articles, {n} paragraphs, {os.path.getsize(path)} bytes')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--laws-repo', default='/work/.mirror/LawRefBook+Laws/repo')
    ap.add_argument('--out', default=os.path.join(HERE, 'corpus'))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    write(os.path.join(a.out, 'handbook.txt'), handbook())
    write(os.path.join(a.out, 'faq.txt'), faq())
    write(os.path.join(a.out, 'cases.txt'), cases(a.laws_repo))
    write(os.path.join(a.out, 'laws.txt'), laws(a.laws_repo))


if __name__ == '__main__':
    main()
